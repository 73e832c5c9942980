#include "CliInspectOptions.h"

#include "CliOptions.h"
#include "Translate.h"
#include "inspect/ExpressionCheck.h"

namespace salvo::cli {
namespace {

SALVO_FILE_TR("salvo::cli")

using Kind = Expectation::Kind;

// A jq expression is compiled too, so a mistake stops the run before it starts.
Expected<Expectation> expectationOf(Kind kind, const QString &text)
{
    if (kind == Kind::Json) {
        if (Expected<> checked = checkJq(text); !checked)
            return checked.error();
    }
    return Expectation::parse(kind, text);
}

} // namespace

CliInspectOptions::CliInspectOptions()
    : expectStatus(QStringLiteral("expect-status"),
                   tr("Expect the status: 200, 2xx, or several such as 301|302."),
                   QStringLiteral("LIST"))
    , expectUrl(QStringLiteral("expect-url"), tr("Expect the address after redirects to be URL."),
                QStringLiteral("URL"))
    , expectUrlPrefix(QStringLiteral("expect-url-prefix"),
                      tr("Expect the address after redirects to start with URL."),
                      QStringLiteral("URL"))
    , expectText(QStringLiteral("expect-text"), tr("Expect the body to contain TEXT."),
                 QStringLiteral("TEXT"))
    , expectNoText(QStringLiteral("expect-no-text"), tr("Expect the body not to contain TEXT."),
                   QStringLiteral("TEXT"))
    , expectJson(QStringLiteral("expect-json"),
                 tr("Expect a jq expression to be true of the JSON body: '.inStock == true', "
                    "'.items | length > 0'; $.a.b is taken as .a.b."),
                 QStringLiteral("EXPR"))
    , expectHeader(QStringLiteral("expect-header"),
                   tr("Expect a header: 'Name' (present), 'Name: value' (equal), "
                      "'Name: *part*' (containing part)."),
                   QStringLiteral("HEADER"))
    , expectContentType(QStringLiteral("expect-content-type"),
                        tr("Expect the content type: application/json, or a part such as json."),
                        QStringLiteral("TYPE"))
    , expectMaxTime(QStringLiteral("expect-max-time"),
                    tr("Expect each answer in under MS milliseconds."), QStringLiteral("MS"))
    , expectSizeAbove(QStringLiteral("expect-size-above"),
                      tr("Expect a body of more than BYTES bytes."), QStringLiteral("BYTES"))
    , expectSizeBelow(QStringLiteral("expect-size-below"),
                      tr("Expect a body of fewer than BYTES bytes."), QStringLiteral("BYTES"))
    , extract(QStringLiteral("extract"),
              tr("Read a value out of each answer into a column NAME (repeatable). EXPR is "
                 "jq:... (the default), xpath:..., re:... (the first group) or header:Name."),
              QStringLiteral("NAME=EXPR"))
{ }

QList<QCommandLineOption> CliInspectOptions::all() const
{
    return {expectStatus,  expectUrl,       expectUrlPrefix, expectText,
            expectNoText,  expectJson,      expectHeader,    expectContentType,
            expectMaxTime, expectSizeAbove, expectSizeBelow, extract};
}

Expected<std::shared_ptr<const InspectionPlan>> readInspection(const QCommandLineParser &parser,
                                                               const CliInspectOptions &options)
{
    const std::pair<const QCommandLineOption *, Kind> expectations[] = {
            {&options.expectStatus, Kind::Status},
            {&options.expectUrl, Kind::FinalUrl},
            {&options.expectUrlPrefix, Kind::FinalUrlPrefix},
            {&options.expectText, Kind::BodyContains},
            {&options.expectNoText, Kind::BodyLacks},
            {&options.expectJson, Kind::Json},
            {&options.expectHeader, Kind::Header},
            {&options.expectContentType, Kind::ContentType},
            {&options.expectMaxTime, Kind::MaxTimeMs},
            {&options.expectSizeAbove, Kind::MinBytes},
            {&options.expectSizeBelow, Kind::MaxBytes},
    };
    auto plan = std::make_shared<InspectionPlan>();
    for (const auto &[option, kind] : expectations) {
        for (const QString &text : parser.values(*option)) {
            Expected<Expectation> expectation = expectationOf(kind, text);
            if (!expectation)
                return usageError(
                        tr("--%1: %2")
                                .arg(option->names().constLast(), expectation.error().message));
            plan->expectations.append(std::move(expectation.value()));
        }
    }
    QStringList names;
    for (const QString &text : parser.values(options.extract)) {
        Expected<Extractor> extractor = Extractor::parse(text);
        if (!extractor)
            return usageError(tr("--extract: %1").arg(extractor.error().message));
        if (Expected<> checked = checkExtractor(extractor.value()); !checked)
            return usageError(tr("--extract: %1").arg(checked.error().message));
        if (names.contains(extractor.value().name))
            return usageError(tr("--extract: two columns are called %1; give each its own name.")
                                      .arg(extractor.value().name));
        names.append(extractor.value().name);
        plan->extractors.append(std::move(extractor.value()));
    }
    if (plan->isEmpty())
        return std::shared_ptr<const InspectionPlan>();
    return std::shared_ptr<const InspectionPlan>(std::move(plan));
}

} // namespace salvo::cli
