#pragma once

// What travels between Salvo and its jq process (salvo-jq), both ways over pipes: a request
// (one answer's body and the programs to run on it, each with what to do) and its answers (a
// kind and a text for each program, in order). jq parses the body once for all its programs.
// Lengths and counts are 32-bit little-endian, so a body of any bytes goes through unchanged.

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <optional>

namespace salvo::jqwire {

enum class Op : char {
    Check = 'c', // compile the program only
    Extract = 'x', // the first output, as a cell shows it
    Test = 't', // whether the first output is true: "true", or "false" or "null" (also for none)
};

enum class AnswerKind : char {
    Value = 'v', // text: the value
    Null = 'n', // no output, or null
    Error = 'e', // text: jq's message (a compile error, or an error at run time)
    NotJson = 'j', // the input is not JSON
};

struct Program
{
    Op op = Op::Extract;
    QByteArray text;
};

struct Request
{
    QList<Program> programs; // at least one
    QByteArray input;
};

struct Answer
{
    AnswerKind kind = AnswerKind::Null;
    QByteArray text;
};

QByteArray encode(const Request &request);
QByteArray encode(const QList<Answer> &answers);

// Takes one whole message off the front of `buffer`, or nothing while it is incomplete. A
// malformed message is taken as nothing and clears the buffer.
std::optional<Request> takeRequest(QByteArray &buffer);
std::optional<QList<Answer>> takeAnswers(QByteArray &buffer);

} // namespace salvo::jqwire
