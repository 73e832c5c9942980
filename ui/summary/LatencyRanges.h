#pragma once

#include <QList>

#include <utility>

namespace salvo::ui {

// Which latency ranges the histogram shows, and which it names beside their bars. A name needs
// a row at least as tall as itself: at the window's default size every range gets one, but a
// small window or a large font can make rows shorter. Then the ranges with the most answers
// are named first, so the largest bars always carry their range, and no two names overlap.

// How many rows of at least `rowHeight` fit a plot `plotHeight` tall; 0 before it is laid out.
int rowsThatFit(qreal plotHeight, qreal rowHeight);

// The first and last range the chart shows: from the first with answers to the last, and
// around them, for scale, neighbours up to `minimumShown` ranges as far as `rowsThatFit`
// allows (0: not laid out yet, no limit); every range before any answer.
std::pair<int, int> shownRanges(const QList<int> &counts, int minimumShown, int rowsThatFit);

// For each of the shown ranges' counts, whether it is named: every one when rows are a name
// tall; else the ranges with the most answers first, then the others in order, each only where
// it keeps a name's height from the names already placed.
QList<bool> rangesToName(const QList<int> &counts, qreal rowHeight, qreal nameHeight);

} // namespace salvo::ui
