// A CSV table: its own url column, or columns that fill a URL template (the first line of the
// input is taken as the template for the second reading).

#include "FuzzTarget.h"

#include <QString>

#include "batch/CsvParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input = salvo::fuzz::bytesOf(data, size);
    const QList<salvo::CsvRecord> records = salvo::readCsvRecords(input);
    int previousLine = 0;
    for (const salvo::CsvRecord &record : records) {
        salvo::fuzz::require(record.line > previousLine, "records keep the order of their lines");
        previousLine = record.line;
    }

    if (const auto rows = salvo::parseCsvBatch(input))
        salvo::fuzz::checkRows(rows->rows);

    const auto [firstLine, rest] = salvo::fuzz::splitFirstLine(input);
    if (const auto rows = salvo::parseCsvBatch(rest, QString::fromUtf8(firstLine)))
        salvo::fuzz::checkRows(rows->rows);
    return 0;
}
