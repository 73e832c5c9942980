#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <variant>

#include "JqOutcome.h"
#include "JqWire.h"
#include "JsonText.h"

namespace salvo {

// The jq expressions people write most, evaluated here with jq 1.6's exact results, on the
// thread that holds the answer: a plain path (JsonPath), `PATH | length`, and either compared
// with a number, string, true, false or null literal (`==`, `!=`, `<`, `<=`, `>`, `>=`).
// Where jq would raise an error, or might read the body otherwise (JsonText), or writes a value
// in its own way (an object's key order, a number in exponent form), evaluate() gives nothing
// and jq answers instead.
class SimpleJq
{
public:
    // The expression's simple form, or nothing when it has none (then it is jq's).
    static std::optional<SimpleJq> parse(const QString &expression);

    bool isPlainPath() const { return !m_length && m_compare == Compare::None; }

    // What salvo-jq would answer to `op` (Test or Extract), or nothing when only jq can say.
    std::optional<JqOutcome> evaluate(jqwire::Op op, const JsonText &text) const;

private:
    enum class Compare { None, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };
    using Step = std::variant<QByteArray, qsizetype>; // a key in UTF-8, or an index
    struct Literal
    {
        JsonText::Type type = JsonText::Type::Null;
        double number = 0;
        QByteArray utf8; // a string's
    };

    std::optional<JsonText::Value> walk(const JsonText &text) const;
    int order(const JsonText &text, JsonText::Value value) const; // jq's jv_cmp with the literal
    bool holds(int order) const;

    QList<Step> m_steps;
    bool m_length = false;
    Compare m_compare = Compare::None;
    Literal m_literal;
};

} // namespace salvo
