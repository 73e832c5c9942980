#include "ExportJob.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>
#include <QScopeGuard>

#include <functional>

#include "Redaction.h"
#include "store/RunHistory.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::ExportJob")

// Rows counted without bodies come in big pages; rows written come with their answers, so in
// small ones: a page's bodies are in memory at once, and a cancel is seen after each page.
constexpr int countingPageRows = 5'000;
constexpr int writingPageRows = 200;

// Calls `visit` with each page of the rows a pass covers; false when cancelled or failed
// (`error` says which, empty for a cancel).
bool forEachPage(RunHistory &history, const ExportRequest &request, const ResultFilter &pass,
                 bool withAnswers, JobControl &control, QString &error,
                 const std::function<void(QList<Result> &)> &visit)
{
    const std::optional<ResultFilter> filter = ResultFilter::both(request.filter, pass);
    if (!filter)
        return true; // no row can pass both
    if (!request.rowIndices.isEmpty()) {
        const int pageRows = withAnswers ? writingPageRows : countingPageRows;
        for (qsizetype first = 0; first < request.rowIndices.size(); first += pageRows) {
            if (control.isCancelled())
                return false;
            Expected<QList<Result>> page = withAnswers
                    ? history.answersOf(request.runId, request.rowIndices.mid(first, pageRows))
                    : history.resultsOf(request.runId, request.rowIndices.mid(first, pageRows));
            if (!page) {
                error = page.error().message;
                return false;
            }
            QList<Result> &rows = page.value();
            rows.removeIf([&](const Result &result) { return !filter->matches(result); });
            visit(rows);
        }
        return true;
    }
    for (int after = -1;;) {
        if (control.isCancelled())
            return false;
        Expected<QList<Result>> page = withAnswers
                ? history.answersAfter(request.runId, after, writingPageRows, *filter)
                : history.resultsAfter(request.runId, after, countingPageRows, *filter);
        if (!page) {
            error = page.error().message;
            return false;
        }
        if (page->isEmpty())
            return true;
        after = page->constLast().index;
        visit(page.value());
    }
}

QByteArray contentTypeOf(const HeaderList &headers)
{
    for (const auto &[name, value] : headers) {
        if (name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// A CSV file keeps what a spreadsheet can show; the person learns what was cut, and where the
// whole of it is.
QString cutCellsNote(qint64 cut)
{
    const QString where = tr("The JSON, JSON Lines and HAR exports keep whole bodies.");
    if (cut == 1) {
        return tr("1 cell was longer than the 32,767 characters a spreadsheet cell holds: it "
                  "was cut, and says so at its end.")
                + u' ' + where;
    }
    return tr("%1 cells were longer than the 32,767 characters a spreadsheet cell holds: they "
              "were cut, and say so at their end.")
                   .arg(cut)
            + u' ' + where;
}

JobOutcome stopped(QSaveFile &file, const QString &error)
{
    file.cancelWriting();
    if (error.isEmpty())
        return {JobState::Cancelled, tr("Export cancelled; no file was saved."), {}, 0};
    return {JobState::Failed, error, {}, 0};
}

} // namespace

ExportJob::ExportJob(ExportRequest request)
    : m_request(std::move(request))
{ }

QString ExportJob::title() const
{
    return tr("Export run %1 as %2")
            .arg(m_request.runId)
            .arg(exportFormatName(m_request.format).toUpper());
}

JobOutcome ExportJob::run(JobControl &control)
{
    const QString target = QDir::toNativeSeparators(m_request.outputPath);
    RunHistory history(m_request.historyPath);
    if (Expected<> opened = history.open(); !opened)
        return {JobState::Failed, opened.error().message, {}, 0};
    // One snapshot for both passes: the rows counted are the rows written, even while a
    // salvo-cli elsewhere still adds to the run.
    if (Expected<> held = history.beginSnapshot(); !held)
        return {JobState::Failed, held.error().message, {}, 0};
    const auto release = qScopeGuard([&history] { history.endSnapshot(); });
    ExportHeader header;
    const Expected<RunSummary> run = history.run(m_request.runId);
    const Expected<BatchSpec> sent = history.runBatch(m_request.runId, QList<int>());
    const Expected<QList<QByteArray>> withheld = history.withheldHeaders(m_request.runId);
    for (const QString &problem :
         {run ? QString() : run.error().message, sent ? QString() : sent.error().message,
          withheld ? QString() : withheld.error().message}) {
        if (!problem.isEmpty())
            return {JobState::Failed, problem, {}, 0};
    }
    header.run = *run;
    // A batch of the window is named after its first address: its secrets stay out.
    header.run.batchName = redactedUrl(header.run.batchName);
    header.method = sent->method;
    header.requestHeaders = sent->headers;
    header.requestBody = redactedRequestBody(sent->body, contentTypeOf(sent->headers));
    header.withheldHeaders = *withheld;
    header.exported = QDateTime::currentDateTimeUtc();
    header.salvoVersion = QStringLiteral(SALVO_VERSION);

    QSaveFile file(m_request.outputPath);
    if (!file.open(QIODevice::WriteOnly)) {
        return {JobState::Failed,
                tr("Could not write %1: %2.").arg(target, file.errorString()),
                {},
                0};
    }
    const std::unique_ptr<ExportWriter> writer = ExportWriter::create(m_request.format, &file);
    const QList<ResultFilter> passes = writer->passes();

    // First the figures of the rows to write, which some formats put before the rows.
    QString error;
    for (const ResultFilter &pass : passes) {
        const bool counted = forEachPage(history, m_request, pass, false, control, error,
                                         [&](QList<Result> &page) { header.stats.add(page, 0); });
        if (!counted)
            return stopped(file, error);
    }
    control.setTotal(header.stats.rowCount());

    writer->begin(header);
    qint64 written = 0;
    for (const ResultFilter &pass : passes) {
        const bool wrote = forEachPage(history, m_request, pass, true, control, error,
                                       [&](QList<Result> &page) {
                                           for (Result &result : page) {
                                               redactSecrets(result);
                                               writer->write(result);
                                           }
                                           written += page.size();
                                           control.setDone(written);
                                       });
        if (!wrote)
            return stopped(file, error);
    }
    writer->finish();
    if (!file.commit()) {
        return {JobState::Failed,
                tr("Could not write %1: %2.").arg(target, file.errorString()),
                {},
                0};
    }
    QString message = written == 1 ? tr("Exported 1 row to %1.").arg(target)
                                   : tr("Exported %1 rows to %2.").arg(written).arg(target);
    if (const qint64 cut = writer->cellsCut(); cut > 0)
        message += u' ' + cutCellsNote(cut);
    return {JobState::Done, message, m_request.outputPath, 0};
}

} // namespace salvo
