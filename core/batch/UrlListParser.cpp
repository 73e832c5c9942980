#include "UrlListParser.h"

#include "RowAddress.h"
#include "TextLines.h"

namespace salvo {

QList<RequestSpec> parseUrlList(QByteArrayView data)
{
    const QStringList lines = splitInputLines(decodeInputText(data));
    QList<RequestSpec> rows;
    rows.reserve(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines.at(i).trimmed();
        if (!isRowLine(trimmed))
            continue;
        rows.append(requestForAddress(trimmed, int(i + 1)));
    }
    return rows;
}

} // namespace salvo
