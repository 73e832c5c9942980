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

// A line of a list (trimmed) is a row unless it is blank or a '#' comment: every parser and
// the editor's line check ask this.
inline bool isRowLine(QStringView trimmed)
{
    return !trimmed.isEmpty() && !trimmed.startsWith(u'#');
}

} // namespace salvo
