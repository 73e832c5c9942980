#pragma once

#include "ExportWriter.h"

namespace salvo {

// A report a person can mail to a colleague: one HTML5 file with no scripts and nothing fetched
// from elsewhere (a Content-Security-Policy forbids it too), the summary and two charts drawn as
// inline SVG at export time, then a table of the rows, failures first. Bodies stay out, and each
// of the two groups lists at most maxRowsPerSection rows (the figures count every row), so a
// report of a million rows stays a file a browser opens: 100,000 rows took headless Chromium
// 35 s to lay out, a million did not finish in five minutes.
class HtmlReportWriter final : public ExportWriter
{
public:
    using ExportWriter::ExportWriter;

    static constexpr int maxRowsPerSection = 10'000;

    // Transport errors, 5xx, 4xx, 6xx-9xx, 1xx, the 2xx and 3xx that failed an expectation,
    // then the other 2xx and 3xx: what went wrong is at the top.
    QList<ResultFilter> passes() const override;

    void begin(const ExportHeader &header) override;
    void write(const Result &result) override;
    void finish() override;

private:
    enum class Section { None, Failures, Successes };

    void put(const QString &html);
    void openSection(Section section);
    // ", the first 10,000 shown" when a group is longer than the table lists.
    static QString shownPart(int rowsInSection);
    QString sectionRow(const QString &id, const QString &heading, bool closed) const;
    static bool isFailure(const Result &result);

    Section m_section = Section::None;
    int m_rowsInSection = 0;
    // From the header's figures, for the section headings written before their rows.
    int m_failedCount = 0;
    int m_okCount = 0;
    QString m_salvoVersion;
    QDateTime m_exported;
    InspectionFields m_inspection; // its columns follow the message
    int m_columnCount = 0;
};

} // namespace salvo
