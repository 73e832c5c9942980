#pragma once

#include <QIODevice>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

#include "Result.h"

namespace salvo {

// Table is for people at a terminal: one aligned line per result.
enum class ResultFormat { JsonLines, Csv, Json, Table };

// "jsonl", "csv", "json", "table"; nothing for any other name.
std::optional<ResultFormat> resultFormatFromName(QStringView name);
QString resultFormatName(ResultFormat format);

// One result as the JSON object every format shares: index, line, url, method, ok, status,
// error, message, error_detail, timeout, elapsed_ms, first_byte_ms, bytes, truncated,
// content_type, attempts, redirects, resends; when asked, response_headers ("Name: value"
// strings) and body with body_encoding ("utf-8" or "base64"); run_id when the run is in the
// history (runId > 0); and certificates_checked, false, for a result of a run that did not
// check certificates (absent otherwise).
QJsonObject resultToJson(const Result &result, bool includeBody, qint64 runId = 0);

// What a run that checks or reads its answers adds to each record: with expectations,
// `passed` (true, false, or null for a row that had none) and `failed_expectations` (one
// sentence each); with extracted columns, `extracted` (name to value, null where nothing was
// found). With an input of its own columns (a CSV's sku, name, ...), `columns` (name to the
// row's cell). CSV gets a passed and a failed_expectations column, then one column per
// extracted name, then one per input column.
struct InspectionFields
{
    bool expects = false;
    QStringList columns; // the extracted columns' names
    QStringList inputColumns; // the names of the input's own columns (BatchRows::columnNames)

    bool any() const { return expects || !columns.isEmpty() || !inputColumns.isEmpty(); }
};
void addInspectionFields(QJsonObject &record, const Result &result, const InspectionFields &fields);

// Streams results to a device as they come, in one of the formats; a JSON array is opened
// by the first write and closed by finish(). With a runId, every record carries it (CSV as
// its last column, so readers that count columns keep working); the table leaves it out.
// certificatesUnchecked: the run did not check certificates, which every record says (CSV in
// a certificates_checked column after all others; the table in a line under each row).
class ResultWriter
{
public:
    virtual ~ResultWriter() = default;
    // forSpreadsheets: CSV starts with a UTF-8 byte-order mark, which Excel needs to read it
    // as UTF-8, and a cell longer than a spreadsheet keeps is cut, with a mark that says so
    // (SpreadsheetCell.h). Without it every cell is whole, for programs. Cells a spreadsheet
    // would run as a formula are always defused.
    static std::unique_ptr<ResultWriter> create(ResultFormat format, QIODevice *device,
                                                bool includeBodies, qint64 runId = 0,
                                                bool forSpreadsheets = false,
                                                bool certificatesUnchecked = false,
                                                const InspectionFields &inspection = {});

    ResultWriter(QIODevice *device, bool includeBodies, qint64 runId,
                 InspectionFields inspection = {})
        : m_device(device)
        , m_includeBodies(includeBodies)
        , m_runId(runId)
        , m_inspection(std::move(inspection))
    { }
    Q_DISABLE_COPY_MOVE(ResultWriter)

    virtual void write(const Result &result) = 0;
    virtual void finish() { }
    // Fields every JSON record (jsonl, json) carries after the result's own, such as a shard's
    // tag (batch/Shard.h); CSV and the table leave them out.
    void setRecordFields(QJsonObject fields) { m_recordFields = std::move(fields); }
    // The cells written so far that were cut to fit a spreadsheet: CSV for spreadsheets only.
    virtual qint64 cellsCut() const { return 0; }

protected:
    // The result as resultToJson() writes it, with the record fields and what the run checked
    // and read, as one compact JSON object. The inspection's fields are written as text after
    // Qt's document, not through a QJsonObject each: for a run of 100,000 rows that was a
    // tenth of its wall time.
    QByteArray recordText(const Result &result) const;

    QIODevice *m_device;
    bool m_includeBodies;
    qint64 m_runId;
    InspectionFields m_inspection;
    QJsonObject m_recordFields;
};

} // namespace salvo
