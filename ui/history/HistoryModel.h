#pragma once

// ui/history owns the past runs in the window: the History tab's table model over RunSummary
// values and the view that reads them off the GUI thread, opens and deletes runs, and the
// PastRunView that reads a past run into the results table.

#include <QAbstractTableModel>
#include <QList>

#include <optional>

#include "stats/RunStats.h"
#include "store/StoreTypes.h"

namespace salvo::ui {

// One line of the history: the run as the store counted it, and its latency as read back.
struct HistoryEntry
{
    RunSummary run;
    std::optional<LatencyPercentiles> latency; // nullopt: no row got an answer
};

// One row per run, in the order given (newest first, as RunHistory lists them). The whole
// list is replaced at each reload: a history holds tens or hundreds of runs, not millions.
// A re-run of some rows shows its original in the batch column ("re-run of 12: ...").
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    enum Column {
        RunColumn, // the run's number, which sentences name ("Compare with run 14")
        WhenColumn,
        BatchColumn,
        StateColumn,
        RowsColumn,
        OkColumn,
        FailedColumn,
        P50Column,
        P99Column,
        DurationColumn,
        ColumnCount,
    };

    // The cell as a number (ms since the epoch, counts, ms; -1 where there is none) or the
    // state's enum value, so sorting compares values and not text.
    static constexpr int RawRole = Qt::UserRole + 1;
    // The run's id, in every column.
    static constexpr int RunIdRole = Qt::UserRole + 2;

    explicit HistoryModel(QObject *parent = nullptr);

    void setEntries(QList<HistoryEntry> entries);
    const QList<HistoryEntry> &entries() const { return m_entries; }
    // 0 for a row out of range.
    qint64 runIdAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "finished", "cancelled", "interrupted", "running".
    static QString stateText(RunState state);
    // "850 ms", "12.4 s", "3 min 07 s", "2 h 05 min".
    static QString durationText(qint64 ms);

private:
    QVariant display(const HistoryEntry &entry, int column) const;
    QVariant raw(const HistoryEntry &entry, int column) const;

    QList<HistoryEntry> m_entries;
};

} // namespace salvo::ui
