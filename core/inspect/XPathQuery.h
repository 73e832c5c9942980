#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

#include "Expected.h"

namespace salvo {

// An answer's body parsed as a tree for XPath: HTML through libxml2's forgiving HTML parser,
// or XML when the content type says XML. Never reaches the network (no DTDs, no entities
// from outside).
class MarkupDocument
{
public:
    MarkupDocument(const QByteArray &body, const QString &contentType);
    ~MarkupDocument();
    Q_DISABLE_COPY_MOVE(MarkupDocument)

    // Null when the body could not be read as markup at all (empty, say).
    void *tree() const { return m_tree; }

private:
    void *m_tree = nullptr; // xmlDocPtr
};

// An XPath 1.0 expression, compiled once and evaluated on many documents, from one thread.
class XPathQuery
{
public:
    ~XPathQuery();
    XPathQuery(XPathQuery &&other) noexcept;
    XPathQuery &operator=(XPathQuery &&other) noexcept;
    Q_DISABLE_COPY(XPathQuery)

    // The expression compiled, or why it cannot be, with the position libxml2 stopped at.
    static Expected<XPathQuery> compile(const QString &expression);

    struct Outcome
    {
        QString value; // the first node's text, or the string, number or boolean; null: none
        QString error; // set when evaluation failed or ran past its bound
    };
    Outcome evaluate(const MarkupDocument &document) const;

private:
    XPathQuery() = default;
    void *m_compiled = nullptr; // xmlXPathCompExprPtr
};

} // namespace salvo
