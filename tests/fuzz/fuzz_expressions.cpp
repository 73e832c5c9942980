// Hostile expressions against hostile bodies. The first line is an expression, the rest a
// body: the expression is tried as a JSON path, an XPath and a regular expression, each on the
// body as JSON, HTML and XML, and as a simple jq form (with a few fixed ones) on the body read
// in place. Whatever they are, every expression is either refused with a reason or evaluated to
// a value, nothing or a stop with a reason: never a crash or a hang.
// (jq runs in its own process, salvo-jq, which Salvo stops and restarts: tst_jqservice. Here
// the wire it speaks is fuzzed instead.)

#include "FuzzTarget.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include "inspect/JqWire.h"
#include "inspect/JsonPath.h"
#include "inspect/SimpleJq.h"
#include "inspect/RegexQuery.h"
#include "inspect/XPathQuery.h"

namespace {

void tryJsonPath(const QString &expression, const QByteArray &body)
{
    const std::optional<salvo::JsonPath> path = salvo::JsonPath::parse(expression);
    if (!path)
        return;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonValue root
            = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    (void)salvo::jsonCellText(path->valueIn(root));
}

void trySimpleJq(const QString &expression, const QByteArray &body)
{
    const salvo::JsonText text = salvo::JsonText::read(body);
    for (const QString &each : {expression, QStringLiteral("."), QStringLiteral(". | length"),
                                QStringLiteral(".[-1] | length > 2"), QStringLiteral(".a.b")}) {
        const std::optional<salvo::SimpleJq> simple = salvo::SimpleJq::parse(each);
        if (!simple)
            continue;
        for (const salvo::jqwire::Op op : {salvo::jqwire::Op::Extract, salvo::jqwire::Op::Test}) {
            const std::optional<salvo::JqOutcome> outcome = simple->evaluate(op, text);
            salvo::fuzz::require(!outcome
                                         || (outcome->kind != salvo::JqOutcome::Kind::Error
                                             && outcome->kind != salvo::JqOutcome::Kind::Stopped),
                                 "a simple form leaves errors to jq");
        }
    }
}

void tryXPath(const QString &expression, const QByteArray &body)
{
    salvo::Expected<salvo::XPathQuery> query = salvo::XPathQuery::compile(expression);
    if (!query) {
        salvo::fuzz::require(!query.error().message.isEmpty(), "a refused XPath says why");
        return;
    }
    for (const char *type : {"text/html", "application/xml"}) {
        const salvo::MarkupDocument document(body, QString::fromLatin1(type));
        const salvo::XPathQuery::Outcome outcome = query.value().evaluate(document);
        salvo::fuzz::require(outcome.error.isEmpty() || outcome.value.isNull(),
                             "an XPath that failed gives no value");
    }
}

void tryRegex(const QString &expression, const QByteArray &body)
{
    salvo::Expected<salvo::RegexQuery> query = salvo::RegexQuery::compile(expression);
    if (!query) {
        salvo::fuzz::require(!query.error().message.isEmpty(), "a refused pattern says why");
        return;
    }
    const salvo::RegexQuery::Outcome outcome = query.value().evaluate(body);
    salvo::fuzz::require(outcome.error.isEmpty() || outcome.value.isNull(),
                         "a pattern that was stopped gives no value");
}

void tryWire(QByteArray bytes)
{
    QByteArray answers = bytes;
    while (salvo::jqwire::takeRequest(bytes)) { }
    while (salvo::jqwire::takeAnswers(answers)) { }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = salvo::fuzz::bytesOf(data, size).toByteArray();
    const auto [firstLine, rest] = salvo::fuzz::splitFirstLine(input);
    const QString expression = QString::fromUtf8(firstLine);
    const QByteArray body = rest.toByteArray();
    tryJsonPath(expression, body);
    trySimpleJq(expression, body);
    tryXPath(expression, body);
    tryRegex(expression, body);
    tryWire(input);
    return 0;
}
