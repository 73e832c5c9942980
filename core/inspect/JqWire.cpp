#include "JqWire.h"

#include <QtEndian>

namespace salvo::jqwire {
namespace {

constexpr char requestTag = 'r';
constexpr char answersTag = 'a';
// More programs than any plan has: a count beyond it is a malformed message, not a wait.
constexpr quint32 maxPrograms = 4096;

void appendCount(QByteArray &out, quint32 count)
{
    const quint32 little = qToLittleEndian(count);
    out.append(reinterpret_cast<const char *>(&little), sizeof little);
}

void appendSized(QByteArray &out, const QByteArray &bytes)
{
    appendCount(out, quint32(bytes.size()));
    out.append(bytes);
}

std::optional<quint32> countAt(const QByteArray &buffer, qsizetype &at)
{
    if (buffer.size() - at < qsizetype(sizeof(quint32)))
        return std::nullopt;
    const quint32 count = qFromLittleEndian<quint32>(buffer.constData() + at);
    at += sizeof(quint32);
    return count;
}

// A length-prefixed field at `at`, moving `at` past it; nothing while it is incomplete.
std::optional<QByteArray> sizedAt(const QByteArray &buffer, qsizetype &at)
{
    qsizetype after = at;
    const std::optional<quint32> size = countAt(buffer, after);
    if (!size || buffer.size() - after < qsizetype(*size))
        return std::nullopt;
    at = after + qsizetype(*size);
    return buffer.mid(after, qsizetype(*size));
}

bool isOp(char op)
{
    return op == char(Op::Check) || op == char(Op::Extract) || op == char(Op::Test);
}

bool isAnswerKind(char kind)
{
    return kind == char(AnswerKind::Value) || kind == char(AnswerKind::Null)
            || kind == char(AnswerKind::Error) || kind == char(AnswerKind::NotJson);
}

// The message's count of parts after its tag, or nothing while incomplete; a wrong tag or an
// impossible count clears the buffer.
std::optional<quint32> partsOf(QByteArray &buffer, char tag, qsizetype &at)
{
    if (buffer.isEmpty())
        return std::nullopt;
    if (buffer.at(0) != tag) {
        buffer.clear();
        return std::nullopt;
    }
    at = 1;
    const std::optional<quint32> count = countAt(buffer, at);
    if (count && (*count == 0 || *count > maxPrograms)) {
        buffer.clear();
        return std::nullopt;
    }
    return count;
}

// One part: a tag character (an op or an answer's kind) and a sized text.
template<typename Tag>
std::optional<std::pair<Tag, QByteArray>> partAt(QByteArray &buffer, qsizetype &at,
                                                 bool (*valid)(char))
{
    if (buffer.size() <= at)
        return std::nullopt;
    const char tag = buffer.at(at);
    if (!valid(tag)) {
        buffer.clear();
        return std::nullopt;
    }
    qsizetype after = at + 1;
    std::optional<QByteArray> text = sizedAt(buffer, after);
    if (!text)
        return std::nullopt;
    at = after;
    return std::pair{Tag(tag), std::move(*text)};
}

} // namespace

QByteArray encode(const Request &request)
{
    QByteArray out;
    qsizetype size = request.input.size() + 9;
    for (const Program &program : request.programs)
        size += program.text.size() + 5;
    out.reserve(size);
    out.append(requestTag);
    appendCount(out, quint32(request.programs.size()));
    for (const Program &program : request.programs) {
        out.append(char(program.op));
        appendSized(out, program.text);
    }
    appendSized(out, request.input);
    return out;
}

QByteArray encode(const QList<Answer> &answers)
{
    QByteArray out;
    out.append(answersTag);
    appendCount(out, quint32(answers.size()));
    for (const Answer &answer : answers) {
        out.append(char(answer.kind));
        appendSized(out, answer.text);
    }
    return out;
}

std::optional<Request> takeRequest(QByteArray &buffer)
{
    qsizetype at = 0;
    const std::optional<quint32> count = partsOf(buffer, requestTag, at);
    if (!count)
        return std::nullopt;
    Request request;
    for (quint32 i = 0; i < *count; ++i) {
        auto part = partAt<Op>(buffer, at, &isOp);
        if (!part)
            return std::nullopt;
        request.programs.append({part->first, std::move(part->second)});
    }
    std::optional<QByteArray> input = sizedAt(buffer, at);
    if (!input)
        return std::nullopt;
    request.input = std::move(*input);
    buffer.remove(0, at);
    return request;
}

std::optional<QList<Answer>> takeAnswers(QByteArray &buffer)
{
    qsizetype at = 0;
    const std::optional<quint32> count = partsOf(buffer, answersTag, at);
    if (!count)
        return std::nullopt;
    QList<Answer> answers;
    for (quint32 i = 0; i < *count; ++i) {
        auto part = partAt<AnswerKind>(buffer, at, &isAnswerKind);
        if (!part)
            return std::nullopt;
        answers.append({part->first, std::move(part->second)});
    }
    buffer.remove(0, at);
    return answers;
}

} // namespace salvo::jqwire
