#include "BatchInput.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

#include "CsvParser.h"
#include "LineRows.h"
#include "UrlTemplate.h"
#include "Variables.h"

namespace salvo {

InputKind inputKindForFile(const QString &path, bool hasTemplate)
{
    if (path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
        return InputKind::Csv;
    return hasTemplate ? InputKind::IdList : InputKind::UrlList;
}

Expected<BatchRows> parseBatchInput(InputKind kind, const QByteArray &data,
                                    const QString &urlTemplate, const Environment &environment)
{
    const QString filledTemplate = withEnvironment(urlTemplate, environment);
    switch (kind) {
    case InputKind::UrlList:
        return BatchRows(LineRows::read(withEnvironment(data, environment), std::nullopt));
    case InputKind::IdList: {
        Expected<UrlTemplate> parsed = UrlTemplate::parse(filledTemplate);
        if (!parsed)
            return parsed.error();
        return BatchRows(LineRows::read(data, std::move(*parsed)));
    }
    case InputKind::Csv: {
        Expected<CsvBatch> csv = parseCsvBatch(withEnvironment(data, environment), filledTemplate);
        if (!csv)
            return csv.error();
        return BatchRows(std::move(csv->rows), std::move(csv->columnNames));
    }
    }
    Q_UNREACHABLE();
    return BatchRows();
}

Expected<BatchSpec> buildBatch(const BatchInput &input, const Environment &environment)
{
    Expected<BatchRows> rows
            = parseBatchInput(input.kind, input.data, input.urlTemplate, environment);
    if (!rows)
        return rows.error();
    BatchSpec spec;
    spec.rows = std::move(rows.value());
    spec.method = input.method;
    spec.headers = input.headers;
    spec.body = input.body;
    const QString urlTemplate = input.kind == InputKind::IdList
            ? withEnvironment(input.urlTemplate, environment)
            : QString();
    if (Expected<> filled = fillOrRefuseVariables(spec, input.data, environment, urlTemplate);
        !filled)
        return filled.error();
    if (!input.inspection.isEmpty())
        spec.inspection = std::make_shared<const InspectionPlan>(input.inspection);
    const bool hasContentType
            = std::any_of(spec.headers.cbegin(), spec.headers.cend(), [](const auto &header) {
                  return header.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
              });
    if (!spec.body.isEmpty() && !hasContentType) {
        QJsonParseError error;
        QJsonDocument::fromJson(spec.body, &error);
        spec.headers.append({QByteArrayLiteral("Content-Type"),
                             error.error == QJsonParseError::NoError
                                     ? QByteArrayLiteral("application/json")
                                     : QByteArrayLiteral("text/plain; charset=utf-8")});
    }
    return spec;
}

QStringList undefinedVariablesIn(const BatchInput &input, const Environment &environment)
{
    QStringList used;
    const auto collect = [&used](const QString &text) {
        for (const QString &name : placeholdersIn(text)) {
            if (!used.contains(name))
                used.append(name);
        }
    };
    QStringList defined = environment.values.keys();
    switch (input.kind) {
    case InputKind::UrlList:
        // The start of a long list: the rest is checked when it runs.
        collect(QString::fromUtf8(
                QByteArrayView(input.data)
                        .first(std::min<qsizetype>(input.data.size(), undefinedScanBytes))));
        break;
    case InputKind::IdList:
        // Each id fills {id} and whatever name the template gives it.
        defined += placeholdersIn(input.urlTemplate);
        defined.append(QStringLiteral("id"));
        break;
    case InputKind::Csv: {
        collect(input.urlTemplate);
        const qsizetype headerEnd = input.data.indexOf('\n');
        const QList<CsvRecord> header = readCsvRecords(
                QByteArrayView(input.data).first(headerEnd < 0 ? input.data.size() : headerEnd));
        for (const QString &column : header.value(0).fields)
            defined.append(column.trimmed());
        break;
    }
    }
    for (const auto &[name, value] : input.headers)
        collect(QString::fromUtf8(value));
    collect(QString::fromUtf8(input.body));
    QStringList undefined;
    for (const QString &name : std::as_const(used)) {
        if (!defined.contains(name))
            undefined.append(name);
    }
    return undefined;
}

QString inputKindName(InputKind kind)
{
    switch (kind) {
    case InputKind::UrlList:
        return QStringLiteral("url_list");
    case InputKind::IdList:
        return QStringLiteral("id_list");
    case InputKind::Csv:
        return QStringLiteral("csv");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<InputKind> inputKindFromName(QStringView name)
{
    for (InputKind kind : {InputKind::UrlList, InputKind::IdList, InputKind::Csv}) {
        if (name == inputKindName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace salvo
