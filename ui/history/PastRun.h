#pragma once

#include <QString>

#include <optional>

#include "result/Result.h"
#include "store/ResumePlan.h"

namespace salvo::ui {

// A run read back from the history for the results table: every result in row order, without
// bodies (a past run of a million rows fits in memory that way), or why it could not be read.
struct PastRun
{
    qint64 runId = 0;
    ResultBatch results;
    QString error;
};

// One result's answer, read when its row is selected.
struct PastResponse
{
    HeaderList headers;
    QByteArray body;
    QString error;
};

// A run to resume: what it holds so far, shown first, and the rows still to send.
struct PastRunToResume
{
    PastRun shown;
    std::optional<ResumePlan> plan;
    QString error; // why it cannot be resumed: the run is unknown, still running, unreadable
};

// The three run on a worker: each opens its own connection to the history file (Qt SQL
// connections belong to one thread) and closes it before returning.
PastRun loadPastRun(const QString &historyPath, qint64 runId);
PastResponse loadPastResponse(const QString &historyPath, qint64 runId, int rowIndex);
PastRunToResume loadRunToResume(const QString &historyPath, qint64 runId);

} // namespace salvo::ui
