#pragma once

// core/jobs owns the work a person starts on runs and leaves to run in the background: the
// Job a JobManager runs off the GUI thread, exports of a run in six formats, scheduled checks
// (their schedules, the check of a saved batch and its report of what changed) and the webhook
// notifications. Jobs read runs from the history, never from widgets.

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

#include "result/Result.h"
#include "result/ResultWriter.h"
#include "stats/RunStats.h"
#include "store/StoreTypes.h"

namespace salvo {

enum class ExportFormat {
    Csv, // a table for LibreOffice and Excel: cells cut at what a spreadsheet keeps
    Json, // one array of result objects
    JsonLines, // one result object per line
    Har, // HTTP Archive 1.2, for browsers' developer tools
    JUnit, // JUnit XML, one test case per row, for CI systems
    Html, // a report a person can mail: summary, charts, the table with failures first
};

// "csv", "json", "jsonl", "har", "junit", "html"; nothing for any other name.
std::optional<ExportFormat> exportFormatFromName(QStringView name);
QString exportFormatName(ExportFormat format);
// The file name suffix a saved export gets: "csv", "json", "jsonl", "har", "xml", "html".
QString exportFileSuffix(ExportFormat format);
// The format a file name's ending names (any case; "htm" too); nothing for another ending.
std::optional<ExportFormat> exportFormatOfFile(const QString &path);

// What every export knows before its first row: the run, what was sent, and the figures of the
// rows this export writes (counts, latency, histogram), read in a pass before the rows.
struct ExportHeader
{
    RunSummary run;
    QByteArray method;
    HeaderList requestHeaders; // as sent, without the secret ones (the history never kept them)
    QList<QByteArray> withheldHeaders; // the names of those
    QByteArray requestBody;
    RunStats stats; // over the rows written, in the order written
    QDateTime exported; // UTC
    QString salvoVersion;
};

// What the run checked and read in each answer, and its input's own columns: the fields each
// exported row gains (ResultWriter.h).
InspectionFields inspectionFieldsOf(const RunSummary &run);

// Writes one export to a device: begin() once, write() for each row, finish() once. Rows come
// with their kept response headers and body, secrets already redacted (Redaction.h), in the
// order of passes(). A writer never holds rows: exports of a million rows stream.
class ExportWriter
{
public:
    explicit ExportWriter(QIODevice *device)
        : m_device(device)
    { }
    virtual ~ExportWriter() = default;
    Q_DISABLE_COPY_MOVE(ExportWriter)

    static std::unique_ptr<ExportWriter> create(ExportFormat format, QIODevice *device);

    // The order rows come in: each filter in turn, rows in row order within each. The default,
    // one pass over every row, is row order; the HTML report asks for failures first.
    virtual QList<ResultFilter> passes() const { return {ResultFilter{}}; }

    virtual void begin(const ExportHeader &header) = 0;
    virtual void write(const Result &result) = 0;
    virtual void finish() = 0;
    // Cells written so far that were cut to fit a spreadsheet (CSV); the export's summary
    // says how many, and which formats keep them whole.
    virtual qint64 cellsCut() const { return 0; }

protected:
    QIODevice *m_device;
};

} // namespace salvo
