#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include "result/ErrorKind.h"

namespace salvo {

// How a run ended, or that it has not. Interrupted: its process is gone (a crash, a kill, a
// power cut) or its writer was closed without finishing it; such a run can be resumed.
enum class RunState {
    Running,
    Finished,
    Cancelled,
    Interrupted,
};

// The handle RunStore::beginRun() returns at once, before the store thread has given the run
// its id; every later call for the run names it by this (RunStore.h says why).
using RunTicket = quint64;

// One line of the history list.
struct RunSummary
{
    qint64 id = 0;
    QString batchName;
    RunState state = RunState::Running;
    QDateTime started; // UTC
    QDateTime finished; // UTC; for an interrupted run its last write; invalid while running
    int rowCount = 0;
    int resultCount = 0;
    int okCount = 0;
    int failedCount = 0;
};

// Which results a page holds, as the results table filters them: one status class ("4xx"),
// every transport error ("errors"), or one error kind ("dns"). Unset parts match everything.
struct ResultFilter
{
    int statusClass = -1; // 1..5: answers of that class without a transport error; 0: every
                          // row with a transport error; -1: any
    ErrorKind error = ErrorKind::None; // None: any

    static ResultFilter ofStatusClass(int statusClass) { return {statusClass, ErrorKind::None}; }
    static ResultFilter transportErrors() { return {0, ErrorKind::None}; }
    static ResultFilter ofError(ErrorKind error) { return {-1, error}; }
};

} // namespace salvo

Q_DECLARE_METATYPE(salvo::RunState)
