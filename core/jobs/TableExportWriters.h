#pragma once

#include "ExportWriter.h"
#include "result/ResultWriter.h"

namespace salvo {

// CSV, JSON and JSON Lines exports: salvo-cli's own formats (ResultWriter), every row with its
// answer's headers and body and the run's id, so an export and a run's output read alike.
class TableExportWriter : public ExportWriter
{
public:
    TableExportWriter(QIODevice *device, ResultFormat format);

    void begin(const ExportHeader &header) override;
    void write(const Result &result) override;
    void finish() override;
    qint64 cellsCut() const override;

private:
    ResultFormat m_format;
    std::unique_ptr<ResultWriter> m_writer;
};

// UTF-8 with a byte-order mark and CRLF line ends, fields quoted where RFC 4180 needs it, text
// a spreadsheet would run as a formula defused, and a cell longer than Excel keeps (32,767
// characters) cut with a mark that says so: opens cleanly in LibreOffice and Excel. JSON,
// JSON Lines and HAR keep every body whole.
class CsvExportWriter final : public TableExportWriter
{
public:
    explicit CsvExportWriter(QIODevice *device)
        : TableExportWriter(device, ResultFormat::Csv)
    { }
};

class JsonExportWriter final : public TableExportWriter
{
public:
    explicit JsonExportWriter(QIODevice *device)
        : TableExportWriter(device, ResultFormat::Json)
    { }
};

class JsonLinesExportWriter final : public TableExportWriter
{
public:
    explicit JsonLinesExportWriter(QIODevice *device)
        : TableExportWriter(device, ResultFormat::JsonLines)
    { }
};

} // namespace salvo
