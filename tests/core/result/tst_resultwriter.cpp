#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <optional>

#include "result/ErrorMessages.h"
#include "result/ResultWriter.h"
#include "result/SpreadsheetCell.h"

using namespace Qt::StringLiterals;
using salvo::ErrorKind;
using salvo::Result;
using salvo::ResultFormat;
using salvo::TimeoutKind;

namespace {

// Every field ResultWriter.h promises, in order.
const QStringList fieldNames{
        u"index"_s,      u"line"_s,          u"url"_s,     u"method"_s,       u"ok"_s,
        u"status"_s,     u"error"_s,         u"message"_s, u"error_detail"_s, u"timeout"_s,
        u"elapsed_ms"_s, u"first_byte_ms"_s, u"bytes"_s,   u"truncated"_s,    u"content_type"_s,
        u"attempts"_s,   u"redirects"_s,     u"resends"_s};

// How the answer came: in JSON Lines and JSON, not in CSV.
const QStringList connectionFieldNames{u"http_version"_s,
                                       u"remote_address"_s,
                                       u"dns_ms"_s,
                                       u"connect_ms"_s,
                                       u"tls_ms"_s,
                                       u"certificate_subject"_s,
                                       u"certificate_issuer"_s,
                                       u"certificate_expires"_s};

Result answered()
{
    Result result;
    result.index = 0;
    result.line = 1;
    result.url = u"https://a.example/"_s;
    result.method = "GET";
    result.status = 200;
    result.elapsedMs = 120;
    result.firstByteMs = 80;
    result.bytes = 5;
    result.contentType = u"text/plain"_s;
    result.attempts = 1;
    result.body = "hello";
    result.connection = {.httpVersion = u"h2"_s,
                         .remoteAddress = u"[2001:db8::1]:443"_s,
                         .dnsMs = 3,
                         .connectMs = 4,
                         .tlsMs = 11,
                         .certificateSubject = u"CN = a.example"_s,
                         .certificateIssuer = u"O = Example CA, CN = Example CA 1"_s,
                         .certificateExpires = QDate(2027, 3, 1)};
    return result;
}

Result notFound()
{
    Result result = answered();
    result.index = 1;
    result.line = 2;
    result.url = u"https://a.example/missing"_s;
    result.status = 404;
    result.bytes = 0;
    result.body.clear();
    return result;
}

Result timedOut(TimeoutKind timeout)
{
    Result result;
    result.index = 2;
    result.line = 4;
    result.url = u"https://slow.example/"_s;
    result.method = "POST";
    result.error = ErrorKind::Timeout;
    result.timeout = timeout;
    result.message = u"slow.example did not finish answering within 30 s."_s;
    result.detail = u"deadline timeout of 30000 ms fired after 0 body bytes"_s;
    result.elapsedMs = 30'000;
    result.attempts = 2;
    return result;
}

Result redirected()
{
    Result result = answered();
    result.index = 3;
    result.line = 5;
    result.truncated = true;
    result.bytes = 2'000'000;
    result.redirects = QStringList{u"https://b.example/"_s, u"https://c.example/"_s};
    result.resends = 1; // its first connection closed before answering
    return result;
}

Result invalidRow()
{
    Result result;
    result.index = 4;
    result.line = 7;
    result.url = u"not a url"_s;
    result.method = "GET";
    result.error = ErrorKind::InvalidUrl;
    result.message = u"This line is not a web address."_s;
    return result;
}

QJsonObject jsonObject(std::initializer_list<std::pair<QString, QJsonValue>> fields)
{
    QJsonObject result;
    for (const auto &[name, value] : fields)
        result.insert(name, value);
    return result;
}

const QJsonValue jsonNull(QJsonValue::Null);

QJsonObject answeredJson()
{
    return jsonObject({{u"index"_s, 0},
                       {u"line"_s, 1},
                       {u"url"_s, u"https://a.example/"_s},
                       {u"method"_s, u"GET"_s},
                       {u"ok"_s, true},
                       {u"status"_s, 200},
                       {u"error"_s, jsonNull},
                       {u"message"_s, jsonNull},
                       {u"error_detail"_s, jsonNull},
                       {u"timeout"_s, jsonNull},
                       {u"elapsed_ms"_s, 120},
                       {u"first_byte_ms"_s, 80},
                       {u"bytes"_s, 5},
                       {u"truncated"_s, false},
                       {u"content_type"_s, u"text/plain"_s},
                       {u"attempts"_s, 1},
                       {u"redirects"_s, QJsonArray()},
                       {u"resends"_s, 0},
                       {u"http_version"_s, u"h2"_s},
                       {u"remote_address"_s, u"[2001:db8::1]:443"_s},
                       {u"dns_ms"_s, 3},
                       {u"connect_ms"_s, 4},
                       {u"tls_ms"_s, 11},
                       {u"certificate_subject"_s, u"CN = a.example"_s},
                       {u"certificate_issuer"_s, u"O = Example CA, CN = Example CA 1"_s},
                       {u"certificate_expires"_s, u"2027-03-01"_s}});
}

// A row without an answer knows nothing of a connection: each such field is there, null.
QJsonObject withUnknownConnection(QJsonObject record)
{
    for (const QString &name : connectionFieldNames) {
        if (!record.contains(name))
            record.insert(name, QJsonValue(QJsonValue::Null));
    }
    return record;
}

QJsonObject notFoundJson()
{
    QJsonObject expected = answeredJson();
    expected[u"index"_s] = 1;
    expected[u"line"_s] = 2;
    expected[u"url"_s] = u"https://a.example/missing"_s;
    expected[u"ok"_s] = false;
    expected[u"status"_s] = 404;
    expected[u"bytes"_s] = 0;
    return expected;
}

QJsonObject timedOutJson(const QString &timeout)
{
    return jsonObject(
            {{u"index"_s, 2},
             {u"line"_s, 4},
             {u"url"_s, u"https://slow.example/"_s},
             {u"method"_s, u"POST"_s},
             {u"ok"_s, false},
             {u"status"_s, jsonNull},
             {u"error"_s, u"timeout"_s},
             {u"message"_s, u"slow.example did not finish answering within 30 s."_s},
             {u"error_detail"_s, u"deadline timeout of 30000 ms fired after 0 body bytes"_s},
             {u"timeout"_s, timeout},
             {u"elapsed_ms"_s, 30'000},
             {u"first_byte_ms"_s, jsonNull},
             {u"bytes"_s, 0},
             {u"truncated"_s, false},
             {u"content_type"_s, jsonNull},
             {u"attempts"_s, 2},
             {u"redirects"_s, QJsonArray()},
             {u"resends"_s, 0}});
}

QJsonObject redirectedJson()
{
    QJsonObject expected = answeredJson();
    expected[u"index"_s] = 3;
    expected[u"line"_s] = 5;
    expected[u"truncated"_s] = true;
    expected[u"bytes"_s] = 2'000'000;
    expected[u"redirects"_s] = QJsonArray{u"https://b.example/"_s, u"https://c.example/"_s};
    expected[u"resends"_s] = 1;
    return expected;
}

QJsonObject invalidRowJson()
{
    return jsonObject({{u"index"_s, 4},
                       {u"line"_s, 7},
                       {u"url"_s, u"not a url"_s},
                       {u"method"_s, u"GET"_s},
                       {u"ok"_s, false},
                       {u"status"_s, jsonNull},
                       {u"error"_s, u"invalid_url"_s},
                       {u"message"_s, u"This line is not a web address."_s},
                       {u"error_detail"_s, jsonNull},
                       {u"timeout"_s, jsonNull},
                       {u"elapsed_ms"_s, 0},
                       {u"first_byte_ms"_s, jsonNull},
                       {u"bytes"_s, 0},
                       {u"truncated"_s, false},
                       {u"content_type"_s, jsonNull},
                       {u"attempts"_s, 0},
                       {u"redirects"_s, QJsonArray()},
                       {u"resends"_s, 0}});
}

QList<Result> allResults()
{
    return {answered(), notFound(), timedOut(TimeoutKind::Deadline), redirected(), invalidRow()};
}

QList<QJsonObject> allJson()
{
    return {answeredJson(), notFoundJson(), withUnknownConnection(timedOutJson(u"deadline"_s)),
            redirectedJson(), withUnknownConnection(invalidRowJson())};
}

QByteArray written(ResultFormat format, const QList<Result> &results, bool includeBodies,
                   qint64 runId = 0)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<salvo::ResultWriter> writer
            = salvo::ResultWriter::create(format, &buffer, includeBodies, runId);
    for (const Result &result : results)
        writer->write(result);
    writer->finish();
    return bytes;
}

// One JSON object per line, each line ended by a newline; nothing when a line is not one.
std::optional<QList<QJsonObject>> parseJsonLines(const QByteArray &bytes)
{
    if (!bytes.isEmpty() && !bytes.endsWith('\n'))
        return std::nullopt;
    QList<QJsonObject> objects;
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        // Qt 6.4's parser drops a U+FEFF that starts a string; the escape means the same
        // in JSON and survives.
        const QByteArray line = QByteArray(lines.at(i)).replace("\xEF\xBB\xBF", "\\ufeff");
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return std::nullopt;
        objects.append(document.object());
    }
    return objects;
}

// RFC 4180 read strictly: records end with CRLF, a quote or a line break in an unquoted
// field is an error, so is text after a closing quote. Nothing when the text breaks a rule.
std::optional<QList<QStringList>> parseCsvStrictly(const QString &text)
{
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    QList<QStringList> records;
    QStringList record;
    QString field;
    State state = State::FieldStart;
    const auto crlfAt = [&](qsizetype i) {
        return text.at(i) == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n';
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (state == State::Quoted) {
            if (c == u'"')
                state = State::QuoteInQuoted;
            else
                field.append(c);
            continue;
        }
        if (state == State::QuoteInQuoted && c == u'"') {
            field.append(c);
            state = State::Quoted;
            continue;
        }
        if (state == State::FieldStart && c == u'"') {
            state = State::Quoted;
            continue;
        }
        if (c == u',') {
            record.append(std::exchange(field, QString()));
            state = State::FieldStart;
        } else if (crlfAt(i)) {
            record.append(std::exchange(field, QString()));
            records.append(std::exchange(record, QStringList()));
            state = State::FieldStart;
            ++i;
        } else if (state == State::QuoteInQuoted || c == u'"' || c == u'\r' || c == u'\n') {
            return std::nullopt;
        } else {
            field.append(c);
            state = State::Unquoted;
        }
    }
    if (state != State::FieldStart || !record.isEmpty())
        return std::nullopt;
    return records;
}

// The records of a JSON Lines or a JSON output.
QList<QJsonObject> jsonRecords(ResultFormat format, const QByteArray &bytes)
{
    if (format == ResultFormat::JsonLines)
        return parseJsonLines(bytes).value_or(QList<QJsonObject>());
    QList<QJsonObject> records;
    for (const QJsonValue record : QJsonDocument::fromJson(bytes).array())
        records.append(record.toObject());
    return records;
}

} // namespace

class TestResultWriter final : public QObject
{
    Q_OBJECT

private slots:
    void formatsHaveNames_data();
    void formatsHaveNames();

    void jsonLinesHoldEveryField_data();
    void jsonLinesHoldEveryField();
    void jsonLinesWriteOneLinePerResult();
    void jsonIsOneArray_data();
    void jsonIsOneArray();

    void csvHasHeaderAndOneRecordPerResult();
    void csvQuotesAndNeutralises_data();
    void csvQuotesAndNeutralises();
    void csvCutsLongCellsOnlyForSpreadsheets_data();
    void csvCutsLongCellsOnlyForSpreadsheets();

    void bodiesAsTextOrBase64_data();
    void bodiesAsTextOrBase64();
    void noBodiesUnlessAsked_data();
    void noBodiesUnlessAsked();
    void runIdWhenGiven_data();
    void runIdWhenGiven();
    void uncheckedCertificatesOnEveryRecord_data();
    void uncheckedCertificatesOnEveryRecord();
    void inputColumnsBesideExtracted();
};

void TestResultWriter::formatsHaveNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("known");
    QTest::addColumn<ResultFormat>("format");

    QTest::newRow("jsonl") << u"jsonl"_s << true << ResultFormat::JsonLines;
    QTest::newRow("json") << u"json"_s << true << ResultFormat::Json;
    QTest::newRow("csv") << u"csv"_s << true << ResultFormat::Csv;
    QTest::newRow("table") << u"table"_s << true << ResultFormat::Table;
    QTest::newRow("unknown") << u"xml"_s << false << ResultFormat::Table;
    QTest::newRow("empty") << QString() << false << ResultFormat::Table;
}

void TestResultWriter::formatsHaveNames()
{
    QFETCH(QString, name);
    QFETCH(bool, known);
    QFETCH(ResultFormat, format);

    const std::optional<ResultFormat> found = salvo::resultFormatFromName(name);
    QCOMPARE(found.has_value(), known);
    if (known)
        QCOMPARE(*found, format);
}

void TestResultWriter::jsonLinesHoldEveryField_data()
{
    QTest::addColumn<Result>("result");
    QTest::addColumn<QJsonObject>("expected");

    QTest::newRow("200 answer") << answered() << answeredJson();
    QTest::newRow("404 answer: not ok, no error") << notFound() << notFoundJson();
    QTest::newRow("deadline timeout: status null")
            << timedOut(TimeoutKind::Deadline) << timedOutJson(u"deadline"_s);
    QTest::newRow("inactivity timeout")
            << timedOut(TimeoutKind::Inactivity) << timedOutJson(u"inactivity"_s);
    QTest::newRow("redirected and truncated") << redirected() << redirectedJson();
    QTest::newRow("invalid row") << invalidRow() << invalidRowJson();

    Result refused = invalidRow();
    refused.error = ErrorKind::ConnectionRefused;
    QJsonObject refusedJson = invalidRowJson();
    refusedJson[u"error"_s] = u"connection_refused"_s;
    QTest::newRow("connection refused") << refused << refusedJson;
}

void TestResultWriter::jsonLinesHoldEveryField()
{
    QFETCH(Result, result);
    QFETCH(QJsonObject, expected);

    const std::optional<QList<QJsonObject>> objects
            = parseJsonLines(written(ResultFormat::JsonLines, {result}, false));

    QVERIFY(objects);
    QCOMPARE(objects->size(), 1);
    QStringList names = fieldNames + connectionFieldNames;
    names.sort(); // QJsonObject::keys() come sorted
    QCOMPARE(objects->first().keys(), names);
    QCOMPARE(objects->first(), withUnknownConnection(expected));
}

void TestResultWriter::jsonLinesWriteOneLinePerResult()
{
    Result hostile = invalidRow();
    hostile.url = u"line 1\nline 2\r\n\"quoted\" \u2028 end"_s;
    QList<Result> results = allResults();
    results.append(hostile);

    const QByteArray bytes = written(ResultFormat::JsonLines, results, false);
    const std::optional<QList<QJsonObject>> objects = parseJsonLines(bytes);

    QVERIFY2(objects, bytes.constData());
    QCOMPARE(objects->size(), results.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        QCOMPARE(objects->at(i).value(u"index"_s).toInt(), results.at(i).index);
        QCOMPARE(objects->at(i).value(u"url"_s).toString(), results.at(i).url);
    }
    QCOMPARE(objects->mid(0, 5), allJson());
}

void TestResultWriter::jsonIsOneArray_data()
{
    QTest::addColumn<int>("count");

    QTest::newRow("empty") << 0;
    QTest::newRow("one result") << 1;
    QTest::newRow("several results") << 5;
}

void TestResultWriter::jsonIsOneArray()
{
    QFETCH(int, count);

    const QByteArray bytes = written(ResultFormat::Json, allResults().mid(0, count), false);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);

    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isArray());
    QCOMPARE(document.array().size(), count);
    for (int i = 0; i < count; ++i)
        QCOMPARE(document.array().at(i).toObject(), allJson().at(i));
}

void TestResultWriter::csvHasHeaderAndOneRecordPerResult()
{
    const QByteArray bytes = written(ResultFormat::Csv, allResults(), false);
    const std::optional<QList<QStringList>> records = parseCsvStrictly(QString::fromUtf8(bytes));

    QVERIFY2(records, bytes.constData());
    QCOMPARE(records->size(), 1 + allResults().size());
    QCOMPARE(records->at(0), fieldNames);
    QCOMPARE(records->at(1),
             (QStringList{u"0"_s, u"1"_s, u"https://a.example/"_s, u"GET"_s, u"true"_s, u"200"_s,
                          QString(), QString(), QString(), QString(), u"120"_s, u"80"_s, u"5"_s,
                          u"false"_s, u"text/plain"_s, u"1"_s, QString(), u"0"_s}));
    QCOMPARE(records->at(3),
             (QStringList{u"2"_s, u"4"_s, u"https://slow.example/"_s, u"POST"_s, u"false"_s,
                          QString(), u"timeout"_s,
                          u"slow.example did not finish answering within 30 s."_s,
                          u"deadline timeout of 30000 ms fired after 0 body bytes"_s, u"deadline"_s,
                          u"30000"_s, QString(), u"0"_s, u"false"_s, QString(), u"2"_s, QString(),
                          u"0"_s}));
    QCOMPARE(records->at(4).at(fieldNames.indexOf(u"redirects"_s)),
             u"https://b.example/ https://c.example/"_s);
    QCOMPARE(records->at(4).at(fieldNames.indexOf(u"resends"_s)), u"1"_s);
    QCOMPARE(records->at(5).at(fieldNames.indexOf(u"error"_s)), u"invalid_url"_s);
}

void TestResultWriter::csvQuotesAndNeutralises_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("cell"); // what a spreadsheet shows

    QTest::newRow("plain") << u"plain text"_s << u"plain text"_s;
    QTest::newRow("comma") << u"a,b"_s << u"a,b"_s;
    QTest::newRow("quote") << u"say \"hi\""_s << u"say \"hi\""_s;
    QTest::newRow("only a quote") << u"\""_s << u"\""_s;
    QTest::newRow("LF") << u"line 1\nline 2"_s << u"line 1\nline 2"_s;
    QTest::newRow("CRLF") << u"line 1\r\nline 2"_s << u"line 1\r\nline 2"_s;
    QTest::newRow("CR") << u"line 1\rline 2"_s << u"line 1\rline 2"_s;
    QTest::newRow("everything") << u"a,\"b\"\r\nc"_s << u"a,\"b\"\r\nc"_s;
    QTest::newRow("unicode") << u"café 😀"_s << u"café 😀"_s;
    QTest::newRow("equals inside is fine") << u"a=b"_s << u"a=b"_s;
    QTest::newRow("formula =") << u"=1+1"_s << u"'=1+1"_s;
    QTest::newRow("formula +") << u"+1"_s << u"'+1"_s;
    QTest::newRow("formula -") << u"-1+2"_s << u"'-1+2"_s;
    QTest::newRow("formula @") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
    QTest::newRow("formula with quotes and comma")
            << u"=HYPERLINK(\"http://evil.example\",\"x\")"_s
            << u"'=HYPERLINK(\"http://evil.example\",\"x\")"_s;
    QTest::newRow("DDE payload") << u"=cmd|' /C calc'!A0"_s << u"'=cmd|' /C calc'!A0"_s;
    QTest::newRow("leading tab") << u"\t=1+1"_s << u"'\t=1+1"_s;
    QTest::newRow("leading CR") << u"\r=1+1"_s << u"'\r=1+1"_s;
    // A server's "-1" is text like any other; Salvo's own number columns never hold one.
    QTest::newRow("negative number as text") << u"-1"_s << u"'-1"_s;
}

void TestResultWriter::csvQuotesAndNeutralises()
{
    QFETCH(QString, value);
    QFETCH(QString, cell);

    Result result = invalidRow();
    result.url = value;
    result.message = value;
    const QByteArray bytes = written(ResultFormat::Csv, {result}, false);
    const std::optional<QList<QStringList>> records = parseCsvStrictly(QString::fromUtf8(bytes));

    QVERIFY2(records, bytes.constData());
    QCOMPARE(records->size(), 2);
    QCOMPARE(records->at(1).size(), fieldNames.size());
    QCOMPARE(records->at(1).at(fieldNames.indexOf(u"url"_s)), cell);
    QCOMPARE(records->at(1).at(fieldNames.indexOf(u"message"_s)), cell);
}

void TestResultWriter::csvCutsLongCellsOnlyForSpreadsheets_data()
{
    QTest::addColumn<bool>("forSpreadsheets");
    QTest::newRow("for spreadsheets: cut") << true;
    QTest::newRow("for programs: whole") << false;
}

// A CSV for spreadsheets holds what Excel keeps in a cell (SpreadsheetCell.h), and counts what
// it cut; salvo-cli's output for programs keeps every cell whole.
void TestResultWriter::csvCutsLongCellsOnlyForSpreadsheets()
{
    QFETCH(bool, forSpreadsheets);
    Result result = answered();
    result.url = u"https://a.example/?q="_s + QString(40'000, u'q');
    result.body = "\"" + QByteArray(50'000, ',') + "\"";
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<salvo::ResultWriter> writer
            = salvo::ResultWriter::create(ResultFormat::Csv, &buffer, true, 0, forSpreadsheets);
    writer->write(result);
    writer->write(notFound());
    writer->finish();
    QCOMPARE(writer->cellsCut(), forSpreadsheets ? 2 : 0);

    if (forSpreadsheets)
        bytes.remove(0, 3); // the byte-order mark
    const std::optional<QList<QStringList>> records = parseCsvStrictly(QString::fromUtf8(bytes));
    QVERIFY(records);
    QCOMPARE(records->size(), 3);
    const QStringList &header = records->at(0);
    const QString url = records->at(1).at(header.indexOf(u"url"_s));
    const QString body = records->at(1).at(header.indexOf(u"body"_s));
    if (!forSpreadsheets) {
        QCOMPARE(url, result.url);
        QCOMPARE(body, QString::fromLatin1(result.body));
        return;
    }
    for (const QString &cell : {url, body}) {
        QCOMPARE(cell.size(), salvo::spreadsheetCellLimit);
        QVERIFY(cell.endsWith(salvo::spreadsheetCutMark()));
    }
    QVERIFY(body.startsWith(u"\",,,"));
    QCOMPARE(records->at(2).at(header.indexOf(u"url"_s)), notFound().url);
}

void TestResultWriter::bodiesAsTextOrBase64_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("encoding");

    const QString utf8 = u"utf-8"_s;
    const QString base64 = u"base64"_s;
    QTest::newRow("empty") << QByteArray() << utf8;
    QTest::newRow("ASCII") << "hello"_ba << utf8;
    QTest::newRow("JSON") << "{\"name\": \"caf\xC3\xA9\", \"list\": [1, 2]}\n"_ba << utf8;
    QTest::newRow("UTF-8 outside the BMP") << "\xF0\x9F\x98\x80 ok"_ba << utf8;
    QTest::newRow("UTF-8 with BOM") << "\xEF\xBB\xBFhello"_ba << utf8;
    QTest::newRow("NUL bytes") << "a\0b\0"_ba << utf8;
    QTest::newRow("line breaks and quotes") << "a,\"b\"\r\nc\n"_ba << utf8;
    QTest::newRow("one invalid byte") << "abc\xFF"_ba << base64;
    QTest::newRow("PNG header") << "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"_ba << base64;
    QTest::newRow("cut inside a character") << "caf\xC3"_ba << base64;
    QTest::newRow("overlong encoding") << "\xC0\xAF"_ba << base64;
    QTest::newRow("encoded surrogate") << "\xED\xA0\x80"_ba << base64;
    QTest::newRow("Latin-1 text") << "caf\xE9"_ba << base64;
    QByteArray everyByte;
    for (int byte = 0; byte < 256; ++byte)
        everyByte.append(char(byte));
    QTest::newRow("every byte value") << everyByte << base64;
}

void TestResultWriter::bodiesAsTextOrBase64()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, encoding);

    const auto decoded = [&](const QString &text) {
        if (encoding == u"utf-8")
            return text.toUtf8();
        return QByteArray::fromBase64(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    };
    Result result = answered();
    result.body = body;
    result.headers = {{"Content-Type", "application/json"}, {"Set-Cookie", "a=1"}};

    const std::optional<QList<QJsonObject>> objects
            = parseJsonLines(written(ResultFormat::JsonLines, {result}, true));
    QVERIFY(objects);
    QCOMPARE(objects->size(), 1);
    const QJsonObject object = objects->first();
    QCOMPARE(object.value(u"response_headers"_s).toVariant().toStringList(),
             (QStringList{u"Content-Type: application/json"_s, u"Set-Cookie: a=1"_s}));
    QCOMPARE(object.value(u"body_encoding"_s).toString(), encoding);
    QVERIFY(object.value(u"body"_s).isString());
    QCOMPARE(decoded(object.value(u"body"_s).toString()), body);

    const QByteArray csv = written(ResultFormat::Csv, {result}, true);
    const std::optional<QList<QStringList>> records = parseCsvStrictly(QString::fromUtf8(csv));
    QVERIFY2(records, csv.constData());
    QCOMPARE(records->size(), 2);
    QCOMPARE(records->at(0),
             QStringList(fieldNames) << u"response_headers"_s << u"body"_s << u"body_encoding"_s);
    QCOMPARE(records->at(1).constLast(), encoding);
    QCOMPARE(records->at(1).at(fieldNames.size()),
             u"Content-Type: application/json\nSet-Cookie: a=1"_s);
    QCOMPARE(decoded(records->at(1).at(fieldNames.size() + 1)), body);
}

void TestResultWriter::noBodiesUnlessAsked_data()
{
    QTest::addColumn<ResultFormat>("format");

    QTest::newRow("jsonl") << ResultFormat::JsonLines;
    QTest::newRow("json") << ResultFormat::Json;
    QTest::newRow("csv") << ResultFormat::Csv;
}

void TestResultWriter::noBodiesUnlessAsked()
{
    QFETCH(ResultFormat, format);

    Result result = answered();
    result.body = "secret body";
    const QByteArray bytes = written(format, {result}, false);

    QVERIFY2(!bytes.contains("secret body"), bytes.constData());
    QVERIFY2(!bytes.contains("body"), bytes.constData());
    QVERIFY(!salvo::resultToJson(result, false).contains(u"body"_s));
    QVERIFY(!salvo::resultToJson(result, false).contains(u"body_encoding"_s));
}

void TestResultWriter::runIdWhenGiven_data()
{
    QTest::addColumn<ResultFormat>("format");

    QTest::newRow("jsonl") << ResultFormat::JsonLines;
    QTest::newRow("json") << ResultFormat::Json;
    QTest::newRow("csv") << ResultFormat::Csv;
    QTest::newRow("table") << ResultFormat::Table;
}

// A run in the history: every record says which, the CSV in a last column (after the bodies)
// so that readers counting columns keep working; the table, for reading, leaves it out.
void TestResultWriter::runIdWhenGiven()
{
    QFETCH(ResultFormat, format);

    QVERIFY(!written(format, allResults(), true).contains("run_id"));
    const QByteArray bytes = written(format, allResults(), true, 42);
    QList<QJsonObject> records;
    switch (format) {
    case ResultFormat::JsonLines:
    case ResultFormat::Json:
        records = jsonRecords(format, bytes);
        break;
    case ResultFormat::Csv: {
        const QList<QStringList> rows = *parseCsvStrictly(QString::fromUtf8(bytes));
        const QStringList columns = fieldNames
                + QStringList{u"response_headers"_s, u"body"_s, u"body_encoding"_s, u"run_id"_s};
        QCOMPARE(rows.at(0), columns);
        for (const QStringList &row : rows.mid(1))
            records.append({{u"run_id"_s, row.constLast().toInt()}});
        break;
    }
    case ResultFormat::Table:
        QVERIFY(!bytes.contains("42"));
        return;
    }
    QCOMPARE(records.size(), allResults().size());
    for (const QJsonObject &record : std::as_const(records))
        QCOMPARE(record.value(u"run_id"_s).toInteger(), 42);
    QCOMPARE(salvo::resultToJson(answered(), false, 42).value(u"run_id"_s).toInteger(), 42);
    QVERIFY(!salvo::resultToJson(answered(), false).contains(u"run_id"_s));
}

void TestResultWriter::uncheckedCertificatesOnEveryRecord_data()
{
    runIdWhenGiven_data();
}

// salvo-cli --insecure: every record of every format says the certificates went unchecked.
void TestResultWriter::uncheckedCertificatesOnEveryRecord()
{
    QFETCH(ResultFormat, format);

    QList<Result> results = allResults();
    for (Result &result : results)
        result.certificatesUnchecked = true;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const std::unique_ptr<salvo::ResultWriter> writer
            = salvo::ResultWriter::create(format, &buffer, false, 0, false, true);
    for (const Result &result : std::as_const(results))
        writer->write(result);
    writer->finish();

    QList<QJsonObject> records;
    switch (format) {
    case ResultFormat::JsonLines:
    case ResultFormat::Json:
        records = jsonRecords(format, bytes);
        break;
    case ResultFormat::Csv: {
        const std::optional<QList<QStringList>> rows = parseCsvStrictly(QString::fromUtf8(bytes));
        QVERIFY2(rows, bytes.constData());
        QCOMPARE(rows->at(0), fieldNames + QStringList{u"certificates_checked"_s});
        for (const QStringList &row : rows->mid(1)) {
            QCOMPARE(row.size(), fieldNames.size() + 1);
            records.append({{u"certificates_checked"_s, row.constLast() == u"true"_s}});
        }
        break;
    }
    case ResultFormat::Table:
        QCOMPARE(bytes.count(salvo::uncheckedCertificatesLabel().toUtf8()), results.size());
        return;
    }
    QCOMPARE(records.size(), results.size());
    for (const QJsonObject &record : std::as_const(records))
        QCOMPARE(record.value(u"certificates_checked"_s), QJsonValue(false));
    // A run that checked them says nothing about it.
    QVERIFY(!written(format, allResults(), true).contains("certificates_checked"));
}

// A CSV input's own columns follow the extracted ones: in CSV each a column (a name one of
// Salvo's columns has already is marked), in JSON a `columns` object.
void TestResultWriter::inputColumnsBesideExtracted()
{
    Result row = answered();
    row.verdict = salvo::Verdict::Passed;
    row.extracted = {u"12.5"_s, QString()};
    row.columns = {u"A-1"_s, u"9.99"_s};
    const salvo::InspectionFields fields{.expects = true,
                                         .columns = {u"price"_s, u"status"_s},
                                         .inputColumns = {u"sku"_s, u"price"_s}};
    const auto write = [&](ResultFormat format) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        const std::unique_ptr<salvo::ResultWriter> writer
                = salvo::ResultWriter::create(format, &buffer, false, 0, false, false, fields);
        writer->write(row);
        writer->finish();
        return bytes;
    };
    const QList<QByteArray> lines = write(ResultFormat::Csv).trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].trimmed().endsWith(",passed,failed_expectations,price,status (extracted),sku,"
                                         "price (input)"),
             lines[0].constData());
    QVERIFY2(lines[1].trimmed().endsWith(",true,,12.5,,A-1,9.99"), lines[1].constData());

    const QJsonObject record
            = jsonRecords(ResultFormat::JsonLines, write(ResultFormat::JsonLines)).value(0);
    QCOMPARE(record[u"passed"_s].toBool(false), true);
    QCOMPARE(record[u"extracted"_s][u"price"_s].toString(), u"12.5"_s);
    QVERIFY(record[u"extracted"_s][u"status"_s].isNull());
    QCOMPARE(record[u"columns"_s].toObject(),
             (QJsonObject{{u"sku"_s, u"A-1"_s}, {u"price"_s, u"9.99"_s}}));
    // Without input columns there is no columns field.
    const QJsonObject plain = jsonRecords(ResultFormat::JsonLines,
                                          written(ResultFormat::JsonLines, {answered()}, false))
                                      .value(0);
    QVERIFY(!plain.contains(u"columns"_s));
}

QTEST_GUILESS_MAIN(TestResultWriter)
#include "tst_resultwriter.moc"
