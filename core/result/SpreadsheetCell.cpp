#include "SpreadsheetCell.h"

#include <QCoreApplication>

#include <algorithm>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::SpreadsheetCell")

} // namespace

QString spreadsheetCutMark()
{
    return tr("… [cut: a spreadsheet cell holds at most 32,767 characters; the JSON, JSON Lines "
              "and HAR exports keep the whole text]");
}

bool fitSpreadsheetCell(QString &cell)
{
    if (cell.size() <= spreadsheetCellLimit)
        return false;
    const QString mark = spreadsheetCutMark();
    qsizetype kept = std::max<qsizetype>(0, spreadsheetCellLimit - mark.size());
    // A character beyond the Basic Multilingual Plane (an emoji) is two units: keep both or
    // neither, as half of one is not text.
    if (kept > 0 && cell.at(kept - 1).isHighSurrogate())
        --kept;
    cell.truncate(kept);
    cell += mark;
    return true;
}

} // namespace salvo
