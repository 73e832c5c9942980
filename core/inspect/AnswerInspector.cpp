#include "AnswerInspector.h"

#include <QCoroFuture>

#include <algorithm>

#include "JqService.h"
#include "JsonPath.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::AnswerInspector")

QString finalUrlOf(const Result &result)
{
    return result.redirects.isEmpty() ? result.url : result.redirects.last();
}

QByteArray locationOf(const Result &result)
{
    if (result.status < 300 || result.status >= 400)
        return {};
    for (const auto &[name, value] : result.headers) {
        if (name.compare("location", Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString headerText(const Result &result, const QString &name)
{
    const QByteArray wanted = name.toLatin1();
    for (const auto &[headerName, value] : result.headers) {
        if (headerName.compare(wanted, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(value);
    }
    return {};
}

} // namespace

// An answer's body read as JSON or as markup, each at most once and only when asked for.
class AnswerInspector::Reading
{
public:
    explicit Reading(const Result &result)
        : m_result(result)
    { }

    const Result &result() const { return m_result; }

    const JsonText &json()
    {
        if (!m_json)
            m_json = JsonText::read(m_result.body);
        return *m_json;
    }

    const MarkupDocument &markup()
    {
        if (!m_markup)
            m_markup = std::make_unique<MarkupDocument>(m_result.body, m_result.contentType);
        return *m_markup;
    }

private:
    const Result &m_result;
    std::optional<JsonText> m_json;
    std::unique_ptr<MarkupDocument> m_markup;
};

AnswerInspector::AnswerInspector(std::shared_ptr<const InspectionPlan> plan)
    : m_plan(std::move(plan))
{
    if (!m_plan)
        return;
    for (const Expectation &expectation : m_plan->expectations) {
        m_readsBodies = m_readsBodies || readsBody(expectation);
        m_readsHeaders = m_readsHeaders || salvo::readsHeaders(expectation);
        m_readsLocation = m_readsLocation || salvo::readsLocation(expectation);
        m_expectationForms.push_back(expectation.kind == Expectation::Kind::Json
                                             ? SimpleJq::parse(expectation.text)
                                             : std::nullopt);
    }
    for (const Extractor &extractor : m_plan->extractors) {
        m_readsBodies = m_readsBodies || readsBody(extractor);
        m_readsHeaders = m_readsHeaders || extractor.kind == Extractor::Kind::Header;
        Column column;
        switch (extractor.kind) {
        case Extractor::Kind::Jq:
            column.simpleJq = SimpleJq::parse(extractor.expression);
            break;
        case Extractor::Kind::XPath:
            if (Expected<XPathQuery> query = XPathQuery::compile(extractor.expression))
                column.xpath = std::move(query.value());
            else
                column.compileProblem = query.error().message;
            break;
        case Extractor::Kind::Regex:
            if (Expected<RegexQuery> query = RegexQuery::compile(extractor.expression))
                column.regex = std::move(query.value());
            else
                column.compileProblem = query.error().message;
            break;
        case Extractor::Kind::Header:
            break;
        }
        m_columns.push_back(std::move(column));
    }
}

AnswerInspector::~AnswerInspector() = default;

AnswerReading AnswerInspector::readingFor(const QList<Expectation> &rowExpectations) const
{
    AnswerReading reading{
            .body = m_readsBodies, .headers = m_readsHeaders, .location = m_readsLocation};
    for (const Expectation &expectation : rowExpectations) {
        reading.body = reading.body || readsBody(expectation);
        reading.headers = reading.headers || readsHeaders(expectation);
        reading.location = reading.location || readsLocation(expectation);
    }
    return reading;
}

QCoro::Task<> AnswerInspector::inspect(Result &result, const QList<Expectation> &rowExpectations)
{
    const QList<Expectation> none;
    const QList<Expectation> &runExpectations = m_plan ? m_plan->expectations : none;
    const bool expects = !runExpectations.isEmpty() || !rowExpectations.isEmpty();
    const int columns = int(m_columns.size());
    result.extracted = QStringList(columns, QString());
    if (result.error != ErrorKind::None) {
        if (expects) {
            result.verdict = Verdict::Failed;
            result.failedExpectations = {tr("No answer came, so nothing could be checked")};
        }
        co_return;
    }
    std::vector<std::optional<SimpleJq>> rowForms;
    rowForms.reserve(std::size_t(rowExpectations.size()));
    for (const Expectation &expectation : rowExpectations) {
        rowForms.push_back(expectation.kind == Expectation::Kind::Json
                                   ? SimpleJq::parse(expectation.text)
                                   : std::nullopt);
    }
    // Every jq expression of the answer first: those of a simple form here, the rest from jq.
    Reading reading(result);
    JqQuestions questions = jqQuestions(rowExpectations, rowForms);
    answerHere(questions, reading);
    // Only when jq has work: a coroutine's frame per answer is not free.
    if (std::any_of(questions.cbegin(), questions.cend(),
                    [](const JqQuestion &question) { return !question.outcome; }))
        co_await askJq(questions, result.body);

    const JqQuestion *question = questions.data();
    for (int column = 0; column < columns; ++column) {
        const bool isJq = m_plan->extractors.at(column).kind == Extractor::Kind::Jq;
        extract(column, isJq ? question++ : nullptr, reading, result);
    }
    if (!expects)
        co_return;

    const Answer answer{.status = result.status,
                        .finalUrl = finalUrlOf(result),
                        .location = locationOf(result),
                        .headers = &result.headers,
                        .body = &result.body,
                        .contentType = result.contentType,
                        .elapsedMs = result.elapsedMs,
                        .bytes = result.bytes};
    QStringList failed;
    const qsizetype runCount = runExpectations.size();
    for (qsizetype i = 0; i < runCount + rowExpectations.size(); ++i) {
        const Expectation &expectation
                = i < runCount ? runExpectations.at(i) : rowExpectations.at(i - runCount);
        QString unmet = expectation.kind == Expectation::Kind::Json
                ? unmetJson(expectation, *question++)
                : unmetExpectation(expectation, answer);
        if (!unmet.isEmpty())
            failed.append(std::move(unmet));
    }
    result.verdict = failed.isEmpty() ? Verdict::Passed : Verdict::Failed;
    result.failedExpectations = std::move(failed);
}

AnswerInspector::JqQuestions
AnswerInspector::jqQuestions(const QList<Expectation> &rowExpectations,
                             const std::vector<std::optional<SimpleJq>> &rowForms) const
{
    JqQuestions questions;
    const auto ask = [&questions](jqwire::Op op, const QString &expression,
                                  const std::optional<SimpleJq> &form) {
        questions.push_back({.op = op,
                             .expression = &expression,
                             .simpleJq = form ? &*form : nullptr,
                             .outcome = {}});
    };
    if (m_plan) {
        for (std::size_t column = 0; column < m_columns.size(); ++column) {
            const Extractor &extractor = m_plan->extractors.at(qsizetype(column));
            if (extractor.kind == Extractor::Kind::Jq)
                ask(jqwire::Op::Extract, extractor.expression, m_columns[column].simpleJq);
        }
        for (qsizetype i = 0; i < m_plan->expectations.size(); ++i) {
            if (m_plan->expectations.at(i).kind == Expectation::Kind::Json)
                ask(jqwire::Op::Test, m_plan->expectations.at(i).text,
                    m_expectationForms[std::size_t(i)]);
        }
    }
    for (qsizetype i = 0; i < rowExpectations.size(); ++i) {
        if (rowExpectations.at(i).kind == Expectation::Kind::Json)
            ask(jqwire::Op::Test, rowExpectations.at(i).text, rowForms[std::size_t(i)]);
    }
    return questions;
}

void AnswerInspector::answerHere(JqQuestions &questions, Reading &reading)
{
    for (JqQuestion &question : questions) {
        if (!question.simpleJq)
            continue;
        question.outcome = question.simpleJq->evaluate(question.op, reading.json());
    }
}

QCoro::Task<> AnswerInspector::askJq(JqQuestions &questions, const QByteArray &body)
{
    // One request for all of them: jq parses the body once.
    jqwire::Request request;
    for (const JqQuestion &question : questions) {
        if (!question.outcome)
            request.programs.append(
                    {.op = question.op, .text = JsonPath::toJq(*question.expression).toUtf8()});
    }
    if (request.programs.isEmpty())
        co_return;
    request.input = body;
    const QList<JqOutcome> outcomes = co_await JqService::instance().answers(std::move(request));
    qsizetype next = 0;
    for (JqQuestion &question : questions) {
        if (!question.outcome)
            question.outcome = outcomes.value(next++);
    }
}

QString AnswerInspector::unmetJson(const Expectation &expectation, const JqQuestion &question)
{
    const QString &expression = expectation.text;
    const JqOutcome &outcome = *question.outcome;
    switch (outcome.kind) {
    case JqOutcome::Kind::Value:
        if (outcome.text == u"true")
            return QString();
        // A plain path's failed test names what it found ("null" or "false").
        if (question.simpleJq && question.simpleJq->isPlainPath())
            return tr("Expected %1 to be true, got %2").arg(expression, outcome.text);
        return tr("Expected %1 to hold, it gave false").arg(expression);
    case JqOutcome::Kind::Null:
        return tr("Expected %1 to hold, it gave nothing").arg(expression);
    case JqOutcome::Kind::NotJson:
        return tr("Expected %1, but the answer is not JSON").arg(expression);
    case JqOutcome::Kind::Error:
    case JqOutcome::Kind::Stopped:
        return tr("Expected %1, but %2").arg(expression, outcome.text);
    }
    return QString();
}

void AnswerInspector::extract(int column, const JqQuestion *question, Reading &reading,
                              Result &result) const
{
    const Extractor &extractor = m_plan->extractors.at(column);
    const Column &compiled = m_columns.at(std::size_t(column));
    QString problem = compiled.compileProblem;
    QString value;
    switch (extractor.kind) {
    case Extractor::Kind::Header:
        value = headerText(result, extractor.expression);
        break;
    case Extractor::Kind::Regex:
        if (compiled.regex) {
            RegexQuery::Outcome outcome = compiled.regex->evaluate(result.body);
            value = std::move(outcome.value);
            problem = std::move(outcome.error);
        }
        break;
    case Extractor::Kind::XPath:
        if (compiled.xpath) {
            XPathQuery::Outcome outcome = compiled.xpath->evaluate(reading.markup());
            value = std::move(outcome.value);
            problem = std::move(outcome.error);
        }
        break;
    case Extractor::Kind::Jq:
        if (question->outcome->kind == JqOutcome::Kind::Value)
            value = question->outcome->text;
        else if (question->outcome->kind == JqOutcome::Kind::Stopped)
            problem = question->outcome->text;
        break;
    }
    result.extracted[column] = value;
    if (!problem.isEmpty())
        result.extractionProblems.append(tr("Column %1: %2").arg(extractor.name, problem));
}

} // namespace salvo
