#pragma once

// core/inspect owns what an answer says and whether it is the right one: expectations
// (status, final address, text, JSON, headers, type, time, size) and extractors (jq, XPath,
// a regular expression, a header) that read values out of answers into columns.

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace salvo {

// A plain JSON path, the most common expression by far: `.data.price`, `.items[0].sku`,
// `."odd key"`, `.[2]`, or JSONPath's `$.data.price`, which means the same. It is read and
// walked here, on the engine's threads, without jq (jq 1.6 is not safe from several threads
// at once: everything else goes through the one jq process, see JqService).
class JsonPath
{
public:
    // The path `expression` names, or nothing when it is not a plain path (then it is jq's).
    static std::optional<JsonPath> parse(const QString &expression);

    // JSONPath's `$` spelling turned into jq's: `$.a[*].b` becomes `.a[].b`. Anything else
    // is returned as it is.
    static QString toJq(const QString &expression);

    // The value at the path; undefined (a missing key, an index past the end, a step into
    // something that is not an object or array) gives null, as jq's `.a.b?` would.
    QJsonValue valueIn(const QJsonValue &document) const;

    using Step = std::variant<QString, qsizetype>; // an object key, or an array index
    const QList<Step> &steps() const { return m_steps; }

private:
    QList<Step> m_steps;
};

// A JSON value as a cell shows it: a string as its text, a number in its shortest form,
// true and false, objects and arrays as compact JSON; null (and undefined) as a null QString.
QString jsonCellText(const QJsonValue &value);

} // namespace salvo
