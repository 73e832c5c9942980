#include "BodyDiffModel.h"

#include <QBrush>
#include <QFontDatabase>

namespace salvo::ui {
namespace {

using Kind = DiffRow::Kind;

QString shownText(const QString &line)
{
    if (line.size() <= BodyDiffModel::maxShownCharacters)
        return line;
    qsizetype cut = BodyDiffModel::maxShownCharacters;
    if (line.at(cut - 1).isHighSurrogate())
        --cut; // never half a character
    return line.first(cut) + QChar(0x2026);
}

QString lineNumber(int line)
{
    return line > 0 ? QString::number(line) : QString();
}

} // namespace

// The status tints of ResultsModel, translucent: red as a 5xx, green as a 2xx, amber as a 4xx.
QColor BodyDiffModel::removedTint()
{
    return QColor(220, 50, 47, 70);
}

QColor BodyDiffModel::addedTint()
{
    return QColor(40, 160, 60, 70);
}

QColor BodyDiffModel::changedTint()
{
    return QColor(230, 160, 0, 70);
}

BodyDiffModel::BodyDiffModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_leftTitle(tr("Left"))
    , m_rightTitle(tr("Right"))
{ }

int BodyDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BodyDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BodyDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiffRow &row = m_rows.at(index.row());
    const bool leftSide = index.column() == LeftLineColumn || index.column() == LeftTextColumn;
    const bool hasLine = leftSide ? row.kind != Kind::Added : row.kind != Kind::Removed;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LeftLineColumn:
            return lineNumber(row.leftLine);
        case LeftTextColumn:
            return hasLine ? shownText(row.left) : QVariant();
        case RightLineColumn:
            return lineNumber(row.rightLine);
        case RightTextColumn:
            return hasLine ? shownText(row.right) : QVariant();
        }
        return {};
    case Qt::BackgroundRole:
        if (row.kind == Kind::Changed)
            return QBrush(changedTint());
        if (row.kind == Kind::Removed && leftSide)
            return QBrush(removedTint());
        if (row.kind == Kind::Added && !leftSide)
            return QBrush(addedTint());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LeftLineColumn || index.column() == RightLineColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case KindRole:
        return int(row.kind);
    }
    return {};
}

QVariant BodyDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LeftLineColumn:
    case RightLineColumn:
        return tr("Line");
    case LeftTextColumn:
        return m_leftTitle;
    case RightTextColumn:
        return m_rightTitle;
    }
    return {};
}

void BodyDiffModel::setRows(QList<DiffRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_changeStarts = salvo::changeStarts(m_rows);
    endResetModel();
}

void BodyDiffModel::setTitles(const QString &left, const QString &right)
{
    m_leftTitle = left;
    m_rightTitle = right;
    emit headerDataChanged(Qt::Horizontal, LeftTextColumn, RightTextColumn);
}

} // namespace salvo::ui
