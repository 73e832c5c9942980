#include "JsonTreeModel.h"

#include <deque>
#include <utility>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QVariant>

namespace salvo::ui {
namespace {

// A cell shows the start of a long string; the Pretty view has all of it.
constexpr qsizetype maxCellChars = 500;

JsonTree::Type typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return JsonTree::Type::Bool;
    case QJsonValue::Double:
        return JsonTree::Type::Number;
    case QJsonValue::String:
        return JsonTree::Type::String;
    case QJsonValue::Array:
        return JsonTree::Type::Array;
    case QJsonValue::Object:
        return JsonTree::Type::Object;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return JsonTree::Type::Null;
}

// The string as a JSON literal on one line: quoted, with line breaks and controls escaped
// so that a row stays one line high.
QString quoted(const QString &string)
{
    QString text;
    const qsizetype shown = std::min(string.size(), maxCellChars);
    text.reserve(shown + 8);
    text += QLatin1Char('"');
    for (qsizetype i = 0; i < shown; ++i) {
        const QChar c = string.at(i);
        switch (c.unicode()) {
        case u'"':
            text += QLatin1String("\\\"");
            break;
        case u'\\':
            text += QLatin1String("\\\\");
            break;
        case u'\n':
            text += QLatin1String("\\n");
            break;
        case u'\r':
            text += QLatin1String("\\r");
            break;
        case u'\t':
            text += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                text += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                text += c;
        }
    }
    if (shown < string.size()) {
        if (text.back().isHighSurrogate())
            text.chop(1);
        text += QChar(0x2026); // an ellipsis: the string goes on
    }
    text += QLatin1Char('"');
    return text;
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        // Integers stay exact: Qt keeps those that fit in 64 bits as integers.
        const QVariant number = value.toVariant();
        if (number.typeId() == QMetaType::LongLong)
            return QString::number(number.toLongLong());
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String:
        return quoted(value.toString());
    case QJsonValue::Null:
    case QJsonValue::Undefined:
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return value.isNull() ? QStringLiteral("null") : QString();
}

} // namespace

JsonTree JsonTree::fromValue(const QJsonValue &value)
{
    // Breadth first with a queue of the values still to open, never recursion: depth is
    // bounded by the parser (1024 levels), but a loop needs no stack at all.
    JsonTree tree;
    std::deque<QJsonValue> pending;
    tree.m_nodes.append(Node{.text = scalarText(value), .type = typeOf(value)});
    if (value.isArray() || value.isObject())
        pending.push_back(value);
    for (qsizetype id = 0; id < tree.m_nodes.size(); ++id) {
        if (tree.m_nodes.at(id).type != Type::Array && tree.m_nodes.at(id).type != Type::Object)
            continue;
        const QJsonValue current = std::move(pending.front());
        pending.pop_front();
        const auto addChild = [&](QString key, const QJsonValue &child, qint32 row) {
            const Type type = typeOf(child);
            tree.m_nodes.append(Node{.key = std::move(key),
                                     .text = scalarText(child),
                                     .parent = qint32(id),
                                     .row = row,
                                     .type = type});
            if (type == Type::Array || type == Type::Object)
                pending.push_back(child);
        };
        const auto firstChild = qint32(tree.m_nodes.size());
        qint32 row = 0;
        if (current.isArray()) {
            const QJsonArray array = current.toArray();
            for (const auto &child : array)
                addChild(QString(), child, row++);
        } else {
            const QJsonObject object = current.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                addChild(it.key(), it.value(), row++);
        }
        Node &node = tree.m_nodes[id];
        node.firstChild = row > 0 ? firstChild : -1;
        node.childCount = row;
    }
    return tree;
}

JsonTree JsonTree::fromDocument(const QJsonDocument &document)
{
    if (document.isArray())
        return fromValue(document.array());
    if (document.isObject())
        return fromValue(document.object());
    return {};
}

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

void JsonTreeModel::setTree(std::shared_ptr<const JsonTree> tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    endResetModel();
}

void JsonTreeModel::setJson(const QJsonValue &value)
{
    setTree(std::make_shared<const JsonTree>(JsonTree::fromValue(value)));
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
    const JsonTree::Node &node = m_tree->node(nodeOf(parent));
    return createIndex(row, column, quintptr(node.firstChild) + quintptr(row));
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
