#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

#include "JqOutcome.h"
#include "JqWire.h"
#include "JsonPath.h"

namespace salvo {

// An answer's body as jq 1.6 reads it, taken from Qt's reading only where the two surely agree:
// a body Qt reads as an object or array (no deeper than jq's limit), or one that cannot begin
// a JSON text (empty, or markup). Anything else is Unsure: jq reads it.
struct JqDocument
{
    enum class Kind { Json, NotJson, Unsure };
    Kind kind = Kind::Unsure;
    QJsonValue value;

    static JqDocument read(const QByteArray &body);
};

// The jq expressions people write most, evaluated here with jq 1.6's exact results, on the
// thread that holds the answer: a plain path (JsonPath), `PATH | length`, and either compared
// with a number, string, true, false or null literal (`==`, `!=`, `<`, `<=`, `>`, `>=`).
// Where jq would raise an error, or where Qt's reading might differ from jq's (a number jq
// writes otherwise, an object's key order), evaluate() gives nothing and jq answers instead.
class SimpleJq
{
public:
    // The expression's simple form, or nothing when it has none (then it is jq's).
    static std::optional<SimpleJq> parse(const QString &expression);

    bool isPlainPath() const { return !m_length && m_compare == Compare::None; }

    // What jq's first output would be, or nothing where jq would raise an error.
    std::optional<QJsonValue> outputIn(const QJsonValue &document) const;

    // What salvo-jq would answer to `op` (Test or Extract), or nothing when only jq can say.
    std::optional<JqOutcome> evaluate(jqwire::Op op, const JqDocument &document) const;

private:
    enum class Compare { None, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };

    JsonPath m_path;
    bool m_length = false;
    Compare m_compare = Compare::None;
    QJsonValue m_literal;
};

} // namespace salvo
