#pragma once

#include <QAbstractTableModel>

#include "compare/RunComparison.h"

namespace salvo::ui {

// The rows of a RunComparison: one per address, with the status and time on each side and what
// changed. Changed rows can be kept alone through ChangedRole (the "Changed only" filter).
class ComparisonModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonModel)

public:
    enum Column {
        RowColumn,
        UrlColumn,
        StatusColumn,
        OlderTimeColumn,
        NewerTimeColumn,
        TimeDeltaColumn,
        ChangeColumn,
        ColumnCount,
    };

    // The cell as a number (row, status, ms; the delta; the change flags) for sorting.
    static constexpr int RawRole = Qt::UserRole + 1;
    // 1 for a changed row, 0 otherwise, in every column.
    static constexpr int ChangedRole = Qt::UserRole + 2;

    explicit ComparisonModel(QObject *parent = nullptr);

    void setComparison(const RunComparison &comparison);
    const ComparedRow &rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "200", "404", "DNS" (an error's short name), "-" for a side without the row.
    static QString outcomeText(const ComparedSide &side);
    // "status, body", "only in run 3", "" when nothing changed.
    QString changeText(const ComparedRow &row) const;

private:
    QVariant display(const ComparedRow &row, int column) const;
    QVariant raw(const ComparedRow &row, int column) const;

    QVariant inspectedDisplay(const ComparedRow &row, int column) const;

    QList<ComparedRow> m_rows;
    bool m_expects = false; // a Passed column after the others, when either run expected
    QStringList m_sharedColumns; // then the extracted columns both runs have, side by side
    QList<std::pair<int, int>> m_sharedColumnPlaces;
    qint64 m_olderRunId = 0;
    qint64 m_newerRunId = 0;
};

} // namespace salvo::ui
