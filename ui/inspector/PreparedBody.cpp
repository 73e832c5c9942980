#include "PreparedBody.h"

#include <algorithm>

#include <QBuffer>
#include <QImageReader>

#include "JsonReader.h"

namespace salvo::ui {

QString mimeTypeOf(const QString &contentType)
{
    return contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

namespace {

bool isJsonType(const QString &mimeType)
{
    return mimeType == u"application/json" || mimeType.endsWith(u"+json");
}

bool startsLikeJson(const QByteArray &body)
{
    for (const char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

// The bytes without a UTF-8 sequence a cut left incomplete at the end.
QByteArrayView withoutCutSequence(QByteArrayView bytes)
{
    for (qsizetype back = 1; back <= 3 && back <= bytes.size(); ++back) {
        const auto c = uchar(bytes.at(bytes.size() - back));
        if ((c & 0xC0) == 0x80)
            continue; // a continuation byte: look further back for the lead
        const qsizetype length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return length > back ? bytes.first(bytes.size() - back) : bytes;
    }
    return bytes;
}

// Valid UTF-8 with hardly any control characters. A cut body may end inside a sequence.
bool isText(const QByteArray &body, bool truncated)
{
    const QByteArrayView bytes = truncated ? withoutCutSequence(body) : QByteArrayView(body);
    if (!bytes.isValidUtf8())
        return false;
    qsizetype controls = 0;
    for (const char c : bytes) {
        if (c == '\0')
            return false;
        if ((uchar(c) < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v'
             && c != '\x1b')
            || c == '\x7f')
            ++controls;
    }
    return controls * 100 <= bytes.size();
}

// Inserts a line break into every line longer than maxLineChars. True if it had to.
bool breakLongLines(QString &text)
{
    qsizetype run = 0;
    bool needed = false;
    for (const QChar c : std::as_const(text)) {
        run = c == u'\n' ? 0 : run + 1;
        if (run > maxLineChars) {
            needed = true;
            break;
        }
    }
    if (!needed)
        return false;
    QString broken;
    broken.reserve(text.size() + text.size() / maxLineChars + 1);
    run = 0;
    for (const QChar c : std::as_const(text)) {
        if (c == u'\n') {
            run = 0;
        } else if (run >= maxLineChars && !c.isLowSurrogate()) {
            broken += u'\n';
            run = 0;
        }
        broken += c;
        if (c != u'\n')
            ++run;
    }
    text = std::move(broken);
    return true;
}

// Text for a view: at most `cap` bytes, decoded, long lines broken.
QString displayText(QByteArrayView bytes, qsizetype cap, PreparedBody &prepared)
{
    if (bytes.size() > cap) {
        bytes = withoutCutSequence(bytes.first(cap));
        prepared.shownBytes = bytes.size();
    }
    QString text = QString::fromUtf8(bytes);
    prepared.linesBroken = breakLongLines(text);
    return text;
}

// "00000010  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 01  |Hello, world!...|"
QString hexDump(QByteArrayView bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    constexpr qsizetype perLine = 16;
    constexpr qsizetype lineLength = 8 + 2 + perLine * 3 + 1 + 1 + perLine + 1 + 1;
    QByteArray dump;
    dump.reserve((bytes.size() / perLine + 1) * lineLength);
    for (qsizetype offset = 0; offset < bytes.size(); offset += perLine) {
        const QByteArrayView line = bytes.sliced(offset, std::min(perLine, bytes.size() - offset));
        for (int shift = 28; shift >= 0; shift -= 4)
            dump += digits[(offset >> shift) & 0xF];
        dump += ' ';
        for (qsizetype i = 0; i < perLine; ++i) {
            dump += i == perLine / 2 ? "  " : " ";
            if (i < line.size()) {
                dump += digits[uchar(line.at(i)) >> 4];
                dump += digits[uchar(line.at(i)) & 0xF];
            } else {
                dump += "  ";
            }
        }
        dump += "  |";
        for (const char c : line)
            dump += uchar(c) >= 0x20 && uchar(c) < 0x7f ? c : '.';
        dump += "|\n";
    }
    return QString::fromLatin1(dump);
}

bool isScalableVectorGraphics(const QByteArray &imageFormat)
{
    return imageFormat == "svg" || imageFormat == "svgz";
}

// The body as text, or as a hex dump when it is not text.
PreparedBody prepareAsText(const QByteArray &body, bool truncated, PreparedBody prepared)
{
    if (isText(body, truncated)) {
        prepared.kind = PreparedBody::Kind::Text;
        prepared.text = displayText(truncated ? withoutCutSequence(body) : QByteArrayView(body),
                                    textDisplayCap, prepared);
    } else {
        prepared.kind = PreparedBody::Kind::Hex;
        const qsizetype shown = std::min(body.size(), hexDisplayCap);
        if (shown < body.size())
            prepared.shownBytes = shown;
        prepared.text = hexDump(QByteArrayView(body).first(shown));
    }
    return prepared;
}

} // namespace

// Nothing here touches a widget or a translation.
PreparedBody prepareBody(const QByteArray &body, const QString &contentType, bool truncated,
                         qint64 receivedBytes)
{
    PreparedBody prepared;
    prepared.keptBytes = body.size();
    prepared.receivedBytes = std::max(receivedBytes, qint64(body.size()));
    prepared.truncated = truncated;
    if (body.isEmpty())
        return prepared;

    const QString mimeType = mimeTypeOf(contentType);
    if (mimeType.startsWith(u"image/")) {
        QBuffer buffer;
        buffer.setData(body);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        QImage image;
        // Whatever the Content-Type says, the reader goes by the bytes. An SVG is a document
        // that can draw files of this machine into the picture: it shows as the XML it is.
        if (isScalableVectorGraphics(reader.format()))
            return prepareAsText(body, truncated, std::move(prepared));
        if (reader.read(&image)) {
            prepared.kind = PreparedBody::Kind::Image;
            prepared.image = std::move(image);
            return prepared;
        }
        prepared.imageFailed = true;
    }

    const bool jsonType = isJsonType(mimeType);
    if (jsonType || startsLikeJson(body)) {
        JsonReading reading = readJson(body, jsonNestingLimit, textDisplayCap);
        const JsonTree::Type top = reading.outcome == JsonReading::Outcome::Read
                ? reading.tree.node(0).type
                : JsonTree::Type::Null;
        const bool container = top == JsonTree::Type::Array || top == JsonTree::Type::Object;
        if (container) {
            prepared.kind = PreparedBody::Kind::Json;
            prepared.tree = std::make_shared<const JsonTree>(std::move(reading.tree));
            prepared.text = displayText(reading.indented, textDisplayCap, prepared);
            return prepared;
        }
        // A lone number or string is valid JSON with no tree to show: text, without a note.
        if (reading.outcome == JsonReading::Outcome::TooDeep) {
            prepared.jsonProblem = PreparedBody::JsonProblem::TooDeep;
        } else if (reading.outcome == JsonReading::Outcome::Invalid && jsonType) {
            prepared.jsonProblem = truncated ? PreparedBody::JsonProblem::Cut
                                             : PreparedBody::JsonProblem::Invalid;
            prepared.jsonError = std::move(reading.error);
            prepared.jsonErrorOffset = reading.errorOffset;
        }
    }

    return prepareAsText(body, truncated, std::move(prepared));
}

} // namespace salvo::ui
