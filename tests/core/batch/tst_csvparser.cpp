#include <QTest>

#include "batch/BatchInput.h"
#include "batch/CsvParser.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;

namespace {

// "2:[a][b]": a record's first line and its fields, one string so a failed comparison shows
// the whole record.
QStringList describe(const QList<salvo::CsvRecord> &records)
{
    QStringList described;
    for (const salvo::CsvRecord &record : records) {
        QString text = QString::number(record.line) + u':';
        for (const QString &field : record.fields)
            text += u'[' + field + u']';
        described.append(text);
    }
    return described;
}

// "2 https://a.example/ ok": line, address and outcome of each row.
QStringList describe(const QList<salvo::RequestSpec> &rows)
{
    QStringList described;
    for (const salvo::RequestSpec &row : rows) {
        const QString outcome = row.isRunnable() ? u"ok"_s : salvo::errorKindName(row.inputError);
        described.append(QString::number(row.line) + u' ' + row.text + u' ' + outcome);
    }
    return described;
}

} // namespace

class TestCsvParser final : public QObject
{
    Q_OBJECT

private slots:
    void readsRecords_data();
    void readsRecords();
    void malformedInputDoesNotCrash_data();
    void malformedInputDoesNotCrash();

    void rowsFromUrlColumn_data();
    void rowsFromUrlColumn();
    void rowsFromTemplate_data();
    void rowsFromTemplate();
    void rejectsUnusableHeader_data();
    void rejectsUnusableHeader();
    void headerOnlyGivesNoRows_data();
    void headerOnlyGivesNoRows();
    void rowsTakeMethodAndBody();
    void invalidMethodCellIsRowError_data();
    void invalidMethodCellIsRowError();
    void ownColumnsAreCarried_data();
    void ownColumnsAreCarried();
    void filesWithOtherColumnsLineUp();
};

void TestCsvParser::readsRecords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << QByteArray() << QStringList();
    QTest::newRow("comma") << "url,method\nhttps://a.example/,GET\n"_ba
                           << QStringList{u"1:[url][method]"_s, u"2:[https://a.example/][GET]"_s};
    QTest::newRow("no final newline") << "url\nhttps://a.example/"_ba
                                      << QStringList{u"1:[url]"_s, u"2:[https://a.example/]"_s};
    QTest::newRow("CRLF") << "a,b\r\nc,d\r\n"_ba << QStringList{u"1:[a][b]"_s, u"2:[c][d]"_s};
    QTest::newRow("CR") << "a,b\rc,d\r"_ba << QStringList{u"1:[a][b]"_s, u"2:[c][d]"_s};
    QTest::newRow("semicolon") << "url;note\nhttps://a.example/?x=1,2;a, b\n"_ba
                               << QStringList{u"1:[url][note]"_s,
                                              u"2:[https://a.example/?x=1,2][a, b]"_s};
    QTest::newRow("tab") << "url\tnote\nhttps://a.example/?x=1,2;3\ta; b\n"_ba
                         << QStringList{u"1:[url][note]"_s,
                                        u"2:[https://a.example/?x=1,2;3][a; b]"_s};
    QTest::newRow("quoted separator")
            << "a,b\n\"x,y\",z\n"_ba << QStringList{u"1:[a][b]"_s, u"2:[x,y][z]"_s};
    QTest::newRow("escaped quotes") << "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n"_ba
                                    << QStringList{u"1:[a][b]"_s, u"2:[say \"hi\"][\"]"_s};
    QTest::newRow("empty quoted fields")
            << "a,b,c\n\"\",x,\"\"\n"_ba << QStringList{u"1:[a][b][c]"_s, u"2:[][x][]"_s};
    QTest::newRow("empty last field") << "a,b\nx,\n"_ba << QStringList{u"1:[a][b]"_s, u"2:[x][]"_s};
    QTest::newRow("LF inside quotes")
            << "a,b\n\"line 1\nline 2\",x\nnext,y\n"_ba
            << QStringList{u"1:[a][b]"_s, u"2:[line 1\nline 2][x]"_s, u"4:[next][y]"_s};
    QTest::newRow("CRLF inside quotes")
            << "a,b\r\n\"line 1\r\nline 2\",x\r\nnext,y\r\n"_ba
            << QStringList{u"1:[a][b]"_s, u"2:[line 1\r\nline 2][x]"_s, u"4:[next][y]"_s};
    QTest::newRow("CR inside quotes")
            << "a,b\r\"line 1\rline 2\",x\rnext,y\r"_ba
            << QStringList{u"1:[a][b]"_s, u"2:[line 1\rline 2][x]"_s, u"4:[next][y]"_s};
    QTest::newRow("several line breaks inside quotes")
            << "h\n\"a\n\nb\"\n\"c\nd\"\nz\n"_ba
            << QStringList{u"1:[h]"_s, u"2:[a\n\nb]"_s, u"5:[c\nd]"_s, u"7:[z]"_s};
    QTest::newRow("blank lines skipped")
            << "a\n\n   \nb\r\n\r\nc\n"_ba << QStringList{u"1:[a]"_s, u"4:[b]"_s, u"6:[c]"_s};
    QTest::newRow("UTF-8 BOM") << "\xEF\xBB\xBFurl\ncaf\xC3\xA9\n"_ba
                               << QStringList{u"1:[url]"_s, u"2:[café]"_s};
    QTest::newRow("unclosed quote runs to the end")
            << "a,b\nx,\"never closed\nnext,y\n"_ba
            << QStringList{u"1:[a][b]"_s, u"2:[x][never closed\nnext,y\n]"_s};
}

void TestCsvParser::readsRecords()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);

    QCOMPARE(describe(salvo::readCsvRecords(input)), expected);
}

void TestCsvParser::malformedInputDoesNotCrash_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::newRow("lone quote") << "\""_ba;
    QTest::newRow("three quotes") << "\"\"\""_ba;
    QTest::newRow("quote after a line break") << "url\n\""_ba;
    QTest::newRow("quote then CR") << "\"\r"_ba;
    QTest::newRow("quote inside an unquoted field") << "url\na\"b\"c,\"d\"e\"\n"_ba;
    QTest::newRow("separators only") << ",,,\n;;;\n\t\t\n"_ba;
    QTest::newRow("binary") << "\x00\xFF\"\xFE\n\r\"\x01,\x80\r\r\n"_ba;
}

void TestCsvParser::malformedInputDoesNotCrash()
{
    QFETCH(QByteArray, input);

    const QList<salvo::CsvRecord> records = salvo::readCsvRecords(input);
    int previous = 0;
    for (const salvo::CsvRecord &record : records) {
        QVERIFY2(record.line > previous, "records start on rising lines");
        previous = record.line;
    }
    const salvo::Expected<salvo::CsvBatch> rows = salvo::parseCsvBatch(input, u"{+url}"_s);
    if (rows)
        QCOMPARE(rows->rows.size(), std::max<qsizetype>(records.size() - 1, 0));
}

void TestCsvParser::rowsFromUrlColumn_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("url column only")
            << "url\nhttps://a.example/\nhttps://b.example/\n"_ba
            << QStringList{u"2 https://a.example/ ok"_s, u"3 https://b.example/ ok"_s};
    QTest::newRow("URL in capitals, not first") << "id,URL,name\n1,https://a.example/,A\n"_ba
                                                << QStringList{u"2 https://a.example/ ok"_s};
    QTest::newRow("Url with spaces around the name") << "id, Url ,name\n1,https://a.example/,A\n"_ba
                                                     << QStringList{u"2 https://a.example/ ok"_s};
    QTest::newRow("semicolon") << "id;url\n1;https://a.example/?x=1,2\n"_ba
                               << QStringList{u"2 https://a.example/?x=1,2 ok"_s};
    QTest::newRow("tab") << "id\turl\n1\thttps://a.example/?x=1,2;3\n"_ba
                         << QStringList{u"2 https://a.example/?x=1,2;3 ok"_s};
    QTest::newRow("CRLF and BOM") << "\xEF\xBB\xBFurl,id\r\nhttps://a.example/,1\r\n"_ba
                                  << QStringList{u"2 https://a.example/ ok"_s};
    QTest::newRow("quoted url with a comma") << "url,id\n\"https://a.example/?x=1,2\",1\n"_ba
                                             << QStringList{u"2 https://a.example/?x=1,2 ok"_s};
    QTest::newRow("blank lines skipped, lines kept")
            << "url\n\nhttps://a.example/\n\n\nhttps://b.example/\n"_ba
            << QStringList{u"3 https://a.example/ ok"_s, u"6 https://b.example/ ok"_s};
    QTest::newRow("record after a multi-line cell starts on its own line")
            << "url,body\nhttps://a.example/,\"{\n  \"\"a\"\": 1\n}\"\nhttps://b.example/,x\n"_ba
            << QStringList{u"2 https://a.example/ ok"_s, u"5 https://b.example/ ok"_s};
    QTest::newRow("short rows") << "id,name,url\n1\n2,B,https://b.example/\n3,C\n"_ba
                                << QStringList{u"2  invalid_url"_s, u"3 https://b.example/ ok"_s,
                                               u"4  invalid_url"_s};
    QTest::newRow("invalid addresses stay rows")
            << "url,id\nnot a url,1\nftp://a.example/,2\n,3\n"_ba
            << QStringList{u"2 not a url invalid_url"_s, u"3 ftp://a.example/ unsupported_scheme"_s,
                           u"4  invalid_url"_s};
    QTest::newRow("unclosed quote at the end")
            << "url,body\nhttps://a.example/,\"never closed\nhttps://b.example/,x\n"_ba
            << QStringList{u"2 https://a.example/ ok"_s};
}

void TestCsvParser::rowsFromUrlColumn()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);

    const salvo::Expected<salvo::CsvBatch> rows = salvo::parseCsvBatch(input);

    QVERIFY_RESULT(rows);
    QCOMPARE(describe(rows->rows), expected);
    for (const salvo::RequestSpec &row : rows->rows) {
        QCOMPARE(row.url.isEmpty(), !row.isRunnable());
        QCOMPARE(row.inputErrorMessage.isEmpty(), row.isRunnable());
    }
}

void TestCsvParser::rowsFromTemplate_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("one column") << "id\n1\na/b\n"_ba << u"https://api.example/items/{id}"_s
                                << QStringList{u"2 https://api.example/items/1 ok"_s,
                                               u"3 https://api.example/items/a%2Fb ok"_s};
    QTest::newRow("two columns, header in capitals")
            << "Shop,ID,ignored\nmy shop,7,x\nb,caf\xC3\xA9,y\n"_ba
            << u"https://api.example/{shop}/items/{id}"_s
            << QStringList{u"2 https://api.example/my%20shop/items/7 ok"_s,
                           u"3 https://api.example/b/items/caf%C3%A9 ok"_s};
    QTest::newRow("cells are trimmed") << "id\n  42  \n"_ba << u"https://api.example/{id}"_s
                                       << QStringList{u"2 https://api.example/42 ok"_s};
    QTest::newRow("reserved placeholder")
            << "path\na/b?c=1\n"_ba << u"https://api.example/{+path}"_s
            << QStringList{u"2 https://api.example/a/b?c=1 ok"_s};
    QTest::newRow("template wins over a url column")
            << "url,id\nhttps://ignored.example/,5\n"_ba << u"https://api.example/{id}"_s
            << QStringList{u"2 https://api.example/5 ok"_s};
    QTest::newRow("template with url placeholder") << "url\nhttps://a.example/\n"_ba << u"{+url}"_s
                                                   << QStringList{u"2 https://a.example/ ok"_s};
    QTest::newRow("short row fills as empty") << "a,b\n1\n"_ba << u"https://api.example/{a}/{b}"_s
                                              << QStringList{u"2 https://api.example/1/ ok"_s};
}

void TestCsvParser::rowsFromTemplate()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, pattern);
    QFETCH(QStringList, expected);

    const salvo::Expected<salvo::CsvBatch> rows = salvo::parseCsvBatch(input, pattern);

    QVERIFY_RESULT(rows);
    QCOMPARE(describe(rows->rows), expected);
}

void TestCsvParser::rejectsUnusableHeader_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("mentioned"); // what the message must name

    QTest::newRow("no url column, no template")
            << "id,address\n1,https://a.example/\n"_ba << QString() << u"url"_s;
    QTest::newRow("template names a missing column")
            << "id,name\n1,a\n"_ba << u"https://api.example/{sku}"_s << u"sku"_s;
    QTest::newRow("template names a missing column, header only")
            << "id\n"_ba << u"https://api.example/{id}/{Sku}"_s << u"sku"_s;
    QTest::newRow("template without placeholder")
            << "id\n1\n"_ba << u"https://api.example/items"_s << u"placeholder"_s;
    QTest::newRow("template with unclosed brace")
            << "id\n1\n"_ba << u"https://api.example/{id"_s << u"{"_s;
}

void TestCsvParser::rejectsUnusableHeader()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, pattern);
    QFETCH(QString, mentioned);

    const salvo::Expected<salvo::CsvBatch> rows = salvo::parseCsvBatch(input, pattern);

    QVERIFY(!rows.hasValue());
    QVERIFY_ERROR_SAYS(rows, mentioned);
}

void TestCsvParser::headerOnlyGivesNoRows_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("pattern");

    QTest::newRow("url, newline") << "url,method\n"_ba << QString();
    QTest::newRow("url, no newline") << "url"_ba << QString();
    QTest::newRow("url, blank lines after") << "url\r\n\r\n\r\n"_ba << QString();
    QTest::newRow("template") << "id\n"_ba << u"https://api.example/{id}"_s;
}

void TestCsvParser::headerOnlyGivesNoRows()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, pattern);

    const salvo::Expected<salvo::CsvBatch> rows = salvo::parseCsvBatch(input, pattern);

    QVERIFY_RESULT(rows);
    QVERIFY(rows->rows.isEmpty());
}

void TestCsvParser::rowsTakeMethodAndBody()
{
    const QByteArray input = "url,Method,BODY\n"
                             "https://a.example/,post,\"{\"\"name\"\": \"\"caf\xC3\xA9\"\"}\"\n"
                             "https://b.example/,,\n"
                             "https://c.example/, DELETE ,\"line 1\nline 2\"\n"
                             "https://d.example/\n"_ba;

    const salvo::Expected<salvo::CsvBatch> parsed = salvo::parseCsvBatch(input);
    QVERIFY(parsed.hasValue());
    salvo::BatchSpec batch;
    batch.rows = parsed->rows;
    batch.method = "PUT";
    batch.body = "batch body";

    QCOMPARE(describe(batch.rows.toList()),
             (QStringList{u"2 https://a.example/ ok"_s, u"3 https://b.example/ ok"_s,
                          u"4 https://c.example/ ok"_s, u"6 https://d.example/ ok"_s}));
    QCOMPARE(batch.methodFor(batch.rows.at(0)), "POST");
    QCOMPARE(batch.bodyFor(batch.rows.at(0)), "{\"name\": \"caf\xC3\xA9\"}");
    QCOMPARE(batch.methodFor(batch.rows.at(1)), "PUT");
    QCOMPARE(batch.bodyFor(batch.rows.at(1)), "batch body"); // empty cells say nothing
    QCOMPARE(batch.methodFor(batch.rows.at(2)), "DELETE");
    QCOMPARE(batch.bodyFor(batch.rows.at(2)), "line 1\nline 2");
    // A record too short to reach the body column sends the batch's method and body.
    QCOMPARE(batch.methodFor(batch.rows.at(3)), "PUT");
    QCOMPARE(batch.bodyFor(batch.rows.at(3)), "batch body");
}

void TestCsvParser::invalidMethodCellIsRowError_data()
{
    QTest::addColumn<QString>("method");

    QTest::newRow("space inside") << u"GE T"_s;
    QTest::newRow("slash") << u"GET/1"_s;
    QTest::newRow("parenthesis") << u"GET()"_s;
    QTest::newRow("non-ASCII") << u"GÉT"_s;
}

void TestCsvParser::invalidMethodCellIsRowError()
{
    QFETCH(QString, method);
    const QByteArray input = "url,method\nhttps://a.example/,\"" + method.toUtf8()
            + "\"\nhttps://b.example/,GET\n";

    const salvo::Expected<salvo::CsvBatch> rows = salvo::parseCsvBatch(input);

    QVERIFY(rows.hasValue());
    QCOMPARE(rows->rows.size(), 2);
    const salvo::RequestSpec &bad = rows->rows.at(0);
    QCOMPARE(bad.line, 2);
    QVERIFY(!bad.isRunnable());
    QVERIFY(bad.url.isEmpty());
    QVERIFY2(bad.inputErrorMessage.contains(method), qPrintable(bad.inputErrorMessage));
    QVERIFY(rows->rows.at(1).isRunnable());
}

void TestCsvParser::ownColumnsAreCarried_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("firstRow");

    QTest::newRow("beside the url, Salvo's columns left out")
            << "sku,url,Name,method,expect_status\nA-1,https://a.example/1,Mug,GET,200\n"_ba
            << QString() << QStringList{u"sku"_s, u"Name"_s} << QStringList{u"A-1"_s, u"Mug"_s};
    // The column a template reads is the row's own too: it names the row.
    QTest::newRow("the template's column")
            << "id;shop\n7;north\n"_ba << u"https://a.example/{id}"_s
            << QStringList{u"id"_s, u"shop"_s} << QStringList{u"7"_s, u"north"_s};
    QTest::newRow("a short record has empty cells")
            << "url,sku,price\nhttps://a.example/1,A-1\n"_ba << QString()
            << QStringList{u"sku"_s, u"price"_s} << QStringList{u"A-1"_s, QString()};
    QTest::newRow("a nameless column is left out, a repeated name kept once")
            << "url,,sku,sku\nhttps://a.example/1,x,A-1,A-2\n"_ba << QString()
            << QStringList{u"sku"_s} << QStringList{u"A-1"_s};
    QTest::newRow("only Salvo's columns") << "URL,Body\nhttps://a.example/1,x\n"_ba << QString()
                                          << QStringList() << QStringList();
}

void TestCsvParser::ownColumnsAreCarried()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, pattern);
    QFETCH(QStringList, names);
    QFETCH(QStringList, firstRow);
    const salvo::Expected<salvo::BatchRows> rows
            = salvo::parseBatchInput(salvo::InputKind::Csv, input, pattern);
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->columnNames(), names);
    QCOMPARE(rows->at(0).columns, firstRow);
    QCOMPARE(rows->written(0).columns, firstRow);
}

// Two CSV files with different columns make one batch: each row's cells go under their own
// names, and a name one file lacks is empty in its rows.
void TestCsvParser::filesWithOtherColumnsLineUp()
{
    salvo::BatchRows rows = salvo::parseBatchInput(salvo::InputKind::Csv,
                                                   "url,sku,name\nhttps://a.example/1,A-1,Mug\n")
                                    .value();
    rows.append(salvo::parseBatchInput(salvo::InputKind::Csv,
                                       "name,url,colour\nCup,https://a.example/2,red\n")
                        .value());
    rows.append(salvo::parseBatchInput(salvo::InputKind::UrlList, "https://a.example/3\n").value());
    QCOMPARE(rows.columnNames(), (QStringList{u"sku"_s, u"name"_s, u"colour"_s}));
    QCOMPARE(rows.at(0).columns, (QStringList{u"A-1"_s, u"Mug"_s}));
    QCOMPARE(rows.at(1).columns, (QStringList{QString(), u"Cup"_s, u"red"_s}));
    QCOMPARE(rows.written(1).columns, (QStringList{QString(), u"Cup"_s, u"red"_s}));
    QCOMPARE(rows.at(2).columns, QStringList());
    // A view on some rows keeps their columns.
    const salvo::BatchRows picked = rows.picked({1});
    QCOMPARE(picked.columnNames(), rows.columnNames());
    QCOMPARE(picked.at(0).columns, (QStringList{QString(), u"Cup"_s, u"red"_s}));
}

QTEST_GUILESS_MAIN(TestCsvParser)
#include "tst_csvparser.moc"
