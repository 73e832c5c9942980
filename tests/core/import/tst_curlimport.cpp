// curl commands as people paste them: 50 commands as browsers copy them (bash, then cmd),
// each read into the request curl would send; and what cannot be taken, said item by item.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "ImportTestSupport.h"

#include "import/CurlImport.h"
#include "import/ShellWords.h"

using namespace Qt::StringLiterals;
using salvo::ImportedRequest;
using salvo::ImportedRequests;

class TestCurlImport final : public QObject
{
    Q_OBJECT

private slots:
    void fiftyCommandsAsBrowsersCopyThem();
    void wordsAsTheShellSplitsThem_data();
    void wordsAsTheShellSplitsThem();
    void optionsNotUnderstoodAreNamed();
    void whatCannotBeTakenIsSkippedWithWhy();
    void onlyCurlLooksLikeCurl();
};

// tests/core/import/data/make-curl-commands.py writes both files from one list.
void TestCurlImport::fiftyCommandsAsBrowsersCopyThem()
{
    const QString text = QString::fromUtf8(readTestData(QFINDTESTDATA("data/curl-commands.txt")));
    const QJsonArray expected
            = QJsonDocument::fromJson(
                      readTestData(QFINDTESTDATA("data/curl-commands.expected.json")))
                      .array();
    QCOMPARE(expected.size(), 50);
    // The file holds both styles; each half is also pasted alone, as a person would.
    const qsizetype cmdStart = text.indexOf(u"curl ^\""_s);
    QVERIFY(cmdStart > 0);
    const QList<QStringView> halves{QStringView(text).first(cmdStart),
                                    QStringView(text).sliced(cmdStart)};
    QCOMPARE(salvo::guessShellStyle(halves.at(0)), salvo::ShellStyle::Posix);
    QCOMPARE(salvo::guessShellStyle(halves.at(1)), salvo::ShellStyle::Cmd);
    for (int half = 0; half < 2; ++half) {
        const ImportedRequests imported = salvo::importCurlCommands(halves.at(half));
        QVERIFY2(imported.skipped.isEmpty(), qPrintable(imported.skipped.value(0).reason));
        QVERIFY2(imported.warnings.isEmpty(), qPrintable(imported.warnings.join(u'\n')));
        QCOMPARE(imported.requests.size(), 25);
        for (int i = 0; i < 25; ++i) {
            const ImportedRequest want = requestFromJson(expected.at(half * 25 + i).toObject());
            QCOMPARE(describeRequest(imported.requests.at(i)), describeRequest(want));
        }
    }
}

void TestCurlImport::wordsAsTheShellSplitsThem_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("bash quotes") << u"curl -H \"a: \\\"b\\\" \\$x\" 'c d'\\''e' f\\ g"_s
                                 << QStringList{u"curl"_s, u"-H"_s, u"a: \"b\" $x"_s, u"c d'e"_s,
                                                u"f g"_s};
    QTest::newRow("ansi-c") << u"curl $'\\x41\\u00e9\\t\\'\\\\'"_s
                            << QStringList{u"curl"_s, u"A\u00e9\t'\\"_s};
    QTest::newRow("continuation") << u"curl \\\n  -I \\\r\n  x"_s
                                  << QStringList{u"curl"_s, u"-I"_s, u"x"_s};
    QTest::newRow("cmd carets") << u"curl ^\"a^&b \\^\"c\\^\"^\" ^\n  -I"_s
                                << QStringList{u"curl"_s, u"a&b \"c\""_s, u"-I"_s};
    QTest::newRow("cmd plain quotes")
            << u"curl \"https://x/?a=1&b=2\" -H \"x: \"\"y\"\"\""_s
            << QStringList{u"curl"_s, u"https://x/?a=1&b=2"_s, u"-H"_s, u"x: \"y\""_s};
}

void TestCurlImport::wordsAsTheShellSplitsThem()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    const auto style = command.contains(u"^"_s) || command.contains(u"\"\""_s)
            ? salvo::ShellStyle::Cmd
            : salvo::ShellStyle::Posix;
    const QList<salvo::ShellCommand> commands = salvo::splitShellCommands(command, style);
    QCOMPARE(commands.size(), 1);
    QCOMPARE(commands.first().words, words);
}

void TestCurlImport::optionsNotUnderstoodAreNamed()
{
    const ImportedRequests imported = salvo::importCurlCommands(
            u"curl -sSL --retry 3 -F file=@a.png --cert me.pem https://a.example/x\n"_s);
    QCOMPARE(imported.requests.size(), 1);
    QCOMPARE(imported.requests.first().url, u"https://a.example/x"_s);
    QCOMPARE(imported.warnings.size(), 1);
    const QString said = imported.warnings.first();
    for (const QString &option : {u"--retry"_s, u"-F"_s, u"--cert"_s})
        QVERIFY2(said.contains(option), qPrintable(said));
    QVERIFY2(said.contains(u"command 1 (line 1)"_s), qPrintable(said));
    // The values of options not understood are not taken for addresses.
    QVERIFY(!said.contains(u"-s"_s + u","_s));
}

void TestCurlImport::whatCannotBeTakenIsSkippedWithWhy()
{
    const ImportedRequests imported = salvo::importCurlCommands(u"curl https://a.example/1\n"
                                                                "wget https://a.example/2\n"
                                                                "curl -H 'x: y'\n"
                                                                "# a comment\n"
                                                                "curl 'https://a.example/3\n"_s);
    QCOMPARE(imported.requests.size(), 1);
    QCOMPARE(imported.skipped.size(), 3);
    QCOMPARE(imported.skipped.at(0).where, u"command 2 (line 2)"_s);
    QVERIFY(imported.skipped.at(0).reason.contains(u"not a curl command"_s));
    QVERIFY(imported.skipped.at(1).reason.contains(u"no address"_s));
    QCOMPARE(imported.skipped.at(2).where, u"command 4 (line 5)"_s);
    QVERIFY(imported.skipped.at(2).reason.contains(u"not closed"_s));
}

void TestCurlImport::onlyCurlLooksLikeCurl()
{
    QVERIFY(salvo::looksLikeCurlCommands(u"  curl 'https://a'"_s));
    QVERIFY(salvo::looksLikeCurlCommands(u"curl ^\"https://a^\""_s));
    QVERIFY(!salvo::looksLikeCurlCommands(u"https://a.example/curl x"_s));
    QVERIFY(!salvo::looksLikeCurlCommands(u"curling.example/a"_s));
}

QTEST_GUILESS_MAIN(TestCurlImport)
#include "tst_curlimport.moc"
