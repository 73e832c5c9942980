#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include "HistoryModel.h"
#include "store/HistoryMaintenance.h"

class QLabel;
class QPushButton;
class QTableView;

namespace salvo::ui {

// The list of past runs, newest first, with what can be done with them: open one, resume a run
// that stopped before its end, compare two, delete. Every read and delete runs on a pool thread
// with a connection of its own (Qt SQL connections belong to the thread that opens them), so a
// history of million-row runs never blocks the window; a reload started while another is
// under way wins, and the older answer is dropped.
class HistoryView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryView)

public:
    explicit HistoryView(QString databasePath, QWidget *parent = nullptr);
    ~HistoryView() override;

    // Reads the history again, off the GUI thread; reloaded() tells when it is shown.
    void reload();
    // Deletes the selected runs, after asking unless confirmDeletes() is off; then reloads.
    void deleteSelectedRuns();
    // Deletes the runs the retention setting does not keep, off the GUI thread; then
    // retentionApplied(). Nothing happens for a policy that keeps everything or a history not
    // made yet.
    void applyRetention(const salvo::RetentionPolicy &policy);
    // Off: Delete does not ask (tests, or a caller that asked already).
    void setConfirmDeletes(bool confirm) { m_confirmDeletes = confirm; }
    bool confirmDeletes() const { return m_confirmDeletes; }

    QList<qint64> selectedRunIds() const;
    const QString &databasePath() const { return m_path; }
    HistoryModel *model() const { return m_model; }
    // What the view says instead of (or above) the list; empty when the list speaks for itself.
    QString message() const;

signals:
    void openRunRequested(qint64 runId);
    // Resume: the selected run was cancelled or interrupted and some rows have no result yet.
    void resumeRunRequested(qint64 runId);
    // Compare: two runs selected, the older one first.
    void compareRunsRequested(qint64 olderRunId, qint64 newerRunId);
    // A reload finished and is shown: a list, the empty state or an error.
    void reloaded();
    // Runs were deleted (count may be 0 when all were still running); a reload follows.
    void runsDeleted(int count);
    // The retention setting was applied: `count` runs went (a reload follows when some did).
    void retentionApplied(int count);

private:
    void handleActivated(const QModelIndex &index);
    void handleOpenClicked();
    void handleResumeClicked();
    void handleCompareClicked();
    void handleSelectionChanged();
    void showMessage(const QString &text);

    QString m_path;
    HistoryModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_resumeButton = nullptr;
    QPushButton *m_compareButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    bool m_confirmDeletes = true;
    bool m_deleting = false;
    // Bumped by each reload; an answer for an older one is dropped.
    quint64 m_generation = 0;
};

} // namespace salvo::ui
