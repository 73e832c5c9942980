#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "Expected.h"
#include "StoreTypes.h"
#include "batch/BatchSpec.h"
#include "batch/SecretHeaders.h"
#include "engine/RunOptions.h"

namespace salvo {

// What resuming a run sends: the rows of the run that have no result yet (cancelled, never
// reached, or whose results could not be saved), as the run had them. salvo-cli's `resume` and
// the window's Resume both start from this.
struct ResumePlan
{
    qint64 runId = 0;
    BatchSpec batch; // the missing rows, with the run's method, headers and body
    QList<int> rowIndices; // batch.rows[i] is row rowIndices[i] of the run
    RunOptions options; // the run's own
    // Secret headers the history did not keep: the caller fills them in (from -H, the keychain,
    // the person) or says they are not sent.
    QList<QByteArray> withheldHeaders;

    // Every row has its result: nothing to send. A run left interrupted so was marked finished.
    bool isComplete() const { return rowIndices.isEmpty(); }
};

// Reads what to resume from the history file. Fails with NoSuchRun, StillRunning (a live
// process is writing the run) or why the history cannot be read. Only the missing rows are
// built again, so resuming the last few rows of a million is quick.
Expected<ResumePlan> planResume(const QString &historyPath, qint64 runId);

// Some rows of a stored run, to run again as a run of their own ("Run selected rows again" on a
// past run): planned as a resume is, whether or not they have a result.
Expected<ResumePlan> planRowsAgain(const QString &historyPath, qint64 runId,
                                   const QList<int> &rowIndices);

} // namespace salvo
