#include "ExportStarter.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

#include <memory>
#include <utility>

#include "editor/BatchDocument.h"
#include "jobs/ExportJob.h"
#include "jobs/JobManager.h"
#include "results/ResultsPane.h"
#include "run/RunController.h"

namespace salvo::ui {

ExportStarter::ExportStarter(QString historyPath, const RunController *runs,
                             const ResultsPane *results, JobManager *jobs, QWidget *window)
    : QObject(window)
    , m_historyPath(std::move(historyPath))
    , m_runs(runs)
    , m_results(results)
    , m_jobs(jobs)
    , m_window(window)
{ }

ExportStarter::~ExportStarter() = default;

void ExportStarter::chooseExport(bool selectedOnly)
{
    // Filters in the order of ExportFormat.
    const QStringList filters{tr("CSV for spreadsheets (*.csv)"),
                              tr("JSON (*.json)"),
                              tr("JSON Lines (*.jsonl)"),
                              tr("HAR for browsers (*.har)"),
                              tr("JUnit XML for CI systems (*.xml)"),
                              tr("HTML report (*.html)")};
    QStringList suffixes;
    for (int format = 0; format < filters.size(); ++format)
        suffixes.append(exportFileSuffix(static_cast<ExportFormat>(format)));
    QFileDialog *dialog = saveFileDialog(
            m_window, selectedOnly ? tr("Export the selected rows") : tr("Export the results"),
            QDir::home().filePath(QStringLiteral("salvo-run-%1.csv").arg(m_runs->shownRunId())),
            filters, suffixes);
    dialog->setObjectName(QStringLiteral("exportDialog"));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, dialog, filters, selectedOnly](const QString &path) {
                const auto chosen = static_cast<ExportFormat>(
                        std::max<qsizetype>(0, filters.indexOf(dialog->selectedNameFilter())));
                exportInFormatOfName(path, chosen, filters, selectedOnly);
            });
    dialog->open();
}

// The name's ending says the format ("report.html"); where it names another format than the
// type chosen in the dialog, the person says which one they meant.
void ExportStarter::exportInFormatOfName(const QString &path, ExportFormat chosen,
                                         const QStringList &formatNames, bool selectedOnly)
{
    const std::optional<ExportFormat> named = exportFormatOfFile(path);
    if (!named || *named == chosen) {
        exportShownRun(chosen, path, selectedOnly);
        return;
    }
    const auto shortName = [&](ExportFormat format) {
        return formatNames.value(int(format)).section(QStringLiteral(" ("), 0, 0);
    };
    auto *box = new QMessageBox(
            QMessageBox::Question, tr("Which format?"),
            tr("%1 is named as %2, but %3 is chosen as its type.")
                    .arg(QFileInfo(path).fileName(), shortName(*named), shortName(chosen)),
            QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("exportFormatQuestion"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    for (const ExportFormat format : {*named, chosen}) {
        QPushButton *button = box->addButton(tr("Export as %1").arg(shortName(format)),
                                             QMessageBox::AcceptRole);
        button->setObjectName(QStringLiteral("exportAs-") + exportFormatName(format));
        connect(button, &QPushButton::clicked, this,
                [this, format, path, selectedOnly] { exportShownRun(format, path, selectedOnly); });
    }
    box->open();
}

quint64 ExportStarter::exportShownRun(ExportFormat format, const QString &path, bool selectedOnly)
{
    const qint64 runId = m_runs->shownRunId();
    RowsToExport chosen;
    chosen.refusal = m_runs->exportRefusal();
    if (chosen.refusal.isEmpty())
        chosen = m_results->rowsToExport(selectedOnly);
    if (!chosen.refusal.isEmpty()) {
        emit noted(chosen.refusal);
        return 0;
    }
    const quint64 job = m_jobs->start(std::make_unique<ExportJob>(ExportRequest{
            m_historyPath, runId, format, path, chosen.filter, std::move(chosen.rows)}));
    emit noted(tr("Exporting in the background; the Jobs tab (Alt+4) shows how far it is."));
    return job;
}

} // namespace salvo::ui
