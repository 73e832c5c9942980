#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QTimer;

namespace salvo::ui {

// A run of the history whose kept bodies the search looks through, and the input row each of
// its stored rows is (empty: stored under the input rows).
struct SearchedRun
{
    qint64 runId = 0;
    QHash<int, int> inputRowOfStored;
};

// The input rows whose answer's body is there, by input row: 1 where the text was found.
using BodyMatches = std::shared_ptr<const std::vector<char>>;

// The search box's look into the answers' bodies, which the table does not hold: the kept
// bodies are read from the history on the thread pool, after a pause in typing, whatever the
// size of the run; a newer search stops the one under way.
class BodySearch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodySearch)

public:
    static constexpr int delayMs = 300;

    explicit BodySearch(QString historyPath, QObject *parent = nullptr);
    ~BodySearch() override;

    // Looks for `text` (any case) in the bodies of these runs; an empty text stops looking.
    void search(const QString &text, QList<SearchedRun> runs);

signals:
    // The rows whose body holds `text`: the search for it is done.
    void found(const QString &text, salvo::ui::BodyMatches rows);

private:
    void start();

    QString m_historyPath;
    QTimer *m_delay;
    QString m_text;
    QList<SearchedRun> m_runs;
    std::shared_ptr<std::atomic_bool> m_stop;
    QFutureWatcher<BodyMatches> m_searching;
};

} // namespace salvo::ui
