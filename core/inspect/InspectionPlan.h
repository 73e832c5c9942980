#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringView>

#include <optional>

#include "Expectation.h"
#include "Extractor.h"

namespace salvo {

// What a run checks and reads in every answer: the batch's expectations and its extracted
// columns. Rows may add expectations of their own (RequestSpec::expectations).
struct InspectionPlan
{
    QList<Expectation> expectations;
    QList<Extractor> extractors;

    bool isEmpty() const { return expectations.isEmpty() && extractors.isEmpty(); }
    // The same things written the same way (inspectionToJson's form).
    friend bool operator==(const InspectionPlan &a, const InspectionPlan &b);
};

// Whether an expectation or extractor reads the body (the engine then keeps it for them).
bool readsBody(const Expectation &expectation);
bool readsBody(const Extractor &extractor);
// Whether it reads headers (a header's), or only the Location header (a status's: its sentence
// names a redirect's target).
bool readsHeaders(const Expectation &expectation);
bool readsLocation(const Expectation &expectation);

// Each kind's stable name, as files, the history and the CLI's options say it: status, url,
// url_prefix, text, no_text, json, header, content_type, max_time, size_above, size_below
// (and refused, for a row's expectation that could not be read).
QString expectationKindName(Expectation::Kind kind);
std::optional<Expectation::Kind> expectationKindFromName(QStringView name);

// The plan as .salvo files and the history keep it:
// {"expect": [{"kind": "status", "value": "2xx"}, ...],
//  "extract": [{"name": "price", "expression": "jq:.price"}, ...]}
// Reading it back checks each entry's form (not whether an expression compiles).
QJsonObject inspectionToJson(const InspectionPlan &plan);
Expected<InspectionPlan> inspectionFromJson(const QJsonObject &object);

} // namespace salvo
