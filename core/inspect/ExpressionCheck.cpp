#include "ExpressionCheck.h"

#include "JqService.h"
#include "JsonPath.h"
#include "RegexQuery.h"
#include "SimpleJq.h"
#include "Translate.h"
#include "XPathQuery.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::ExpressionCheck")

} // namespace

bool readsBody(const Expectation &expectation)
{
    using Kind = Expectation::Kind;
    return expectation.kind == Kind::BodyContains || expectation.kind == Kind::BodyLacks
            || expectation.kind == Kind::Json;
}

bool readsHeaders(const Expectation &expectation)
{
    return expectation.kind == Expectation::Kind::Header;
}

bool readsLocation(const Expectation &expectation)
{
    return expectation.kind == Expectation::Kind::Status;
}

bool readsBody(const Extractor &extractor)
{
    return extractor.kind != Extractor::Kind::Header;
}

Expected<> checkJq(const QString &expression)
{
    // A simple form compiles in jq (tst_simplejq proves it): no need to start jq for it.
    if (SimpleJq::parse(expression))
        return {};
    QFuture<JqOutcome> checked
            = JqService::instance().submit(jqwire::Op::Check, JsonPath::toJq(expression).toUtf8());
    const JqOutcome outcome = checked.result();
    if (outcome.kind == JqOutcome::Kind::Error)
        return inputError(
                tr("The jq expression %1 is not valid: %2.").arg(expression, outcome.text));
    if (outcome.kind == JqOutcome::Kind::Stopped)
        return inputError(
                tr("The jq expression %1 could not be checked: %2.").arg(expression, outcome.text));
    return {};
}

namespace {

Expected<> compiles(const Extractor &extractor)
{
    switch (extractor.kind) {
    case Extractor::Kind::Jq:
        return checkJq(extractor.expression);
    case Extractor::Kind::XPath:
        if (Expected<XPathQuery> query = XPathQuery::compile(extractor.expression); !query)
            return query.error();
        return {};
    case Extractor::Kind::Regex:
        if (Expected<RegexQuery> query = RegexQuery::compile(extractor.expression); !query)
            return query.error();
        return {};
    case Extractor::Kind::Header:
        return {};
    }
    return {};
}

} // namespace

Expected<> checkExtractor(const Extractor &extractor)
{
    if (Expected<> checked = compiles(extractor); !checked)
        return inputError(tr("Column %1: %2").arg(extractor.name, checked.error().message));
    return {};
}

Expected<> checkPlan(const InspectionPlan &plan)
{
    for (const Expectation &expectation : plan.expectations) {
        if (expectation.kind != Expectation::Kind::Json)
            continue;
        if (Expected<> checked = checkJq(expectation.text); !checked)
            return checked;
    }
    for (const Extractor &extractor : plan.extractors) {
        if (Expected<> checked = checkExtractor(extractor); !checked)
            return checked;
    }
    return {};
}

} // namespace salvo
