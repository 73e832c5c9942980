#include "JsonText.h"

#include <QStringList>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace salvo {
namespace {

// jq 1.6 refuses to parse deeper than this (jv_parse.c, MAX_PARSING_DEPTH).
constexpr int jqDepthLimit = 256;
// Longer numbers, or exponents of three digits, might leave a double's range, where jq's
// reading is its own: they are left to it.
constexpr qsizetype longestNumber = 100;
constexpr int mostExponentDigits = 2;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexQuad(QByteArrayView text, qsizetype at)
{
    if (at + 4 > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = at; i < at + 4; ++i) {
        const char c = text.at(i);
        const int digit = isDigit(c)     ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

// Checks a text as strict JSON, as jq surely reads it. Each function takes the position where
// its part begins and gives where it ends, or -1 when it is not such JSON.
class Checker
{
public:
    explicit Checker(QByteArrayView text)
        : m_text(text)
    { }

    qsizetype space(qsizetype at) const
    {
        while (at >= 0 && at < m_text.size() && isSpace(m_text.at(at)))
            ++at;
        return at;
    }

    qsizetype value(qsizetype at, int depth) const
    {
        if (at >= m_text.size())
            return -1;
        switch (m_text.at(at)) {
        case '{':
        case '[':
            return depth >= jqDepthLimit ? -1 : container(at, depth + 1);
        case '"':
            return string(at);
        case 't':
            return word(at, "true");
        case 'f':
            return word(at, "false");
        case 'n':
            return word(at, "null");
        default:
            return number(at);
        }
    }

private:
    qsizetype word(qsizetype at, QByteArrayView spelling) const
    {
        return m_text.sliced(at).startsWith(spelling) ? at + spelling.size() : -1;
    }

    qsizetype digits(qsizetype at) const
    {
        while (at < m_text.size() && isDigit(m_text.at(at)))
            ++at;
        return at;
    }

    qsizetype number(qsizetype at) const
    {
        const qsizetype start = at;
        if (at < m_text.size() && m_text.at(at) == '-')
            ++at;
        if (at >= m_text.size() || !isDigit(m_text.at(at)))
            return -1;
        at = m_text.at(at) == '0' ? at + 1 : digits(at);
        if (at < m_text.size() && m_text.at(at) == '.') {
            const qsizetype fraction = at + 1;
            at = digits(fraction);
            if (at == fraction)
                return -1;
        }
        if (at < m_text.size() && (m_text.at(at) == 'e' || m_text.at(at) == 'E')) {
            ++at;
            if (at < m_text.size() && (m_text.at(at) == '+' || m_text.at(at) == '-'))
                ++at;
            const qsizetype exponent = at;
            at = digits(exponent);
            if (at == exponent || at - exponent > mostExponentDigits)
                return -1;
        }
        return at - start > longestNumber ? -1 : at;
    }

    // A \u escape at `at` (on the backslash): a whole surrogate pair or no half of one.
    qsizetype unicodeEscape(qsizetype at) const
    {
        const int unit = hexQuad(m_text, at + 2);
        if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
            return -1;
        if (unit < 0xD800 || unit > 0xDBFF)
            return at + 6;
        if (at + 8 > m_text.size() || m_text.at(at + 6) != '\\' || m_text.at(at + 7) != 'u')
            return -1;
        const int low = hexQuad(m_text, at + 8);
        return low >= 0xDC00 && low <= 0xDFFF ? at + 12 : -1;
    }

    // A UTF-8 sequence at `at` that is a code point's shortest form, and not a surrogate.
    qsizetype utf8(qsizetype at) const
    {
        const auto lead = uchar(m_text.at(at));
        const int length = (lead & 0xE0) == 0xC0 ? 2
                : (lead & 0xF0) == 0xE0          ? 3
                : (lead & 0xF8) == 0xF0          ? 4
                                                 : 0;
        if (length == 0 || at + length > m_text.size())
            return -1;
        char32_t point = lead & (0x7F >> length);
        for (qsizetype i = at + 1; i < at + length; ++i) {
            const auto next = uchar(m_text.at(i));
            if ((next & 0xC0) != 0x80)
                return -1;
            point = (point << 6) | (next & 0x3F);
        }
        static constexpr char32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (point < shortest[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
            return -1;
        return at + length;
    }

    qsizetype string(qsizetype at) const
    {
        ++at;
        while (at >= 0 && at < m_text.size()) {
            const auto c = uchar(m_text.at(at));
            if (c == '"')
                return at + 1;
            if (c < 0x20)
                return -1;
            if (c >= 0x80) {
                at = utf8(at);
            } else if (c != '\\') {
                ++at;
            } else if (at + 1 < m_text.size() && m_text.at(at + 1) == 'u') {
                at = unicodeEscape(at);
            } else {
                static constexpr QByteArrayView escapes = "\"\\/bfnrt";
                if (at + 1 >= m_text.size() || !escapes.contains(m_text.at(at + 1)))
                    return -1;
                at += 2;
            }
        }
        return -1;
    }

    qsizetype container(qsizetype at, int depth) const
    {
        const char close = m_text.at(at) == '{' ? '}' : ']';
        at = space(at + 1);
        if (at < m_text.size() && m_text.at(at) == close)
            return at + 1;
        for (;;) {
            if (close == '}') {
                if (at >= m_text.size() || m_text.at(at) != '"')
                    return -1;
                const qsizetype key = string(at);
                if (key < 0)
                    return -1; // not a string: nothing after it is read
                at = space(key);
                if (at >= m_text.size() || m_text.at(at) != ':')
                    return -1;
                at = space(at + 1);
            }
            at = value(at, depth);
            if (at < 0)
                return -1;
            at = space(at);
            if (at >= m_text.size())
                return -1;
            if (m_text.at(at) == close)
                return at + 1;
            if (m_text.at(at) != ',')
                return -1;
            at = space(at + 1);
        }
    }

    QByteArrayView m_text;
};

void appendUtf16(QString &out, char32_t point)
{
    if (point < 0x10000) {
        out.append(QChar(char16_t(point)));
    } else {
        out.append(QChar::highSurrogate(point));
        out.append(QChar::lowSurrogate(point));
    }
}

} // namespace

JsonText JsonText::read(QByteArrayView body)
{
    JsonText text;
    text.m_text = body;
    const bool marked = body.startsWith("\xEF\xBB\xBF"); // jq and Qt both skip the mark
    const Checker checker(body);
    const qsizetype first = checker.space(marked ? 3 : 0);
    if (!marked && (first == body.size() || body.at(first) == '<')) {
        text.m_kind = Kind::NotJson;
        return text;
    }
    const qsizetype end = checker.value(first, 0);
    if (end < 0 || checker.space(end) != body.size())
        return text;
    text.m_kind = Kind::Json;
    text.m_root = {first, end};
    return text;
}

JsonText::Type JsonText::typeOf(Value value) const
{
    if (value.begin < 0)
        return Type::Null;
    switch (m_text.at(value.begin)) {
    case 'n':
        return Type::Null;
    case 'f':
        return Type::False;
    case 't':
        return Type::True;
    case '"':
        return Type::String;
    case '[':
        return Type::Array;
    case '{':
        return Type::Object;
    default:
        return Type::Number;
    }
}

qsizetype JsonText::skipSpace(qsizetype at) const
{
    while (at < m_text.size() && isSpace(m_text.at(at)))
        ++at;
    return at;
}

qsizetype JsonText::endOfString(qsizetype at) const
{
    for (++at;; ++at) {
        const char *quote = static_cast<const char *>(
                std::memchr(m_text.data() + at, '"', std::size_t(m_text.size() - at)));
        at = quote - m_text.data();
        // Escaped when an odd number of backslashes stands before it.
        qsizetype backslashes = 0;
        while (m_text.at(at - 1 - backslashes) == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return at + 1;
    }
}

qsizetype JsonText::endOfValue(qsizetype at) const
{
    const char first = m_text.at(at);
    if (first == '"')
        return endOfString(at);
    if (first != '{' && first != '[') {
        // A number or a word: it ends where the next token or a space begins.
        while (at < m_text.size()) {
            const char c = m_text.at(at);
            if (isSpace(c) || c == ',' || c == ']' || c == '}')
                break;
            ++at;
        }
        return at;
    }
    int depth = 0;
    for (;;) {
        const char c = m_text.at(at);
        if (c == '"') {
            at = endOfString(at);
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
            return at + 1;
        ++at;
    }
}

bool JsonText::keyMatches(QByteArrayView rawKey, qsizetype quoteAt, QByteArrayView key) const
{
    if (!rawKey.contains('\\'))
        return rawKey == key;
    return keyAt(quoteAt) == QString::fromUtf8(key); // `"\u0061"` is the key `a`
}

const JsonText::Members &JsonText::rootMembers() const
{
    if (m_rootListed)
        return m_rootMembers;
    m_rootListed = true;
    qsizetype at = skipSpace(m_root.begin + 1);
    if (m_text.at(at) == '}')
        return m_rootMembers;
    for (;;) {
        const qsizetype keyEnd = endOfString(at);
        const QByteArrayView rawKey = m_text.sliced(at + 1, keyEnd - at - 2);
        const qsizetype valueAt = skipSpace(skipSpace(keyEnd) + 1);
        const qsizetype valueEnd = endOfValue(valueAt);
        m_rootMembers.append({rawKey, {valueAt, valueEnd}});
        at = skipSpace(valueEnd);
        if (m_text.at(at) != ',')
            return m_rootMembers;
        at = skipSpace(at + 1);
    }
}

std::optional<JsonText::Value> JsonText::member(Value object, QByteArrayView key) const
{
    if (object.begin == m_root.begin) {
        const Members &members = rootMembers();
        for (auto member = members.crbegin(); member != members.crend(); ++member) {
            const qsizetype quoteAt = member->rawKey.data() - m_text.data() - 1;
            if (keyMatches(member->rawKey, quoteAt, key))
                return member->value;
        }
        return std::nullopt;
    }
    std::optional<Value> found;
    qsizetype at = skipSpace(object.begin + 1);
    if (m_text.at(at) == '}')
        return found;
    for (;;) {
        const qsizetype keyEnd = endOfString(at);
        const bool matches = keyMatches(m_text.sliced(at + 1, keyEnd - at - 2), at, key);
        at = skipSpace(skipSpace(keyEnd) + 1);
        const qsizetype valueEnd = endOfValue(at);
        if (matches)
            found = Value{at, valueEnd}; // the last of duplicate keys, as jq keeps
        at = skipSpace(valueEnd);
        if (m_text.at(at) != ',')
            return found;
        at = skipSpace(at + 1);
    }
}

std::optional<JsonText::Value> JsonText::element(Value array, qsizetype index) const
{
    if (index < 0)
        index += size(array);
    if (index < 0)
        return std::nullopt;
    qsizetype at = skipSpace(array.begin + 1);
    if (m_text.at(at) == ']')
        return std::nullopt;
    for (qsizetype i = 0;; ++i) {
        const qsizetype end = endOfValue(at);
        if (i == index)
            return Value{at, end};
        at = skipSpace(end);
        if (m_text.at(at) != ',')
            return std::nullopt;
        at = skipSpace(at + 1);
    }
}

qsizetype JsonText::size(Value container) const
{
    const bool object = m_text.at(container.begin) == '{';
    qsizetype at = skipSpace(container.begin + 1);
    if (m_text.at(at) == (object ? '}' : ']'))
        return 0;
    QStringList keys;
    qsizetype count = 0;
    for (;;) {
        ++count;
        if (object) {
            keys.append(keyAt(at));
            at = skipSpace(skipSpace(endOfString(at)) + 1);
        }
        at = skipSpace(endOfValue(at));
        if (m_text.at(at) != ',')
            break;
        at = skipSpace(at + 1);
    }
    if (!object)
        return count;
    std::sort(keys.begin(), keys.end());
    return std::unique(keys.begin(), keys.end()) - keys.begin(); // duplicate keys count once
}

double JsonText::number(Value value) const
{
    double result = 0;
    std::from_chars(m_text.data() + value.begin, m_text.data() + value.end, result);
    return result;
}

QString JsonText::keyAt(qsizetype at) const
{
    return string({at, endOfString(at)});
}

QString JsonText::string(Value value) const
{
    const QByteArrayView inside = m_text.sliced(value.begin + 1, value.end - value.begin - 2);
    if (!inside.contains('\\'))
        return QString::fromUtf8(inside);
    QString out;
    out.reserve(inside.size());
    qsizetype plainFrom = 0;
    for (qsizetype at = 0; at < inside.size();) {
        if (inside.at(at) != '\\') {
            ++at;
            continue;
        }
        out.append(QString::fromUtf8(inside.sliced(plainFrom, at - plainFrom)));
        const char escape = inside.at(at + 1);
        if (escape == 'u') {
            char32_t point = char32_t(hexQuad(inside, at + 2));
            at += 6;
            if (point >= 0xD800 && point <= 0xDBFF) {
                point = 0x10000 + ((point - 0xD800) << 10)
                        + char32_t(hexQuad(inside, at + 2) - 0xDC00);
                at += 6;
            }
            appendUtf16(out, point);
        } else {
            static constexpr QByteArrayView from = "bfnrt";
            static constexpr char16_t to[] = {u'\b', u'\f', u'\n', u'\r', u'\t'};
            const qsizetype which = from.indexOf(escape);
            out.append(which >= 0 ? QChar(to[which]) : QChar::fromLatin1(escape));
            at += 2;
        }
        plainFrom = at;
    }
    out.append(QString::fromUtf8(inside.sliced(plainFrom)));
    return out;
}

} // namespace salvo
