#pragma once

#include <QXmlStreamWriter>

#include <memory>

#include "ExportWriter.h"

namespace salvo {

// JUnit XML as Ant wrote it and CI systems read it: one <testsuite> for the run inside a
// <testsuites>, one <testcase> per row. A row with a transport error has an <error> (its kind
// as the type), an HTTP answer outside 2xx/3xx a <failure> (type "http_404"), an ok row
// nothing. The counts on the suites come from the header's figures, as they must be written
// before the first row.
class JUnitExportWriter final : public ExportWriter
{
public:
    using ExportWriter::ExportWriter;

    void begin(const ExportHeader &header) override;
    void write(const Result &result) override;
    void finish() override;

private:
    std::unique_ptr<QXmlStreamWriter> m_xml;
    void writeProperties(const Result &result);
    void writeFailure(const Result &result);

    QString m_classname;
    QStringList m_propertyNames; // the extracted columns, then the input's own columns
    qsizetype m_extractedCount = 0;
};

} // namespace salvo
