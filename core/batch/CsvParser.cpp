#include "CsvParser.h"

#include <QCoreApplication>
#include <QHash>

#include "Logging.h"
#include "RowAddress.h"
#include "TextLines.h"
#include "UrlTemplate.h"
#include "Translate.h"

using namespace Qt::StringLiterals;

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::CsvParser")

QChar detectSeparator(const QString &text)
{
    const qsizetype headerEnd = text.indexOf(u'\n');
    const QStringView header = QStringView(text).left(headerEnd < 0 ? text.size() : headerEnd);
    QChar best = u',';
    qsizetype bestCount = header.count(u',');
    for (const QChar candidate : {QChar(u';'), QChar(u'\t')}) {
        const qsizetype count = header.count(candidate);
        if (count > bestCount) {
            best = candidate;
            bestCount = count;
        }
    }
    return best;
}

bool isBlank(const CsvRecord &record)
{
    return record.fields.size() == 1 && record.fields.first().trimmed().isEmpty();
}

} // namespace

QList<CsvRecord> readCsvRecords(QByteArrayView data)
{
    const QString text = decodeInputText(data);
    const QChar separator = detectSeparator(text);

    QList<CsvRecord> records;
    CsvRecord record{.line = 1, .fields = {}};
    QString field;
    bool inQuotes = false;
    int line = 1;

    const auto endRecord = [&] {
        record.fields.append(field);
        field.clear();
        if (!isBlank(record))
            records.append(record);
        record = CsvRecord{.line = line, .fields = {}};
    };

    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < size && text.at(i + 1) == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                // A lone CR ends a line too, as it does outside quotes.
                const bool crlf = c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n';
                if (c == u'\n' || (c == u'\r' && !crlf))
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == u'"' && field.trimmed().isEmpty()) {
            field.clear();
            inQuotes = true;
        } else if (c == separator) {
            record.fields.append(field);
            field.clear();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
                ++i;
            ++line;
            endRecord();
        } else {
            field.append(c);
        }
    }
    if (!field.isEmpty() || !record.fields.isEmpty())
        endRecord();
    return records;
}

namespace {

// A row's own expectations, from its expect_status, expect_url, expect_text and expect_json
// cells. A cell that cannot be read becomes an expectation that fails with the reason, so the
// row says what was wrong with its line instead of passing unchecked.
QList<Expectation> rowExpectations(const QString &status, const QString &url, const QString &text,
                                   const QString &json)
{
    QList<Expectation> expectations;
    if (!status.trimmed().isEmpty()) {
        Expected<Expectation> parsed = Expectation::status(status);
        expectations.append(
                parsed ? parsed.value()
                       : Expectation::refused(tr("expect_status: %1").arg(parsed.error().message)));
    }
    if (!url.trimmed().isEmpty())
        expectations.append(Expectation::textOf(Expectation::Kind::FinalUrl, url.trimmed()));
    if (!text.isEmpty())
        expectations.append(Expectation::textOf(Expectation::Kind::BodyContains, text));
    if (!json.trimmed().isEmpty())
        expectations.append(Expectation::textOf(Expectation::Kind::Json, json.trimmed()));
    return expectations;
}

bool isReadBySalvo(const QString &lowerName)
{
    static const QStringList names{u"url"_s,         u"method"_s,        u"body"_s,
                                   u"headers"_s,     u"expect_status"_s, u"expect_url"_s,
                                   u"expect_text"_s, u"expect_json"_s};
    return names.contains(lowerName);
}

// A headers cell: "Name: value" lines. A line without a colon is not a header and is left out.
HeaderList cellHeaders(const QString &cell)
{
    HeaderList headers;
    if (cell.isEmpty())
        return headers;
    for (const QString &line : cell.split(u'\n')) {
        const qsizetype colon = line.indexOf(u':');
        if (colon > 0)
            headers.append({line.first(colon).trimmed().toLatin1(),
                            line.sliced(colon + 1).trimmed().toUtf8()});
    }
    return headers;
}

} // namespace

Expected<CsvBatch> parseCsvBatch(QByteArrayView data, const QString &urlTemplate)
{
    const QList<CsvRecord> records = readCsvRecords(data);
    if (records.isEmpty())
        return CsvBatch();

    QHash<QString, qsizetype> columnOf;
    const QStringList &header = records.first().fields;
    for (qsizetype i = 0; i < header.size(); ++i)
        columnOf.insert(header.at(i).trimmed().toLower(), i);

    std::optional<UrlTemplate> addressTemplate;
    if (!urlTemplate.isEmpty()) {
        Expected<UrlTemplate> parsed = UrlTemplate::parse(urlTemplate);
        if (!parsed)
            return parsed.error();
        for (const QString &name : parsed->placeholderNames()) {
            if (!columnOf.contains(name)) {
                return inputError(
                        tr("The URL template uses {%1}, but the CSV header has no column named "
                           "\"%1\".")
                                .arg(name));
            }
        }
        addressTemplate = std::move(parsed.value());
    } else if (!columnOf.contains(QStringLiteral("url"))) {
        return inputError(tr("The CSV file has no \"url\" column. Name the address column "
                             "\"url\", or give a URL template such as "
                             "https://example.com/items/{id}."));
    }

    qCDebug(lcBatch) << "CSV columns" << header << "records" << records.size() - 1
                     << (addressTemplate ? "template" : "url column");
    const qsizetype urlColumn = columnOf.value(QStringLiteral("url"), -1);
    const qsizetype methodColumn = columnOf.value(QStringLiteral("method"), -1);
    const qsizetype bodyColumn = columnOf.value(QStringLiteral("body"), -1);
    const qsizetype headersColumn = columnOf.value(QStringLiteral("headers"), -1);
    const qsizetype expectStatusColumn = columnOf.value(QStringLiteral("expect_status"), -1);
    const qsizetype expectUrlColumn = columnOf.value(QStringLiteral("expect_url"), -1);
    const qsizetype expectTextColumn = columnOf.value(QStringLiteral("expect_text"), -1);
    const qsizetype expectJsonColumn = columnOf.value(QStringLiteral("expect_json"), -1);
    const auto cell = [](const CsvRecord &record, qsizetype column) {
        return column >= 0 && column < record.fields.size() ? record.fields.at(column) : QString();
    };

    CsvBatch batch;
    QList<qsizetype> ownColumns;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed();
        if (!name.isEmpty() && !isReadBySalvo(name.toLower())
            && !batch.columnNames.contains(name)) {
            batch.columnNames.append(name);
            ownColumns.append(i);
        }
    }
    QList<RequestSpec> &rows = batch.rows;
    rows.reserve(records.size() - 1);
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord &record = records.at(r);
        QString address;
        if (addressTemplate) {
            QHash<QString, QString> values;
            for (auto it = columnOf.cbegin(); it != columnOf.cend(); ++it)
                values.insert(it.key(), cell(record, it.value()).trimmed());
            address = addressTemplate->fill(values);
        } else {
            address = cell(record, urlColumn);
        }
        // An empty cell says nothing: the row sends the batch's method or body.
        const QString method = cell(record, methodColumn).trimmed().toUpper();
        const QString body = cell(record, bodyColumn);
        RequestSpec row = requestForRow(address, record.line, method.toLatin1(),
                                        body.isEmpty() ? std::nullopt
                                                       : std::optional<QByteArray>(body.toUtf8()));
        row.headers = cellHeaders(cell(record, headersColumn));
        row.expectations
                = rowExpectations(cell(record, expectStatusColumn), cell(record, expectUrlColumn),
                                  cell(record, expectTextColumn), cell(record, expectJsonColumn));
        row.columns.reserve(ownColumns.size());
        for (const qsizetype column : ownColumns)
            row.columns.append(cell(record, column));
        rows.append(std::move(row));
    }
    return batch;
}

} // namespace salvo
