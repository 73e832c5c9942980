#pragma once

#include <QList>
#include <QString>

#include "ExportWriter.h"
#include "Job.h"
#include "store/StoreTypes.h"

namespace salvo {

// Which rows of which run go where, in what format.
struct ExportRequest
{
    QString historyPath;
    qint64 runId = 0;
    ExportFormat format = ExportFormat::Csv;
    QString outputPath;
    ResultFilter filter; // the rows the results table showed; default: every row
    QList<int> rowIndices; // or only these rows (ascending), as far as they pass the filter
};

// Exports a run from the history, streaming: a pass without bodies counts the rows and adds up
// their figures for the header, then the rows are read a few hundred at a time with their
// answers, secrets redacted, and written. The file is written as a temporary one and put in
// place only when complete (QSaveFile): a cancelled or failed export leaves nothing under the
// name asked for, and an older file of that name as it was.
class ExportJob final : public Job
{
public:
    explicit ExportJob(ExportRequest request);

    QString title() const override;
    JobKind kind() const override { return JobKind::Export; }
    JobOutcome run(JobControl &control) override;

    const ExportRequest &request() const { return m_request; }

private:
    ExportRequest m_request;
};

} // namespace salvo
