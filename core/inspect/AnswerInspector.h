#pragma once

#include <QCoroTask>

#include <memory>
#include <optional>
#include <vector>

#include "InspectionPlan.h"
#include "JsonPath.h"
#include "RegexQuery.h"
#include "XPathQuery.h"
#include "result/Result.h"

namespace salvo {

// What of an answer the inspection reads, so the engine keeps it for it.
struct AnswerReading
{
    bool body = false;
    bool headers = false;
};

// Checks each answer against the run's expectations (and its row's) and reads its extracted
// columns, where the answer arrived: on the engine thread that fetched it. One per engine
// thread; its compiled XPath and regular expressions are used from that thread only. jq
// expressions that are plain paths are walked here; the rest go to the one jq process.
class AnswerInspector
{
public:
    explicit AnswerInspector(std::shared_ptr<const InspectionPlan> plan);
    ~AnswerInspector();
    Q_DISABLE_COPY_MOVE(AnswerInspector)

    bool hasWork() const { return m_plan && !m_plan->isEmpty(); }
    // What the plan and a row's own expectations read of its answer: the engine keeps that
    // for them, whether the run keeps it or not.
    AnswerReading readingFor(const QList<Expectation> &rowExpectations) const;

    // Fills the result's verdict, failed expectations and extracted values.
    QCoro::Task<> inspect(Result &result, const QList<Expectation> &rowExpectations = {});

private:
    struct Column
    {
        std::optional<JsonPath> path;
        std::optional<XPathQuery> xpath;
        std::optional<RegexQuery> regex;
        QString compileProblem;
    };
    class Reading; // one answer's parsed forms, made as they are first needed

    QCoro::Task<QString> unmetJson(const Expectation &expectation, Reading &reading);
    QCoro::Task<> extract(int column, Reading &reading, Result &result);

    std::shared_ptr<const InspectionPlan> m_plan;
    std::vector<Column> m_columns; // one per extractor of the plan
    bool m_readsBodies = false;
    bool m_readsHeaders = false;
};

} // namespace salvo
