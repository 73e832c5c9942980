#include "RegexQuery.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <utility>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::RegexQuery")

// Backtracking steps and memory one match may take: far above what a sensible pattern needs
// on a large body, and a bound on catastrophic backtracking.
constexpr uint32_t matchLimit = 5'000'000;
constexpr uint32_t heapLimitKiB = 64 * 1024;

QString pcreMessage(int code)
{
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(code, buffer, sizeof buffer);
    return QString::fromUtf8(reinterpret_cast<const char *>(buffer));
}

} // namespace

RegexQuery::~RegexQuery()
{
    pcre2_match_data_free(static_cast<pcre2_match_data *>(m_matchData));
    pcre2_match_context_free(static_cast<pcre2_match_context *>(m_context));
    pcre2_code_free(static_cast<pcre2_code *>(m_code));
}

RegexQuery::RegexQuery(RegexQuery &&other) noexcept
    : m_code(std::exchange(other.m_code, nullptr))
    , m_matchData(std::exchange(other.m_matchData, nullptr))
    , m_context(std::exchange(other.m_context, nullptr))
{ }

RegexQuery &RegexQuery::operator=(RegexQuery &&other) noexcept
{
    std::swap(m_code, other.m_code);
    std::swap(m_matchData, other.m_matchData);
    std::swap(m_context, other.m_context);
    return *this;
}

Expected<RegexQuery> RegexQuery::compile(const QString &pattern)
{
    const QByteArray utf8 = pattern.toUtf8();
    int error = 0;
    PCRE2_SIZE offset = 0;
    // Bodies are bytes: UTF-8 where it is valid, and invalid sequences simply never match.
    pcre2_code *code
            = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(utf8.constData()), PCRE2_SIZE(utf8.size()),
                            PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error, &offset, nullptr);
    if (!code) {
        return inputError(tr("The regular expression %1 is not valid: %2, at character %3.")
                                  .arg(pattern, pcreMessage(error))
                                  .arg(QString::fromUtf8(utf8.left(qsizetype(offset))).size() + 1));
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); // where JIT is missing, the interpreter runs
    RegexQuery query;
    query.m_code = code;
    query.m_matchData = pcre2_match_data_create_from_pattern(code, nullptr);
    auto *context = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(context, matchLimit);
    pcre2_set_heap_limit(context, heapLimitKiB);
    query.m_context = context;
    return query;
}

RegexQuery::Outcome RegexQuery::evaluate(const QByteArray &body) const
{
    auto *code = static_cast<pcre2_code *>(m_code);
    auto *matchData = static_cast<pcre2_match_data *>(m_matchData);
    const int matched = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(body.constData()),
                                    PCRE2_SIZE(body.size()), 0, 0, matchData,
                                    static_cast<pcre2_match_context *>(m_context));
    if (matched == PCRE2_ERROR_NOMATCH)
        return {};
    if (matched < 0) {
        if (matched == PCRE2_ERROR_MATCHLIMIT || matched == PCRE2_ERROR_HEAPLIMIT
            || matched == PCRE2_ERROR_DEPTHLIMIT || matched == PCRE2_ERROR_JIT_STACKLIMIT)
            return {.value = {},
                    .error = tr("the regular expression took too many steps on this answer and "
                                "was stopped")};
        return {.value = {},
                .error = tr("the regular expression failed: %1").arg(pcreMessage(matched))};
    }
    uint32_t groups = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
    const int group = groups > 0 ? 1 : 0;
    const PCRE2_SIZE *offsets = pcre2_get_ovector_pointer(matchData);
    if (group >= matched || offsets[2 * group] == PCRE2_UNSET)
        return {.value = QStringLiteral(""), .error = {}}; // matched, the group took no part
    const PCRE2_SIZE start = offsets[2 * group];
    const PCRE2_SIZE end = offsets[2 * group + 1];
    QString value = QString::fromUtf8(body.constData() + start, qsizetype(end - start));
    return {.value = value.isNull() ? QStringLiteral("") : value, .error = {}};
}

} // namespace salvo
