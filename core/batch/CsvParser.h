#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include "BatchSpec.h"
#include "Expected.h"

namespace salvo {

// One CSV record and the physical line it starts on.
struct CsvRecord
{
    int line = 0;
    QStringList fields;
};

// RFC 4180 records: quoted fields with "" escapes and line breaks inside quotes; comma,
// semicolon or tab as separator, whichever the header line uses most. An unclosed quote
// runs to the end of the file. Blank lines are skipped.
QList<CsvRecord> readCsvRecords(QByteArrayView data);

// A CSV's rows, and the names of their own columns: every column but the ones Salvo reads
// (url, method, body, expect_status, expect_url, expect_text, expect_json), in the header's
// order. A column used by a URL template is the row's own too: it names the row.
struct CsvBatch
{
    QList<RequestSpec> rows;
    QStringList columnNames;
};

// A CSV with a header row. Each data record is a row: its address from the `url` column,
// or from urlTemplate filled with the record's columns by header name; per-row `method`
// and `body` columns where present. An input error when neither a url column nor a template
// is there, or the template names a column the header lacks.
Expected<CsvBatch> parseCsvBatch(QByteArrayView data, const QString &urlTemplate = {});

} // namespace salvo
