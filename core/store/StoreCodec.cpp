#include "StoreCodec.h"

#include "StoredRows.h"

#include <QDataStream>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

#include <array>

namespace salvo {
namespace {

// Each qCompress() call sets zlib up anew, about 60 us on the build machine whatever the size:
// at 230-byte bodies that cut the store thread from 55,000 to 7,600 rows/s. Short bodies are
// stored as they are; they save little anyway.
constexpr qsizetype minimumCompressedSize = 1024;

// The layout encodeRows() writes. A new layout takes a new number; decodeRows() keeps reading
// every earlier one, since files keep the rows of old runs.
constexpr quint8 rowsFormat = 1;
constexpr QDataStream::Version rowsStreamVersion = QDataStream::Qt_6_4;

QString latin1(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes);
}

} // namespace

QString runStateName(RunState state)
{
    switch (state) {
    case RunState::Running:
        return QStringLiteral("running");
    case RunState::Finished:
        return QStringLiteral("finished");
    case RunState::Cancelled:
        return QStringLiteral("cancelled");
    case RunState::Interrupted:
        return QStringLiteral("interrupted");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<RunState> runStateFromName(QStringView name)
{
    for (RunState state :
         {RunState::Running, RunState::Finished, RunState::Cancelled, RunState::Interrupted}) {
        if (name == runStateName(state))
            return state;
    }
    return std::nullopt;
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QJsonObject runSummaryToJson(const RunSummary &run)
{
    return {
            {QStringLiteral("run_id"), run.id > 0 ? QJsonValue(run.id) : QJsonValue()},
            {QStringLiteral("name"), run.batchName},
            {QStringLiteral("state"), runStateName(run.state)},
            {QStringLiteral("started"), timeOrNull(run.started)},
            {QStringLiteral("finished"), timeOrNull(run.finished)},
            {QStringLiteral("rows"), run.rowCount},
            {QStringLiteral("results"), run.resultCount},
            {QStringLiteral("ok"), run.okCount},
            {QStringLiteral("failed"), run.failedCount},
            {QStringLiteral("failed_expectations"), run.unmetCount},
    };
}

QByteArray headerListToJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray{latin1(name), latin1(value)});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

HeaderList headerListFromJson(QByteArrayView json)
{
    HeaderList headers;
    const QJsonArray array = QJsonDocument::fromJson(json.toByteArray()).array();
    for (const auto &pair : array) {
        const QJsonArray fields = pair.toArray();
        if (fields.size() == 2)
            headers.append(
                    {fields.at(0).toString().toLatin1(), fields.at(1).toString().toLatin1()});
    }
    return headers;
}

QByteArray headerLines(const HeaderList &headers)
{
    QByteArray lines;
    for (const auto &[name, value] : headers)
        lines += name + ": " + value + "\r\n";
    return lines;
}

HeaderList headerListFromLines(QByteArrayView lines)
{
    HeaderList headers;
    for (QByteArrayView rest = lines; !rest.isEmpty();) {
        const qsizetype end = rest.indexOf("\r\n");
        const QByteArrayView line = end < 0 ? rest : rest.first(end);
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 2);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        QByteArrayView value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
        headers.append({line.first(colon).toByteArray(), value.toByteArray()});
    }
    return headers;
}

StoredBlob packBlob(const QByteArray &bytes)
{
    if (bytes.size() < minimumCompressedSize)
        return {bytes, false};
    QByteArray compressed = qCompress(bytes, fastCompression);
    if (compressed.size() >= bytes.size())
        return {bytes, false};
    return {std::move(compressed), true};
}

QByteArray unpackBlob(const QByteArray &bytes, bool compressed)
{
    return compressed ? qUncompress(bytes) : bytes;
}

QByteArray encodeRows(const BatchRows &rows)
{
    QByteArray raw;
    raw.reserve(rows.size() * 48);
    QDataStream stream(&raw, QIODevice::WriteOnly);
    stream.setVersion(rowsStreamVersion);
    stream << rowsFormat << quint32(rows.size());
    // Each row as its input wrote it (not read as an address): requestForRow() makes the
    // same request of it again. Two passes over the rows, the methods and bodies (mostly
    // empty) set aside on the first, so a million rows are never held twice. Lines as
    // deltas: mostly 1, which compresses to almost nothing.
    QByteArray methodsAndBodies;
    {
        QDataStream methods(&methodsAndBodies, QIODevice::WriteOnly);
        methods.setVersion(rowsStreamVersion);
        QByteArray bodies;
        QDataStream bodyStream(&bodies, QIODevice::WriteOnly);
        bodyStream.setVersion(rowsStreamVersion);
        int previousLine = 0;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const WrittenRow row = rows.written(i);
            stream << qint32(quint32(row.line) - quint32(previousLine)); // wraps, never overflows
            previousLine = row.line;
            methods << row.method;
            bodyStream << quint8(row.body ? 1 : 0);
            if (row.body)
                bodyStream << *row.body;
        }
        methodsAndBodies += bodies;
    }
    for (qsizetype i = 0; i < rows.size(); ++i)
        stream << rows.written(i).text.toUtf8();
    stream.writeRawData(methodsAndBodies.constData(), int(methodsAndBodies.size()));
    return qCompress(raw, fastCompression);
}

QString textListToJson(const QStringList &texts)
{
    if (texts.isEmpty())
        return {};
    QJsonArray array;
    for (const QString &text : texts)
        array.append(text.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(text));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QStringList textListFromJson(const QString &json)
{
    QStringList texts;
    if (json.isEmpty())
        return texts;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    texts.reserve(array.size());
    for (const QJsonValue &value : array)
        texts.append(value.isNull() ? QString() : value.toString());
    return texts;
}

std::optional<BatchRows> decodeRows(const QByteArray &blob)
{
    std::shared_ptr<const StoredRows> rows = StoredRows::decode(qUncompress(blob));
    if (!rows)
        return std::nullopt;
    return BatchRows(std::move(rows));
}

} // namespace salvo
