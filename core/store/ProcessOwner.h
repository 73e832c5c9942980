#pragma once

#include <QString>

// Which process writes a run, and whether it is still there. Recorded with every run the
// writer begins; a reader compares it with the live system to tell a run that is still going
// from one whose process died (a crash, a kill, a power cut) without saying so.
//
// Why not a QLockFile per run: a lock file is a second thing to keep in step with the
// database, a reader would have to take the lock to test it (a write, from code that only
// reads), and crashed runs leave files behind. A process id alone is not enough either:
// ids are reused. Host, boot and the process's start time make one process unique.

namespace salvo {

struct ProcessOwner
{
    QString host; // machine id (hostname where there is none)
    QString boot; // boot id; empty where the system has none
    qint64 pid = 0;
    qint64 startTicks = 0; // start time in clock ticks since boot (Linux); 0 when unknown

    // The process this code runs in.
    static ProcessOwner current();
};

enum class OwnerLiveness {
    Alive, // that very process is running
    Gone, // it ended: the machine rebooted, no such process, or the id now names another one
    Unknown, // written on another machine (a shared folder): cannot tell, so assume alive
};

OwnerLiveness ownerLiveness(const ProcessOwner &owner);

} // namespace salvo
