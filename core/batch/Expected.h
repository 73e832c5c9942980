#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace salvo {

// Why an input as a whole cannot be used (as opposed to one bad row, which becomes a
// result): a CSV without a url column, a template naming a column that does not exist.
struct InputError
{
    QString message;
};

// A value or an error (an InputError unless said otherwise); GCC 12 has no std::expected
// in C++20. Expected<std::monostate, E> is the one for work that returns nothing.
template<typename T, typename E = InputError>
class Expected
{
public:
    Expected() requires std::is_same_v<T, std::monostate> : m_state(std::monostate()) { }
    Expected(T value)
        : m_state(std::move(value))
    { }
    Expected(E error)
        : m_state(std::move(error))
    { }

    bool hasValue() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return hasValue(); }
    T &value() { return std::get<T>(m_state); }
    const T &value() const { return std::get<T>(m_state); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }
    const E &error() const { return std::get<E>(m_state); }

private:
    std::variant<T, E> m_state;
};

} // namespace salvo
