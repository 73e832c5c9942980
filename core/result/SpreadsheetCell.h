#pragma once

#include <QString>

namespace salvo {

// Excel keeps at most 32,767 characters in a cell, counted as UTF-16 code units (QString's
// size()); a longer CSV field does not open cleanly there. LibreOffice keeps more.
inline constexpr qsizetype spreadsheetCellLimit = 32'767;

// What ends a cut cell: what happened, in plain words, and where the whole text is.
QString spreadsheetCutMark();

// Leaves a cell that fits as it is and returns false. Cuts a longer one so that it, with the
// mark after it, holds spreadsheetCellLimit units at most, never between the two halves of a
// surrogate pair, and returns true.
bool fitSpreadsheetCell(QString &cell);

} // namespace salvo
