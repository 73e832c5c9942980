#include "XPathQuery.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <QLocale>

#include <mutex>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::XPathQuery")

// XPath steps one evaluation may take: enough for any sensible query of a large page, and a
// bound on a query that would visit every node once per node.
constexpr unsigned long operationLimit = 20'000'000;

void initialiseLibxmlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

// libxml2 reports errors through a handler of the calling thread; this one keeps the last.
struct ErrorCatcher
{
    ErrorCatcher() { xmlSetStructuredErrorFunc(this, &ErrorCatcher::keep); }
    ~ErrorCatcher() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
    static void keep(void *self, xmlErrorPtr error)
    {
        auto *catcher = static_cast<ErrorCatcher *>(self);
        if (catcher->message.isEmpty() && error) {
            catcher->message = QString::fromUtf8(error->message).trimmed();
            catcher->position = error->int1;
            catcher->code = error->code;
        }
    }
    QString message;
    int position = 0;
    int code = 0;
};

QString textOf(xmlXPathObjectPtr object)
{
    switch (object->type) {
    case XPATH_NODESET: {
        if (!object->nodesetval || object->nodesetval->nodeNr == 0)
            return {};
        xmlChar *text = xmlXPathCastNodeToString(object->nodesetval->nodeTab[0]);
        const QString value = QString::fromUtf8(reinterpret_cast<const char *>(text)).trimmed();
        xmlFree(text);
        return value.isNull() ? QStringLiteral("") : value;
    }
    case XPATH_BOOLEAN:
        return object->boolval ? QStringLiteral("true") : QStringLiteral("false");
    case XPATH_NUMBER:
        if (xmlXPathIsNaN(object->floatval))
            return {};
        return QString::number(object->floatval, 'g', QLocale::FloatingPointShortest);
    case XPATH_STRING:
        return QString::fromUtf8(reinterpret_cast<const char *>(object->stringval));
    default:
        return {};
    }
}

} // namespace

MarkupDocument::MarkupDocument(const QByteArray &body, const QString &contentType)
{
    initialiseLibxmlOnce();
    if (body.isEmpty())
        return;
    ErrorCatcher quiet; // a page's markup errors are not the person's problem
    const bool xml = contentType.contains(QStringLiteral("xml"), Qt::CaseInsensitive)
            && !contentType.contains(QStringLiteral("html"), Qt::CaseInsensitive);
    if (xml) {
        m_tree = xmlReadMemory(body.constData(), int(body.size()), nullptr, nullptr,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                                       | XML_PARSE_RECOVER);
    }
    if (!m_tree) {
        m_tree = htmlReadMemory(body.constData(), int(body.size()), nullptr, nullptr,
                                HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                        | HTML_PARSE_RECOVER);
    }
}

MarkupDocument::~MarkupDocument()
{
    xmlFreeDoc(static_cast<xmlDocPtr>(m_tree));
}

XPathQuery::~XPathQuery()
{
    xmlXPathFreeCompExpr(static_cast<xmlXPathCompExprPtr>(m_compiled));
}

XPathQuery::XPathQuery(XPathQuery &&other) noexcept
    : m_compiled(std::exchange(other.m_compiled, nullptr))
{ }

XPathQuery &XPathQuery::operator=(XPathQuery &&other) noexcept
{
    std::swap(m_compiled, other.m_compiled);
    return *this;
}

Expected<XPathQuery> XPathQuery::compile(const QString &expression)
{
    initialiseLibxmlOnce();
    ErrorCatcher errors;
    const QByteArray utf8 = expression.toUtf8();
    XPathQuery query;
    query.m_compiled = xmlXPathCompile(reinterpret_cast<const xmlChar *>(utf8.constData()));
    if (!query.m_compiled) {
        const QString reason = errors.message.isEmpty() ? tr("it cannot be read") : errors.message;
        return inputError(tr("The XPath %1 is not valid: %2, at character %3.")
                                  .arg(expression, reason.toLower())
                                  .arg(errors.position + 1));
    }
    return query;
}

XPathQuery::Outcome XPathQuery::evaluate(const MarkupDocument &document) const
{
    if (!document.tree())
        return {};
    ErrorCatcher errors;
    xmlXPathContextPtr context = xmlXPathNewContext(static_cast<xmlDocPtr>(document.tree()));
    context->opLimit = operationLimit;
    xmlXPathObjectPtr object
            = xmlXPathCompiledEval(static_cast<xmlXPathCompExprPtr>(m_compiled), context);
    Outcome outcome;
    if (object)
        outcome.value = textOf(object);
    else
        // libxml2 reports XPath errors offset into its own list of codes.
        outcome.error = errors.code == int(XML_XPATH_EXPRESSION_OK) + int(XPATH_OP_LIMIT_EXCEEDED)
                ? tr("the XPath took too many steps on this answer and was stopped")
                : tr("the XPath could not be evaluated: %1").arg(errors.message.toLower());
    xmlXPathFreeObject(object);
    xmlXPathFreeContext(context);
    return outcome;
}

} // namespace salvo
