#include "ShellWords.h"

#include <QCoreApplication>

namespace salvo {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::ShellWords", text);
}

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t';
}

// Gathers words into commands, noting the line each command starts on.
class CommandBuilder
{
public:
    void startWordIfNone(int line)
    {
        if (!m_inWord && m_command.words.isEmpty())
            m_command.line = line;
        m_inWord = true;
    }
    void append(QChar c, int line)
    {
        startWordIfNone(line);
        m_word += c;
    }
    void append(const QString &text, int line)
    {
        startWordIfNone(line);
        m_word += text;
    }
    void endWord()
    {
        if (m_inWord)
            m_command.words.append(m_word);
        m_word.clear();
        m_inWord = false;
    }
    void endCommand()
    {
        endWord();
        if (!m_command.words.isEmpty() || !m_command.problem.isEmpty())
            m_commands.append(m_command);
        m_command = {};
    }
    void setProblem(const QString &problem) { m_command.problem = problem; }
    bool inWord() const { return m_inWord; }
    QList<ShellCommand> take()
    {
        endCommand();
        return std::move(m_commands);
    }

private:
    QList<ShellCommand> m_commands;
    ShellCommand m_command;
    QString m_word;
    bool m_inWord = false;
};

// bash's $'...': the escapes of C.
class AnsiCString
{
public:
    // Reads from just after $' up to the closing quote; returns where reading stopped.
    static qsizetype read(QStringView text, qsizetype i, QString &out, bool &closed)
    {
        closed = false;
        while (i < text.size()) {
            const QChar c = text.at(i);
            if (c == u'\'') {
                closed = true;
                return i + 1;
            }
            if (c != u'\\' || i + 1 >= text.size()) {
                out += c;
                ++i;
                continue;
            }
            i = escape(text, i + 1, out);
        }
        return i;
    }

private:
    static qsizetype escape(QStringView text, qsizetype i, QString &out)
    {
        const QChar c = text.at(i);
        static const QHash<QChar, QChar> simple{
                {u'n', u'\n'},       {u't', u'\t'},  {u'r', u'\r'},  {u'a', u'\a'},
                {u'b', u'\b'},       {u'f', u'\f'},  {u'v', u'\v'},  {u'e', QChar(0x1b)},
                {u'E', QChar(0x1b)}, {u'\\', u'\\'}, {u'\'', u'\''}, {u'"', u'"'},
                {u'?', u'?'}};
        if (const auto found = simple.constFind(c); found != simple.cend()) {
            out += *found;
            return i + 1;
        }
        const auto number = [&](qsizetype from, int maxDigits, int base) {
            qsizetype end = from;
            const auto isDigit = [base](QChar digit) {
                return base == 8 ? (digit >= u'0' && digit <= u'7') : isxdigit(digit.toLatin1());
            };
            while (end < text.size() && end - from < maxDigits && isDigit(text.at(end)))
                ++end;
            return end;
        };
        qsizetype end = i;
        uint code = 0;
        if (c == u'x' || c == u'u' || c == u'U') {
            end = number(i + 1, c == u'x' ? 2 : c == u'u' ? 4 : 8, 16);
            code = text.sliced(i + 1, end - i - 1).toUInt(nullptr, 16);
            if (end == i + 1) { // "\x" alone is as written
                out += u'\\';
                out += c;
                return i + 1;
            }
        } else if (c >= u'0' && c <= u'7') {
            end = number(i, 3, 8);
            code = text.sliced(i, end - i).toUInt(nullptr, 8);
        } else {
            out += u'\\';
            out += c;
            return i + 1;
        }
        // \x and octal escapes are bytes; a browser's $'...' holds UTF-8 written as text, so
        // a byte above 0x7f is taken as the Latin-1 character it stands for.
        out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
        return end;
    }
};

QList<ShellCommand> splitPosix(QStringView text)
{
    CommandBuilder commands;
    int line = 1;
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        if (c == u'\\') {
            if (next == u'\n'
                || (next == u'\r' && i + 2 < text.size() && text.at(i + 2) == u'\n')) {
                i += next == u'\n' ? 2 : 3; // a continuation: the command goes on
                ++line;
                continue;
            }
            if (!next.isNull())
                commands.append(next, line);
            i += 2;
        } else if (c == u'\'') {
            const qsizetype close = text.indexOf(u'\'', i + 1);
            if (close < 0) {
                commands.setProblem(tr("a ' is not closed"));
                commands.append(text.sliced(i + 1).toString(), line);
                break;
            }
            const QStringView quoted = text.sliced(i + 1, close - i - 1);
            commands.append(quoted.toString(), line);
            line += int(quoted.count(u'\n'));
            i = close + 1;
        } else if (c == u'$' && next == u'\'') {
            QString value;
            bool closed = false;
            const qsizetype end = AnsiCString::read(text, i + 2, value, closed);
            commands.append(value, line);
            line += int(text.sliced(i, end - i).count(u'\n'));
            if (!closed) {
                commands.setProblem(tr("a $' is not closed"));
                break;
            }
            i = end;
        } else if (c == u'"') {
            QString value;
            qsizetype j = i + 1;
            for (; j < text.size() && text.at(j) != u'"'; ++j) {
                const QChar inner = text.at(j);
                if (inner == u'\n')
                    ++line;
                if (inner == u'\\' && j + 1 < text.size()) {
                    const QChar escaped = text.at(j + 1);
                    if (escaped == u'\n') {
                        ++line;
                        ++j;
                        continue;
                    }
                    if (QStringView(u"$`\"\\").contains(escaped)) {
                        value += escaped;
                        ++j;
                        continue;
                    }
                }
                value += inner;
            }
            commands.append(value, line);
            if (j >= text.size()) {
                commands.setProblem(tr("a \" is not closed"));
                break;
            }
            i = j + 1;
        } else if (isBlank(c) || c == u'\r') {
            commands.endWord();
            ++i;
        } else if (c == u'\n' || c == u';' || c == u'|' || (c == u'&' && next == u'&')) {
            commands.endCommand();
            if (c == u'\n')
                ++line;
            i += (c == u'&' || (c == u'|' && next == u'|')) ? 2 : 1;
        } else if (c == u'#' && !commands.inWord()) {
            const qsizetype end = text.indexOf(u'\n', i);
            i = end < 0 ? text.size() : end;
        } else {
            commands.append(c, line);
            ++i;
        }
    }
    return commands.take();
}

// The C runtime's reading of one command line into words: spaces and tabs part them, "..."
// groups, "" inside quotes is one quote, and backslashes before a quote halve. Browsers also
// double every other backslash ("Copy as cURL (cmd)" always has), which the C runtime keeps as
// two: read here as the one they stand for, as the browser meant.
QStringList crtWords(QStringView line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size();) {
        const QChar c = line.at(i);
        if (c == u'\\') {
            qsizetype end = i;
            while (end < line.size() && line.at(end) == u'\\')
                ++end;
            const qsizetype count = end - i;
            inWord = true;
            if (end < line.size() && line.at(end) == u'"') {
                word += QString(count / 2, u'\\');
                if (count % 2 == 1) {
                    word += u'"';
                    i = end + 1;
                } else {
                    i = end; // the quote toggles, below
                }
            } else {
                word += QString((count + 1) / 2, u'\\');
                i = end;
            }
        } else if (c == u'"') {
            inWord = true;
            if (quoted && i + 1 < line.size() && line.at(i + 1) == u'"') {
                word += u'"';
                i += 2;
            } else {
                quoted = !quoted;
                ++i;
            }
        } else if (isBlank(c) && !quoted) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
            ++i;
        } else {
            word += c;
            inWord = true;
            ++i;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

// An & that parts two commands: one written between spaces (or &&). Browsers leave the &s of
// addresses and bodies unescaped in "Copy as cURL (cmd)", which cmd.exe itself would break.
bool isCommandAmpersand(QStringView text, qsizetype i)
{
    if (text.at(i) != u'&')
        return false;
    const auto blankAt = [&text](qsizetype at) {
        return at < 0 || at >= text.size() || isBlank(text.at(at)) || text.at(at) == u'&';
    };
    return blankAt(i - 1) && blankAt(i + 1);
}

// cmd.exe's reading first (^ escapes the next character, and at a line's end continues the
// command; "..." turns escapes off; & and an unescaped new line end the command), then the C
// runtime's.
QList<ShellCommand> splitCmd(QStringView text)
{
    QList<ShellCommand> commands;
    QString current;
    int line = 1;
    int startLine = 1;
    bool quoted = false;
    const auto finish = [&] {
        ShellCommand command{startLine, crtWords(current), {}};
        if (quoted)
            command.problem = tr("a \" is not closed");
        const QString first = command.words.value(0);
        if (!command.words.isEmpty() && first.compare(u"rem", Qt::CaseInsensitive) != 0
            && !first.startsWith(u"::"))
            commands.append(command);
        current.clear();
        quoted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (current.trimmed().isEmpty())
            startLine = line;
        if (c == u'^' && !quoted && i + 1 < text.size()) {
            QChar next = text.at(++i);
            if (next == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                next = text.at(++i);
            if (next == u'\n') {
                ++line; // a continuation; the character after it is taken as written
                if (i + 1 < text.size() && text.at(i + 1) != u'\r') {
                    const QChar kept = text.at(++i);
                    line += kept == u'\n' ? 1 : 0;
                    current += kept;
                }
                continue;
            }
            current += next;
        } else if (c == u'"') {
            quoted = !quoted;
            current += c;
        } else if ((c == u'\n' || isCommandAmpersand(text, i)) && !quoted) {
            finish();
            line += c == u'\n' ? 1 : 0;
        } else if (c != u'\r') {
            line += c == u'\n' ? 1 : 0;
            current += c;
        }
    }
    finish();
    return commands;
}

} // namespace

ShellStyle guessShellStyle(QStringView text)
{
    if (text.contains(u"^\"") || text.contains(u" ^\n") || text.contains(u" ^\r\n"))
        return ShellStyle::Cmd;
    return ShellStyle::Posix;
}

QList<ShellCommand> splitShellCommands(QStringView text, ShellStyle style)
{
    return style == ShellStyle::Cmd ? splitCmd(text) : splitPosix(text);
}

} // namespace salvo
