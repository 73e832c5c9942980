#include "SimpleJq.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace salvo {
namespace {

// jq 1.6 refuses to parse deeper than this (jv_parse.c, MAX_PARSING_DEPTH); Qt goes to 1024.
constexpr int jqDepthLimit = 256;
// Integers up to 2^53 are exact doubles; Qt and jq write them alike, digit for digit.
constexpr double exactIntegers = 9007199254740992.0;

bool isJqSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

bool nestsDeeperThanJqReads(const QByteArray &body)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > jqDepthLimit)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

int hexQuad(const QByteArray &body, qsizetype at)
{
    bool ok = false;
    const int value = at + 4 <= body.size() ? body.mid(at, 4).toInt(&ok, 16) : -1;
    return ok ? value : -1;
}

// Whether a `\u` escape names half a surrogate pair without its other half: jq 1.6 refuses
// such a body, Qt reads it. (An escaped backslash before a `u` is counted too: that only
// leaves the body to jq.)
bool hasLoneSurrogateEscape(const QByteArray &body)
{
    for (qsizetype at = body.indexOf("\\u"); at >= 0; at = body.indexOf("\\u", at + 2)) {
        const int unit = hexQuad(body, at + 2);
        if (unit < 0xD800 || unit > 0xDFFF)
            continue;
        if (unit >= 0xDC00 || body.mid(at + 6, 2) != "\\u")
            return true;
        const int low = hexQuad(body, at + 8);
        if (low < 0xDC00 || low > 0xDFFF)
            return true;
        at += 6;
    }
    return false;
}

// Where the path at the start of `text` ends: at the first space or operator outside quotes
// and brackets.
qsizetype endOfPath(const QString &text)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            if (c == u'\\')
                ++i;
            else if (c == u'"')
                inString = false;
        } else if (c == u'"') {
            inString = true;
        } else if (c == u'[') {
            ++depth;
        } else if (c == u']') {
            --depth;
        } else if (depth == 0 && (isJqSpace(c) || QStringView(u"|=!<>").contains(c))) {
            return i;
        }
    }
    return text.size();
}

// A literal as jq reads it, in the forms JSON and jq share; nothing for anything else
// (`\(…)` interpolation, `.5`, a lone surrogate, an infinite number).
std::optional<QJsonValue> literalOf(QStringView text)
{
    if (text == u"true")
        return QJsonValue(true);
    if (text == u"false")
        return QJsonValue(false);
    if (text == u"null")
        return QJsonValue(QJsonValue::Null);
    static const QRegularExpression number(
            QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
    if (number.match(text).hasMatch()) {
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return std::nullopt;
        return QJsonValue(value);
    }
    if (text.size() < 2 || !text.startsWith(u'"') || !text.endsWith(u'"') || text.contains(u"\\("))
        return std::nullopt;
    const QJsonDocument parsed = QJsonDocument::fromJson((u'[' + text.toString() + u']').toUtf8());
    const QJsonArray array = parsed.array();
    if (array.size() != 1 || !array.at(0).isString() || !array.at(0).toString().isValidUtf16())
        return std::nullopt;
    return array.at(0);
}

// jq's order of kinds: null < false < true < numbers < strings < arrays < objects.
int kindRank(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return 1;
    case QJsonValue::Bool:
        return value.toBool() ? 3 : 2;
    case QJsonValue::Double:
        return 4;
    case QJsonValue::String:
        return 5;
    case QJsonValue::Array:
        return 6;
    case QJsonValue::Object:
        return 7;
    }
    return 0;
}

// jq's jv_cmp of a value with a literal (never an array or object), or nothing where jq might
// see the strings otherwise.
std::optional<int> jqCompare(const QJsonValue &value, const QJsonValue &literal)
{
    const int rank = kindRank(value);
    const int literalRank = kindRank(literal);
    if (rank != literalRank)
        return rank < literalRank ? -1 : 1;
    if (value.isDouble()) {
        const double a = value.toDouble();
        const double b = literal.toDouble();
        return a < b ? -1 : (a == b ? 0 : 1);
    }
    if (value.isString()) {
        const QString text = value.toString();
        if (!text.isValidUtf16())
            return std::nullopt;
        // jq compares UTF-8 bytes, which is code point order (UTF-16's is not, past U+D7FF).
        const int order = text.toUtf8().compare(literal.toString().toUtf8());
        return order < 0 ? -1 : (order == 0 ? 0 : 1);
    }
    return 0; // null, false or true, each alike
}

// jq's `length`, or nothing where jq raises an error (a boolean) or may count otherwise.
std::optional<double> jqLength(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return 0.0;
    case QJsonValue::Double:
        return std::fabs(value.toDouble());
    case QJsonValue::String: {
        const QString text = value.toString();
        if (!text.isValidUtf16())
            return std::nullopt;
        return double(text.toUcs4().size());
    }
    case QJsonValue::Array:
        return double(value.toArray().size());
    case QJsonValue::Object:
        return double(value.toObject().size());
    case QJsonValue::Bool:
        return std::nullopt;
    }
    return std::nullopt;
}

// A number as jq 1.6 writes it, in the ranges where its dtoa and Qt write the same digits.
std::optional<QString> jqNumberText(double value)
{
    const double magnitude = std::fabs(value);
    if (value == std::floor(value) && magnitude < exactIntegers)
        return QString::number(qint64(value));
    if (value != std::floor(value) && magnitude >= 1e-4)
        return QString::number(value, 'f', QLocale::FloatingPointShortest);
    return std::nullopt; // jq switches to its exponent form there, Qt elsewhere
}

} // namespace

JqDocument JqDocument::read(const QByteArray &body)
{
    qsizetype first = 0;
    while (first < body.size() && isJqSpace(QChar::fromLatin1(body.at(first))))
        ++first;
    if (first == body.size() || body.at(first) == '<')
        return {.kind = Kind::NotJson, .value = {}};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || nestsDeeperThanJqReads(body)
        || hasLoneSurrogateEscape(body))
        return {};
    return {.kind = Kind::Json,
            .value
            = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object())};
}

std::optional<SimpleJq> SimpleJq::parse(const QString &expression)
{
    const QString text = JsonPath::toJq(expression).trimmed();
    const qsizetype pathEnd = endOfPath(text);
    std::optional<JsonPath> path = JsonPath::parse(text.left(pathEnd));
    if (!path)
        return std::nullopt;
    SimpleJq simple;
    simple.m_path = std::move(*path);
    QStringView rest = QStringView(text).mid(pathEnd).trimmed();
    if (rest.startsWith(u'|')) {
        rest = rest.mid(1).trimmed();
        if (!rest.startsWith(u"length"))
            return std::nullopt;
        rest = rest.mid(6);
        if (!rest.isEmpty() && !isJqSpace(rest.front())
            && !QStringView(u"=!<>").contains(rest.front()))
            return std::nullopt; // `lengths`, `length | …`
        rest = rest.trimmed();
        simple.m_length = true;
    }
    if (rest.isEmpty())
        return simple;
    static constexpr std::pair<QStringView, Compare> operators[]
            = {{u"==", Compare::Equal},       {u"!=", Compare::NotEqual},
               {u"<=", Compare::LessOrEqual}, {u">=", Compare::GreaterOrEqual},
               {u"<", Compare::Less},         {u">", Compare::Greater}};
    for (const auto &[spelling, compare] : operators) {
        if (!rest.startsWith(spelling))
            continue;
        std::optional<QJsonValue> literal = literalOf(rest.mid(spelling.size()).trimmed());
        if (!literal)
            return std::nullopt;
        simple.m_compare = compare;
        simple.m_literal = std::move(*literal);
        return simple;
    }
    return std::nullopt;
}

std::optional<QJsonValue> SimpleJq::outputIn(const QJsonValue &document) const
{
    std::optional<QJsonValue> value = m_path.jqValueIn(document);
    if (!value)
        return std::nullopt;
    if (m_length) {
        const std::optional<double> length = jqLength(*value);
        if (!length)
            return std::nullopt;
        value = QJsonValue(*length);
    }
    if (m_compare == Compare::None)
        return value;
    const std::optional<int> order = jqCompare(*value, m_literal);
    if (!order)
        return std::nullopt;
    switch (m_compare) {
    case Compare::Equal:
        return QJsonValue(*order == 0);
    case Compare::NotEqual:
        return QJsonValue(*order != 0);
    case Compare::Less:
        return QJsonValue(*order < 0);
    case Compare::LessOrEqual:
        return QJsonValue(*order <= 0);
    case Compare::Greater:
        return QJsonValue(*order > 0);
    case Compare::GreaterOrEqual:
        return QJsonValue(*order >= 0);
    case Compare::None:
        break;
    }
    return value;
}

std::optional<JqOutcome> SimpleJq::evaluate(jqwire::Op op, const JqDocument &document) const
{
    if (document.kind == JqDocument::Kind::NotJson)
        return JqOutcome{JqOutcome::Kind::NotJson, {}};
    if (document.kind == JqDocument::Kind::Unsure || op == jqwire::Op::Check)
        return std::nullopt;
    const std::optional<QJsonValue> output = outputIn(document.value);
    if (!output)
        return std::nullopt;
    if (op == jqwire::Op::Test) {
        const bool truthy = !output->isNull() && !(output->isBool() && !output->toBool());
        return JqOutcome{JqOutcome::Kind::Value,
                         truthy ? QStringLiteral("true") : QStringLiteral("false")};
    }
    switch (output->type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return JqOutcome{JqOutcome::Kind::Null, {}};
    case QJsonValue::Bool:
        return JqOutcome{JqOutcome::Kind::Value,
                         output->toBool() ? QStringLiteral("true") : QStringLiteral("false")};
    case QJsonValue::String:
        if (!output->toString().isValidUtf16())
            return std::nullopt;
        return JqOutcome{JqOutcome::Kind::Value, output->toString()};
    case QJsonValue::Double: {
        // A zero read from the body may have been `-0`, which jq writes so; Qt forgets the sign.
        if (isPlainPath() && output->toDouble() == 0)
            return std::nullopt;
        std::optional<QString> text = jqNumberText(output->toDouble());
        if (!text)
            return std::nullopt;
        return JqOutcome{JqOutcome::Kind::Value, std::move(*text)};
    }
    case QJsonValue::Array:
    case QJsonValue::Object:
        break; // jq keeps an object's keys in the body's order, Qt sorts them
    }
    return std::nullopt;
}

} // namespace salvo
