#pragma once

// core/compare owns how one URL's answers from two runs are compared: a canonical text for a
// body (JSON with its keys sorted, or the text as it came) and its digest here; the line diff
// laid out side by side in BodyDiff.h; two whole runs in RunComparison.h. No GUI.

#include <QByteArray>
#include <QString>

namespace salvo {

// The text two bodies are compared by; equal texts mean equal bodies for a person's purposes.
//
// A JSON object or array becomes QJsonDocument's indented form, with object keys sorted and
// without the final newline, so key order and spacing do not count; array order does. A
// top-level scalar (42, "text", true, null), which QJsonDocument 6.4 will not parse on its
// own, is read as JSON too, through a one-element array, and comes back compact. Numbers
// compare by value (1.0 equals 1), but only where a double or a qint64 holds the value
// exactly: Qt 6.4 reads 12345678901234567890 and 12345678901234567891 as the same double, so
// a number that a double could merge with another (an integer beyond qint64, more than 15
// significant digits, a subnormal) keeps the digits it was written with instead. Repeated
// keys in one object keep only the last value, as QJsonDocument does.
//
// Anything else is text: UTF-8 with CRLF read as LF. A byte that is not part of valid UTF-8
// shows as \xNN (hex), so bodies that differ only in such bytes still differ. An empty body
// gives an empty text.
QString comparableBodyText(const QByteArray &body);

// A 20-byte BLAKE2b digest of comparableBodyText(body) in UTF-8: two bodies have the same
// digest exactly when their comparable texts are equal (collisions aside), so a million rows
// can be compared without keeping their bodies. The same on every platform.
QByteArray bodyDigest(const QByteArray &body);

} // namespace salvo
