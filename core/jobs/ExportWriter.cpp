#include "ExportWriter.h"

#include <QFileInfo>

#include "HarExportWriter.h"
#include "HtmlReportWriter.h"
#include "JUnitExportWriter.h"
#include "TableExportWriters.h"

namespace salvo {

InspectionFields inspectionFieldsOf(const RunSummary &run)
{
    InspectionFields fields{
            .expects = run.expects, .columns = {}, .inputColumns = run.inputColumns};
    if (run.inspection) {
        for (const Extractor &extractor : run.inspection->extractors)
            fields.columns.append(extractor.name);
    }
    return fields;
}

std::optional<ExportFormat> exportFormatFromName(QStringView name)
{
    for (const ExportFormat format :
         {ExportFormat::Csv, ExportFormat::Json, ExportFormat::JsonLines, ExportFormat::Har,
          ExportFormat::JUnit, ExportFormat::Html}) {
        if (name == exportFormatName(format))
            return format;
    }
    return std::nullopt;
}

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::JsonLines:
        return QStringLiteral("jsonl");
    case ExportFormat::Har:
        return QStringLiteral("har");
    case ExportFormat::JUnit:
        return QStringLiteral("junit");
    case ExportFormat::Html:
        return QStringLiteral("html");
    }
    return {};
}

QString exportFileSuffix(ExportFormat format)
{
    return format == ExportFormat::JUnit ? QStringLiteral("xml") : exportFormatName(format);
}

std::optional<ExportFormat> exportFormatOfFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"htm")
        return ExportFormat::Html;
    for (const ExportFormat format :
         {ExportFormat::Csv, ExportFormat::Json, ExportFormat::JsonLines, ExportFormat::Har,
          ExportFormat::JUnit, ExportFormat::Html}) {
        if (suffix == exportFileSuffix(format))
            return format;
    }
    return std::nullopt;
}

std::unique_ptr<ExportWriter> ExportWriter::create(ExportFormat format, QIODevice *device)
{
    switch (format) {
    case ExportFormat::Csv:
        return std::make_unique<CsvExportWriter>(device);
    case ExportFormat::Json:
        return std::make_unique<JsonExportWriter>(device);
    case ExportFormat::JsonLines:
        return std::make_unique<JsonLinesExportWriter>(device);
    case ExportFormat::Har:
        return std::make_unique<HarExportWriter>(device);
    case ExportFormat::JUnit:
        return std::make_unique<JUnitExportWriter>(device);
    case ExportFormat::Html:
        return std::make_unique<HtmlReportWriter>(device);
    }
    return nullptr;
}

} // namespace salvo
