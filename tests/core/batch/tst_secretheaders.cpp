// The secret-header rule: which headers carry a credential, how a batch's headers split by it,
// and how headers a file or the history did not keep are filled in again by name.

#include <QTest>

#include "batch/SecretHeaders.h"

using namespace salvo;

class TestSecretHeaders final : public QObject
{
    Q_OBJECT

private slots:
    void isSecretHeader_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("Authorization") << QByteArray("Authorization") << true;
        QTest::newRow("any case") << QByteArray("proxy-AUTHORIZATION") << true;
        QTest::newRow("Cookie") << QByteArray("Cookie") << true;
        QTest::newRow("an api key") << QByteArray("X-Api-Key") << true;
        QTest::newRow("a token") << QByteArray("X-Auth-Token") << true;
        QTest::newRow("a session") << QByteArray("X-Session-Id") << true;
        QTest::newRow("Accept") << QByteArray("Accept") << false;
        QTest::newRow("Content-Type") << QByteArray("Content-Type") << false;
        QTest::newRow("a trace id") << QByteArray("X-Trace") << false;
    }

    void isSecretHeader()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, secret);
        QCOMPARE(salvo::isSecretHeader(name), secret);
    }

    void splitKeepsEachSidesOrder()
    {
        const SplitHeaders split = splitSecretHeaders(
                {{"Accept", "a"}, {"Authorization", "b"}, {"X-Trace", "c"}, {"Cookie", "d"}});
        QCOMPARE(split.kept, (HeaderList{{"Accept", "a"}, {"X-Trace", "c"}}));
        QCOMPARE(split.secret, (HeaderList{{"Authorization", "b"}, {"Cookie", "d"}}));
    }

    void givenHeadersReplaceStoredOnesOfTheSameName()
    {
        const HeaderList stored{{"Accept", "text/plain"}, {"X-Trace", "1"}};
        const HeaderList given{{"accept", "application/json"}, {"Authorization", "Bearer x"}};
        QCOMPARE(withHeadersReplaced(stored, given),
                 (HeaderList{{"X-Trace", "1"},
                             {"accept", "application/json"},
                             {"Authorization", "Bearer x"}}));
    }

    // Only the withheld names are filled, from a header of that name with a value; the rest of
    // what was given is not sent, and a name given without a value is still missing.
    void fillsOnlyWithheldHeadersThatHaveAValue()
    {
        HeaderList headers{{"Accept", "application/json"}};
        const QList<QByteArray> missing = fillWithheldHeaders(
                headers, {"Authorization", "X-Api-Key", "Cookie"},
                {{"authorization", "Bearer t"}, {"X-Api-Key", ""}, {"X-Other", "not withheld"}});
        QCOMPARE(headers,
                 (HeaderList{{"Accept", "application/json"}, {"authorization", "Bearer t"}}));
        QCOMPARE(missing, (QList<QByteArray>{"X-Api-Key", "Cookie"}));
    }
};

QTEST_GUILESS_MAIN(TestSecretHeaders)
#include "tst_secretheaders.moc"
