#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

#include "StoreTypes.h"
#include "batch/BatchInput.h"
#include "batch/BatchSpec.h"
#include "engine/RunOptions.h"
#include "result/Result.h"

// How values are written into the history's columns and read back: names for enums (stable
// across versions, unlike their numbers), JSON for options and header lists, and blobs
// compressed when that makes them smaller.

namespace salvo {

QString runStateName(RunState state);
std::optional<RunState> runStateFromName(QStringView name);

// A time as JSON: ISO 8601 in UTC with milliseconds, or null when there is none.
QJsonValue timeOrNull(const QDateTime &time);
// A run as salvo-cli's history and the webhook describe it: run_id (null when it has none),
// name, state, started, finished, rows, results, ok, failed.
QJsonObject runSummaryToJson(const RunSummary &run);

// [[name, value], ...]. Header bytes are mapped one to one onto Latin-1 characters, so any
// byte survives the trip through JSON text.
QByteArray headerListToJson(const HeaderList &headers);
HeaderList headerListFromJson(QByteArrayView json);

// "Name: value\r\n" per header, as HTTP writes them: compact, and any byte survives.
QByteArray headerLines(const HeaderList &headers);

// A list of texts as a JSON array, a null text as null (an extracted column that found
// nothing); an empty list as a null QString, which the history stores as NULL.
QString textListToJson(const QStringList &texts);
QStringList textListFromJson(const QString &json);
HeaderList headerListFromLines(QByteArrayView lines);

// Bytes as stored: qCompress'ed when they are long enough for that to pay, as they are
// otherwise.
struct StoredBlob
{
    QByteArray bytes;
    bool compressed = false;
};
StoredBlob packBlob(const QByteArray &bytes);
// zlib's fastest level: half the time of the default on 64 KiB, and nearly its size.
inline constexpr int fastCompression = 1;
// An empty array when compressed bytes do not decompress (a damaged row).
QByteArray unpackBlob(const QByteArray &bytes, bool compressed);

// The rows of a batch in row order, each as its input wrote it (WrittenRow: method empty and
// body absent mean the batch's; the URL and any error are not kept but made again from the
// text, so they follow the same rules as when the row was first read), as one compressed blob: a
// format byte, the count, then the rows column by column (line deltas, texts as UTF-8, methods,
// bodies) in a QDataStream of a fixed version, through zlib's fastest level. Columns put alike
// values side by side, which zlib rewards: measured at 1,000,000 URL rows, 5.5 MB and 0.35 s to
// encode and compress (row by row: 7.8 MB, 0.4 s; compact JSON: 7.9 MB, 1.2 s).
QByteArray encodeRows(const BatchRows &rows);
// Nothing when the blob is damaged or of a format this version does not know. The rows are
// kept compact (StoredRows) and made into requests when asked for.
std::optional<BatchRows> decodeRows(const QByteArray &blob);

} // namespace salvo
