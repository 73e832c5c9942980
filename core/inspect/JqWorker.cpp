#include "JqWorker.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

extern char **environ;
#include <string>
#include <unordered_map>

extern "C" {
#include <jq.h>
#include <jv.h>
}

#include <QByteArrayList>
#include <QRegularExpression>
#include <QStringList>

#include "JqWire.h"

namespace salvo {
namespace {

using namespace jqwire;

// Programs compiled and kept, by their text; a run uses a handful.
constexpr std::size_t keptPrograms = 64;

struct Compiled
{
    jq_state *state = nullptr;
    QByteArray error; // why it did not compile
};

void collectMessage(void *data, jv message)
{
    auto *messages = static_cast<QByteArray *>(data);
    if (jv_get_kind(message) == JV_KIND_STRING) {
        if (!messages->isEmpty())
            messages->append('\n');
        messages->append(jv_string_value(message));
    }
    jv_free(message);
}

// jq's compile messages as a sentence: without its "jq: error: " and "N compile error"
// lines, the program it repeats, and its hint about shell quoting (nobody typed a shell).
QByteArray cleanedCompileError(const QByteArray &messages, const QByteArray &program)
{
    static const QRegularExpression place(QStringLiteral("at <top-level>, line (\\d+):?"));
    QStringList kept;
    for (const QByteArray &raw : messages.split('\n')) {
        QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.endsWith(u"compile error") || line.endsWith(u"compile errors")
            || line == QString::fromUtf8(program).trimmed())
            continue;
        if (line.startsWith(u"jq: error: "))
            line = line.mid(11);
        line.remove(QStringLiteral(" (Unix shell quoting issues?)"));
        line.replace(place, QStringLiteral("at line \\1"));
        kept.append(line);
    }
    return kept.isEmpty() ? QByteArray("it cannot be compiled") : kept.join(u"; ").toUtf8();
}

class Worker
{
public:
    ~Worker()
    {
        for (auto &[text, compiled] : m_programs)
            jq_teardown(&compiled.state);
    }

    // Every program of the request on its input, which is parsed once, when a program needs it.
    QList<Answer> handle(const Request &request)
    {
        QList<Answer> answers;
        answers.reserve(request.programs.size());
        jv input = jv_invalid();
        bool parsed = false;
        for (const Program &asked : request.programs) {
            Compiled &compiled = program(asked.text);
            if (!compiled.state) {
                answers.append({AnswerKind::Error, compiled.error});
                continue;
            }
            if (asked.op == Op::Check) {
                answers.append({AnswerKind::Null, {}});
                continue;
            }
            if (!parsed) {
                jv_free(input);
                input = jv_parse_sized(request.input.constData(), int(request.input.size()));
                parsed = true;
            }
            if (!jv_is_valid(input)) {
                answers.append({AnswerKind::NotJson, {}});
                continue;
            }
            jq_start(compiled.state, jv_copy(input), 0);
            answers.append(answerFor(asked.op, jq_next(compiled.state)));
        }
        jv_free(input);
        return answers;
    }

private:
    Compiled &program(const QByteArray &text)
    {
        const std::string key = text.toStdString();
        auto found = m_programs.find(key);
        if (found != m_programs.end())
            return found->second;
        if (m_programs.size() >= keptPrograms) {
            for (auto &[oldText, old] : m_programs)
                jq_teardown(&old.state);
            m_programs.clear();
        }
        Compiled compiled;
        QByteArray messages;
        compiled.state = jq_init();
        jq_set_error_cb(compiled.state, &collectMessage, &messages);
        // No modules from disk: `import` and `include` find nothing.
        jq_set_attr(compiled.state, jv_string("JQ_LIBRARY_PATH"), jv_array());
        if (!jq_compile(compiled.state, key.c_str())) {
            jq_teardown(&compiled.state);
            compiled.error = cleanedCompileError(messages, text);
        }
        return m_programs.emplace(key, std::move(compiled)).first->second;
    }

    static Answer answerFor(Op op, jv output)
    {
        if (!jv_is_valid(output)) {
            if (!jv_invalid_has_msg(jv_copy(output))) {
                jv_free(output);
                return {op == Op::Test ? AnswerKind::Value : AnswerKind::Null,
                        op == Op::Test ? QByteArray("false") : QByteArray()};
            }
            jv message = jv_invalid_get_msg(output);
            QByteArray text = jv_get_kind(message) == JV_KIND_STRING
                    ? QByteArray(jv_string_value(message))
                    : QByteArray("error");
            jv_free(message);
            return {AnswerKind::Error, text};
        }
        const jv_kind kind = jv_get_kind(output);
        if (op == Op::Test) {
            // Null apart from false: a plain path's sentence names which it found.
            jv_free(output);
            return {AnswerKind::Value,
                    kind == JV_KIND_FALSE          ? "false"
                            : kind == JV_KIND_NULL ? "null"
                                                   : "true"};
        }
        if (kind == JV_KIND_NULL) {
            jv_free(output);
            return {AnswerKind::Null, {}};
        }
        if (kind == JV_KIND_STRING) {
            QByteArray text(jv_string_value(output), jv_string_length_bytes(jv_copy(output)));
            jv_free(output);
            return {AnswerKind::Value, text};
        }
        jv dumped = jv_dump_string(output, 0);
        QByteArray text(jv_string_value(dumped));
        jv_free(dumped);
        return {AnswerKind::Value, text};
    }

    std::unordered_map<std::string, Compiled> m_programs;
};

bool writeAll(const QByteArray &bytes)
{
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, bytes.constData() + written,
                                  size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        written += n;
    }
    return true;
}

// AddressSanitizer maps terabytes of shadow memory: an address-space limit stops it at start.
#if defined(__SANITIZE_ADDRESS__)
#define SALVO_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SALVO_UNDER_ASAN 1
#endif
#endif

void limitMemory()
{
#if !defined(SALVO_UNDER_ASAN)
    // The parent also watches this process's size; this is the floor under that watch.
    const rlim_t limit = rlim_t(2) << 30;
    rlimit bound{limit, limit};
    setrlimit(RLIMIT_AS, &bound);
#endif
}

} // namespace

int runJqWorker()
{
    limitMemory();
    // jq's `env` and `$ENV` would put this process's environment (tokens, paths) into a
    // column: it has none. (An empty list, not clearenv()'s null, which jq 1.6 cannot walk.)
    static char *noEnvironment[] = {nullptr};
    environ = noEnvironment;
    Worker worker;
    QByteArray buffer;
    char chunk[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        buffer.append(chunk, qsizetype(n));
        while (std::optional<Request> request = takeRequest(buffer)) {
            if (!writeAll(encode(worker.handle(*request))))
                return 1;
        }
    }
}

} // namespace salvo
