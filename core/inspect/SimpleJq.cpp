#include "SimpleJq.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

#include "JsonPath.h"

namespace salvo {
namespace {

// Integers up to 2^53 are exact doubles; Qt and jq write them alike, digit for digit.
constexpr double exactIntegers = 9007199254740992.0;

bool isJqSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
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
int kindRank(JsonText::Type type)
{
    return int(type);
}

int sign(double difference)
{
    return difference < 0 ? -1 : (difference > 0 ? 1 : 0);
}

// jq's `length`, or nothing where jq raises an error (a boolean).
std::optional<double> jqLength(const JsonText &text, JsonText::Value value)
{
    switch (text.typeOf(value)) {
    case JsonText::Type::Null:
        return 0.0;
    case JsonText::Type::Number:
        return std::fabs(text.number(value));
    case JsonText::Type::String: {
        const QString string = text.string(value);
        return double(string.size() - std::count_if(string.cbegin(), string.cend(), [](QChar c) {
                          return c.isLowSurrogate();
                      }));
    }
    case JsonText::Type::Array:
    case JsonText::Type::Object:
        return double(text.size(value));
    case JsonText::Type::False:
    case JsonText::Type::True:
        break;
    }
    return std::nullopt;
}

// The text of 0 to 999, from a table in static storage: counts and small ids are most of the
// numbers a run extracts, and this way a row's value costs no allocation on the engine thread
// and no free on the thread that writes it.
std::optional<QString> smallIntegerText(qint64 value)
{
    constexpr int count = 1000;
    struct Table
    {
        char16_t digits[count][3] = {};
        qsizetype lengths[count] = {};
    };
    static const Table table = [] {
        Table made;
        for (int n = 0; n < count; ++n) {
            const QString text = QString::number(n);
            made.lengths[n] = text.size();
            for (qsizetype i = 0; i < text.size(); ++i)
                made.digits[n][i] = text.at(i).unicode();
        }
        return made;
    }();
    if (value < 0 || value >= count)
        return std::nullopt;
    return QString::fromRawData(reinterpret_cast<const QChar *>(table.digits[value]),
                                table.lengths[value]);
}

// A number as jq 1.6 writes it, in the ranges where its dtoa and Qt write the same digits.
std::optional<QString> jqNumberText(double value)
{
    const double magnitude = std::fabs(value);
    if (value == 0)
        return std::signbit(value) ? QStringLiteral("-0") : QStringLiteral("0");
    if (value == std::floor(value) && magnitude < exactIntegers) {
        if (std::optional<QString> small = smallIntegerText(qint64(value)))
            return small;
        return QString::number(qint64(value));
    }
    if (value != std::floor(value) && magnitude >= 1e-4)
        return QString::number(value, 'f', QLocale::FloatingPointShortest);
    return std::nullopt; // jq switches to its exponent form there, Qt elsewhere
}

// Whether jq writes a number of the body as it is written there, so that the text can be taken
// as it is: no exponent, no trailing zero after a point, at most 15 significant digits (each
// such decimal is the shortest that reads back as its double, which is what jq writes), and not
// below 1e-4, where jq turns to its exponent form.
bool isWrittenAsJqWrites(QByteArrayView number)
{
    if (number.startsWith('-'))
        number = number.sliced(1);
    if (number.contains('e') || number.contains('E') || number.startsWith("0.000")
        || (number.contains('.') && number.endsWith('0')))
        return false;
    qsizetype significant = 0;
    bool leading = true;
    for (const char c : number) {
        if (c == '.' || (leading && c == '0'))
            continue;
        leading = false;
        ++significant;
    }
    return significant <= 15;
}

JqOutcome truth(bool value)
{
    return {JqOutcome::Kind::Value, value ? QStringLiteral("true") : QStringLiteral("false")};
}

// What salvo-jq's Extract answers for a value of the body, or nothing where jq writes it its
// own way (arrays and objects keep the body's key order in jq).
std::optional<JqOutcome> cellOf(const JsonText &text, JsonText::Value value)
{
    switch (text.typeOf(value)) {
    case JsonText::Type::Null:
        return JqOutcome{JqOutcome::Kind::Null, {}};
    case JsonText::Type::False:
        return truth(false);
    case JsonText::Type::True:
        return truth(true);
    case JsonText::Type::String:
        return JqOutcome{JqOutcome::Kind::Value, text.string(value)};
    case JsonText::Type::Number: {
        if (isWrittenAsJqWrites(text.written(value))) {
            const QByteArrayView written = text.written(value);
            std::optional<QString> small;
            if (written.size() <= 3 && !written.contains('.') && !written.startsWith('-'))
                small = smallIntegerText(written.toLongLong());
            return JqOutcome{JqOutcome::Kind::Value, small ? *small : QString::fromLatin1(written)};
        }
        double number = text.number(value);
        if (number == 0 && text.isNegative(value))
            number = -0.0; // jq writes `-0` as it was written
        std::optional<QString> written = jqNumberText(number);
        if (!written)
            return std::nullopt;
        return JqOutcome{JqOutcome::Kind::Value, std::move(*written)};
    }
    case JsonText::Type::Array:
    case JsonText::Type::Object:
        break;
    }
    return std::nullopt;
}

} // namespace

std::optional<SimpleJq> SimpleJq::parse(const QString &expression)
{
    const QString text = JsonPath::toJq(expression).trimmed();
    const qsizetype pathEnd = endOfPath(text);
    const std::optional<JsonPath> path = JsonPath::parse(text.left(pathEnd));
    if (!path)
        return std::nullopt;
    SimpleJq simple;
    for (const JsonPath::Step &step : path->steps()) {
        if (const QString *key = std::get_if<QString>(&step))
            simple.m_steps.append(key->toUtf8());
        else
            simple.m_steps.append(std::get<qsizetype>(step));
    }
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
        const std::optional<QJsonValue> literal = literalOf(rest.mid(spelling.size()).trimmed());
        if (!literal)
            return std::nullopt;
        simple.m_compare = compare;
        if (literal->isBool())
            simple.m_literal.type
                    = literal->toBool() ? JsonText::Type::True : JsonText::Type::False;
        else if (literal->isDouble())
            simple.m_literal
                    = {.type = JsonText::Type::Number, .number = literal->toDouble(), .utf8 = {}};
        else if (literal->isString())
            simple.m_literal = {.type = JsonText::Type::String,
                                .number = 0,
                                .utf8 = literal->toString().toUtf8()};
        return simple;
    }
    return std::nullopt;
}

std::optional<JsonText::Value> SimpleJq::walk(const JsonText &text) const
{
    JsonText::Value value = text.root();
    for (const Step &step : m_steps) {
        const JsonText::Type type = text.typeOf(value);
        if (type == JsonText::Type::Null)
            continue; // `null | .a` and `null | .[0]` are null in jq
        std::optional<JsonText::Value> found;
        if (const QByteArray *key = std::get_if<QByteArray>(&step)) {
            if (type != JsonText::Type::Object)
                return std::nullopt; // jq's error, in jq's words
            found = text.member(value, *key);
        } else {
            if (type != JsonText::Type::Array)
                return std::nullopt;
            found = text.element(value, std::get<qsizetype>(step));
        }
        if (!found)
            return JsonText::Value{}; // missing: null from here on, as in jq
        value = *found;
    }
    return value;
}

int SimpleJq::order(const JsonText &text, JsonText::Value value) const
{
    const JsonText::Type type = text.typeOf(value);
    if (type != m_literal.type)
        return kindRank(type) < kindRank(m_literal.type) ? -1 : 1;
    if (type == JsonText::Type::Number)
        return sign(text.number(value) - m_literal.number);
    if (type == JsonText::Type::String) {
        // jq compares UTF-8 bytes, which is code point order (UTF-16's is not, past U+D7FF).
        const int compared = text.string(value).toUtf8().compare(m_literal.utf8);
        return compared < 0 ? -1 : (compared > 0 ? 1 : 0);
    }
    return 0; // null, false or true, each alike
}

bool SimpleJq::holds(int order) const
{
    switch (m_compare) {
    case Compare::Equal:
        return order == 0;
    case Compare::NotEqual:
        return order != 0;
    case Compare::Less:
        return order < 0;
    case Compare::LessOrEqual:
        return order <= 0;
    case Compare::Greater:
        return order > 0;
    case Compare::GreaterOrEqual:
        return order >= 0;
    case Compare::None:
        break;
    }
    return false;
}

std::optional<JqOutcome> SimpleJq::evaluate(jqwire::Op op, const JsonText &text) const
{
    if (text.kind() == JsonText::Kind::NotJson)
        return JqOutcome{JqOutcome::Kind::NotJson, {}};
    if (text.kind() == JsonText::Kind::Unsure || op == jqwire::Op::Check)
        return std::nullopt;
    const std::optional<JsonText::Value> found = walk(text);
    if (!found)
        return std::nullopt;
    if (isPlainPath()) {
        const JsonText::Type type = text.typeOf(*found);
        if (op == jqwire::Op::Test) {
            if (type == JsonText::Type::Null)
                return JqOutcome{JqOutcome::Kind::Value, QStringLiteral("null")};
            return truth(type != JsonText::Type::False);
        }
        return cellOf(text, *found);
    }
    if (!m_length)
        return truth(holds(order(text, *found)));
    const std::optional<double> length = jqLength(text, *found);
    if (!length)
        return std::nullopt;
    if (m_compare != Compare::None) {
        if (m_literal.type != JsonText::Type::Number)
            return truth(
                    holds(kindRank(JsonText::Type::Number) < kindRank(m_literal.type) ? -1 : 1));
        return truth(holds(sign(*length - m_literal.number)));
    }
    if (op == jqwire::Op::Test)
        return truth(true); // a number
    std::optional<QString> written = jqNumberText(*length);
    if (!written)
        return std::nullopt;
    return JqOutcome{JqOutcome::Kind::Value, std::move(*written)};
}

} // namespace salvo
