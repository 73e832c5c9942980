#pragma once

#include <QByteArray>
#include <QStringView>

namespace salvo {

// Appends `text` as a JSON string literal, quotes included, as QJsonDocument writes one: UTF-8
// as it is, `"` and `\` escaped, control characters as \n, \t, ... or \u00XX. For writers that
// put a few fields after a document Qt made, without a QJsonObject per row.
void appendJsonString(QByteArray &out, QStringView text);

// The literal on its own.
QByteArray jsonString(QStringView text);

} // namespace salvo
