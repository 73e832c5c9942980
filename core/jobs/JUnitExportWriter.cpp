#include "JUnitExportWriter.h"

#include <algorithm>

#include "result/ErrorMessages.h"

namespace salvo {
namespace {

// XML 1.0 allows tab, LF, CR and the characters from U+0020 up, except lone surrogates and
// U+FFFE/U+FFFF. QXmlStreamWriter drops any other character itself, but then reports an error
// for the whole document: taking them out first keeps hasError() for failures to write.
QString xmlSafe(QStringView text)
{
    QString safe;
    safe.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            safe.append(c);
            safe.append(text.at(++i));
            continue;
        }
        const char16_t u = c.unicode();
        const bool allowed = u == u'\t' || u == u'\n' || u == u'\r'
                || (u >= 0x20 && !c.isSurrogate() && u != 0xFFFE && u != 0xFFFF);
        if (allowed)
            safe.append(c);
    }
    return safe;
}

// Seconds with three decimals and a point whatever the locale: "12.045".
QString seconds(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    return QString::number(ms / 1000) + u'.' + QString::number(ms % 1000).rightJustified(3, u'0');
}

} // namespace

void JUnitExportWriter::begin(const ExportHeader &header)
{
    const RunStats &stats = header.stats;
    const QString tests = QString::number(stats.rowCount());
    const QString errors = QString::number(stats.errorTotal());
    // Every answer that is not ok: 1xx, 4xx, 5xx, and the odd status outside 100..599; and
    // every ok answer that failed an expectation.
    const QString failures = QString::number(stats.statusCount(StatusClass::Informational)
                                             + stats.statusCount(StatusClass::ClientError)
                                             + stats.statusCount(StatusClass::ServerError)
                                             + stats.unclassifiedCount() + stats.unmetOkCount());
    m_propertyNames.clear();
    if (header.run.inspection) {
        for (const Extractor &extractor : header.run.inspection->extractors)
            m_propertyNames.append(extractor.name);
    }
    m_extractedCount = m_propertyNames.size();
    for (const QString &name : header.run.inputColumns) {
        m_propertyNames.append(m_propertyNames.contains(name) ? QStringLiteral("input.") + name
                                                              : name);
    }
    // The run's wall-clock time (its rows overlap, so it is not the sum of theirs); for a run
    // still going, the time up to the export. Left out when the run has no start.
    const QDateTime &started = header.run.started;
    const QDateTime end = header.run.finished.isValid() ? header.run.finished : header.exported;
    const QString time
            = started.isValid() && end.isValid() ? seconds(started.msecsTo(end)) : QString();
    const QString id = QString::number(header.run.id);
    m_classname = QStringLiteral("salvo.run") + id;

    m_xml = std::make_unique<QXmlStreamWriter>(m_device);
    m_xml->setAutoFormatting(true);
    m_xml->writeStartDocument();

    m_xml->writeStartElement(QStringLiteral("testsuites"));
    m_xml->writeAttribute(QStringLiteral("name"), QStringLiteral("Salvo run ") + id);
    m_xml->writeAttribute(QStringLiteral("tests"), tests);
    m_xml->writeAttribute(QStringLiteral("failures"), failures);
    m_xml->writeAttribute(QStringLiteral("errors"), errors);
    if (!time.isEmpty())
        m_xml->writeAttribute(QStringLiteral("time"), time);

    m_xml->writeStartElement(QStringLiteral("testsuite"));
    m_xml->writeAttribute(QStringLiteral("name"),
                          header.run.batchName.isEmpty() ? QStringLiteral("Run ") + id
                                                         : xmlSafe(header.run.batchName));
    m_xml->writeAttribute(QStringLiteral("tests"), tests);
    m_xml->writeAttribute(QStringLiteral("failures"), failures);
    m_xml->writeAttribute(QStringLiteral("errors"), errors);
    m_xml->writeAttribute(QStringLiteral("skipped"), QStringLiteral("0"));
    if (!time.isEmpty())
        m_xml->writeAttribute(QStringLiteral("time"), time);
    // Ant's form: UTC without an offset. No hostname: the machine that exports a run is not
    // always the one that ran it.
    if (started.isValid()) {
        m_xml->writeAttribute(QStringLiteral("timestamp"),
                              started.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")));
    }

    m_xml->writeStartElement(QStringLiteral("properties"));
    const auto property = [this](const QString &name, const QString &value) {
        m_xml->writeEmptyElement(QStringLiteral("property"));
        m_xml->writeAttribute(QStringLiteral("name"), name);
        m_xml->writeAttribute(QStringLiteral("value"), xmlSafe(value));
    };
    property(QStringLiteral("salvo.run_id"), id);
    property(QStringLiteral("salvo.version"), header.salvoVersion);
    if (header.exported.isValid())
        property(QStringLiteral("salvo.exported"), header.exported.toUTC().toString(Qt::ISODate));
    if (!header.run.certificatesChecked)
        property(QStringLiteral("salvo.certificates_checked"), QStringLiteral("false"));
    m_xml->writeEndElement();
}

void JUnitExportWriter::write(const Result &result)
{
    m_xml->writeStartElement(QStringLiteral("testcase"));
    m_xml->writeAttribute(QStringLiteral("classname"), m_classname);
    // The line makes names unique: CI pages merge test cases of the same name.
    const QString name = QString::number(result.line) + u' ' + QString::fromLatin1(result.method)
            + u' ' + result.url;
    m_xml->writeAttribute(QStringLiteral("name"), xmlSafe(name));
    m_xml->writeAttribute(QStringLiteral("time"), seconds(result.elapsedMs));
    writeProperties(result);
    writeFailure(result);
    // The schema CI tools read has no output element of its own for this: system-out is what
    // they show.
    if (result.certificatesUnchecked)
        m_xml->writeTextElement(QStringLiteral("system-out"), uncheckedCertificatesNote());
    m_xml->writeEndElement();
}

// The row's extracted values and input columns, as pytest and Jenkins write a test case's
// properties: first in the test case.
void JUnitExportWriter::writeProperties(const Result &result)
{
    if (m_propertyNames.isEmpty())
        return;
    m_xml->writeStartElement(QStringLiteral("properties"));
    for (qsizetype i = 0; i < m_propertyNames.size(); ++i) {
        const QString value = i < m_extractedCount ? result.extracted.value(i)
                                                   : result.columns.value(i - m_extractedCount);
        m_xml->writeEmptyElement(QStringLiteral("property"));
        m_xml->writeAttribute(QStringLiteral("name"), xmlSafe(m_propertyNames.at(i)));
        m_xml->writeAttribute(QStringLiteral("value"), xmlSafe(value));
    }
    m_xml->writeEndElement();
}

void JUnitExportWriter::writeFailure(const Result &result)
{
    const QString unmet = result.failedExpectations.join(u'\n');
    if (result.error != ErrorKind::None) {
        m_xml->writeStartElement(QStringLiteral("error"));
        m_xml->writeAttribute(QStringLiteral("type"), errorKindName(result.error));
        m_xml->writeAttribute(
                QStringLiteral("message"),
                xmlSafe(result.message.isEmpty() ? errorKindLabel(result.error) : result.message));
        if (!result.detail.isEmpty())
            m_xml->writeCharacters(xmlSafe(result.detail));
        m_xml->writeEndElement();
    } else if (!result.ok()) {
        const QString status = QString::number(result.status);
        m_xml->writeStartElement(QStringLiteral("failure"));
        m_xml->writeAttribute(QStringLiteral("type"), QStringLiteral("http_") + status);
        m_xml->writeAttribute(QStringLiteral("message"), QStringLiteral("HTTP ") + status);
        if (!unmet.isEmpty())
            m_xml->writeCharacters(xmlSafe(unmet));
        m_xml->writeEndElement();
    } else if (result.verdict == Verdict::Failed) {
        // The first sentence is what a CI page shows in its list; all of them below it.
        m_xml->writeStartElement(QStringLiteral("failure"));
        m_xml->writeAttribute(QStringLiteral("type"), QStringLiteral("expectation"));
        m_xml->writeAttribute(QStringLiteral("message"),
                              xmlSafe(result.failedExpectations.value(0)));
        m_xml->writeCharacters(xmlSafe(unmet));
        m_xml->writeEndElement();
    }
}

void JUnitExportWriter::finish()
{
    m_xml->writeEndDocument(); // closes the suite and the suites
}

} // namespace salvo
