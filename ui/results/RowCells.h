#pragma once

#include "TextArena.h"
#include "result/ErrorKind.h"

namespace salvo::ui {

// What the results table keeps of one row: what its columns, tooltips, chips and search show,
// in 40 bytes beside its address. The answer itself (headers, body, the error's technical
// detail) stays in the history until the row is selected.
struct RowCells
{
    enum Flag : quint8 {
        Truncated = 1 << 0,
        CertificatesUnchecked = 1 << 1,
        DeadlineTimeout = 1 << 2,
        InactivityTimeout = 1 << 3,
        Checked = 1 << 4, // the row had expectations
        Unmet = 1 << 5, // ... and failed one
    };

    qint64 bytes = 0;
    qint32 inputRow = -1;
    qint32 elapsedMs = 0;
    TextArena::Handle url = 0;
    TextArena::Handle redirects = 0; // every address followed, one a line
    quint32 message = 0; // an interned sentence
    qint16 status = 0;
    quint16 contentType = 0; // interned
    quint8 error = 0; // ErrorKind
    quint8 flags = 0;
    quint8 attempts = 0; // counts above 255 show as 255
    quint8 resends = 0;
    quint8 redirectCount = 0;
    quint8 method = 0; // interned

    ErrorKind errorKind() const { return ErrorKind(error); }
    bool hasFlag(Flag flag) const { return (flags & flag) != 0; }
    bool isRedirected() const { return redirectCount > 0; }
    bool ok() const { return error == 0 && status >= 200 && status < 400; }
    bool isUnmet() const { return hasFlag(Unmet); }
};

// What a run that checks and reads its answers adds to a row, kept beside its RowCells only
// for such runs: the sentences of the expectations it failed, and its extracted values and
// input cells, each in the table's arena.
struct InspectedCells
{
    TextArena::Handle unmet = 0; // one sentence a line
    TextArena::Handle values = 0; // extracted values, then input cells, apart by U+001F
};
static_assert(sizeof(RowCells) == 40, "a row's cells stay compact");

} // namespace salvo::ui
