#pragma once

#include <QString>

namespace salvo {

// Why a row has no usable answer. A closed set: every failure a request can meet maps to
// exactly one kind, with a stable machine name (exports, CLI) and a sentence for people.
// HTTP 4xx/5xx are answers, not errors: they are results with ok=false and ErrorKind::None.
enum class ErrorKind : quint8 {
    None,
    InvalidUrl,
    UnsupportedScheme,
    Dns,
    ConnectionRefused,
    ConnectionReset,
    Tls,
    Timeout,
    TooManyRedirects,
    Cancelled,
    Protocol,
    Proxy,
    SignIn, // the run's sign-in could not be done (a token could not be had)
    Other,
};

inline constexpr int errorKindCount = static_cast<int>(ErrorKind::Other) + 1;

// Which of the two timers ended a request that timed out.
enum class TimeoutKind : quint8 {
    None,
    Deadline, // the whole request took longer than the deadline
    Inactivity, // nothing arrived for longer than the inactivity timeout
};

// "dns", "connection_refused", ...; empty for ErrorKind::None.
QString errorKindName(ErrorKind kind);

// ErrorKind::Other for a name that is not one of the kinds.
ErrorKind errorKindFromName(QStringView name);

// A short label for tables and filters: "DNS", "Connection refused", ...
QString errorKindLabel(ErrorKind kind);

// "deadline" or "inactivity"; empty for TimeoutKind::None, and None for any other name.
QString timeoutKindName(TimeoutKind kind);
TimeoutKind timeoutKindFromName(QStringView name);

} // namespace salvo
