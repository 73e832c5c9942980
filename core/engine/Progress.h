#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include "Pacer.h"

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
    // Hosts slowed down because they answered 429 or 503 (retries off).
    QList<SlowedHost> slowedHosts;
};

// "3 ok, 2 failed", with ", 20 not sent" when a stop left rows without an answer: the same
// words wherever a run's counts are told (status bar, notification, salvo-cli).
QString progressCounts(const Progress &progress);

// "Slowed down api.example.com to 2 requests a second, after answers of 429 (too many
// requests) or 503.", every host slowed in one sentence; empty when none was.
QString slowdownSentence(const QList<SlowedHost> &hosts);

} // namespace salvo

Q_DECLARE_METATYPE(salvo::Progress)
