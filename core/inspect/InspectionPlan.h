#pragma once

#include <QList>

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
};

// Whether an expectation or extractor reads the body (the engine then keeps it for them).
bool readsBody(const Expectation &expectation);
bool readsBody(const Extractor &extractor);
// Whether it reads headers (a header's), or only the Location header (a status's: its sentence
// names a redirect's target).
bool readsHeaders(const Expectation &expectation);
bool readsLocation(const Expectation &expectation);

} // namespace salvo
