#pragma once

#include <QByteArray>
#include <QString>

#include "Expected.h"

namespace salvo {

// A regular expression (PCRE2, Perl's syntax) over an answer's body: the text of its first
// capture group at the first match, or of the whole match when it has no group. Compiled
// once, used from one thread. Each match is bounded in steps and memory, so a pattern that
// backtracks without end on some body stops with a sentence instead of holding the engine.
class RegexQuery
{
public:
    ~RegexQuery();
    RegexQuery(RegexQuery &&other) noexcept;
    RegexQuery &operator=(RegexQuery &&other) noexcept;
    Q_DISABLE_COPY(RegexQuery)

    // The pattern compiled, or why it cannot be, with the character PCRE2 stopped at.
    static Expected<RegexQuery> compile(const QString &pattern);

    struct Outcome
    {
        QString value; // null when nothing matched
        QString error; // set when the match ran past its bound
    };
    Outcome evaluate(const QByteArray &body) const;

private:
    RegexQuery() = default;
    void *m_code = nullptr; // pcre2_code
    void *m_matchData = nullptr; // pcre2_match_data
    void *m_context = nullptr; // pcre2_match_context
};

} // namespace salvo
