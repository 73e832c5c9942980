#pragma once

#include <QCoroTask>
#include <QVarLengthArray>

#include <memory>
#include <optional>
#include <vector>

#include "InspectionPlan.h"
#include "JqOutcome.h"
#include "JqWire.h"
#include "RegexQuery.h"
#include "SimpleJq.h"
#include "XPathQuery.h"
#include "result/Result.h"

namespace salvo {

// What of an answer the inspection reads, so the engine keeps it for it.
struct AnswerReading
{
    bool body = false;
    bool headers = false;
    bool location = false; // the Location header only, when not all of them
};

// Checks each answer against the run's expectations (and its row's) and reads its extracted
// columns, where the answer arrived: on the engine thread that fetched it. One per engine
// thread; its compiled XPath and regular expressions are used from that thread only. jq
// expressions of a simple form (SimpleJq) are evaluated here; the rest go to the one jq process.
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
        std::optional<SimpleJq> simpleJq;
        std::optional<XPathQuery> xpath;
        std::optional<RegexQuery> regex;
        QString compileProblem;
    };
    class Reading; // one answer's parsed forms, made as they are first needed
    // One jq expression of an answer (a column's or a JSON expectation's) and what it gave.
    struct JqQuestion
    {
        jqwire::Op op = jqwire::Op::Extract;
        const QString *expression = nullptr;
        const SimpleJq *simpleJq = nullptr; // its simple form, when it has one
        std::optional<JqOutcome> outcome; // nothing until answered
    };
    using JqQuestions = QVarLengthArray<JqQuestion, 8>; // no allocation for a plan's handful

    JqQuestions jqQuestions(const QList<Expectation> &rowExpectations,
                            const std::vector<std::optional<SimpleJq>> &rowForms) const;
    static void answerHere(JqQuestions &questions, Reading &reading);
    static QCoro::Task<> askJq(JqQuestions &questions, const QByteArray &body);
    static QString unmetJson(const Expectation &expectation, const JqQuestion &question);
    void extract(int column, const JqQuestion *question, Reading &reading, Result &result) const;

    std::shared_ptr<const InspectionPlan> m_plan;
    std::vector<Column> m_columns; // one per extractor of the plan
    std::vector<std::optional<SimpleJq>> m_expectationForms; // one per expectation of the plan
    bool m_readsBodies = false;
    bool m_readsHeaders = false;
    bool m_readsLocation = false;
};

} // namespace salvo
