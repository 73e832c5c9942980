#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

#include "AnswerCache.h"
#include "results/BodySearch.h"
#include "Expected.h"
#include "result/Result.h"

namespace salvo {
class RunSession;
} // namespace salvo

namespace salvo::ui {

// Where the answer of a row the table shows is, and reading it there: the table keeps only a
// summary of each row (ResultsModel), so the inspector asks this for the rest.
//
// The history holds the answers of every run it keeps; a selected row's is read from it on
// the thread pool. A row that has just arrived may not be written yet (the writer is a batch
// behind): then the newest answers kept in memory (AnswerCache) serve it, and failing that the
// history is asked to flush and read once more. A run the history does not keep (the sample;
// a history that is off or failed) has only the answers in memory: an older one is no longer
// kept, and the inspector says so in plain words.
//
// Each row's answer is looked for under the run that answered it last: the run shown, or a
// re-run of some of its rows (kept in the history as a run of its own, under its own numbers),
// or a resume (under the run it completes).
class ShownAnswers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShownAnswers)

public:
    explicit ShownAnswers(QString historyPath, QObject *parent = nullptr);
    ~ShownAnswers() override;

    // A run of this session takes the table (keepsShownRows false) or answers some of its rows
    // again (true). inputRows[i] is the input row of the session's row i (empty: the same);
    // storedUnderInputRows: the history keeps them under the input rows (a resume).
    void followSession(salvo::RunSession *session, const QList<int> &inputRows, bool keepsShownRows,
                       bool storedUnderInputRows);
    // A run of the history took the table: its answers are read from there.
    void showPastRun(qint64 runId);
    // The table is empty: nothing to answer for.
    void clear();

    // Looks for the answer of a row, given what the table knows of it (summary.index is its
    // input row). answerLoading() at once unless the answer is at hand, then answerReady() or
    // answerUnavailable(); nothing of an earlier request after a new one.
    void request(const salvo::Result &summary);
    // No row is selected: an answer still on its way is for no row now.
    void cancelRequest() { ++m_request; }

    const AnswerCache &cache() const { return m_cache; }
    // The runs of the history whose kept answers the table's rows are: where a search for a
    // text in the bodies looks (BodySearch).
    QList<SearchedRun> searchableRuns() const;
    // The row asked for is not in the history yet, nor in memory: the history was asked to
    // write what it has, and is read again once it has.
    bool isWaitingForHistory() const { return m_waiting && m_waiting->flushAsked; }
    // How many bytes of the newest answers stay in memory (AnswerCache::defaultBudgetBytes).
    void setMemoryBudget(qsizetype bytes) { m_cache.setBudgetBytes(bytes); }

signals:
    void answerLoading(const salvo::Result &summary);
    void answerReady(const salvo::Result &answer);
    // The answer is not kept anywhere, or the history could not be read: a sentence why.
    void answerUnavailable(const salvo::Result &summary, const QString &reason);

private:
    // Where a run's answers are kept.
    enum class Kept {
        Pending, // the history has not said yet
        History, // every answer of the run
        Cut, // the answers up to a failed write
        Memory, // none: only the newest answers, in memory
    };
    struct Origin
    {
        qint64 runId = 0;
        Kept kept = Kept::Pending;
        QString whyNotKept; // the history's own words, for Cut and Memory
        QPointer<salvo::RunSession> session; // while it records
        QHash<int, int> storedRowOfInput; // empty: stored under the input rows
    };
    // The request being served, and what it waits for.
    struct Waiting
    {
        salvo::Result summary;
        int origin = 0;
        bool flushAsked = false;
    };

    int addOrigin(Origin origin);
    void connectSession(salvo::RunSession *session, int origin);
    void handleHistoryKnown(int origin);
    void readFromHistory(quint64 request);
    void handleRead(quint64 request, const Expected<std::optional<salvo::Result>> &read);
    // The history has nothing for the row (yet): memory, else a flush, else a sentence.
    void answerFromMemory(quint64 request);
    QString notKeptReason(const Origin &origin) const;

    QString m_historyPath;
    QList<Origin> m_origins;
    QHash<int, int> m_originOfRow; // rows answered by a later origin than the first
    AnswerCache m_cache;
    quint64 m_request = 0;
    std::optional<Waiting> m_waiting;
};

} // namespace salvo::ui
