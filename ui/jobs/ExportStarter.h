#pragma once

#include <QObject>
#include <QString>

#include "jobs/ExportWriter.h"

class QWidget;

namespace salvo {
class JobManager;
} // namespace salvo

namespace salvo::ui {

class ResultsPane;
class RunController;

// An export of the run the table shows, from the dialog to the background job: the file and
// its format (the name's ending, or the person's answer where it and the chosen type differ),
// the rows the table shows or the person selected, and the refusal while the history does not
// hold the run yet.
class ExportStarter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportStarter)

public:
    ExportStarter(QString historyPath, const RunController *runs, const ResultsPane *results,
                  JobManager *jobs, QWidget *window);
    ~ExportStarter() override;

    // Asks for the file and its type, then exports.
    void chooseExport(bool selectedOnly);
    // Starts the job; its id, or 0 with the reason said (noted()).
    quint64 exportShownRun(salvo::ExportFormat format, const QString &path, bool selectedOnly);

signals:
    // A passing sentence for the status bar.
    void noted(const QString &text);

private:
    void exportInFormatOfName(const QString &path, salvo::ExportFormat chosen,
                              const QStringList &formatNames, bool selectedOnly);

    QString m_historyPath;
    const RunController *m_runs;
    const ResultsPane *m_results;
    JobManager *m_jobs;
    QWidget *m_window;
};

} // namespace salvo::ui
