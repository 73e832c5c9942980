#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include "ExportWriter.h"

namespace salvo {

// HTTP Archive 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the file the network
// panels of Chrome and Firefox import: one entry per row, each a request with the final answer.
// Written as it goes, one entry a line; what every entry shares is prepared once in begin().
//
// What HAR cannot say is said as Chrome says it or in "_" fields: a row that got no answer has
// status 0 and its error in response._error / _errorKind; a body cut at the cap has
// content._bodyTruncated; bodies that are not UTF-8 are base64; withheld request headers are
// named in request._withheldHeaders; every followed Location is in response._redirects.
class HarExportWriter final : public ExportWriter
{
public:
    using ExportWriter::ExportWriter;

    void begin(const ExportHeader &header) override;
    void write(const Result &result) override;
    void finish() override;

private:
    QJsonObject entry(const Result &result) const;
    QJsonObject request(const Result &result) const;
    QJsonObject response(const Result &result) const;
    static QJsonObject timings(const Result &result);

    QString m_startedDateTime;
    QByteArray m_method;
    QJsonArray m_requestHeaders;
    QJsonArray m_withheldHeaders;
    QJsonObject m_postData; // empty when the run sent no body
    InspectionFields m_inspection;
    qint64 m_requestBodySize = 0;
    bool m_firstEntry = true;
};

} // namespace salvo
