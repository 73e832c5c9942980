#include "TextLines.h"

#include <QStringDecoder>

namespace salvo {

QString decodeInputText(QByteArrayView data)
{
    const std::optional<QStringConverter::Encoding> fromBom
            = QStringConverter::encodingForData(data);
    QStringDecoder decoder(fromBom.value_or(QStringConverter::Utf8),
                           QStringConverter::Flag::Default); // Default skips the BOM
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
