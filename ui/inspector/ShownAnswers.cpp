#include "ShownAnswers.h"

#include <QLocale>
#include <QtConcurrent>

#include <utility>

#include "desktop/PastRun.h"
#include "desktop/ThenIfAlive.h"
#include "session/RunSession.h"

namespace salvo::ui {

ShownAnswers::ShownAnswers(QString historyPath, QObject *parent)
    : QObject(parent)
    , m_historyPath(std::move(historyPath))
{ }

ShownAnswers::~ShownAnswers() = default;

void ShownAnswers::clear()
{
    for (const Origin &origin : std::as_const(m_origins)) {
        if (origin.session)
            origin.session->disconnect(this);
    }
    m_origins.clear();
    m_originOfRow.clear();
    m_cache.clear();
    m_waiting.reset();
    ++m_request;
}

int ShownAnswers::addOrigin(Origin origin)
{
    m_origins.append(std::move(origin));
    return int(m_origins.size()) - 1;
}

QList<SearchedRun> ShownAnswers::searchableRuns() const
{
    QList<SearchedRun> runs;
    for (const Origin &origin : m_origins) {
        if (origin.runId <= 0 || origin.kept == Kept::Memory)
            continue;
        SearchedRun run{.runId = origin.runId, .inputRowOfStored = {}};
        for (auto it = origin.storedRowOfInput.cbegin(); it != origin.storedRowOfInput.cend(); ++it)
            run.inputRowOfStored.insert(it.value(), it.key());
        runs.append(std::move(run));
    }
    return runs;
}

void ShownAnswers::showPastRun(qint64 runId)
{
    clear();
    addOrigin({.runId = runId, .kept = Kept::History});
}

void ShownAnswers::followSession(RunSession *session, const QList<int> &inputRows,
                                 bool keepsShownRows, bool storedUnderInputRows)
{
    if (!keepsShownRows)
        clear();
    Origin origin{.session = session};
    // A re-run of some rows is kept as a run of its own: its row i is input row inputRows[i].
    bool renumbered = false;
    for (int row = 0; row < int(inputRows.size()) && !renumbered; ++row)
        renumbered = inputRows.at(row) != row;
    if (renumbered && !storedUnderInputRows) {
        origin.storedRowOfInput.reserve(inputRows.size());
        for (int row = 0; row < int(inputRows.size()); ++row)
            origin.storedRowOfInput.insert(inputRows.at(row), row);
    }
    connectSession(session, addOrigin(std::move(origin)));
}

void ShownAnswers::connectSession(RunSession *session, int origin)
{
    connect(session, &RunSession::resultsReady, this, [this, origin](const ResultBatch &results) {
        m_cache.add(results);
        if (origin == 0)
            return; // the first run answers every row it is not told otherwise of
        for (const Result &result : results)
            m_originOfRow.insert(result.index, origin);
    });
    connect(session, &RunSession::historyOff, this,
            [this, origin](const QString &message) { m_origins[origin].whyNotKept = message; });
    connect(session, &RunSession::historyReady, this, [this, origin](qint64 runId) {
        m_origins[origin].runId = runId;
        m_origins[origin].kept = runId != 0 ? Kept::History : Kept::Memory;
        handleHistoryKnown(origin);
    });
    connect(session, &RunSession::historyCut, this, [this, origin](qint64, const QString &message) {
        m_origins[origin].kept = Kept::Cut;
        m_origins[origin].whyNotKept = message;
    });
    connect(session, &RunSession::historyFlushed, this, [this, origin] {
        if (m_waiting && m_waiting->origin == origin && m_waiting->flushAsked)
            readFromHistory(m_request);
    });
    // A session that goes before its flush is answered (a store left behind) answers nothing.
    connect(session, &QObject::destroyed, this, [this, origin] {
        if (m_waiting && m_waiting->origin == origin && m_waiting->flushAsked)
            answerFromMemory(m_request);
    });
}

void ShownAnswers::request(const Result &summary)
{
    const quint64 request = ++m_request;
    m_waiting.reset();
    // A cancelled row was never sent: the table knows all there is, and the history has none.
    if (summary.error == ErrorKind::Cancelled || m_origins.isEmpty()) {
        emit answerReady(summary);
        return;
    }
    m_waiting = Waiting{summary, m_originOfRow.value(summary.index, 0)};
    const Origin &origin = m_origins.at(m_waiting->origin);
    switch (origin.kept) {
    case Kept::History:
    case Kept::Cut:
        emit answerLoading(summary);
        readFromHistory(request);
        break;
    case Kept::Pending: // the history opens the run: a row at hand needs no wait
        if (const std::optional<Result> kept = m_cache.find(summary.index)) {
            m_waiting.reset();
            emit answerReady(*kept);
            return;
        }
        emit answerLoading(summary); // handleHistoryKnown() goes on
        break;
    case Kept::Memory:
        answerFromMemory(request);
        break;
    }
}

void ShownAnswers::handleHistoryKnown(int origin)
{
    if (!m_waiting || m_waiting->origin != origin)
        return;
    const Result summary = m_waiting->summary;
    request(summary); // now it is known where to look
}

void ShownAnswers::readFromHistory(quint64 request)
{
    const Origin &origin = m_origins.at(m_waiting->origin);
    const int inputRow = m_waiting->summary.index;
    const int storedRow = origin.storedRowOfInput.isEmpty()
            ? inputRow
            : origin.storedRowOfInput.value(inputRow, -1);
    thenIfAlive(QtConcurrent::run(loadPastAnswer, m_historyPath, origin.runId, storedRow), this,
                [this, request](const Expected<std::optional<Result>> &read) {
                    handleRead(request, read);
                });
}

void ShownAnswers::handleRead(quint64 request, const Expected<std::optional<Result>> &read)
{
    if (request != m_request || !m_waiting)
        return; // another row was selected meanwhile
    if (read && read->has_value()) {
        Result answer = **read;
        answer.index = m_waiting->summary.index; // a re-run keeps its own numbers
        m_waiting.reset();
        emit answerReady(answer);
        return;
    }
    if (!read) {
        if (const std::optional<Result> kept = m_cache.find(m_waiting->summary.index)) {
            m_waiting.reset();
            emit answerReady(*kept);
            return;
        }
        const Result summary = std::exchange(m_waiting, std::nullopt)->summary;
        emit answerUnavailable(
                summary,
                tr("The answer could not be read from the history: %1").arg(read.error().message));
        return;
    }
    answerFromMemory(request);
}

void ShownAnswers::answerFromMemory(quint64 request)
{
    if (request != m_request || !m_waiting)
        return;
    if (const std::optional<Result> kept = m_cache.find(m_waiting->summary.index)) {
        m_waiting.reset();
        emit answerReady(*kept);
        return;
    }
    Origin &origin = m_origins[m_waiting->origin];
    // Not written yet: the writer is a batch behind the table. Once it has caught up, the
    // history is read again, once.
    if (origin.kept != Kept::Memory && origin.session && !m_waiting->flushAsked) {
        m_waiting->flushAsked = true;
        origin.session->requestHistoryFlush();
        return;
    }
    const Result summary = std::exchange(m_waiting, std::nullopt)->summary;
    emit answerUnavailable(summary, notKeptReason(origin));
}

QString ShownAnswers::notKeptReason(const Origin &origin) const
{
    const QString inMemory
            = tr("Only the newest answers stay in memory (%1), and this one is no longer there.")
                      .arg(QLocale().formattedDataSize(m_cache.budgetBytes(), 0,
                                                       QLocale::DataSizeTraditionalFormat));
    switch (origin.kept) {
    case Kept::Memory:
        if (origin.whyNotKept.isEmpty())
            return tr("This run is not kept in the history (the sample batch never is).") + u' '
                    + inMemory;
        return tr("This run is not kept in the history: %1").arg(origin.whyNotKept) + u' '
                + inMemory;
    case Kept::Cut:
        return tr("The history stopped keeping this run before this answer: %1")
                       .arg(origin.whyNotKept)
                + u' ' + inMemory;
    case Kept::Pending:
    case Kept::History:
        break;
    }
    return tr("The history holds no answer for this row.");
}

} // namespace salvo::ui
