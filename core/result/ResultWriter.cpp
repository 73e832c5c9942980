#include "ResultWriter.h"

#include "JsonString.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>

#include "ErrorMessages.h"
#include "SpreadsheetCell.h"

namespace salvo {
namespace {

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// The body as UTF-8 text when it is valid UTF-8, else base64.
std::pair<QString, QString> encodedBody(const QByteArray &body)
{
    // ConvertInitialBom: a BOM is part of the body as sent, so the text must keep it.
    QStringDecoder utf8(QStringConverter::Utf8,
                        QStringConverter::Flag::Stateless
                                | QStringConverter::Flag::ConvertInitialBom);
    QString text = utf8.decode(body);
    if (!utf8.hasError())
        return {text, QStringLiteral("utf-8")};
    return {QString::fromLatin1(body.toBase64()), QStringLiteral("base64")};
}

const QStringList csvColumns = {
        QStringLiteral("index"),    QStringLiteral("line"),       QStringLiteral("url"),
        QStringLiteral("method"),   QStringLiteral("ok"),         QStringLiteral("status"),
        QStringLiteral("error"),    QStringLiteral("message"),    QStringLiteral("error_detail"),
        QStringLiteral("timeout"),  QStringLiteral("elapsed_ms"), QStringLiteral("first_byte_ms"),
        QStringLiteral("bytes"),    QStringLiteral("truncated"),  QStringLiteral("content_type"),
        QStringLiteral("attempts"), QStringLiteral("redirects"),  QStringLiteral("resends"),
};

// One field of a CSV line. Quoted only where RFC 4180 needs it; a leading = + - @ tab or CR is
// quoted too, after a single quote (OWASP's advice), so a spreadsheet shows a hostile value as
// text instead of running it as a formula. Every cell alike, numbers included: Salvo's own
// number columns never hold a negative (a missing time is an empty cell, not -1), so none of
// them is changed, and a server's "-1" in a text column is text anyway. fitToSpreadsheet: a
// cell too long for a spreadsheet is cut, quote included, as the spreadsheet counts it (`cut`).
QByteArray csvField(const QString &value, bool fitToSpreadsheet, bool &cut)
{
    static const QString special = QStringLiteral(",\"\r\n");
    const bool formula = !value.isEmpty() && QStringLiteral("=+-@\t\r").contains(value.front());
    QString cell = value;
    if (formula)
        cell.prepend(u'\'');
    cut = fitToSpreadsheet && fitSpreadsheetCell(cell);
    bool quote = formula;
    for (const QChar c : std::as_const(cell))
        quote = quote || special.contains(c);
    if (!quote)
        return cell.toUtf8();
    cell.replace(u'"', QStringLiteral("\"\""));
    return '"' + cell.toUtf8() + '"';
}

QString jsonValueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toInteger());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue item : value.toArray()) // iterating yields QJsonValueRef
            parts.append(item.toString());
        return parts.join(u' ');
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

// The name of an extracted or input column in CSV: its own, unless a column before it has it.
QString csvColumnOf(const QString &name, const QStringList &taken, const QString &suffix)
{
    return taken.contains(name) ? name + suffix : name;
}

class JsonLinesWriter final : public ResultWriter
{
public:
    using ResultWriter::ResultWriter;
    void write(const Result &result) override
    {
        QByteArray line = recordText(result);
        line += '\n';
        m_device->write(line);
    }
};

class JsonArrayWriter final : public ResultWriter
{
public:
    using ResultWriter::ResultWriter;
    void write(const Result &result) override
    {
        m_device->write(m_first ? "[\n" : ",\n");
        m_first = false;
        m_device->write(recordText(result));
    }
    void finish() override { m_device->write(m_first ? "[]\n" : "\n]\n"); }

private:
    bool m_first = true;
};

class CsvWriter final : public ResultWriter
{
public:
    CsvWriter(QIODevice *device, bool includeBodies, qint64 runId, bool forSpreadsheets,
              bool certificatesUnchecked, InspectionFields inspection)
        : ResultWriter(device, includeBodies, runId, std::move(inspection))
        , m_columns(csvColumns)
        , m_fitToSpreadsheets(forSpreadsheets)
    {
        // Excel reads a CSV file without a byte-order mark in the system's code page.
        if (forSpreadsheets)
            m_device->write("\xEF\xBB\xBF");
        if (includeBodies) {
            m_columns << QStringLiteral("response_headers") << QStringLiteral("body")
                      << QStringLiteral("body_encoding");
        }
        if (runId > 0)
            m_columns << QStringLiteral("run_id");
        if (certificatesUnchecked)
            m_columns << QStringLiteral("certificates_checked");
        m_inspectionStart = m_columns.size();
        if (m_inspection.expects)
            m_columns << QStringLiteral("passed") << QStringLiteral("failed_expectations");
        const QStringList salvoColumns = m_columns;
        for (const QString &name : std::as_const(m_inspection.columns))
            m_columns << csvColumnOf(name, salvoColumns, QStringLiteral(" (extracted)"));
        const QStringList taken = m_columns;
        for (const QString &name : std::as_const(m_inspection.inputColumns))
            m_columns << csvColumnOf(name, taken, QStringLiteral(" (input)"));
        writeRow(m_columns);
    }
    void write(const Result &result) override
    {
        const QJsonObject object = resultToJson(result, m_includeBodies, m_runId);
        QStringList cells;
        cells.reserve(m_columns.size());
        for (qsizetype i = 0; i < m_inspectionStart; ++i) {
            const QString &column = m_columns.at(i);
            const QJsonValue value = object.value(column);
            // One header a line, as HTTP writes them; other lists (redirects) one line.
            cells.append(column == u"response_headers"
                                 ? value.toVariant().toStringList().join(u'\n')
                                 : jsonValueText(value));
        }
        if (m_inspection.expects) {
            cells.append(result.verdict == Verdict::NotChecked       ? QString()
                                 : result.verdict == Verdict::Passed ? QStringLiteral("true")
                                                                     : QStringLiteral("false"));
            cells.append(result.failedExpectations.join(u'\n'));
        }
        for (qsizetype column = 0; column < m_inspection.columns.size(); ++column)
            cells.append(result.extracted.value(column));
        for (qsizetype column = 0; column < m_inspection.inputColumns.size(); ++column)
            cells.append(result.columns.value(column));
        writeRow(cells);
    }
    qint64 cellsCut() const override { return m_cellsCut; }

private:
    void writeRow(const QStringList &cells)
    {
        QByteArray line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                line += ',';
            bool cut = false;
            line += csvField(cells.at(i), m_fitToSpreadsheets, cut);
            m_cellsCut += cut ? 1 : 0;
        }
        line += "\r\n";
        m_device->write(line);
    }

    QStringList m_columns;
    qsizetype m_inspectionStart = 0; // the first column that is not one of resultToJson's
    bool m_fitToSpreadsheets;
    qint64 m_cellsCut = 0;
};

class TableWriter final : public ResultWriter
{
public:
    using ResultWriter::ResultWriter;
    void write(const Result &result) override
    {
        const QString status = result.error != ErrorKind::None ? errorKindName(result.error)
                                                               : QString::number(result.status);
        QString line = QStringLiteral("%1 %2 %3 %4  %5")
                               .arg(result.line, 5)
                               .arg(status, -18)
                               .arg(QStringLiteral("%1 ms").arg(result.elapsedMs), 9)
                               .arg(QStringLiteral("%1 B").arg(result.bytes), 10)
                               .arg(result.url);
        if (!result.message.isEmpty())
            line += QStringLiteral("\n      ") + result.message;
        else if (!result.redirects.isEmpty())
            line += QStringLiteral("\n      -> ") + result.redirects.join(QStringLiteral(" -> "));
        if (result.certificatesUnchecked)
            line += QStringLiteral("\n      ! ") + uncheckedCertificatesLabel();
        m_device->write(line.toUtf8() + '\n');
    }
};

} // namespace

std::optional<ResultFormat> resultFormatFromName(QStringView name)
{
    for (const ResultFormat format :
         {ResultFormat::JsonLines, ResultFormat::Csv, ResultFormat::Json, ResultFormat::Table}) {
        if (name == resultFormatName(format))
            return format;
    }
    return std::nullopt;
}

QString resultFormatName(ResultFormat format)
{
    switch (format) {
    case ResultFormat::JsonLines:
        return QStringLiteral("jsonl");
    case ResultFormat::Csv:
        return QStringLiteral("csv");
    case ResultFormat::Json:
        return QStringLiteral("json");
    case ResultFormat::Table:
        return QStringLiteral("table");
    }
    return {};
}

QJsonObject resultToJson(const Result &result, bool includeBody, qint64 runId)
{
    QJsonObject object;
    object.insert(QStringLiteral("index"), result.index);
    object.insert(QStringLiteral("line"), result.line);
    object.insert(QStringLiteral("url"), result.url);
    object.insert(QStringLiteral("method"), QString::fromLatin1(result.method));
    object.insert(QStringLiteral("ok"), result.ok());
    object.insert(QStringLiteral("status"),
                  result.status > 0 ? QJsonValue(result.status) : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("error"), stringOrNull(errorKindName(result.error)));
    object.insert(QStringLiteral("message"), stringOrNull(result.message));
    object.insert(QStringLiteral("error_detail"), stringOrNull(result.detail));
    object.insert(QStringLiteral("timeout"), stringOrNull(timeoutKindName(result.timeout)));
    object.insert(QStringLiteral("elapsed_ms"), result.elapsedMs);
    object.insert(QStringLiteral("first_byte_ms"),
                  result.firstByteMs >= 0 ? QJsonValue(result.firstByteMs)
                                          : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("bytes"), result.bytes);
    object.insert(QStringLiteral("truncated"), result.truncated);
    object.insert(QStringLiteral("content_type"), stringOrNull(result.contentType));
    object.insert(QStringLiteral("attempts"), result.attempts);
    object.insert(QStringLiteral("redirects"), QJsonArray::fromStringList(result.redirects));
    object.insert(QStringLiteral("resends"), result.resends);
    addConnectionFields(object, result.connection);
    if (includeBody) {
        QJsonArray headers;
        for (const auto &[name, value] : result.headers)
            headers.append(QString(QString::fromLatin1(name) + u": " + QString::fromUtf8(value)));
        object.insert(QStringLiteral("response_headers"), headers);
        const auto [body, encoding] = encodedBody(result.body);
        object.insert(QStringLiteral("body"), body);
        object.insert(QStringLiteral("body_encoding"), encoding);
    }
    if (runId > 0)
        object.insert(QStringLiteral("run_id"), runId);
    if (result.certificatesUnchecked)
        object.insert(QStringLiteral("certificates_checked"), false);
    return object;
}

void addInspectionFields(QJsonObject &record, const Result &result, const InspectionFields &fields)
{
    if (fields.expects) {
        record.insert(QStringLiteral("passed"),
                      result.verdict == Verdict::NotChecked
                              ? QJsonValue(QJsonValue::Null)
                              : QJsonValue(result.verdict == Verdict::Passed));
        record.insert(QStringLiteral("failed_expectations"),
                      QJsonArray::fromStringList(result.failedExpectations));
    }
    if (!fields.columns.isEmpty()) {
        QJsonObject extracted;
        for (qsizetype column = 0; column < fields.columns.size(); ++column) {
            const QString value = result.extracted.value(column);
            extracted.insert(fields.columns.at(column),
                             value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(value));
        }
        record.insert(QStringLiteral("extracted"), extracted);
    }
    if (!fields.inputColumns.isEmpty()) {
        QJsonObject columns;
        for (qsizetype column = 0; column < fields.inputColumns.size(); ++column)
            columns.insert(fields.inputColumns.at(column), result.columns.value(column));
        record.insert(QStringLiteral("columns"), columns);
    }
}

namespace {

// `"name":{"key":value,...}` of names and values; a null QString as null when nullsKept, else
// as an empty string.
void appendTextObject(QByteArray &out, const char *name, const QStringList &keys,
                      const QStringList &values, bool nullsKept)
{
    out += ",\"";
    out += name;
    out += "\":{";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, keys.at(i));
        out += ':';
        const QString value = values.value(i);
        if (value.isNull() && nullsKept)
            out += "null";
        else
            appendJsonString(out, value);
    }
    out += '}';
}

// The fields addInspectionFields() makes, as text after the other fields.
void appendInspectionText(QByteArray &out, const Result &result, const InspectionFields &fields)
{
    if (fields.expects) {
        out += ",\"passed\":";
        out += result.verdict == Verdict::NotChecked ? "null"
                : result.verdict == Verdict::Passed  ? "true"
                                                     : "false";
        out += ",\"failed_expectations\":[";
        for (qsizetype i = 0; i < result.failedExpectations.size(); ++i) {
            if (i > 0)
                out += ',';
            appendJsonString(out, result.failedExpectations.at(i));
        }
        out += ']';
    }
    if (!fields.columns.isEmpty())
        appendTextObject(out, "extracted", fields.columns, result.extracted, true);
    // An input cell is never null: a row without the column has it empty.
    if (!fields.inputColumns.isEmpty())
        appendTextObject(out, "columns", fields.inputColumns, result.columns, false);
}

} // namespace

QByteArray ResultWriter::recordText(const Result &result) const
{
    QJsonObject object = resultToJson(result, m_includeBodies, m_runId);
    for (auto field = m_recordFields.constBegin(); field != m_recordFields.constEnd(); ++field)
        object.insert(field.key(), field.value());
    QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (m_inspection.any() && text.endsWith('}')) {
        text.chop(1);
        appendInspectionText(text, result, m_inspection);
        text += '}';
    }
    return text;
}

std::unique_ptr<ResultWriter> ResultWriter::create(ResultFormat format, QIODevice *device,
                                                   bool includeBodies, qint64 runId,
                                                   bool forSpreadsheets, bool certificatesUnchecked,
                                                   const InspectionFields &inspection)
{
    switch (format) {
    case ResultFormat::JsonLines:
        return std::make_unique<JsonLinesWriter>(device, includeBodies, runId, inspection);
    case ResultFormat::Csv:
        return std::make_unique<CsvWriter>(device, includeBodies, runId, forSpreadsheets,
                                           certificatesUnchecked, inspection);
    case ResultFormat::Json:
        return std::make_unique<JsonArrayWriter>(device, includeBodies, runId, inspection);
    case ResultFormat::Table:
        return std::make_unique<TableWriter>(device, includeBodies, runId);
    }
    return nullptr;
}

} // namespace salvo
