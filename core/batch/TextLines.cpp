#include "TextLines.h"

#include <QStringDecoder>

namespace salvo {

QString decodeInputText(QByteArrayView data)
{
    const std::optional<QStringConverter::Encoding> fromBom
            = QStringConverter::encodingForData(data);
    // Skips the BOM; stateless, so bytes cut short at the end read as U+FFFD as everywhere
    // else, instead of waiting for a next call that never comes.
    QStringDecoder decoder(fromBom.value_or(QStringConverter::Utf8),
                           QStringConverter::Flag::Stateless);
    return decoder.decode(data);
}

QStringList splitInputLines(const QString &text)
{
    QStringList lines;
    qsizetype start = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (c != u'\n' && c != u'\r')
            continue;
        lines.append(text.mid(start, i - start));
        if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
            ++i;
        start = i + 1;
    }
    if (start < size)
        lines.append(text.mid(start));
    return lines;
}

} // namespace salvo
