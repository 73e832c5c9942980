#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QString>

#include "compare/BodyDiff.h"

namespace salvo::ui {

// The rows of a BodyDiff, four columns: a line number and a line on each side. Removed lines
// are tinted red on the left, added ones green on the right, changed ones amber on both; the
// tints are translucent, so they read on light and dark palettes alike.
class BodyDiffModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyDiffModel)

public:
    enum Column { LeftLineColumn, LeftTextColumn, RightLineColumn, RightTextColumn, ColumnCount };

    enum Role {
        // The row's DiffRow::Kind, as an int.
        KindRole = Qt::UserRole + 1,
    };

    // A line longer than this shows cut, with an ellipsis: painting a cell elides its text
    // anew each time, and one minified megabyte would make every scroll slow.
    static constexpr int maxShownCharacters = 2000;

    static QColor removedTint();
    static QColor addedTint();
    static QColor changedTint();

    explicit BodyDiffModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setRows(QList<DiffRow> rows);
    void clear() { setRows({}); }
    // The names above the two text columns, e.g. the runs' names.
    void setTitles(const QString &left, const QString &right);

    const DiffRow &rowAt(int row) const { return m_rows.at(row); }
    const QList<DiffRow> &rows() const { return m_rows; }
    // The first row of each change, ascending.
    const QList<int> &changeStarts() const { return m_changeStarts; }

private:
    QList<DiffRow> m_rows;
    QList<int> m_changeStarts;
    QString m_leftTitle;
    QString m_rightTitle;
};

} // namespace salvo::ui
