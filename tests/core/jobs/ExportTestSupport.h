#pragma once

// Helpers for the exports' tests: a run with a row of every kind a run can hold, and the
// Debian tools that read the files the way other programs do, run with a deadline.

#include <QBuffer>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

#include "ProgramRun.h"
#include "jobs/ExportWriter.h"

namespace salvo::test {

// Rows of every kind: bodies as text, binary and cut; HTTP failures; transport errors;
// redirects; query strings; non-ASCII; control characters. Indexes 0..n-1, lines spread out.
inline ResultBatch sampleRows()
{
    ResultBatch rows;
    const auto add = [&rows](Result result) {
        result.index = int(rows.size());
        result.line = 2 * result.index + 1;
        if (result.method.isEmpty())
            result.method = "GET";
        if (result.attempts == 0)
            result.attempts = 1;
        rows.append(std::move(result));
    };

    Result json; // 0: a JSON answer, kept whole
    json.url = QStringLiteral("https://api.example/items/1");
    json.status = 200;
    json.elapsedMs = 120;
    json.firstByteMs = 80;
    json.body = QByteArrayLiteral("{\"id\":1,\"name\":\"caf\xC3\xA9\"}");
    json.bytes = json.body.size();
    json.contentType = QStringLiteral("application/json");
    json.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "abc"}};
    add(json);

    Result binary; // 1: not UTF-8
    binary.url = QStringLiteral("https://api.example/logo.png");
    binary.status = 200;
    binary.elapsedMs = 35;
    binary.firstByteMs = 30;
    binary.body = QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\xFF\xFE", 18);
    binary.bytes = binary.body.size();
    binary.contentType = QStringLiteral("image/png");
    binary.headers = {{"Content-Type", "image/png"}};
    add(binary);

    Result cut; // 2: cut at the cap in the middle of the two bytes of "é"
    cut.url = QStringLiteral("http://plain.example/big.txt");
    cut.status = 200;
    cut.elapsedMs = 900;
    cut.firstByteMs = 100;
    cut.body = QByteArray(20, 'a') + QByteArrayLiteral("\xC3");
    cut.bytes = 100'000;
    cut.truncated = true;
    cut.contentType = QStringLiteral("text/plain; charset=utf-8");
    add(cut);

    Result notFound; // 3
    notFound.url = QStringLiteral("https://api.example/missing");
    notFound.status = 404;
    notFound.elapsedMs = 20;
    notFound.firstByteMs = 19;
    notFound.body = QByteArrayLiteral("<h1>Not found</h1>");
    notFound.bytes = notFound.body.size();
    notFound.contentType = QStringLiteral("text/html");
    add(notFound);

    Result unavailable; // 4: bodies not kept
    unavailable.url = QStringLiteral("https://api.example/busy");
    unavailable.method = "POST";
    unavailable.status = 503;
    unavailable.elapsedMs = 15;
    unavailable.firstByteMs = 15;
    unavailable.bytes = 42;
    unavailable.attempts = 3;
    unavailable.resends = 1;
    unavailable.headers = {{"Retry-After", "5"}, {"Content-Encoding", "gzip"}};
    add(unavailable);

    Result dns; // 5
    dns.url = QStringLiteral("https://nonexistent.invalid/");
    dns.error = ErrorKind::Dns;
    dns.message = QStringLiteral("The host nonexistent.invalid was not found.");
    dns.detail = QStringLiteral("Host nonexistent.invalid not found");
    dns.elapsedMs = 12;
    add(dns);

    Result timeout; // 6
    timeout.url = QStringLiteral("https://slow.example/");
    timeout.error = ErrorKind::Timeout;
    timeout.timeout = TimeoutKind::Deadline;
    timeout.message = QStringLiteral("slow.example did not finish answering within 30 s.");
    timeout.detail = QStringLiteral("deadline timeout of 30000 ms fired after 0 body bytes");
    timeout.elapsedMs = 30'000;
    timeout.attempts = 2;
    add(timeout);

    Result redirected; // 7
    redirected.url = QStringLiteral("http://old.example/start");
    redirected.redirects = {QStringLiteral("https://new.example/next"),
                            QStringLiteral("https://new.example/fin al")};
    redirected.status = 200;
    redirected.elapsedMs = 300;
    redirected.firstByteMs = 250;
    redirected.body = QByteArrayLiteral("done");
    redirected.bytes = 4;
    redirected.contentType = QStringLiteral("text/plain");
    add(redirected);

    Result query; // 8
    query.url = QStringLiteral("https://api.example/search?q=caf%C3%A9&page=2&tag=a+b&empty=");
    query.status = 200;
    query.elapsedMs = 50;
    query.firstByteMs = 45;
    add(query);

    Result nonAscii; // 9
    nonAscii.url = QStringLiteral("https://bücher.example/straße/a b?q=ü");
    nonAscii.status = 204;
    nonAscii.elapsedMs = 10;
    nonAscii.firstByteMs = 9;
    add(nonAscii);

    Result control; // 10: a server's bytes in the error text
    control.url = QStringLiteral("http://broken.example/\u0001");
    control.error = ErrorKind::Protocol;
    control.status = 200;
    control.message = QStringLiteral("The answer broke off\u0001 \u000Bhere: \uFFFF.");
    control.detail = QStringLiteral("raw\u0000\u001F bytes \u00E9 and a lone \xD800");
    control.elapsedMs = 75;
    control.firstByteMs = 70;
    add(control);

    Result informational; // 11
    informational.url = QStringLiteral("https://api.example/upgrade");
    informational.status = 101;
    informational.elapsedMs = 5;
    informational.firstByteMs = 5;
    add(informational);

    Result loop; // 12: a redirect loop, given up after the limit
    loop.url = QStringLiteral("https://loop.example/a");
    loop.redirects
            = {QStringLiteral("https://loop.example/b"), QStringLiteral("https://loop.example/a")};
    loop.status = 302;
    loop.error = ErrorKind::TooManyRedirects;
    loop.message = QStringLiteral("loop.example redirected more than 2 times.");
    loop.elapsedMs = 60;
    loop.firstByteMs = 20;
    add(loop);
    return rows;
}

// The rows as a run without certificate checks (--insecure) has them.
inline ResultBatch withoutCertificateChecks(ResultBatch rows)
{
    for (Result &result : rows)
        result.certificatesUnchecked = true;
    return rows;
}

// The rows' kinds, as counted into sampleRows()'s figures.
inline constexpr int sampleErrors = 4; // dns, timeout, protocol, too_many_redirects
inline constexpr int sampleFailures = 3; // 404, 503, 101

inline ExportHeader sampleHeader(const ResultBatch &rows)
{
    ExportHeader header;
    header.run.id = 42;
    header.run.batchName = QStringLiteral("nightly <check> & ü");
    header.run.state = RunState::Finished;
    // Given with an offset on purpose: exports must write it in UTC.
    header.run.started = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00.123+02:00"),
                                               Qt::ISODateWithMs);
    header.run.finished = header.run.started.addMSecs(65'432);
    header.run.rowCount = int(rows.size());
    header.run.resultCount = int(rows.size());
    header.method = "GET";
    header.requestHeaders = {{"Accept", "application/json"},
                             {"Content-Type", "application/json"},
                             {"X-Trace", "on"}};
    header.withheldHeaders = {"Authorization", "Cookie"};
    header.requestBody = QByteArrayLiteral("{\"q\":\"ü\"}");
    header.stats.add(rows, 0);
    header.exported = QDateTime(QDate(2024, 5, 2), QTime(8, 30), Qt::UTC);
    header.salvoVersion = QStringLiteral("1.4.0-test");
    header.run.certificatesChecked = rows.isEmpty() || !rows.first().certificatesUnchecked;
    return header;
}

// Three rows of a run that checked its answers, read a price out of each and carried the
// input's sku column: one passed, one ok answer that failed (a redirect to the login page),
// one 404 that failed too.
inline ResultBatch inspectedRows()
{
    ResultBatch rows;
    for (int i = 0; i < 3; ++i) {
        Result row;
        row.index = i;
        row.line = i + 2;
        row.url = QStringLiteral("https://shop.example/items/%1").arg(i + 1);
        row.method = "GET";
        row.attempts = 1;
        row.elapsedMs = 40;
        row.contentType = QStringLiteral("application/json");
        row.columns = {QStringLiteral("A-%1").arg(i + 1)};
        rows.append(row);
    }
    rows[0].status = 200;
    rows[0].verdict = Verdict::Passed;
    rows[0].extracted = {QStringLiteral("12.5")};
    rows[1].status = 302;
    rows[1].verdict = Verdict::Failed;
    rows[1].failedExpectations
            = {QStringLiteral("Expected status 200, got 302 to https://shop.example/login")};
    rows[1].extracted = {QString()};
    rows[2].status = 404;
    rows[2].verdict = Verdict::Failed;
    rows[2].failedExpectations = {QStringLiteral("Expected status 200, got 404")};
    rows[2].extracted = {QString()};
    return rows;
}

inline ExportHeader inspectedHeader(const ResultBatch &rows)
{
    ExportHeader header = sampleHeader(rows);
    auto plan = std::make_shared<InspectionPlan>();
    plan->expectations.append(
            Expectation::parse(Expectation::Kind::Status, QStringLiteral("200")).value());
    plan->extractors.append(Extractor::parse(QStringLiteral("price=.price")).value());
    header.run.inspection = std::move(plan);
    header.run.expects = true;
    header.run.inputColumns = {QStringLiteral("sku")};
    return header;
}

// Runs the writer over the rows into memory.
inline QByteArray exported(ExportFormat format, const ExportHeader &header, const ResultBatch &rows)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<ExportWriter> writer = ExportWriter::create(format, &buffer);
    writer->begin(header);
    for (const Result &result : rows)
        writer->write(result);
    writer->finish();
    return buffer.data();
}

// Writes `count` rows (the given ones over and over, numbered 0..count-1) and checks that each
// write() put its row on the device at once, as a writer that never holds rows does. Returns
// what was written, or nothing (with a warning) when a write added nothing.
inline QByteArray writtenRowByRow(ExportFormat format, const ExportHeader &header,
                                  const ResultBatch &rows, int count)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<ExportWriter> writer = ExportWriter::create(format, &buffer);
    writer->begin(header);
    qint64 written = buffer.size();
    for (int i = 0; i < count; ++i) {
        Result row = rows.at(i % rows.size());
        row.index = i;
        writer->write(row);
        if (buffer.size() <= written) {
            qWarning("row %d was not written as it came", i);
            return {};
        }
        written = buffer.size();
    }
    writer->finish();
    return buffer.data();
}

using ToolRun = ProgramRun;

// Runs a program and waits for it, for at most timeoutMs.
inline ToolRun runTool(const QString &program, const QStringList &arguments, int timeoutMs = 60'000)
{
    return runProgram(program, arguments, {}, timeoutMs);
}

// Debian's own Python: the python3 first on PATH may be another one (pyenv) that cannot see
// the modules apt installs.
inline const QString debianPython = QStringLiteral("/usr/bin/python3");

// Empty when the tool is there; else what to install.
inline QByteArray missingTool(const QString &path, const char *package)
{
    if (QFileInfo(path).isExecutable())
        return {};
    return path.toUtf8() + " is missing: apt-get install " + package
            + " (the Makefile's TEST_PACKAGES, make test-deps)";
}

} // namespace salvo::test
