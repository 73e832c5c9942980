#include "JqWire.h"

#include <QtEndian>

namespace salvo::jqwire {
namespace {

void appendSized(QByteArray &out, const QByteArray &bytes)
{
    const quint32 size = qToLittleEndian(quint32(bytes.size()));
    out.append(reinterpret_cast<const char *>(&size), sizeof size);
    out.append(bytes);
}

// A length-prefixed field at `at`, moving `at` past it; nothing while it is incomplete.
std::optional<QByteArray> sizedAt(const QByteArray &buffer, qsizetype &at)
{
    if (buffer.size() - at < qsizetype(sizeof(quint32)))
        return std::nullopt;
    const quint32 size = qFromLittleEndian<quint32>(buffer.constData() + at);
    if (buffer.size() - at - qsizetype(sizeof(quint32)) < qsizetype(size))
        return std::nullopt;
    at += sizeof(quint32);
    QByteArray bytes = buffer.mid(at, qsizetype(size));
    at += qsizetype(size);
    return bytes;
}

} // namespace

QByteArray encode(const Request &request)
{
    QByteArray out;
    out.reserve(request.program.size() + request.input.size() + 9);
    out.append(char(request.op));
    appendSized(out, request.program);
    appendSized(out, request.input);
    return out;
}

QByteArray encode(const Answer &answer)
{
    QByteArray out;
    out.append(char(answer.kind));
    appendSized(out, answer.text);
    return out;
}

std::optional<Request> takeRequest(QByteArray &buffer)
{
    if (buffer.isEmpty())
        return std::nullopt;
    const char op = buffer.at(0);
    if (op != char(Op::Check) && op != char(Op::Extract) && op != char(Op::Test)) {
        buffer.clear();
        return std::nullopt;
    }
    qsizetype at = 1;
    std::optional<QByteArray> program = sizedAt(buffer, at);
    if (!program)
        return std::nullopt;
    std::optional<QByteArray> input = sizedAt(buffer, at);
    if (!input)
        return std::nullopt;
    buffer.remove(0, at);
    return Request{.op = Op(op), .program = std::move(*program), .input = std::move(*input)};
}

std::optional<Answer> takeAnswer(QByteArray &buffer)
{
    if (buffer.isEmpty())
        return std::nullopt;
    const char kind = buffer.at(0);
    if (kind != char(AnswerKind::Value) && kind != char(AnswerKind::Null)
        && kind != char(AnswerKind::Error) && kind != char(AnswerKind::NotJson)) {
        buffer.clear();
        return std::nullopt;
    }
    qsizetype at = 1;
    std::optional<QByteArray> text = sizedAt(buffer, at);
    if (!text)
        return std::nullopt;
    buffer.remove(0, at);
    return Answer{.kind = AnswerKind(kind), .text = std::move(*text)};
}

} // namespace salvo::jqwire
