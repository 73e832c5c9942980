#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

#include "inspect/InspectionPlan.h"
#include "result/ErrorKind.h"
#include "result/Result.h"

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
    int unmetCount = 0; // rows that failed an expectation
    // What the run checked and read in each answer; null: nothing.
    std::shared_ptr<const InspectionPlan> inspection;
    bool expects = false; // it, or its rows, expected something of each answer
    QStringList inputColumns; // the names of its input's own columns (Result::columns)
    // The run this one re-ran rows of; 0: none, or that run has been deleted since.
    qint64 parentRunId = 0;
    // Its options had certificate checking on (off: --insecure, or Settings).
    bool certificatesChecked = true;
};

// Which results a page holds, as the results table filters them: one status class ("4xx"),
// every transport error ("errors"), or one error kind ("dns"). Unset parts match everything.
struct ResultFilter
{
    int statusClass = -1; // 1..5: answers of that class without a transport error; 0: every
                          // row with a transport error; -1: any
    ErrorKind error = ErrorKind::None; // None: any
    bool redirectedOnly = false; // only rows whose answer came after a redirect
    bool unmetOnly = false; // only rows that failed an expectation
    bool metOnly = false; // only rows that did not fail one (passed, or nothing expected)

    static ResultFilter ofStatusClass(int statusClass) { return {statusClass, ErrorKind::None}; }
    static ResultFilter transportErrors() { return {0, ErrorKind::None}; }
    static ResultFilter ofError(ErrorKind error) { return {-1, error}; }
    static ResultFilter redirected() { return {-1, ErrorKind::None, true}; }
    static ResultFilter unmet() { return {-1, ErrorKind::None, false, true}; }

    // Whether a result passes, as the history's queries decide it.
    bool matches(const Result &result) const
    {
        const int resultClass = result.error != ErrorKind::None ? 0 : result.status / 100;
        return (statusClass < 0 || statusClass == resultClass)
                && (error == ErrorKind::None || error == result.error)
                && (!redirectedOnly || !result.redirects.isEmpty())
                && (!unmetOnly || result.verdict == Verdict::Failed)
                && (!metOnly || result.verdict != Verdict::Failed);
    }
    // The rows both filters pass, or nullopt when no row can pass both.
    static std::optional<ResultFilter> both(const ResultFilter &a, const ResultFilter &b)
    {
        if ((a.unmetOnly || b.unmetOnly) && (a.metOnly || b.metOnly))
            return std::nullopt;
        if ((a.statusClass >= 0 && b.statusClass >= 0 && a.statusClass != b.statusClass)
            || (a.error != ErrorKind::None && b.error != ErrorKind::None && a.error != b.error))
            return std::nullopt;
        const ResultFilter joined{a.statusClass >= 0 ? a.statusClass : b.statusClass,
                                  a.error != ErrorKind::None ? a.error : b.error,
                                  a.redirectedOnly || b.redirectedOnly, a.unmetOnly || b.unmetOnly};
        if (joined.error != ErrorKind::None && joined.statusClass > 0)
            return std::nullopt; // a transport error has no status class
        return joined;
    }
};

} // namespace salvo

Q_DECLARE_METATYPE(salvo::RunState)
