#include "JsonReader.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace salvo::ui {
namespace {

using Json = nlohmann::json;
using Type = JsonTree::Type;

// The indented text, written as the parser's events arrive: the layout of
// QJsonDocument::Indented, except that an empty array or object stays on one line.
class IndentedWriter
{
public:
    explicit IndentedWriter(qsizetype limit)
        : m_limit(limit)
    { }

    void key(std::string_view name)
    {
        startMember();
        writeString(name);
        write(": ");
    }
    void scalar(std::string_view jsonText)
    {
        startValue();
        write(jsonText);
    }
    void string(std::string_view value)
    {
        startValue();
        writeString(value);
    }
    void open(char bracket)
    {
        startValue();
        write(std::string_view(&bracket, 1));
        m_levels.push_back(Level{.isArray = bracket == '['});
    }
    void close(char bracket)
    {
        const bool hadMembers = m_levels.back().hasMembers;
        m_levels.pop_back();
        if (hadMembers)
            startLine();
        write(std::string_view(&bracket, 1));
        if (m_levels.empty())
            write("\n");
    }
    QByteArray take() { return std::exchange(m_text, QByteArray()); }

private:
    struct Level
    {
        bool isArray = false;
        bool hasMembers = false;
    };

    // An element of an array starts a line of its own; a member's key() started its line.
    void startValue()
    {
        if (!m_levels.empty() && m_levels.back().isArray)
            startMember();
    }
    void startMember()
    {
        Level &level = m_levels.back();
        write(level.hasMembers ? ",\n" : "\n");
        level.hasMembers = true;
        indent();
    }
    void startLine()
    {
        write("\n");
        indent();
    }
    void indent()
    {
        static constexpr std::string_view spaces = "                                ";
        for (qsizetype left = qsizetype(m_levels.size()) * 4; left > 0 && !isFull();
             left -= qsizetype(spaces.size()))
            write(spaces.substr(0, size_t(std::min(left, qsizetype(spaces.size())))));
    }
    // Quoted, escaped as QJsonDocument escapes: quote, backslash and controls; the rest as
    // the UTF-8 it is (the parser checked it).
    void writeString(std::string_view utf8)
    {
        write("\"");
        size_t plainFrom = 0;
        for (size_t i = 0; i < utf8.size() && !isFull(); ++i) {
            const auto c = static_cast<unsigned char>(utf8[i]);
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            write(utf8.substr(plainFrom, i - plainFrom));
            plainFrom = i + 1;
            write(escaped(c));
        }
        write(utf8.substr(std::min(plainFrom, utf8.size())));
        write("\"");
    }
    static std::string escaped(unsigned char c)
    {
        switch (c) {
        case '"':
            return "\\\"";
        case '\\':
            return "\\\\";
        case '\b':
            return "\\b";
        case '\f':
            return "\\f";
        case '\n':
            return "\\n";
        case '\r':
            return "\\r";
        case '\t':
            return "\\t";
        default: {
            static constexpr char digits[] = "0123456789abcdef";
            return {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 0xF]};
        }
        }
    }
    // Past the limit nothing more is kept: the view shows only the start anyway.
    bool isFull() const { return m_text.size() > m_limit; }
    void write(std::string_view bytes)
    {
        const qsizetype room = m_limit + 1 - m_text.size();
        if (room > 0)
            m_text.append(bytes.data(), std::min(qsizetype(bytes.size()), room));
    }

    qsizetype m_limit;
    QByteArray m_text;
    std::vector<Level> m_levels;
};

// "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while
// parsing object key - unexpected '}'; expected string literal" says "unexpected '}';
// expected string literal". What the parser had last read is left out: it is the body
// itself, of any length.
QString reasonOf(std::string_view what)
{
    if (const size_t at = what.find("] "); at != std::string_view::npos)
        what.remove_prefix(at + 2);
    if (what.starts_with("parse error")) {
        if (const size_t at = what.find(": "); at != std::string_view::npos)
            what.remove_prefix(at + 2);
    }
    if (what.starts_with("syntax error")) {
        if (const size_t at = what.find(" - "); at != std::string_view::npos)
            what.remove_prefix(at + 3);
    }
    what = what.substr(0, what.find("; last read: "));
    constexpr size_t maxReasonBytes = 120;
    if (what.size() <= maxReasonBytes)
        return QString::fromUtf8(what.data(), qsizetype(what.size()));
    return QString::fromUtf8(what.data(), qsizetype(maxReasonBytes)) + QChar(0x2026);
}

// nlohmann's SAX events, in document order, feed the tree and the indented text at once:
// no intermediate document, and no object that would sort its keys or drop a duplicate.
class ReadingHandler final : public nlohmann::json_sax<Json>
{
public:
    ReadingHandler(int maxDepth, qsizetype maxIndentedBytes)
        : m_maxDepth(maxDepth)
        , m_indented(maxIndentedBytes)
    { }

    bool null() override { return scalar(Type::Null, "null"); }
    bool boolean(bool value) override { return scalar(Type::Bool, value ? "true" : "false"); }
    // An integer that fits in 64 bits arrives as its value; its digits are the ones sent.
    bool number_integer(number_integer_t value) override
    {
        return scalar(Type::Number, std::to_string(value));
    }
    bool number_unsigned(number_unsigned_t value) override
    {
        return scalar(Type::Number, std::to_string(value));
    }
    // Any other number comes with its text, which stays as sent: 1.10, 1e3, or an integer
    // too long for 64 bits, which a double would round.
    bool number_float(number_float_t, const string_t &text) override
    {
        return scalar(Type::Number, text);
    }
    bool string(string_t &value) override
    {
        m_tree.string(QString::fromStdString(value));
        m_indented.string(value);
        return true;
    }
    bool binary(binary_t &) override { return false; } // only binary formats have them
    bool key(string_t &name) override
    {
        m_tree.key(QString::fromStdString(name));
        m_indented.key(name);
        return true;
    }
    bool start_object(std::size_t) override { return open(Type::Object, '{'); }
    bool end_object() override { return close('}'); }
    bool start_array(std::size_t) override { return open(Type::Array, '['); }
    bool end_array() override { return close(']'); }
    bool parse_error(std::size_t position, const std::string &,
                     const nlohmann::detail::exception &error) override
    {
        m_error = reasonOf(error.what());
        m_errorOffset = qint64(position);
        return false;
    }

    JsonReading finish(bool parsed)
    {
        JsonReading reading;
        if (m_tooDeep) {
            reading.outcome = JsonReading::Outcome::TooDeep;
        } else if (!parsed) {
            reading.error = std::move(m_error);
            reading.errorOffset = m_errorOffset;
        } else {
            reading.outcome = JsonReading::Outcome::Read;
            reading.tree = m_tree.finish();
            reading.indented = m_indented.take();
        }
        return reading;
    }

private:
    bool scalar(Type type, std::string_view jsonText)
    {
        m_tree.scalar(type, QString::fromLatin1(jsonText.data(), qsizetype(jsonText.size())));
        m_indented.scalar(jsonText);
        return true;
    }
    bool open(Type type, char bracket)
    {
        if (++m_depth > m_maxDepth) {
            m_tooDeep = true;
            return false; // stops the parser
        }
        m_tree.open(type);
        m_indented.open(bracket);
        return true;
    }
    bool close(char bracket)
    {
        --m_depth;
        m_tree.close();
        m_indented.close(bracket);
        return true;
    }

    int m_maxDepth;
    int m_depth = 0;
    bool m_tooDeep = false;
    JsonTree::Builder m_tree;
    IndentedWriter m_indented;
    QString m_error;
    qint64 m_errorOffset = 0;
};

} // namespace

JsonReading readJson(QByteArrayView json, int maxDepth, qsizetype maxIndentedBytes)
{
    ReadingHandler handler(maxDepth, maxIndentedBytes);
    const bool parsed = Json::sax_parse(json.begin(), json.end(), &handler);
    JsonReading reading = handler.finish(parsed);
    // The parser counts the end of the input as one more character read.
    reading.errorOffset = std::min(reading.errorOffset, qint64(json.size()));
    return reading;
}

} // namespace salvo::ui
