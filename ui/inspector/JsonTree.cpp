#include "JsonTree.h"

#include <algorithm>
#include <utility>

namespace salvo::ui {
namespace {

// A cell shows the start of a long string; the Pretty view has all of it.
constexpr qsizetype maxCellChars = 500;

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

} // namespace

void JsonTree::Builder::key(QString name)
{
    m_key = std::move(name);
}

void JsonTree::Builder::string(const QString &value)
{
    add(Type::String, quoted(value));
}

void JsonTree::Builder::scalar(Type type, QString jsonText)
{
    add(type, std::move(jsonText));
}

void JsonTree::Builder::open(Type type)
{
    const qint32 id = add(type, {});
    m_open.append(OpenContainer{.id = id, .firstPending = m_pending.size()});
}

void JsonTree::Builder::close()
{
    if (m_open.isEmpty())
        return;
    const OpenContainer container = m_open.takeLast();
    Node &node = m_tree.m_nodes[container.id];
    node.childCount = qint32(m_pending.size() - container.firstPending);
    if (node.childCount > 0) {
        node.firstChildSlot = qint32(m_tree.m_children.size());
        m_tree.m_children.append(m_pending.sliced(container.firstPending));
        m_pending.resize(container.firstPending);
    }
}

qint32 JsonTree::Builder::add(Type type, QString text)
{
    const auto id = qint32(m_tree.m_nodes.size());
    Node node{.key = std::exchange(m_key, QString()), .text = std::move(text), .type = type};
    if (!m_open.isEmpty()) {
        const OpenContainer &parent = m_open.constLast();
        node.parent = parent.id;
        node.row = qint32(m_pending.size() - parent.firstPending);
        m_pending.append(id);
    }
    m_tree.m_nodes.append(std::move(node));
    return id;
}

JsonTree JsonTree::Builder::finish()
{
    while (!m_open.isEmpty()) // only a document cut short leaves one open
        close();
    return std::exchange(m_tree, JsonTree());
}

} // namespace salvo::ui
