// RunHistory, the reader: runs newest first, a run whose process is gone reads as interrupted,
// pages in row order (also filtered, also after a row), every field and body back as written,
// the rows a resume still needs and sends again, the input the window opens again, options.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <memory>

#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/HistoryMaintenance.h"
#include "store/ProcessOwner.h"
#include "store/RunHistory.h"
#include "store/RunStore.h"
#include "store/Schema.h"
#include "store/StoreCodec.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::answeredRow;
using salvo::test::answeredRows;
using salvo::test::RawSql;
using salvo::test::settle;
using salvo::test::urlListBatch;

namespace {

// A row of every kind the results table tells apart.
Result mixedRow(int index)
{
    Result result = answeredRow(index);
    switch (index % 6) {
    case 0:
        break;
    case 1:
        result.status = 301;
        result.redirects = {u"https://b.example/"_s};
        break;
    case 2:
        result.status = 404;
        break;
    case 3:
        result.status = 503;
        break;
    case 4:
        result.status = 0;
        result.error = ErrorKind::Dns;
        result.message = u"No such host."_s;
        break;
    case 5:
        result.status = 200; // the headers came, then the deadline
        result.error = ErrorKind::Timeout;
        result.timeout = TimeoutKind::Deadline;
        break;
    }
    return result;
}

// Every field of each row, for comparing lists in one QCOMPARE with a readable difference.
QStringList describeRows(const QList<RequestSpec> &rows)
{
    QStringList described;
    for (const RequestSpec &row : rows) {
        described.append(
                QStringLiteral("%1|%2|%3|%4|%5|%6|%7")
                        .arg(row.line)
                        .arg(row.text, row.url.toString(QUrl::FullyEncoded),
                             QString::fromLatin1(row.method),
                             row.body ? QString::fromUtf8(row.body->toHex()) : u"(batch)"_s,
                             errorKindName(row.inputError), row.inputErrorMessage));
    }
    return described;
}

QList<int> indicesOf(const QList<Result> &results)
{
    QList<int> indices;
    for (const Result &result : results)
        indices.append(result.index);
    return indices;
}

// The rows of a spec as a person would compare them: same address, line and method.
QStringList rowsOf(const BatchSpec &spec)
{
    QStringList rows;
    for (const RequestSpec &row : spec.rows)
        rows.append(QStringLiteral("%1|%2|%3|%4")
                            .arg(row.line)
                            .arg(row.text, row.url.toString(),
                                 QString::fromLatin1(spec.methodFor(row))));
    return rows;
}

} // namespace

Q_DECLARE_METATYPE(salvo::ResultFilter)

class TestRunHistory : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("history.sqlite"));
        m_store = std::make_unique<RunStore>(StoreConfig{.path = m_path});
        QVERIFY(m_store->open().result());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void listsRunsNewestFirst()
    {
        const qint64 first = beginRun(urlListBatch(2), u"first"_s);
        const qint64 second = beginRun(urlListBatch(3), u"second"_s);
        const qint64 third = beginRun(urlListBatch(4));
        RunHistory history(m_path);
        QVERIFY(history.open());
        const QList<RunSummary> runs = *history.runs();
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs.at(0).id, third);
        QCOMPARE(runs.at(1).id, second);
        QCOMPARE(runs.at(2).id, first);
        QCOMPARE(runs.at(1).batchName, u"second");
        QCOMPARE(runs.at(0).batchName, u"https://api.example/items/0"); // the first line
        QCOMPARE(runs.at(0).rowCount, 4);
        QCOMPARE(runs.at(0).state, RunState::Running);
        QCOMPARE(history.runs(2)->size(), 2);
        QVERIFY(!history.run(third + 1));
    }

    // A re-run names the run it re-ran; deleting that run keeps the re-run, unlinked
    // (ON DELETE SET NULL). A parent already gone when the re-run begins is left out.
    void reRunKeepsItsLinkUntilTheOriginalIsDeleted()
    {
        const qint64 original = beginRun(urlListBatch(3), u"original"_s);
        m_store->finishRun(m_ticket, RunState::Finished);
        const qint64 rerun = beginRun(urlListBatch(2), u"again"_s, {}, std::nullopt, original);
        m_store->finishRun(m_ticket, RunState::Finished);
        const qint64 orphan = beginRun(urlListBatch(1), {}, {}, std::nullopt, original + 1000);
        m_store->finishRun(m_ticket, RunState::Finished);
        settle(*m_store);
        QVERIFY(original > 0 && rerun > 0 && orphan > 0);
        {
            RunHistory history(m_path);
            QVERIFY(history.open());
            QCOMPARE(history.run(rerun)->parentRunId, original);
            QCOMPARE(history.run(original)->parentRunId, 0);
            QCOMPARE(history.run(orphan)->parentRunId, 0);
            const QList<RunSummary> runs = *history.runs();
            QCOMPARE(runs.size(), 3);
            QCOMPARE(runs.at(1).id, rerun);
            QCOMPARE(runs.at(1).parentRunId, original);
        }
        HistoryMaintenance maintenance(m_path);
        QVERIFY(maintenance.open());
        QCOMPARE(*maintenance.deleteRuns({original}), 1);
        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<RunSummary> kept = history.run(rerun);
        QVERIFY(kept);
        QCOMPARE(kept->parentRunId, 0);
        QCOMPARE(kept->rowCount, 2);
        QVERIFY(RawSql(m_path).column(u"PRAGMA foreign_key_check"_s).isEmpty());
    }

    // Results arrive in the order rows finish; pages come back in row order, with the rows
    // that have no result yet left out, whether paged by offset or after a row.
    void pagesInRowOrder()
    {
        QList<int> order(1'000);
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), *QRandomGenerator::global());
        const QList<int> skipped(order.cbegin(), order.cbegin() + 37);
        const qint64 runId = beginRun(urlListBatch(1'000));
        ResultBatch batch;
        for (int i = 37; i < order.size(); ++i) {
            batch.append(answeredRow(order.at(i)));
            if (batch.size() == 50 || i + 1 == order.size()) {
                m_store->appendResults(m_ticket, batch);
                batch.clear();
            }
        }
        settle(*m_store);

        QList<int> expected;
        for (int row = 0; row < 1'000; ++row) {
            if (!skipped.contains(row))
                expected.append(row);
        }
        RunHistory history(m_path);
        QVERIFY(history.open());
        QList<int> byOffset;
        for (int offset = 0;; offset += 64) {
            const QList<Result> page = *history.resultsPage(runId, offset, 64);
            if (page.isEmpty())
                break;
            QVERIFY(page.size() <= 64);
            byOffset += indicesOf(page);
        }
        QCOMPARE(byOffset, expected);
        QList<int> byKey;
        for (int after = -1;;) {
            const QList<Result> page = *history.resultsAfter(runId, after, 64);
            if (page.isEmpty())
                break;
            byKey += indicesOf(page);
            after = page.constLast().index;
        }
        QCOMPARE(byKey, expected);
        QCOMPARE(*history.resultCount(runId), expected.size());
        QVERIFY(history.resultsPage(runId, 0, 5)->constFirst().body.isEmpty());
    }

    void filtersPageInRowOrder_data()
    {
        QTest::addColumn<ResultFilter>("filter");
        QTest::addColumn<QList<int>>("remainders"); // index % 6 of the rows that match
        QTest::newRow("2xx") << ResultFilter::ofStatusClass(2) << QList<int>{0};
        QTest::newRow("3xx") << ResultFilter::ofStatusClass(3) << QList<int>{1};
        QTest::newRow("4xx") << ResultFilter::ofStatusClass(4) << QList<int>{2};
        QTest::newRow("5xx") << ResultFilter::ofStatusClass(5) << QList<int>{3};
        QTest::newRow("errors") << ResultFilter::transportErrors() << QList<int>{4, 5};
        QTest::newRow("dns") << ResultFilter::ofError(ErrorKind::Dns) << QList<int>{4};
        QTest::newRow("timeout") << ResultFilter::ofError(ErrorKind::Timeout) << QList<int>{5};
        QTest::newRow("tls") << ResultFilter::ofError(ErrorKind::Tls) << QList<int>{};
        QTest::newRow("redirected") << ResultFilter::redirected() << QList<int>{1};
        QTest::newRow("redirected, 3xx")
                << *ResultFilter::both(ResultFilter::redirected(), ResultFilter::ofStatusClass(3))
                << QList<int>{1};
        QTest::newRow("redirected, 2xx")
                << *ResultFilter::both(ResultFilter::redirected(), ResultFilter::ofStatusClass(2))
                << QList<int>{};
        QTest::newRow("all") << ResultFilter() << QList<int>{0, 1, 2, 3, 4, 5};
    }

    void filtersPageInRowOrder()
    {
        QFETCH(ResultFilter, filter);
        QFETCH(QList<int>, remainders);
        const qint64 runId = beginRun(urlListBatch(600));
        for (int first : {300, 0}) { // the later rows first
            ResultBatch batch;
            for (int row = first; row < first + 300; ++row)
                batch.append(mixedRow(row));
            m_store->appendResults(m_ticket, batch);
        }
        settle(*m_store);
        QList<int> expected;
        for (int row = 0; row < 600; ++row) {
            if (remainders.contains(row % 6))
                expected.append(row);
        }
        RunHistory history(m_path);
        QVERIFY(history.open());
        QCOMPARE(*history.resultCount(runId, filter), expected.size());
        QList<int> byOffset;
        for (int offset = 0; offset <= 600; offset += 40)
            byOffset += indicesOf(*history.resultsPage(runId, offset, 40, filter));
        QCOMPARE(byOffset, expected);
        QList<int> byKey;
        for (int after = -1;;) {
            const QList<Result> page = *history.resultsAfter(runId, after, 40, filter);
            if (page.isEmpty())
                break;
            byKey += indicesOf(page);
            after = page.constLast().index;
        }
        QCOMPARE(byKey, expected);
    }

    void everyFieldComesBack()
    {
        Result written;
        written.index = 3;
        written.line = 9;
        written.url = u"https://ü.example/päth?q=1"_s;
        written.method = "PATCH";
        written.status = 302;
        written.error = ErrorKind::TooManyRedirects;
        written.timeout = TimeoutKind::Inactivity;
        written.message = u"Too many redirects (more than 2)."_s;
        written.detail = u"redirect limit 2 reached"_s;
        written.elapsedMs = 1234;
        written.firstByteMs = 56;
        written.bytes = 7'000'000;
        written.truncated = true;
        written.contentType = u"text/html; charset=utf-8"_s;
        written.attempts = 3;
        written.resends = 2;
        written.redirects = {u"https://a.example/1"_s, u"https://a.example/2"_s};
        Result bare; // nothing optional set
        bare.index = 4;
        bare.line = 10;
        bare.url = u"not a url"_s;
        bare.error = ErrorKind::InvalidUrl;

        const qint64 runId = beginRun(urlListBatch(5));
        m_store->appendResults(m_ticket, {written, bare});
        settle(*m_store);
        RunHistory history(m_path);
        QVERIFY(history.open());
        const QList<Result> read = *history.resultsPage(runId, 0, 10);
        QCOMPARE(read.size(), 2);
        const Result &back = read.at(0);
        QCOMPARE(back.index, written.index);
        QCOMPARE(back.line, written.line);
        QCOMPARE(back.url, written.url);
        QCOMPARE(back.method, written.method);
        QCOMPARE(back.status, written.status);
        QCOMPARE(back.error, written.error);
        QCOMPARE(back.timeout, written.timeout);
        QCOMPARE(back.message, written.message);
        QCOMPARE(back.detail, written.detail);
        QCOMPARE(back.elapsedMs, written.elapsedMs);
        QCOMPARE(back.firstByteMs, written.firstByteMs);
        QCOMPARE(back.bytes, written.bytes);
        QCOMPARE(back.truncated, written.truncated);
        QCOMPARE(back.contentType, written.contentType);
        QCOMPARE(back.attempts, written.attempts);
        QCOMPARE(back.resends, written.resends);
        QCOMPARE(back.redirects, written.redirects);
        const Result &bareBack = read.at(1);
        QCOMPARE(bareBack.error, ErrorKind::InvalidUrl);
        QCOMPARE(bareBack.firstByteMs, -1);
        QCOMPARE(bareBack.timeout, TimeoutKind::None);
        QVERIFY(bareBack.message.isEmpty());
        QVERIFY(bareBack.redirects.isEmpty());
        QVERIFY(bareBack.method.isEmpty());
    }

    void bodiesComeBackByteForByte_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("truncated");
        QByteArray everyByte;
        for (int i = 0; i < 4 * 256; ++i)
            everyByte.append(char(i % 256));
        QByteArray noise(3000, Qt::Uninitialized);
        QRandomGenerator(3).fillRange(reinterpret_cast<quint32 *>(noise.data()), 3000 / 4);
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("short text") << QByteArray("{\"ok\":true}") << false;
        QTest::newRow("every byte value") << everyByte << false;
        QTest::newRow("random (does not compress)") << noise << false;
        QTest::newRow("1 MiB, cut at the cap") << QByteArray(1 << 20, 'a') << true;
    }

    void bodiesComeBackByteForByte()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, truncated);
        Result result = answeredRow(0);
        result.body = body;
        result.truncated = truncated;
        result.bytes = truncated ? body.size() * 3 : body.size();
        result.headers = {{"Content-Type", "application/octet-stream"},
                          {"X-Weird", "a: b\tc"},
                          {"Set-Cookie", "a=1"},
                          {"Set-Cookie", "b=2"}};
        const qint64 runId = beginRun(urlListBatch(2));
        m_store->appendResults(m_ticket, {result});
        settle(*m_store);
        RunHistory history(m_path);
        QVERIFY(history.open());
        const std::optional<QByteArray> back = *history.body(runId, 0);
        QVERIFY(back.has_value());
        QCOMPARE(back->size(), body.size());
        QCOMPARE(*back, body);
        QCOMPARE(*history.responseHeaders(runId, 0), result.headers);
        const Result listed = history.resultsPage(runId, 0, 1)->constFirst();
        QCOMPARE(listed.truncated, truncated);
        QCOMPARE(listed.bytes, result.bytes);
        QVERIFY(listed.body.isEmpty());
        QVERIFY(!history.body(runId, 1)->has_value()); // no result for row 1
        // Large bodies are stored compressed, short ones as they are.
        if (body.size() == 1 << 20) {
            QVERIFY(RawSql(m_path)
                            .value(u"SELECT length(body) < 10000 AND body_compressed "
                                   "FROM responses"_s)
                            .toBool());
        }
    }

    void missingRowsAfterPartialWrites()
    {
        const qint64 runId = beginRun(urlListBatch(20));
        m_store->appendResults(m_ticket, answeredRows(10, 5));
        m_store->appendResults(m_ticket, answeredRows(0, 5));
        m_store->appendResults(m_ticket, {answeredRow(5), answeredRow(6), answeredRow(5)});
        m_store->appendResults(m_ticket, {answeredRow(19)});
        settle(*m_store);
        RunHistory history(m_path);
        QVERIFY(history.open());
        QCOMPARE(*history.missingRows(runId), (QList<int>{5, 6, 7, 8, 9, 15, 16, 17, 18}));
        QVERIFY(!history.missingRows(runId + 1));
    }

    // The window opens a past batch again from its input; the options come back whole.
    void batchInputAndOptionsComeBack()
    {
        BatchInput input;
        input.kind = InputKind::Csv;
        input.urlTemplate = u"https://api.example/{id}?lang={lang}"_s;
        input.data = "id,lang\n1,en\n2,fr\n\"3\",\"pt-BR\"\nbad row without,\n";
        input.method = "POST";
        input.headers = {{"Accept", "application/json"}, {"X-Trace", "\xe9t\xe9"}};
        static const char bodyWithNul[] = "{\"q\":\"\0\x01\"}";
        input.body = QByteArray(bodyWithNul, sizeof(bodyWithNul) - 1);
        RunOptions options;
        options.concurrency = 7;
        options.perHostConcurrency = 3;
        options.engineThreads = 2;
        options.deadline = std::chrono::milliseconds(1234);
        options.inactivity = std::chrono::milliseconds(567);
        options.retries = 4;
        options.retryBaseDelay = std::chrono::milliseconds(89);
        options.retryMaxDelay = std::chrono::milliseconds(9'000);
        options.followRedirects = false;
        options.maxRedirects = 2;
        options.maxBodyBytes = 4096;
        options.keepBodies = false;
        options.keepHeaders = false;
        options.verifyTls = false;
        options.yieldToCaller = true;

        const Expected<BatchSpec> original = buildBatch(input);
        QVERIFY(original);
        const qint64 runId = beginRun(*original, {}, options, input);
        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<BatchInput> stored = history.batchInput(runId);
        QVERIFY(stored);
        QCOMPARE(stored->kind, input.kind);
        QCOMPARE(stored->urlTemplate, input.urlTemplate);
        QCOMPARE(stored->data, input.data);
        QCOMPARE(stored->method, input.method);
        QCOMPARE(stored->headers, original->headers); // as sent: with the Content-Type added
        QCOMPARE(stored->body, input.body);
        const Expected<BatchSpec> again = buildBatch(*stored);
        QVERIFY(again);
        QCOMPARE(rowsOf(again.value()), rowsOf(original.value()));

        const RunOptions back = *history.runOptions(runId);
        QCOMPARE(back.concurrency, options.concurrency);
        QCOMPARE(back.perHostConcurrency, options.perHostConcurrency);
        QCOMPARE(back.engineThreads, options.engineThreads);
        QCOMPARE(back.deadline, options.deadline);
        QCOMPARE(back.inactivity, options.inactivity);
        QCOMPARE(back.retries, options.retries);
        QCOMPARE(back.retryBaseDelay, options.retryBaseDelay);
        QCOMPARE(back.retryMaxDelay, options.retryMaxDelay);
        QCOMPARE(back.followRedirects, options.followRedirects);
        QCOMPARE(back.maxRedirects, options.maxRedirects);
        QCOMPARE(back.maxBodyBytes, options.maxBodyBytes);
        QCOMPARE(back.keepBodies, options.keepBodies);
        QCOMPARE(back.keepHeaders, options.keepHeaders);
        QCOMPARE(back.verifyTls, options.verifyTls);
        QCOMPARE(back.yieldToCaller, options.yieldToCaller);
    }

    // A resume sends the rows as they ran, whatever they were read from: every field comes
    // back, and a row that was invalid is invalid again with the same error.
    void rowsComeBackAsTheyRan_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("URL list with bad lines") << u"urls"_s;
        QTest::newRow("ids and a template") << u"ids"_s;
        QTest::newRow("CSV with a method and body per row") << u"csv"_s;
        QTest::newRow("several files") << u"files"_s;
    }

    void rowsComeBackAsTheyRan()
    {
        QFETCH(QString, kind);
        BatchSpec original;
        original.method = "PUT";
        original.body = "batch body";
        original.headers = {{"Accept", "text/plain"}};
        const auto parsed = [](InputKind inputKind, const QByteArray &data,
                               const QString &urlTemplate = {}) {
            const Expected<BatchRows> rows = parseBatchInput(inputKind, data, urlTemplate);
            return rows ? rows.value() : BatchRows();
        };
        if (kind == u"urls") {
            original.rows
                    = parsed(InputKind::UrlList,
                             "# comment\nhttps://a.example/x\n\nnot a url\nftp://b.example/\n"
                             "  https://c.example/ü?q=1  \nhttps://\nhttp://d.example:8080/\n");
        } else if (kind == u"ids") {
            original.rows = parsed(InputKind::IdList, "1\n# skip\na/b\n\xc3\xa9\n",
                                   u"https://api.example/items/{id}"_s);
        } else if (kind == u"csv") {
            original.rows = parsed(InputKind::Csv,
                                   "url,method,body\n"
                                   "https://a.example/1,post,\"{\"\"a\"\":1}\"\n"
                                   "https://a.example/2,,\n"
                                   "https://a.example/3,delete,\n"
                                   "https://a.example/4,not a method,x\n"
                                   "not a url,patch,y\n"
                                   "https://a.example/6,GET,\"line one\nline two\"\n");
            QCOMPARE(original.rows.at(0).body, std::optional<QByteArray>("{\"a\":1}"));
            QCOMPARE(original.rows.at(3).inputError, ErrorKind::Other);
        } else {
            original.rows
                    = parsed(InputKind::UrlList, "https://a.example/1\nhttps://a.example/2\n");
            original.rows.append(parsed(InputKind::Csv, "url,method\nhttps://b.example/1,HEAD\n"));
        }
        QVERIFY(!original.rows.isEmpty());
        const qint64 runId = beginRun(original);
        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<BatchRows> rows = history.runRows(runId);
        QVERIFY(rows);
        QCOMPARE(describeRows(rows->toList()), describeRows(original.rows.toList()));
        const Expected<BatchSpec> batch = history.runBatch(runId);
        QVERIFY(batch);
        QCOMPARE(describeRows(batch->rows.toList()), describeRows(original.rows.toList()));
        QCOMPARE(batch->method, original.method);
        QCOMPARE(batch->body, original.body);
        QCOMPARE(batch->headers, original.headers);
        for (qsizetype i = 0; i < rows->size(); ++i) {
            QCOMPARE(batch->methodFor(rows->at(i)), original.methodFor(original.rows.at(i)));
            QCOMPARE(batch->bodyFor(rows->at(i)), original.bodyFor(original.rows.at(i)));
        }
    }

    // What a resume asks for: the rows it names, in its order, and a sentence for a row the run
    // never had.
    void someRowsInTheOrderAsked()
    {
        const BatchSpec original = urlListBatch(50);
        const qint64 runId = beginRun(original);
        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<BatchRows> rows = history.runRows(runId, {40, 2, 17});
        QVERIFY(rows);
        QCOMPARE(describeRows(rows->toList()),
                 describeRows({original.rows.at(40), original.rows.at(2), original.rows.at(17)}));
        QCOMPARE(history.runBatch(runId, {3})->rows.size(), 1);
        const Expected<BatchRows> outside = history.runRows(runId, {1, 50});
        QVERIFY(!outside);
        QVERIFY_ERROR_SAYS(outside, u"has no row 50");
        QVERIFY(!history.runRows(runId + 1));
    }

    // A run begun without the text it came from (a sample) keeps its rows all the same.
    void runWithoutInputKeepsItsRows()
    {
        const qint64 runId = beginRun(urlListBatch(3));
        RunHistory history(m_path);
        QVERIFY(history.open());
        QCOMPARE(history.runRows(runId)->size(), 3);
        const Expected<BatchInput> input = history.batchInput(runId);
        QVERIFY(!input);
        QVERIFY_ERROR_SAYS(input, u"kept its rows but not the text");
        QCOMPARE(history.run(runId)->batchName, u"https://api.example/items/0");
    }

    void damagedRowsAreReported()
    {
        const qint64 runId = beginRun(urlListBatch(10));
        m_store.reset(); // its connection would keep the old bytes in its cache
        QVERIFY(RawSql(m_path).exec(u"UPDATE batches SET rows = x'0000001000112233'"_s));
        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<BatchRows> rows = history.runRows(runId);
        QVERIFY(!rows);
        QCOMPARE(rows.error().code, ErrorCode::NotADatabase);
        QVERIFY_ERROR_SAYS(rows, u"rows of run");
    }

    // A million rows must stay a few MB and encode well under a second: printed, not asserted
    // (a loaded CI machine is slow), so a change that costs shows in the log.
    void millionRowsStayCompact()
    {
        QList<RequestSpec> made;
        made.reserve(1'000'000);
        for (int index = 0; index < 1'000'000; ++index) {
            RequestSpec row;
            row.line = index + 2;
            row.text = u"https://api.example.com/v1/items/%1?lang=en"_s.arg(qint64(index) * 7919
                                                                            % 1'000'003);
            if (index % 3 == 0)
                row.method = "POST";
            if (index % 2 == 0)
                row.body = "{\"id\":" + QByteArray::number(index) + '}';
            made.append(row);
        }
        BatchSpec batch;
        batch.rows = std::move(made);
        QElapsedTimer clock;
        clock.start();
        const QByteArray blob = encodeRows(batch.rows);
        const qint64 encodeMs = clock.restart();
        const std::optional<BatchRows> decoded = decodeRows(blob);
        const qint64 decodeMs = clock.elapsed();
        QVERIFY(decoded);
        QCOMPARE(decoded->size(), batch.rows.size());
        QCOMPARE(decoded->at(999'999).text, batch.rows.at(999'999).text);
        qInfo("1,000,000 rows (URL, method on a third, body on half): %.2f MB, encoded in %lld "
              "ms, decoded in %lld ms",
              double(blob.size()) / 1e6, encodeMs, decodeMs);

        clock.restart();
        const qint64 runId = beginRun(batch);
        const qint64 beginMs = clock.restart();
        RunHistory history(m_path);
        QVERIFY(history.open());
        QList<int> some;
        for (int index = 0; index < 1'000'000; index += 1'000)
            some.append(index);
        const Expected<BatchRows> rows = history.runRows(runId, some);
        QVERIFY(rows);
        QCOMPARE(rows->size(), some.size());
        QCOMPARE(rows->at(rows->size() - 1).text, batch.rows.at(999'000).text);
        qInfo("beginRun until committed: %lld ms; 1,000 of its rows read back: %lld ms", beginMs,
              clock.elapsed());
    }

    // The run row says "running"; who wrote it decides what a reader sees.
    void runningRunOfAGoneProcessReadsInterrupted_data()
    {
        QTest::addColumn<QString>("owner");
        QTest::addColumn<RunState>("expected");
        QTest::newRow("this process") << u"self"_s << RunState::Running;
        QTest::newRow("a process that has exited") << u"exited"_s << RunState::Interrupted;
        QTest::newRow("this pid, started at another time (reused id)")
                << u"reused"_s << RunState::Interrupted;
        QTest::newRow("before the last reboot") << u"rebooted"_s << RunState::Interrupted;
        QTest::newRow("another machine (cannot tell)") << u"elsewhere"_s << RunState::Running;
    }

    void runningRunOfAGoneProcessReadsInterrupted()
    {
        QFETCH(QString, owner);
        QFETCH(RunState, expected);
        const qint64 runId = beginRun(urlListBatch(4));
        m_store->appendResults(m_ticket, answeredRows(0, 2));
        settle(*m_store);

        ProcessOwner written = ProcessOwner::current();
        if (owner == u"exited") {
            QProcess process;
            process.start(u"/bin/true"_s, {});
            QVERIFY(process.waitForStarted());
            written.pid = process.processId();
            QVERIFY(process.waitForFinished());
            written.startTicks = 0; // as on a system without /proc: the pid alone decides
        } else if (owner == u"reused") {
            if (written.startTicks == 0)
                QSKIP("no process start times on this system");
            written.startTicks += 1;
        } else if (owner == u"rebooted") {
            if (written.boot.isEmpty())
                QSKIP("no boot id on this system");
            written.boot = u"another-boot"_s;
        } else if (owner == u"elsewhere") {
            written.host = u"another-machine"_s;
            written.pid = 1;
        }
        QVERIFY(written.pid > 0);
        {
            RawSql raw(m_path);
            QSqlQuery query(raw.db());
            query.prepare(u"UPDATE runs SET owner_host = ?, owner_boot = ?, owner_pid = ?,"
                          " owner_start = ? WHERE id = ?"_s);
            query.addBindValue(written.host);
            query.addBindValue(written.boot);
            query.addBindValue(written.pid);
            query.addBindValue(written.startTicks);
            query.addBindValue(runId);
            QVERIFY(query.exec());
        }
        RunHistory history(m_path);
        QVERIFY(history.open());
        const RunSummary run = *history.run(runId);
        QCOMPARE(run.state, expected);
        QCOMPARE(run.finished.isValid(), expected == RunState::Interrupted);
        QCOMPARE(history.runs()->constFirst().state, expected);
    }

    void readerSeesEachCommitWhileTheWriterGoesOn()
    {
        const qint64 runId = beginRun(urlListBatch(30));
        RunHistory history(m_path);
        QVERIFY(history.open());
        for (int first = 0; first < 30; first += 10) {
            m_store->appendResults(m_ticket, answeredRows(first, 10));
            settle(*m_store);
            QCOMPARE(history.run(runId)->resultCount, first + 10);
            QCOMPARE(history.missingRows(runId)->size(), 30 - first - 10);
        }
    }

    // A file of an earlier Salvo lists its runs before any run of this one upgrades it, and
    // reading leaves it at its version (the reader never writes).
    // What a run checked and read comes back: its plan and column names on the run, each
    // row's verdict, sentences, values (a value found as nothing stays null) and input cells;
    // the rows that failed an expectation are counted and filtered.
    void expectationsAndColumnsComeBack()
    {
        BatchSpec batch = urlListBatch(4);
        auto plan = std::make_shared<InspectionPlan>();
        plan->expectations.append(Expectation::parse(Expectation::Kind::Status, u"2xx"_s).value());
        plan->expectations.append(
                Expectation::parse(Expectation::Kind::Header, u"Server: *nginx*"_s).value());
        plan->extractors.append(Extractor::parse(u"price=$.price"_s).value());
        plan->extractors.append(Extractor::parse(u"title=xpath://title"_s).value());
        batch.inspection = plan;
        ResultBatch rows = answeredRows(0, 4);
        for (Result &row : rows) {
            row.verdict = row.index % 2 == 0 ? Verdict::Passed : Verdict::Failed;
            row.extracted = {QString::number(row.index * 1.5), QString()};
            row.columns = {u"A-%1"_s.arg(row.index)};
            if (row.verdict == Verdict::Failed)
                row.failedExpectations = {u"Expected header Server, the answer has none"_s};
        }
        rows[3].extractionProblems = {u"Column title: the answer is not HTML"_s};
        const qint64 runId = beginRun(batch);
        m_store->appendResults(m_ticket, rows);
        settle(*m_store);

        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<RunSummary> run = history.run(runId);
        QVERIFY_RESULT(run);
        QCOMPARE(run->unmetCount, 2);
        QVERIFY(run->expects);
        QVERIFY(run->inspection);
        QCOMPARE(inspectionToJson(*run->inspection), inspectionToJson(*plan));
        const QList<Result> read = *history.resultsPage(runId, 0, 10);
        QCOMPARE(read.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(read[i].verdict, rows[i].verdict);
            QCOMPARE(read[i].failedExpectations, rows[i].failedExpectations);
            QCOMPARE(read[i].extracted, rows[i].extracted);
            QVERIFY(read[i].extracted.at(1).isNull());
            QCOMPARE(read[i].columns, rows[i].columns);
            QCOMPARE(read[i].extractionProblems, rows[i].extractionProblems);
        }
        QCOMPARE(*history.resultCount(runId, ResultFilter::unmet()), 2);
        const QList<Result> unmet = *history.resultsPage(runId, 0, 10, ResultFilter::unmet());
        QCOMPARE(unmet.size(), 2);
        QCOMPARE(unmet[0].index, 1);
        QCOMPARE(unmet[1].index, 3);
        ResultFilter met = ResultFilter::ofStatusClass(2);
        met.metOnly = true;
        QCOMPARE(*history.resultCount(runId, met), 2);
        // A resume or a re-run checks and reads the same things.
        const Expected<BatchSpec> again = history.runBatch(runId);
        QVERIFY_RESULT(again);
        QVERIFY(again->inspection);
        QCOMPARE(inspectionToJson(*again->inspection), inspectionToJson(*plan));
    }

    // A CSV whose rows expect things of their own makes a run that expects, without a plan
    // of the batch's: its exports get a passed column all the same.
    void rowsOwnExpectationsMakeARunThatExpects()
    {
        BatchInput input;
        input.kind = InputKind::Csv;
        input.data = "url,sku,expect_status\nhttps://a.example/1,A-1,200\n";
        const Expected<BatchSpec> batch = buildBatch(input);
        QVERIFY_RESULT(batch);
        const qint64 runId = beginRun(*batch, {}, {}, input);
        RunHistory history(m_path);
        QVERIFY(history.open());
        const Expected<RunSummary> run = history.run(runId);
        QVERIFY_RESULT(run);
        QVERIFY(run->expects);
        QVERIFY(!run->inspection);
        QCOMPARE(run->inputColumns, QStringList{u"sku"_s});
        // A resume of it sends its rows with their own columns and expectations again.
        const Expected<BatchRows> again = history.runRows(runId, {0});
        QVERIFY_RESULT(again);
        QCOMPARE(again->columnNames(), QStringList{u"sku"_s});
        QCOMPARE(again->at(0).columns, QStringList{u"A-1"_s});
        QCOMPARE(again->at(0).expectations.size(), 1);
        QCOMPARE(again->at(0).expectations.first().kind, Expectation::Kind::Status);
        // A run of a plain list expects nothing.
        const Expected<RunSummary> plain = history.run(beginRun(urlListBatch(2)));
        QVERIFY_RESULT(plain);
        QVERIFY(!plain->expects);
        QVERIFY(plain->inputColumns.isEmpty());
    }

    void earlierFormatReadsWithoutAnUpgrade()
    {
        const QString path = m_dir->filePath(u"version1.sqlite"_s);
        {
            SqlConnection connection(u"version1"_s);
            QVERIFY(connection.open({.path = path}));
            QVERIFY(migrate(connection, schemaMigrations(), 1));
            QVERIFY(connection.exec(
                    u"INSERT INTO batches (id, fingerprint, name, rows, input_kind, url_template,"
                    " input_data, input_size, method, headers, withheld_headers, body,"
                    " created_ms) VALUES (1, x'01', 'old', x'', NULL, '', x'', 0, 'GET', '[]',"
                    " '[]', x'', 1700000000000)"_s,
                    {}));
            QVERIFY(connection.exec(
                    u"INSERT INTO runs (id, batch_id, state, started_ms, updated_ms, finished_ms,"
                    " options, row_count, result_count, ok_count, failed_count, salvo_version,"
                    " owner_host, owner_boot, owner_pid, owner_start) VALUES (4, 1, 'finished',"
                    " 1700000000000, 1700000001000, 1700000001000, '{}', 2, 1, 1, 0, '0.1.0',"
                    " 'h', 'b', 1, 1)"_s,
                    {}));
            QVERIFY(connection.exec(
                    u"INSERT INTO results (run_id, row_index, line, url, method, status, error,"
                    " message, error_detail, timeout, elapsed_ms, first_byte_ms, bytes,"
                    " truncated, content_type, attempts, redirects, status_class) VALUES (4, 0,"
                    " 1, 'https://a.example/', 'GET', 200, NULL, NULL, NULL, NULL, 12, 8, 5, 0,"
                    " NULL, 2, NULL, 2)"_s,
                    {}));
        }
        QVERIFY(oldestReadableSchemaVersion() <= 1);
        RunHistory history(path);
        const Expected<> opened = history.open();
        QVERIFY_RESULT(opened);
        const Expected<QList<RunSummary>> runs = history.runs();
        QVERIFY(runs);
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->constFirst().id, 4);
        QCOMPARE(runs->constFirst().batchName, u"old");
        QCOMPARE(runs->constFirst().parentRunId, 0);
        // Its results have no resends column before version 3: they resent nothing.
        const Expected<QList<Result>> results = history.resultsPage(4, 0, 10);
        QVERIFY2(results, qPrintable(results ? QString() : results.error().message));
        QCOMPARE(results->size(), 1);
        QCOMPARE(results->constFirst().attempts, 2);
        QCOMPARE(results->constFirst().resends, 0);
        // Nor, before version 4, did it check or read anything.
        QCOMPARE(results->constFirst().verdict, Verdict::NotChecked);
        QVERIFY(!runs->constFirst().inspection);
        QCOMPARE(*history.resultCount(4, ResultFilter::unmet()), 0);
        ResultFilter met;
        met.metOnly = true;
        QCOMPARE(*history.resultCount(4, met), 1);
        QCOMPARE(RawSql(path).value(u"PRAGMA user_version"_s).toInt(), 1);
    }

    void openRefusesWhatItCannotRead()
    {
        RunHistory missing(m_dir->filePath(u"none.sqlite"_s));
        Expected<> opened = missing.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::CannotOpen);
        QVERIFY_ERROR_SAYS(opened, u"no history");
        QVERIFY(!missing.runs());

        const QString empty = m_dir->filePath(u"empty.sqlite"_s);
        QFile(empty).open(QIODevice::WriteOnly);
        opened = RunHistory(empty).open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::OlderSchema);

        const QString newer = m_dir->filePath(u"newer.sqlite"_s);
        RawSql(newer).exec(
                QStringLiteral("PRAGMA user_version = %1").arg(latestSchemaVersion() + 1));
        opened = RunHistory(newer).open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::NewerSchema);
    }

private:
    qint64 beginRun(const BatchSpec &batch, const QString &name = {},
                    const RunOptions &options = {},
                    const std::optional<BatchInput> &input = std::nullopt, qint64 parentRunId = 0)
    {
        QSignalSpy begun(m_store.get(), &RunStore::runBegun);
        m_ticket = m_store->beginRun(batch, options, input, name, parentRunId);
        settle(*m_store);
        return begun.isEmpty() ? 0 : begun.at(0).at(1).toLongLong();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<RunStore> m_store;
    RunTicket m_ticket = 0;
};

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
