#pragma once

#include <QMetaType>
#include <QString>

namespace salvo {

// Where a run stands. Computed by BatchRun on the thread that owns it.
struct Progress
{
    int total = 0;
    int done = 0;
    int ok = 0;
    int failed = 0; // finished without an ok answer
    // Stopped before an answer (Stop, Ctrl+C): never sent, or cut off. Not failed: the history
    // keeps no result for them, and a resume sends them.
    int notSent = 0;
    int inFlight = 0;
    double ratePerSecond = 0; // results per second over the last few seconds
    qint64 etaMs = -1; // -1 while unknown
    bool paused = false;
    bool finished = false;
};

// "3 ok, 2 failed", with ", 20 not sent" when a stop left rows without an answer: the same
// words wherever a run's counts are told (status bar, notification, salvo-cli).
QString progressCounts(const Progress &progress);

} // namespace salvo

Q_DECLARE_METATYPE(salvo::Progress)
