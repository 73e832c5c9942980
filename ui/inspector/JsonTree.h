#pragma once

#include <QList>
#include <QString>

namespace salvo::ui {

// A JSON value as a flat table of nodes, in the order the document wrote them: an object's
// members keep the server's order, duplicates included. Built without recursion, on any
// thread: the inspector builds it on a worker for a large body and hands it over read-only.
class JsonTree final
{
public:
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };

    struct Node
    {
        QString key; // the member name in an object; empty for an element of an array
        QString text; // a scalar as JSON text, cut for display; empty for a container
        qint32 parent = -1;
        qint32 row = 0; // among its parent's children
        qint32 firstChildSlot = -1; // where its children's ids start in the children table
        qint32 childCount = 0;
        Type type = Type::Null;
    };

    class Builder; // below

    bool isEmpty() const { return m_nodes.isEmpty(); }
    qsizetype size() const { return m_nodes.size(); }
    // Node 0 stands for the value itself; its children are the top-level rows.
    const Node &node(qsizetype id) const { return m_nodes.at(id); }
    qint32 childOf(qsizetype id, qint32 row) const
    {
        return m_children.at(m_nodes.at(id).firstChildSlot + row);
    }

private:
    QList<Node> m_nodes;
    QList<qint32> m_children; // each container's children's ids, side by side
};

// Takes a document's values in document order. A value inside a container is that
// container's next child; key() names the next value of an object.
class JsonTree::Builder
{
public:
    void key(QString name);
    void string(const QString &value); // shown quoted, escaped, its start only if long
    void scalar(Type type, QString jsonText); // a number, true, false or null
    void open(Type type); // an array or an object, until its close()
    void close();
    JsonTree finish();

private:
    qint32 add(Type type, QString text);

    struct OpenContainer
    {
        qint32 id = 0;
        qsizetype firstPending = 0; // where its children start in m_pending
    };

    JsonTree m_tree;
    QString m_key;
    QList<OpenContainer> m_open;
    // The children of the open containers, innermost last: a container's are contiguous
    // because its nested containers moved theirs to the table when they closed.
    QList<qint32> m_pending;
};

} // namespace salvo::ui
