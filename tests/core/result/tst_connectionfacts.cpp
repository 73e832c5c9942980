// How an answer came, as the history keeps it: every fact back as it was written, and the
// certificate only with the answer whose connection read it.

#include <QTest>

#include "result/ConnectionFacts.h"

using namespace salvo;
using namespace Qt::StringLiterals;

class TestConnectionFacts final : public QObject
{
    Q_OBJECT

private slots:
    void aNewConnectionKeepsEveryFact()
    {
        const ConnectionFacts facts{.httpVersion = u"h2"_s,
                                    .remoteAddress = u"[2001:db8::1]:443"_s,
                                    .dnsMs = 0,
                                    .connectMs = 4,
                                    .tlsMs = 11,
                                    .certificateSubject = u"CN = \"quoted\" example"_s,
                                    .certificateIssuer = u"O = Example CA"_s,
                                    .certificateExpires = QDate(2027, 1, 6)};
        QCOMPARE(connectionFactsFromText(connectionFactsToText(facts)), facts);
    }

    void aKeptOpenConnectionLeavesTheCertificateOut()
    {
        const ConnectionFacts reused{.httpVersion = u"http/1.1"_s,
                                     .remoteAddress = u"127.0.0.1:8443"_s,
                                     .certificateSubject = u"CN = localhost"_s,
                                     .certificateIssuer = u"CN = Test CA"_s,
                                     .certificateExpires = QDate(2027, 1, 6)};
        const QString text = connectionFactsToText(reused);
        QVERIFY2(!text.contains(u"localhost"), qPrintable(text));
        const ConnectionFacts read = connectionFactsFromText(text);
        QCOMPARE(read.httpVersion, reused.httpVersion);
        QCOMPARE(read.remoteAddress, reused.remoteAddress);
        QVERIFY(!read.certificateExpires.isValid());
        QCOMPARE(read.connectMs, -1);
    }

    void nothingKnownIsNothingKept()
    {
        QVERIFY(connectionFactsToText({}).isEmpty());
        QCOMPARE(connectionFactsFromText({}), ConnectionFacts());
        QCOMPARE(connectionFactsFromText(u"not json"_s), ConnectionFacts());
    }
};

QTEST_GUILESS_MAIN(TestConnectionFacts)
#include "tst_connectionfacts.moc"
