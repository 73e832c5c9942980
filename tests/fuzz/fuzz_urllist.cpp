// A pasted or opened list of addresses, one per line, in whatever encoding and line endings.
// The compact reader (LineRows, which scans bytes) must find the rows that decoding the
// whole text and splitting it into lines finds, with the same lines and texts.

#include <QStringConverter>

#include "FuzzTarget.h"

#include "batch/BatchInput.h"
#include "batch/TextLines.h"
#include "batch/UrlListParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input = salvo::fuzz::bytesOf(data, size);
    const QList<salvo::RequestSpec> rows = salvo::parseUrlList(input);
    salvo::fuzz::checkRows(rows);

    const auto batch = salvo::parseBatchInput(salvo::InputKind::UrlList, input.toByteArray());
    salvo::fuzz::require(batch.hasValue(), "a list of addresses always reads");
    salvo::fuzz::require(batch->size() == rows.size(), "reading a list twice gives the same rows");

    // Text in UTF-16 or UTF-32 is re-encoded first, which may replace unpaired surrogates.
    const auto encoding = QStringConverter::encodingForData(input);
    if (encoding && *encoding != QStringConverter::Utf8)
        return 0;
    const QStringList lines = salvo::splitInputLines(salvo::decodeInputText(input));
    qsizetype row = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines.at(i).trimmed();
        if (!salvo::isRowLine(trimmed))
            continue;
        salvo::fuzz::require(row < rows.size(), "every line that is a row is read");
        salvo::fuzz::require(rows.at(row).line == i + 1, "a row keeps its line number");
        salvo::fuzz::require(batch->written(row).text == trimmed, "a row keeps its text");
        ++row;
    }
    salvo::fuzz::require(row == rows.size(), "no line that is not a row is read as one");
    return 0;
}
