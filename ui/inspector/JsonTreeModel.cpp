#include "JsonTreeModel.h"

#include <utility>

#include <QVariant>

namespace salvo::ui {

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

void JsonTreeModel::setTree(std::shared_ptr<const JsonTree> tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    endResetModel();
}

void JsonTreeModel::clear()
{
    setTree({});
}

qint32 JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? qint32(index.internalId()) : 0;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, quintptr(m_tree->childOf(nodeOf(parent), row)));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !m_tree)
        return {};
    const qint32 parentId = m_tree->node(nodeOf(child)).parent;
    if (parentId <= 0) // the root stands for the invisible top
        return {};
    return createIndex(m_tree->node(parentId).row, KeyColumn, quintptr(parentId));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_tree || m_tree->isEmpty() || parent.column() > 0)
        return 0;
    return m_tree->node(nodeOf(parent)).childCount;
}

int JsonTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

QString JsonTreeModel::typeName(JsonTree::Type type)
{
    switch (type) {
    case JsonTree::Type::Null:
        return tr("Null");
    case JsonTree::Type::Bool:
        return tr("Boolean");
    case JsonTree::Type::Number:
        return tr("Number");
    case JsonTree::Type::String:
        return tr("String");
    case JsonTree::Type::Array:
        return tr("Array");
    case JsonTree::Type::Object:
        return tr("Object");
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const JsonTree::Node &node = m_tree->node(nodeOf(index));
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == KeyColumn) {
            const bool inArray = m_tree->node(node.parent).type == JsonTree::Type::Array;
            return inArray ? QString::number(node.row) : node.key;
        }
        switch (node.type) {
        case JsonTree::Type::Array:
            return tr("Array [%1]").arg(node.childCount);
        case JsonTree::Type::Object:
            return tr("Object {%1}").arg(node.childCount);
        default:
            return node.text;
        }
    case Qt::ToolTipRole:
        return index.column() == ValueColumn ? typeName(node.type) : QVariant();
    case TypeRole:
        return int(node.type);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

} // namespace salvo::ui
