#pragma once

#include <QHash>

#include <deque>
#include <optional>

#include "result/Result.h"

namespace salvo::ui {

// The newest answers of the rows shown, in memory up to a budget of bytes, by input row: what
// the inspector shows of a row the history has not written yet (its writer is a batch
// behind), or of a run the history does not keep (the sample, a history that is off or
// failed). Older answers make room for newer ones; a row's newer answer replaces its older.
class AnswerCache
{
public:
    static constexpr qsizetype defaultBudgetBytes = qsizetype(16) << 20;

    explicit AnswerCache(qsizetype budgetBytes = defaultBudgetBytes);

    void add(const salvo::ResultBatch &results);
    std::optional<salvo::Result> find(int inputRow) const;
    void clear();

    qsizetype budgetBytes() const { return m_budget; }
    // Older answers go until the newer ones fit.
    void setBudgetBytes(qsizetype bytes);
    qsizetype bytesHeld() const { return m_bytes; }
    int count() const { return int(m_answers.size()); }

    // What a result costs in memory, about: its texts, headers and body.
    static qsizetype bytesOf(const salvo::Result &result);

private:
    struct Kept
    {
        salvo::Result result;
        qsizetype bytes = 0;
        quint64 arrival = 0;
    };

    void makeRoom();

    qsizetype m_budget;
    qsizetype m_bytes = 0;
    quint64 m_arrivals = 0;
    QHash<int, Kept> m_answers;
    std::deque<std::pair<int, quint64>> m_order; // (input row, arrival), oldest first
};

} // namespace salvo::ui
