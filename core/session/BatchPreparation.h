#pragma once

#include <QString>
#include <QStringList>

#include "Expected.h"
#include "batch/BatchInput.h"
#include "batch/BatchSpec.h"

namespace salvo {

// How a batch of the window reaches its endpoints: the proxy and certificates of Settings,
// the proxy the batch chose instead of them, and the batch's own sign-in.
NetworkAccess accessForBatch(const BatchInput &input, const NetworkAccess &settings);

struct PreparedBatch
{
    BatchSpec batch; // its access prepared
    QStringList warnings; // what the run goes on with but the person should know
};

// The batch read as the window runs it: its environment (from `environmentsPath`) filled in,
// every variable defined, its access checked and prepared. A sentence when it cannot run.
// Reads files: call it on a worker.
Expected<PreparedBatch> prepareBatch(const BatchInput &input, const NetworkAccess &settings,
                                     const QString &environmentsPath);

} // namespace salvo
