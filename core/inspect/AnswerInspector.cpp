#include "AnswerInspector.h"

#include <QCoroFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "JqService.h"
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

    // The body as JSON, or nothing when it is not JSON.
    const std::optional<QJsonValue> &json()
    {
        if (!m_jsonRead) {
            m_jsonRead = true;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(m_result.body, &error);
            if (error.error == QJsonParseError::NoError) {
                m_json = document.isArray() ? QJsonValue(document.array())
                                            : QJsonValue(document.object());
            }
        }
        return m_json;
    }

    const MarkupDocument &markup()
    {
        if (!m_markup)
            m_markup = std::make_unique<MarkupDocument>(m_result.body, m_result.contentType);
        return *m_markup;
    }

private:
    const Result &m_result;
    bool m_jsonRead = false;
    std::optional<QJsonValue> m_json;
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
    }
    for (const Extractor &extractor : m_plan->extractors) {
        m_readsBodies = m_readsBodies || readsBody(extractor);
        m_readsHeaders = m_readsHeaders || extractor.kind == Extractor::Kind::Header;
        Column column;
        Expected<> compiled;
        switch (extractor.kind) {
        case Extractor::Kind::Jq:
            column.path = JsonPath::parse(extractor.expression);
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
    AnswerReading reading{.body = m_readsBodies, .headers = m_readsHeaders};
    for (const Expectation &expectation : rowExpectations) {
        reading.body = reading.body || readsBody(expectation);
        reading.headers = reading.headers || readsHeaders(expectation);
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
    Reading reading(result);
    for (int column = 0; column < columns; ++column)
        co_await extract(column, reading, result);
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
    // Indexes, not a range over a braced list: GCC 12 keeps such a list's array on the stack,
    // where it does not survive the co_await below.
    const qsizetype runCount = runExpectations.size();
    for (qsizetype i = 0; i < runCount + rowExpectations.size(); ++i) {
        const Expectation &expectation
                = i < runCount ? runExpectations.at(i) : rowExpectations.at(i - runCount);
        // An if, not ?: around the co_await: GCC 12 mangles the other branch's temporary.
        QString unmet;
        if (expectation.kind == Expectation::Kind::Json)
            unmet = co_await unmetJson(expectation, reading);
        else
            unmet = unmetExpectation(expectation, answer);
        if (!unmet.isEmpty())
            failed.append(std::move(unmet));
    }
    result.verdict = failed.isEmpty() ? Verdict::Passed : Verdict::Failed;
    result.failedExpectations = std::move(failed);
}

QCoro::Task<QString> AnswerInspector::unmetJson(const Expectation &expectation, Reading &reading)
{
    const QString &expression = expectation.text;
    if (const std::optional<JsonPath> path = JsonPath::parse(expression)) {
        if (!reading.json())
            co_return tr("Expected %1, but the answer is not JSON").arg(expression);
        const QJsonValue value = path->valueIn(*reading.json());
        if (!value.isNull() && !(value.isBool() && !value.toBool()))
            co_return QString();
        co_return tr("Expected %1 to be true, got %2")
                .arg(expression, value.isNull() ? QStringLiteral("null") : jsonCellText(value));
    }
    const JqOutcome outcome = co_await JqService::instance().submit(
            jqwire::Op::Test, JsonPath::toJq(expression).toUtf8(), reading.result().body);
    switch (outcome.kind) {
    case JqOutcome::Kind::Value:
        if (outcome.text == u"true")
            co_return QString();
        co_return tr("Expected %1 to hold, it gave false").arg(expression);
    case JqOutcome::Kind::Null:
        co_return tr("Expected %1 to hold, it gave nothing").arg(expression);
    case JqOutcome::Kind::NotJson:
        co_return tr("Expected %1, but the answer is not JSON").arg(expression);
    case JqOutcome::Kind::Error:
    case JqOutcome::Kind::Stopped:
        co_return tr("Expected %1, but %2").arg(expression, outcome.text);
    }
    co_return QString();
}

QCoro::Task<> AnswerInspector::extract(int column, Reading &reading, Result &result)
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
        if (compiled.path) {
            if (reading.json())
                value = jsonCellText(compiled.path->valueIn(*reading.json()));
            break;
        }
        {
            const JqOutcome outcome = co_await JqService::instance().submit(
                    jqwire::Op::Extract, JsonPath::toJq(extractor.expression).toUtf8(),
                    result.body);
            if (outcome.kind == JqOutcome::Kind::Value)
                value = outcome.text;
            else if (outcome.kind == JqOutcome::Kind::Stopped)
                problem = outcome.text;
        }
        break;
    }
    result.extracted[column] = value;
    if (!problem.isEmpty())
        result.extractionProblems.append(tr("Column %1: %2").arg(extractor.name, problem));
}

} // namespace salvo
