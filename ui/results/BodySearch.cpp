#include "BodySearch.h"

#include <QTimer>
#include <QtConcurrent>

#include "store/RunHistory.h"

namespace salvo::ui {
namespace {

// Runs on the thread pool, on a connection of its own. A body that is not UTF-8 is read as
// Latin-1 would show it, so a word in it is still found.
BodyMatches findInBodies(const QString &historyPath, const QString &text,
                         const QList<SearchedRun> &runs,
                         const std::shared_ptr<std::atomic_bool> &stop)
{
    auto matches = std::make_shared<std::vector<char>>();
    RunHistory history(historyPath);
    if (!history.open())
        return matches;
    const QByteArray utf8 = text.toUtf8();
    for (const SearchedRun &run : runs) {
        history.forEachBody(
                run.runId,
                [&](int storedRow, const QByteArray &body) {
                    // The bytes first: most bodies do not hold the text in any case.
                    const bool found = body.contains(utf8)
                            || QString::fromUtf8(body).contains(text, Qt::CaseInsensitive);
                    if (!found)
                        return;
                    const int inputRow = run.inputRowOfStored.value(storedRow, storedRow);
                    if (size_t(inputRow) >= matches->size())
                        matches->resize(size_t(inputRow) + 1, 0);
                    (*matches)[size_t(inputRow)] = 1;
                },
                [&] { return stop->load(); });
    }
    return matches;
}

} // namespace

BodySearch::BodySearch(QString historyPath, QObject *parent)
    : QObject(parent)
    , m_historyPath(std::move(historyPath))
    , m_delay(new QTimer(this))
{
    m_delay->setSingleShot(true);
    m_delay->setInterval(delayMs);
    connect(m_delay, &QTimer::timeout, this, &BodySearch::start);
    connect(&m_searching, &QFutureWatcher<BodyMatches>::finished, this, [this] {
        if (!m_searching.isCanceled() && !m_stop->load())
            emit found(m_text, m_searching.result());
    });
}

BodySearch::~BodySearch()
{
    if (m_stop)
        m_stop->store(true);
    m_searching.waitForFinished();
}

void BodySearch::search(const QString &text, QList<SearchedRun> runs)
{
    if (m_stop)
        m_stop->store(true); // what was being looked for is not wanted now
    m_text = text.trimmed();
    m_runs = std::move(runs);
    if (m_text.isEmpty() || m_runs.isEmpty()) {
        m_delay->stop();
        return;
    }
    m_delay->start();
}

void BodySearch::start()
{
    m_stop = std::make_shared<std::atomic_bool>(false);
    m_searching.setFuture(QtConcurrent::run(findInBodies, m_historyPath, m_text, m_runs, m_stop));
}

} // namespace salvo::ui
