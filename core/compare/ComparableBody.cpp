#include "ComparableBody.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStringView>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

namespace salvo {
namespace {

using namespace Qt::StringLiterals;

// ---- Text -----------------------------------------------------------------------------------

// The length of the well-formed UTF-8 sequence at bytes[at], or 0 when the byte there does
// not start one (overlong forms, surrogates and code points past U+10FFFF included), after
// the Unicode standard's table 3-7.
qsizetype utf8SequenceLength(QByteArrayView bytes, qsizetype at)
{
    const auto byte = [&](qsizetype i) { return i < bytes.size() ? quint8(bytes[i]) : 0; };
    const auto between = [](quint8 b, quint8 low, quint8 high) { return b >= low && b <= high; };
    const quint8 lead = byte(at);
    if (lead < 0x80)
        return 1;
    if (between(lead, 0xC2, 0xDF))
        return between(byte(at + 1), 0x80, 0xBF) ? 2 : 0;
    if (between(lead, 0xE0, 0xEF)) {
        const quint8 low = lead == 0xE0 ? 0xA0 : 0x80;
        const quint8 high = lead == 0xED ? 0x9F : 0xBF;
        return between(byte(at + 1), low, high) && between(byte(at + 2), 0x80, 0xBF) ? 3 : 0;
    }
    if (between(lead, 0xF0, 0xF4)) {
        const quint8 low = lead == 0xF0 ? 0x90 : 0x80;
        const quint8 high = lead == 0xF4 ? 0x8F : 0xBF;
        return between(byte(at + 1), low, high) && between(byte(at + 2), 0x80, 0xBF)
                        && between(byte(at + 3), 0x80, 0xBF)
                ? 4
                : 0;
    }
    return 0;
}

// UTF-8 with each byte outside a valid sequence written as \xNN: QString::fromUtf8() would
// turn every such byte into the same U+FFFD, and two different binary bodies into one text.
QString decodeUtf8KeepingInvalidBytes(QByteArrayView bytes)
{
    QString text;
    qsizetype validFrom = 0;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype length = utf8SequenceLength(bytes, at);
        if (length > 0) {
            at += length;
            continue;
        }
        if (text.isEmpty())
            text.reserve(bytes.size() + 8);
        text += QString::fromUtf8(bytes.sliced(validFrom, at - validFrom));
        text += u"\\x"_s + QString::number(quint8(bytes[at]), 16).toUpper().rightJustified(2, u'0');
        validFrom = ++at;
    }
    if (validFrom == 0)
        return QString::fromUtf8(bytes); // the usual case: all valid, decoded in one go
    text += QString::fromUtf8(bytes.sliced(validFrom));
    return text;
}

// ---- JSON -----------------------------------------------------------------------------------

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Whether QJsonDocument can read this JSON number as a value that a different number could
// also become. Integers are kept exactly while they fit a qint64; anything else is a double,
// and two decimals with at most 15 significant digits (DBL_DIG) in the normal range never
// round to the same double. The rest may: 12345678901234567890 and ...891 both print as
// 12345678901234567000, and the subnormals 4.9e-324 and 5e-324 are one double. (Numbers
// beyond a double's range, 1e400 or 1e-400, QJsonDocument rejects: the body is text.)
bool numberMayMerge(QByteArrayView lexeme)
{
    const qsizetype exponentAt = std::max(lexeme.indexOf('e'), lexeme.indexOf('E'));
    if (exponentAt < 0 && !lexeme.contains('.')) {
        bool fits = false;
        std::ignore = lexeme.toLongLong(&fits);
        return !fits;
    }
    const QByteArrayView mantissa = exponentAt < 0 ? lexeme : lexeme.first(exponentAt);
    QByteArray digits;
    for (const char c : mantissa) {
        if (isDigit(c))
            digits += c;
    }
    qsizetype first = 0;
    qsizetype end = digits.size();
    while (first < end && digits.at(first) == '0')
        ++first;
    while (end > first && digits.at(end - 1) == '0')
        --end;
    if (end - first > 15)
        return true;
    if (first == end)
        return false; // a zero, however written
    bool ok = false;
    const double value = lexeme.toDouble(&ok);
    return !ok || !std::isfinite(value) || std::abs(value) < std::numeric_limits<double>::min();
}

// Where the numbers that may merge are in a document QJsonDocument has already accepted, so
// a plain scan can tell strings from numbers.
QList<std::pair<qsizetype, qsizetype>> mergeableNumbers(QByteArrayView json)
{
    QList<std::pair<qsizetype, qsizetype>> spans; // start, length
    qsizetype at = 0;
    while (at < json.size()) {
        const char c = json[at];
        if (c == '"') {
            for (++at; at < json.size() && json[at] != '"'; ++at) {
                if (json[at] == '\\')
                    ++at;
            }
            ++at; // the closing quote
        } else if (c == '-' || isDigit(c)) {
            qsizetype end = at + 1;
            while (end < json.size()
                   && (isDigit(json[end]) || json[end] == '.' || json[end] == 'e'
                       || json[end] == 'E' || json[end] == '+' || json[end] == '-'))
                ++end;
            if (numberMayMerge(json.sliced(at, end - at)))
                spans.append({at, end - at});
            at = end;
        } else {
            ++at;
        }
    }
    return spans;
}

// A string no body spells by chance: a number that may merge stands in for it while Qt sorts
// the keys, and is put back as written afterwards.
const QByteArray &placeholderPrefix()
{
    static const QByteArray prefix = "\"salvo-number-"
            + QByteArray::number(QRandomGenerator::system()->generate64(), 16) + '-';
    return prefix;
}

QByteArray withPlaceholders(QByteArrayView json,
                            const QList<std::pair<qsizetype, qsizetype>> &numbers)
{
    QByteArray out;
    out.reserve(json.size() + numbers.size() * (placeholderPrefix().size() + 8));
    qsizetype from = 0;
    for (qsizetype i = 0; i < numbers.size(); ++i) {
        const auto [start, length] = numbers.at(i);
        out += json.sliced(from, start - from);
        out += placeholderPrefix() + QByteArray::number(i) + '"';
        from = start + length;
    }
    out += json.sliced(from);
    return out;
}

QByteArray restoreNumbers(QByteArrayView canonical, QByteArrayView json,
                          const QList<std::pair<qsizetype, qsizetype>> &numbers)
{
    const QByteArray &prefix = placeholderPrefix();
    QByteArray out;
    out.reserve(canonical.size());
    qsizetype from = 0;
    for (qsizetype at = canonical.indexOf(prefix); at >= 0; at = canonical.indexOf(prefix, from)) {
        const qsizetype digitsAt = at + prefix.size();
        const qsizetype close = canonical.indexOf('"', digitsAt);
        if (close < 0)
            break; // cannot happen: each placeholder is a whole JSON string
        bool ok = false;
        const qsizetype i = canonical.sliced(digitsAt, close - digitsAt).toLongLong(&ok);
        out += canonical.sliced(from, at - from);
        if (ok && i >= 0 && i < numbers.size())
            out += json.sliced(numbers.at(i).first, numbers.at(i).second);
        from = close + 1;
    }
    out += canonical.sliced(from);
    return out;
}

// The canonical form of a body QJsonDocument reads, or a null QByteArray when it is not JSON.
QByteArray canonicalJson(const QByteArray &body)
{
    QByteArray json = body;
    QJsonDocument document = QJsonDocument::fromJson(json);
    bool scalar = false;
    if (document.isNull()) {
        // QJsonDocument 6.4 reads only an object or an array: a scalar goes into an array of
        // one. Bodies that cannot start a scalar (most text) are not copied to find out.
        const QByteArrayView trimmed = QByteArrayView(body).trimmed();
        if (trimmed.isEmpty() || !QByteArrayView("\"-0123456789tfn").contains(trimmed.front()))
            return {};
        // "1, 2" reads as two elements, not one scalar.
        json = '[' + body + ']';
        document = QJsonDocument::fromJson(json);
        if (!document.isArray() || document.array().size() != 1)
            return {};
        scalar = true;
    }
    const auto numbers = mergeableNumbers(json);
    if (!numbers.isEmpty())
        document = QJsonDocument::fromJson(withPlaceholders(json, numbers));
    QByteArray canonical
            = document.toJson(scalar ? QJsonDocument::Compact : QJsonDocument::Indented);
    if (scalar)
        canonical = canonical.sliced(1, canonical.size() - 2); // the array's brackets
    else if (canonical.endsWith('\n'))
        canonical.chop(1);
    return numbers.isEmpty() ? canonical : restoreNumbers(canonical, json, numbers);
}

} // namespace

QString comparableBodyText(const QByteArray &body)
{
    if (body.isEmpty())
        return {};
    if (const QByteArray json = canonicalJson(body); !json.isNull())
        return QString::fromUtf8(json); // Qt writes valid UTF-8
    QString text = decodeUtf8KeepingInvalidBytes(body);
    text.replace(u"\r\n"_s, u"\n"_s);
    return text;
}

QByteArray bodyDigest(const QByteArray &body)
{
    // The text never holds a lone surrogate (Qt escapes them in JSON, invalid bytes become
    // \xNN), so its UTF-8 loses nothing, and is the same on every platform.
    return QCryptographicHash::hash(comparableBodyText(body).toUtf8(),
                                    QCryptographicHash::Blake2b_160);
}

} // namespace salvo
