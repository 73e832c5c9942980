#include "RunRecorder.h"

#include <QTest>

#include "batch/UrlListParser.h"

RunRecorder::RunRecorder(salvo::BatchSpec spec, const salvo::RunOptions &options)
    : m_run(std::move(spec), options)
{
    m_clock.start();
    connect(&m_run, &salvo::BatchRun::resultsReady, this, [this](const salvo::ResultBatch &batch) {
        results.append(batch);
        deliveryTimesMs.append(m_clock.elapsed());
        deliverySizes.append(batch.size());
    });
    connect(&m_run, &salvo::BatchRun::progressChanged, this,
            [this](const salvo::Progress &progress) {
                lastProgress = progress;
                progressSeen.append(progress);
            });
    connect(&m_run, &salvo::BatchRun::finished, this, [this] { finished = true; });
}

bool RunRecorder::runToEnd(int timeoutMs)
{
    m_run.start();
    return waitForFinished(timeoutMs);
}

bool RunRecorder::waitForResults(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return results.size() >= count; }, timeoutMs);
}

bool RunRecorder::waitForFinished(int timeoutMs)
{
    return QTest::qWaitFor([&] { return finished; }, timeoutMs);
}

salvo::Result RunRecorder::resultFor(int index) const
{
    QList<salvo::Result> matches;
    for (const salvo::Result &result : results) {
        if (result.index == index)
            matches.append(result);
    }
    if (matches.size() != 1) {
        qWarning("row %d has %d results", index, int(matches.size()));
        return {};
    }
    return matches.first();
}

salvo::BatchSpec batchOf(const QStringList &addresses)
{
    salvo::BatchSpec spec;
    spec.rows = salvo::parseUrlList(addresses.join(u'\n').toUtf8());
    return spec;
}
