#pragma once

#include <QMetaType>

namespace salvo {

// Where a run stands. Computed by BatchRun on the thread that owns it.
struct Progress
{
    int total = 0;
    int done = 0;
    int ok = 0;
    int failed = 0;
    int inFlight = 0;
    double ratePerSecond = 0; // results per second over the last few seconds
    qint64 etaMs = -1; // -1 while unknown
    bool paused = false;
    bool finished = false;
};

} // namespace salvo

Q_DECLARE_METATYPE(salvo::Progress)
