#pragma once

#include <QString>
#include <QWidget>

#include "compare/RunComparison.h"

class QCheckBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace salvo::ui {

class BodyDiffView;
class ComparisonModel;

// Two runs of the history side by side: each address with its status and time in both, what
// changed, and for the selected address the two bodies as a diff. Both runs are read on a pool
// thread; each pair of bodies is read when its row is selected. "Changed only" is on at first,
// since what changed is what a person opens this for.
class CompareWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareWindow)

public:
    CompareWindow(QString historyPath, qint64 olderRunId, qint64 newerRunId,
                  QWidget *parent = nullptr);
    ~CompareWindow() override;

    // A window of its own over `parent` comparing the two runs, gone when closed; nothing when
    // either run is missing (0).
    static void open(const QString &historyPath, qint64 olderRunId, qint64 newerRunId,
                     QWidget *parent);

    // The line above the table: counts of changes and the latency of both runs, or why the
    // runs could not be compared.
    QString summaryText() const;
    void setChangedOnly(bool changedOnly);

signals:
    // The comparison was read and is shown (or its error is).
    void compared();

private:
    void handleCompared(const Expected<RunComparison> &comparison);
    void handleCurrentRowChanged();

    QString m_path;
    qint64 m_olderRunId;
    qint64 m_newerRunId;
    ComparisonModel *m_model;
    QSortFilterProxyModel *m_filter;
    QLabel *m_summary;
    QCheckBox *m_changedOnly;
    QTableView *m_table;
    BodyDiffView *m_diff;
    quint64 m_selection = 0; // bumped per selected row: bodies read for an older one are dropped
};

} // namespace salvo::ui
