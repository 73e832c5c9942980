#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include "engine/BatchRun.h"

// Runs a BatchRun to its end (or a deadline) and keeps what it delivered: every result,
// the size and time of each delivery, and the last progress.
class RunRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunRecorder)

public:
    RunRecorder(salvo::BatchSpec spec, const salvo::RunOptions &options);

    salvo::BatchRun &run() { return m_run; }

    // Starts the run and waits for finished() up to timeoutMs; false if it did not come.
    bool runToEnd(int timeoutMs = 20000);
    // Waits until at least `count` results have been delivered.
    bool waitForResults(int count, int timeoutMs = 20000);
    bool waitForFinished(int timeoutMs = 20000);

    QList<salvo::Result> results;
    QList<qint64> deliveryTimesMs;
    QList<qsizetype> deliverySizes;
    salvo::Progress lastProgress;
    QList<salvo::Progress> progressSeen;
    bool finished = false;

    // The result of row `index`; fails the test (returns an empty Result) if not exactly one.
    salvo::Result resultFor(int index) const;

private:
    salvo::BatchRun m_run;
    QElapsedTimer m_clock;
};

// A BatchSpec whose rows are these addresses, parsed as a URL list would be.
salvo::BatchSpec batchOf(const QStringList &addresses);
