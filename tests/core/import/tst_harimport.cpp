// HAR files as browsers save them: 500 entries of a shop (pages, API calls, a posted form,
// images, scripts, a Firefox entry or two), each compared with the request it should be; the
// hosts and kinds chosen in the dialog; and what cannot be sent, skipped with why.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "ImportTestSupport.h"

#include "import/HarImport.h"

using namespace Qt::StringLiterals;
using salvo::ImportedRequest;
using salvo::ImportedRequests;

class TestHarImport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyEntryAsTheBrowserSentIt();
    void theChosenHostsAndKindsOnly();
    void contentsForTheDialog();
    void cookiesWhenAskedFor();
    void whatIsNotHarSaysSo();

private:
    QByteArray m_har;
    QJsonObject m_expected;
};

// tests/core/import/data/make-har.py writes both files.
void TestHarImport::initTestCase()
{
    m_har = readTestData(QFINDTESTDATA("data/shop.har"));
    m_expected = QJsonDocument::fromJson(readTestData(QFINDTESTDATA("data/shop.expected.json")))
                         .object();
    QVERIFY(salvo::looksLikeHar(m_har));
}

void TestHarImport::everyEntryAsTheBrowserSentIt()
{
    const ImportedRequests imported = salvo::importHar(m_har);
    const QJsonArray expected = m_expected[u"all"_s].toArray();
    QCOMPARE(imported.requests.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(describeRequest(imported.requests.at(i)),
                 describeRequest(requestFromJson(expected.at(i).toObject())));
    // data:, blob: and wss: entries, each named with why.
    QCOMPARE(imported.skipped.size(), 3);
    const QJsonArray skipped = m_expected[u"skipped"_s].toArray();
    for (qsizetype i = 0; i < skipped.size(); ++i)
        QCOMPARE(imported.skipped.at(i).where, u"entry %1"_s.arg(skipped.at(i).toInt()));
    QVERIFY(imported.skipped.at(2).reason.contains(u"WebSocket"_s));
    QCOMPARE(imported.requests.size() + imported.skipped.size(), 500);
}

void TestHarImport::theChosenHostsAndKindsOnly()
{
    const ImportedRequests imported = salvo::importHar(
            m_har, {.domains = {u"api.shop.example"_s}, .types = {u"xhr"_s, u"fetch"_s}});
    const QJsonArray expected = m_expected[u"api"_s].toArray();
    QCOMPARE(imported.requests.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(describeRequest(imported.requests.at(i)),
                 describeRequest(requestFromJson(expected.at(i).toObject())));
    QCOMPARE(imported.warnings.size(), 1);
    QVERIFY2(imported.warnings.first().contains(QString::number(497 - expected.size())),
             qPrintable(imported.warnings.first()));
}

void TestHarImport::contentsForTheDialog()
{
    const salvo::HarContents contents = salvo::harContents(m_har);
    QCOMPARE(contents.entries, 500);
    QVERIFY(contents.domains.contains(u"api.shop.example"_s));
    QVERIFY(contents.domains.contains(u"cdn.shop.example"_s));
    int counted = 0;
    for (const int count : contents.types)
        counted += count;
    // The three entries skipped whatever is chosen (data:, blob:, wss:) are no choice.
    QCOMPARE(counted, 497);
    QCOMPARE(contents.types.value(u"image"_s), 47);
    QVERIFY(!contents.domains.contains(QString()));
}

void TestHarImport::cookiesWhenAskedFor()
{
    const ImportedRequests imported = salvo::importHar(m_har, {.keepCookies = true});
    const auto &headers = imported.requests.first().headers;
    QVERIFY(std::any_of(headers.cbegin(), headers.cend(), [](const auto &header) {
        return header.first == "cookie" && header.second == "session=abc123; consent=yes";
    }));
}

void TestHarImport::whatIsNotHarSaysSo()
{
    QVERIFY(!salvo::looksLikeHar("https://a.example/\n"));
    const ImportedRequests notJson = salvo::importHar("{\"log\": ");
    QCOMPARE(notJson.skipped.size(), 1);
    QVERIFY(notJson.skipped.first().reason.contains(u"not JSON"_s));
    const ImportedRequests noEntries = salvo::importHar("{\"log\": {\"version\": \"1.2\"}}");
    QCOMPARE(noEntries.skipped.size(), 1);
    QVERIFY(noEntries.skipped.first().reason.contains(u"log.entries"_s));
    QVERIFY(noEntries.requests.isEmpty());
}

QTEST_GUILESS_MAIN(TestHarImport)
#include "tst_harimport.moc"
