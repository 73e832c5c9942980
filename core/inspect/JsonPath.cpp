#include "JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace salvo {
namespace {

constexpr qsizetype maxIndex = qsizetype(1) << 30;

bool isIdentifierStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isIdentifierPart(QChar c)
{
    return isIdentifierStart(c) || (c >= u'0' && c <= u'9');
}

// A double-quoted key at `at` (JSON's escapes), moving `at` past it; nothing when malformed.
std::optional<QString> quotedKey(const QString &text, qsizetype &at)
{
    qsizetype end = at + 1;
    while (end < text.size() && text.at(end) != u'"') {
        if (text.at(end) == u'\\')
            ++end;
        ++end;
    }
    if (end >= text.size())
        return std::nullopt;
    const QJsonDocument parsed = QJsonDocument::fromJson(
            QStringLiteral("[%1]").arg(text.mid(at, end - at + 1)).toUtf8());
    if (!parsed.isArray() || !parsed.array().at(0).isString())
        return std::nullopt;
    at = end + 1;
    return parsed.array().at(0).toString();
}

// `[N]` or `["key"]` at `at` (which is on the `[`).
std::optional<std::variant<QString, qsizetype>> bracketStep(const QString &text, qsizetype &at)
{
    qsizetype inside = at + 1;
    if (inside < text.size() && text.at(inside) == u'"') {
        std::optional<QString> key = quotedKey(text, inside);
        if (!key || inside >= text.size() || text.at(inside) != u']')
            return std::nullopt;
        at = inside + 1;
        return *key;
    }
    const qsizetype close = text.indexOf(u']', inside);
    if (close < 0)
        return std::nullopt;
    const QString digits = text.mid(inside, close - inside);
    bool number = false;
    const qsizetype index = digits.toLongLong(&number);
    // jq has no unary plus, and takes an index as a C int: others are jq's to judge.
    if (!number || digits.contains(u'+') || qAbs(index) > maxIndex)
        return std::nullopt;
    at = close + 1;
    return index;
}

} // namespace

QString JsonPath::toJq(const QString &expression)
{
    const QString trimmed = expression.trimmed();
    if (!trimmed.startsWith(u'$'))
        return expression;
    QString rest = trimmed.mid(1);
    rest.replace(QStringLiteral("[*]"), QStringLiteral("[]"));
    if (rest.isEmpty())
        return QStringLiteral(".");
    return rest.startsWith(u'[') ? u'.' + rest : rest;
}

std::optional<JsonPath> JsonPath::parse(const QString &expression)
{
    const QString text = toJq(expression).trimmed();
    if (!text.startsWith(u'.'))
        return std::nullopt;
    JsonPath path;
    qsizetype at = 0;
    if (text == u".")
        return path;
    while (at < text.size()) {
        const QChar c = text.at(at);
        if (c == u'[') {
            std::optional<Step> step = bracketStep(text, at);
            if (!step)
                return std::nullopt;
            path.m_steps.append(*step);
            continue;
        }
        if (c != u'.' || at + 1 >= text.size())
            return std::nullopt;
        ++at;
        const QChar next = text.at(at);
        if (next == u'[') {
            if (at != 1)
                return std::nullopt; // `.a.[0]` is jq 1.7's; jq 1.6 does not compile it
            continue; // `.[0]`: the bracket is the step
        }
        if (next == u'"') {
            std::optional<QString> key = quotedKey(text, at);
            if (!key)
                return std::nullopt;
            path.m_steps.append(*key);
            continue;
        }
        if (!isIdentifierStart(next))
            return std::nullopt;
        const qsizetype start = at;
        while (at < text.size() && isIdentifierPart(text.at(at)))
            ++at;
        path.m_steps.append(text.mid(start, at - start));
    }
    return path;
}

QJsonValue JsonPath::valueIn(const QJsonValue &document) const
{
    QJsonValue value = document;
    for (const Step &step : m_steps) {
        if (const QString *key = std::get_if<QString>(&step)) {
            if (!value.isObject())
                return QJsonValue::Null;
            value = value.toObject().value(*key);
        } else {
            const qsizetype index = std::get<qsizetype>(step);
            if (!value.isArray())
                return QJsonValue::Null;
            const QJsonArray array = value.toArray();
            const qsizetype at = index < 0 ? array.size() + index : index;
            if (at < 0 || at >= array.size())
                return QJsonValue::Null;
            value = array.at(at);
        }
        if (value.isUndefined())
            return QJsonValue::Null;
    }
    return value;
}

QString jsonCellText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        // Through a document: Qt writes a number in its shortest exact form, as jq does.
        const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(array.mid(1, array.size() - 2));
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

} // namespace salvo
