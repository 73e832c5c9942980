#include "LatencyRanges.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace salvo::ui {

int rowsThatFit(qreal plotHeight, qreal rowHeight)
{
    if (plotHeight <= 0 || rowHeight <= 0)
        return 0;
    return int(std::floor(plotHeight / rowHeight));
}

std::pair<int, int> shownRanges(const QList<int> &counts, int minimumShown, int rowsThatFit)
{
    const int count = int(counts.size());
    int first = 0;
    while (first < count && counts.at(first) == 0)
        ++first;
    if (first == count) // no answers yet
        return {0, count - 1};
    int last = count - 1;
    while (last > first && counts.at(last) == 0)
        --last;
    const int wanted = rowsThatFit > 0 ? std::min(minimumShown, rowsThatFit) : minimumShown;
    while (last - first + 1 < std::min(wanted, count)) {
        if (first > 0)
            --first;
        if (last - first + 1 < wanted && last < count - 1)
            ++last;
    }
    return {first, last};
}

QList<bool> rangesToName(const QList<int> &counts, qreal rowHeight, qreal nameHeight)
{
    const int count = int(counts.size());
    QList<bool> named(count, true);
    if (rowHeight >= nameHeight)
        return named;
    named.fill(false);
    // Two names overlap unless this many rows apart.
    const int apart = rowHeight > 0 ? int(std::ceil(nameHeight / rowHeight)) : count;
    QList<int> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&counts](int a, int b) { return counts.at(a) > counts.at(b); });
    for (const int row : std::as_const(order)) {
        bool clear = true;
        for (int other = std::max(0, row - apart + 1);
             other <= std::min(count - 1, row + apart - 1); ++other)
            clear = clear && !named.at(other);
        named[row] = clear;
    }
    return named;
}

} // namespace salvo::ui
