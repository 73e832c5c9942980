#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QString>

#include <memory>

class QJsonDocument;
class QJsonValue;

namespace salvo::ui {

// A JSON value flattened into nodes, breadth first, so the children of a node sit side by
// side and a model index needs only a node number. Built without recursion, on any thread:
// the inspector builds it on a worker for a large body and hands it over read-only.
class JsonTree final
{
public:
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };

    struct Node
    {
        QString key; // the member name in an object; empty for an element of an array
        QString text; // a scalar as JSON text, cut for display; empty for a container
        qint32 parent = -1;
        qint32 row = 0;
        qint32 firstChild = -1;
        qint32 childCount = 0;
        Type type = Type::Null;
    };

    // Node 0 stands for the value itself; its children are the top-level rows.
    static JsonTree fromValue(const QJsonValue &value);
    static JsonTree fromDocument(const QJsonDocument &document);

    bool isEmpty() const { return m_nodes.isEmpty(); }
    qsizetype size() const { return m_nodes.size(); }
    const Node &node(qsizetype id) const { return m_nodes.at(id); }

private:
    QList<Node> m_nodes;
};

// Keys (or array indices) in the first column; values in the second, scalars as JSON text
// and containers as their kind and size; the type in a tooltip and in TypeRole.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };

    enum Role {
        TypeRole = Qt::UserRole + 1, // a JsonTree::Type, as int
    };

    explicit JsonTreeModel(QObject *parent = nullptr);

    void setTree(std::shared_ptr<const JsonTree> tree);
    void setJson(const QJsonValue &value);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "String", "Number", ...: what a person reads in the tooltip.
    static QString typeName(JsonTree::Type type);

private:
    qint32 nodeOf(const QModelIndex &index) const;

    std::shared_ptr<const JsonTree> m_tree;
};

} // namespace salvo::ui
