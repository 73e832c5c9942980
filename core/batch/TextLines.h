#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace salvo {

// Decodes an input file's bytes: UTF-8 with or without BOM (UTF-16 when its BOM says so).
QString decodeInputText(QByteArrayView data);

// Splits text into lines, accepting LF, CRLF and lone CR endings; a final newline does not
// make an extra empty line.
QStringList splitInputLines(const QString &text);

} // namespace salvo
