#pragma once

// Errors travel as values through every layer of Salvo, never as exceptions (not across
// co_await, not out of a worker): an Expected<T> holds a value or an Error. The code is for
// code (a test, a retry, an exit status, another message); the message is a sentence for a
// person, naming what it is about.

#include <QMetaType>
#include <QString>

#include <utility>
#include <variant>

namespace salvo {

enum class ErrorCode {
    Input, // an input as a whole cannot be used: a CSV without a url column, a bad template
    Usage, // a command line salvo-cli cannot follow
    CannotOpen, // no such file or folder, no permission, not a regular file
    NotADatabase, // the history file is something else, or damaged beyond reading
    NewerSchema, // written by a newer Salvo: left untouched
    OlderSchema, // not yet upgraded, and this connection may not write
    ReadOnly, // the file or its folder cannot be written
    DiskFull, // the disk, or the history's size limit, is full
    Busy, // another program kept the file locked longer than the busy timeout
    NoSuchRun, // the run asked for is not in the history (deleted, or never there)
    StillRunning, // the run is being written by a live process, which has to end first
    Other,
};

struct Error
{
    ErrorCode code = ErrorCode::Other;
    QString message;
};

// Why an input as a whole cannot be used (as opposed to one bad row, which becomes a result).
inline Error inputError(QString message)
{
    return Error{ErrorCode::Input, std::move(message)};
}

// A value or an Error; GCC 12 has no std::expected in C++20. Expected<> is the one for work
// that returns nothing.
template<typename T = std::monostate>
class Expected
{
public:
    Expected() requires std::is_same_v<T, std::monostate> : m_state(std::monostate()) { }
    Expected(T value)
        : m_state(std::move(value))
    { }
    Expected(Error error)
        : m_state(std::move(error))
    { }

    bool hasValue() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return hasValue(); }
    T &value() { return std::get<T>(m_state); }
    const T &value() const { return std::get<T>(m_state); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

} // namespace salvo

Q_DECLARE_METATYPE(salvo::Error)
