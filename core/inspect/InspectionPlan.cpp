#include "InspectionPlan.h"

#include <QJsonArray>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::InspectionPlan")

using Kind = Expectation::Kind;

constexpr std::pair<Kind, const char16_t *> kindNames[] = {
        {Kind::Status, u"status"},
        {Kind::FinalUrl, u"url"},
        {Kind::FinalUrlPrefix, u"url_prefix"},
        {Kind::BodyContains, u"text"},
        {Kind::BodyLacks, u"no_text"},
        {Kind::Json, u"json"},
        {Kind::Header, u"header"},
        {Kind::ContentType, u"content_type"},
        {Kind::MaxTimeMs, u"max_time"},
        {Kind::MinBytes, u"size_above"},
        {Kind::MaxBytes, u"size_below"},
        {Kind::Refused, u"refused"},
};

} // namespace

QString expectationKindName(Expectation::Kind kind)
{
    for (const auto &[known, name] : kindNames) {
        if (known == kind)
            return QString::fromUtf16(name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<Expectation::Kind> expectationKindFromName(QStringView name)
{
    for (const auto &[kind, known] : kindNames) {
        if (name == QStringView(known))
            return kind;
    }
    return std::nullopt;
}

bool operator==(const InspectionPlan &a, const InspectionPlan &b)
{
    return a.expectations.size() == b.expectations.size()
            && a.extractors.size() == b.extractors.size()
            && inspectionToJson(a) == inspectionToJson(b);
}

QJsonObject inspectionToJson(const InspectionPlan &plan)
{
    QJsonArray expectations;
    for (const Expectation &expectation : plan.expectations) {
        expectations.append(QJsonObject{
                {QStringLiteral("kind"), expectationKindName(expectation.kind)},
                {QStringLiteral("value"),
                 expectation.written.isNull() ? expectation.text : expectation.written}});
    }
    QJsonArray extractors;
    for (const Extractor &extractor : plan.extractors) {
        extractors.append(QJsonObject{{QStringLiteral("name"), extractor.name},
                                      {QStringLiteral("expression"), extractor.spec()}});
    }
    return {{QStringLiteral("expect"), expectations}, {QStringLiteral("extract"), extractors}};
}

Expected<InspectionPlan> inspectionFromJson(const QJsonObject &object)
{
    InspectionPlan plan;
    const QJsonArray expectations = object.value(QStringLiteral("expect")).toArray();
    for (qsizetype i = 0; i < expectations.size(); ++i) {
        const QJsonObject entry = expectations.at(i).toObject();
        const QString kindName = entry.value(QStringLiteral("kind")).toString();
        const std::optional<Kind> kind = expectationKindFromName(kindName);
        if (!kind)
            return inputError(tr("Expectation %1: \"%2\" is not a kind of expectation.")
                                      .arg(i + 1)
                                      .arg(kindName));
        Expected<Expectation> expectation
                = Expectation::parse(*kind, entry.value(QStringLiteral("value")).toString());
        if (!expectation)
            return inputError(tr("Expectation %1: %2").arg(i + 1).arg(expectation.error().message));
        plan.expectations.append(std::move(expectation.value()));
    }
    const QJsonArray extractors = object.value(QStringLiteral("extract")).toArray();
    for (qsizetype i = 0; i < extractors.size(); ++i) {
        const QJsonObject entry = extractors.at(i).toObject();
        Expected<Extractor> extractor
                = Extractor::parse(entry.value(QStringLiteral("name")).toString() + u'='
                                   + entry.value(QStringLiteral("expression")).toString());
        if (!extractor)
            return inputError(tr("Column %1: %2").arg(i + 1).arg(extractor.error().message));
        plan.extractors.append(std::move(extractor.value()));
    }
    return plan;
}

} // namespace salvo
