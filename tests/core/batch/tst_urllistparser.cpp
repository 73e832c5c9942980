#include <QRandomGenerator>
#include <QTest>

#include "batch/UrlListParser.h"

using namespace Qt::StringLiterals;

namespace {

// "3 https://a.example/ ok": line, text and outcome of a row, one string so a failed
// comparison shows the whole row.
QStringList describe(const QList<salvo::RequestSpec> &rows)
{
    QStringList described;
    for (const salvo::RequestSpec &row : rows) {
        const QString outcome = row.isRunnable() ? u"ok"_s : salvo::errorKindName(row.inputError);
        described.append(QString::number(row.line) + u' ' + row.text + u' ' + outcome);
    }
    return described;
}

QByteArray utf16LeWithBom(const QString &text)
{
    QByteArray bytes("\xFF\xFE");
    for (const QChar c : text)
        bytes.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
    return bytes;
}

// Random bytes with many line breaks among them; never a byte order mark at the start.
QByteArray garbage(quint32 seed, int size)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes) {
        const quint32 roll = random.bounded(20u);
        byte = roll == 0 ? '\n' : roll == 1 ? '\r' : char(random.bounded(256u));
    }
    bytes[0] = 'x';
    return bytes;
}

// The 1-based numbers of the lines that should become rows, found byte by byte: lines end at
// LF, CRLF or CR, and a line is a row unless it is blank or starts with '#'.
QList<int> expectedRowLines(const QByteArray &bytes)
{
    QList<int> lines;
    int number = 0;
    qsizetype start = 0;
    const auto endLine = [&](qsizetype end) {
        ++number;
        const QString text = QString::fromUtf8(bytes.mid(start, end - start)).trimmed();
        if (!text.isEmpty() && !text.startsWith(u'#'))
            lines.append(number);
    };
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) != '\n' && bytes.at(i) != '\r')
            continue;
        endLine(i);
        if (bytes.at(i) == '\r' && i + 1 < bytes.size() && bytes.at(i + 1) == '\n')
            ++i;
        start = i + 1;
    }
    if (start < bytes.size())
        endLine(bytes.size());
    return lines;
}

} // namespace

class TestUrlListParser final : public QObject
{
    Q_OBJECT

private slots:
    void eachLineIsOneRow_data();
    void eachLineIsOneRow();
    void rowsKeepWhatWentWrong();
    void garbageGivesOneRowPerLine_data();
    void garbageGivesOneRowPerLine();
    void utf16GarbageDoesNotCrash();
};

void TestUrlListParser::eachLineIsOneRow_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty input") << QByteArray() << QStringList();
    QTest::newRow("only blank lines and comments")
            << "\n  \n# a comment\n\t# indented comment\n\t\n"_ba << QStringList();
    QTest::newRow("one address, no final newline")
            << "https://a.example/"_ba << QStringList{u"1 https://a.example/ ok"_s};
    QTest::newRow("comment and blank line before the address")
            << "# c\n\nhttp://a.test/\n"_ba << QStringList{u"3 http://a.test/ ok"_s};
    QTest::newRow("blank lines and comments between addresses")
            << "# list\n\nhttps://a.example/\n   \n#https://skipped.example/\nhttps://b.example/\n"_ba
            << QStringList{u"3 https://a.example/ ok"_s, u"6 https://b.example/ ok"_s};
    QTest::newRow("CRLF") << "https://a.example/\r\n\r\nhttps://b.example/\r\n"_ba
                          << QStringList{u"1 https://a.example/ ok"_s,
                                         u"3 https://b.example/ ok"_s};
    QTest::newRow("CR") << "https://a.example/\r# c\rhttps://b.example/"_ba
                        << QStringList{u"1 https://a.example/ ok"_s, u"3 https://b.example/ ok"_s};
    QTest::newRow("UTF-8 BOM before the first address")
            << "\xEF\xBB\xBFhttps://a.example/\nhttps://b.example/\n"_ba
            << QStringList{u"1 https://a.example/ ok"_s, u"2 https://b.example/ ok"_s};
    QTest::newRow("UTF-8 BOM before a comment") << "\xEF\xBB\xBF# urls\nhttps://a.example/\n"_ba
                                                << QStringList{u"2 https://a.example/ ok"_s};
    QTest::newRow("UTF-16LE BOM, CRLF")
            << utf16LeWithBom(u"https://a.example/\r\n# c\r\nhttps://b.example/é\r\n"_s)
            << QStringList{u"1 https://a.example/ ok"_s, u"3 https://b.example/é ok"_s};
    QTest::newRow("whitespace around an address")
            << "  https://a.example/ \t\n"_ba << QStringList{u"1 https://a.example/ ok"_s};
    QTest::newRow("a # later in the line is a fragment, not a comment")
            << "https://a.example/#top\n"_ba << QStringList{u"1 https://a.example/#top ok"_s};
    QTest::newRow("duplicates are separate rows")
            << "https://a.example/\nhttps://a.example/\n"_ba
            << QStringList{u"1 https://a.example/ ok"_s, u"2 https://a.example/ ok"_s};
    QTest::newRow("invalid lines stay rows")
            << "https://a.example/\nnot a url\nftp://files.example/x\n\nhttp://\nexample.com:80\n"_ba
            << QStringList{u"1 https://a.example/ ok"_s, u"2 not a url invalid_url"_s,
                           u"3 ftp://files.example/x unsupported_scheme"_s,
                           u"5 http:// invalid_url"_s, u"6 https://example.com:80 ok"_s};
}

void TestUrlListParser::eachLineIsOneRow()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);

    QCOMPARE(describe(salvo::parseUrlList(input)), expected);
}

void TestUrlListParser::rowsKeepWhatWentWrong()
{
    const QList<salvo::RequestSpec> rows
            = salvo::parseUrlList("https://a.example/x\nmailto:me@example.com\n"_ba);

    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).url, QUrl(u"https://a.example/x"_s));
    QVERIFY(rows.at(0).inputErrorMessage.isEmpty());
    QVERIFY(rows.at(1).url.isEmpty());
    QVERIFY(!rows.at(1).inputErrorMessage.isEmpty());
}

void TestUrlListParser::garbageGivesOneRowPerLine_data()
{
    QTest::addColumn<QByteArray>("input");

    for (const quint32 seed : {1u, 2u, 3u, 42u, 2024u})
        QTest::addRow("random bytes, seed %u", seed) << garbage(seed, 64 * 1024);
    QByteArray everyByte;
    for (int repeat = 0; repeat < 4; ++repeat) {
        for (int byte = 0; byte < 256; ++byte)
            everyByte.append(char(byte));
    }
    everyByte[0] = 'x';
    QTest::newRow("every byte value") << everyByte;
    QTest::newRow("NUL bytes") << "\0\0\n\0https://a.example/\n\0"_ba;
    QTest::newRow("truncated UTF-8 before line breaks") << "\xC3\n\xE2\x82\r\n\xF0\x9F\x98\r"_ba;
}

void TestUrlListParser::garbageGivesOneRowPerLine()
{
    QFETCH(QByteArray, input);

    const QList<salvo::RequestSpec> rows = salvo::parseUrlList(input);

    QVERIFY(!rows.isEmpty());
    QList<int> lines;
    for (const salvo::RequestSpec &row : rows) {
        lines.append(row.line);
        QCOMPARE(row.url.isEmpty(), !row.isRunnable());
        QCOMPARE(row.inputErrorMessage.isEmpty(), row.isRunnable());
    }
    QCOMPARE(lines, expectedRowLines(input));
}

void TestUrlListParser::utf16GarbageDoesNotCrash()
{
    QByteArray input = garbage(7, 64 * 1024);
    input[0] = '\xFF';
    input[1] = '\xFE';

    const QList<salvo::RequestSpec> rows = salvo::parseUrlList(input);

    QVERIFY(!rows.isEmpty());
    int previous = 0;
    for (const salvo::RequestSpec &row : rows) {
        QVERIFY2(row.line > previous, "line numbers must rise");
        previous = row.line;
        QCOMPARE(row.url.isEmpty(), !row.isRunnable());
    }
}

QTEST_GUILESS_MAIN(TestUrlListParser)
#include "tst_urllistparser.moc"
