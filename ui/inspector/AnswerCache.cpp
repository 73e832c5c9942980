#include "AnswerCache.h"

namespace salvo::ui {

AnswerCache::AnswerCache(qsizetype budgetBytes)
    : m_budget(budgetBytes)
{ }

qsizetype AnswerCache::bytesOf(const Result &result)
{
    qsizetype bytes = qsizetype(sizeof(Result)) + result.body.size() + result.method.size()
            + (result.url.size() + result.message.size() + result.detail.size()
               + result.contentType.size())
                    * qsizetype(sizeof(QChar));
    for (const auto &[name, value] : result.headers)
        bytes += name.size() + value.size() + 2 * qsizetype(sizeof(QByteArray));
    for (const QString &address : result.redirects)
        bytes += address.size() * qsizetype(sizeof(QChar)) + qsizetype(sizeof(QString));
    return bytes;
}

void AnswerCache::add(const ResultBatch &results)
{
    for (const Result &result : results) {
        if (result.index < 0)
            continue;
        Kept kept{result, bytesOf(result), ++m_arrivals};
        if (kept.bytes > m_budget)
            continue; // one answer larger than the whole budget is read from the history
        const auto existing = m_answers.constFind(result.index);
        if (existing != m_answers.cend())
            m_bytes -= existing->bytes;
        m_bytes += kept.bytes;
        m_order.emplace_back(result.index, kept.arrival);
        m_answers.insert(result.index, std::move(kept));
    }
    makeRoom();
}

void AnswerCache::setBudgetBytes(qsizetype bytes)
{
    m_budget = bytes;
    makeRoom();
}

void AnswerCache::makeRoom()
{
    while (m_bytes > m_budget && !m_order.empty()) {
        const auto [row, arrival] = m_order.front();
        m_order.pop_front();
        const auto kept = m_answers.find(row);
        // A row answered again since is kept under its newer arrival.
        if (kept == m_answers.end() || kept->arrival != arrival)
            continue;
        m_bytes -= kept->bytes;
        m_answers.erase(kept);
    }
}

std::optional<Result> AnswerCache::find(int inputRow) const
{
    const auto kept = m_answers.constFind(inputRow);
    if (kept == m_answers.cend())
        return std::nullopt;
    return kept->result;
}

void AnswerCache::clear()
{
    m_answers.clear();
    m_order.clear();
    m_bytes = 0;
}

} // namespace salvo::ui
