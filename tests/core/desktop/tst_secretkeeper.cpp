// SecretKeeper's words for a keychain that refuses: what happened and what to do, without
// QtKeychain's "Unknown error" placeholder.

#include <QTest>

#include <qt6keychain/keychain.h>

#include "desktop/SecretKeeper.h"

using salvo::SecretKeeper;

class TestSecretKeeper final : public QObject
{
    Q_OBJECT

private slots:
    void eachRefusalAdvisesTheNextStep_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("advice");
        QTest::newRow("no keychain") << int(QKeychain::NoBackendAvailable) << QString()
                                     << QStringLiteral("GNOME Keyring or KWallet");
        QTest::newRow("declined") << int(QKeychain::AccessDeniedByUser) << QString()
                                  << QStringLiteral("Allow it when the keychain asks");
        QTest::newRow("locked") << int(QKeychain::AccessDenied) << QStringLiteral("Unknown error")
                                << QStringLiteral("Unlock the keychain");
        QTest::newRow("other") << int(QKeychain::OtherError) << QStringLiteral("(Unknown error)")
                               << QStringLiteral("running and unlocked");
    }

    void eachRefusalAdvisesTheNextStep()
    {
        QFETCH(int, error);
        QFETCH(QString, detail);
        QFETCH(QString, advice);
        const QString problem = SecretKeeper::keychainProblem(error, detail);
        QVERIFY2(problem.contains(advice), qPrintable(problem));
        QVERIFY2(problem.contains(u"kept only until Salvo closes"), qPrintable(problem));
        QVERIFY2(!problem.contains(u"Unknown error"), qPrintable(problem));
    }

    void aDetailThatSaysSomethingIsKept()
    {
        const QString problem = SecretKeeper::keychainProblem(
                QKeychain::OtherError, QStringLiteral("org.freedesktop.Secret.Error.IsLocked"));
        QVERIFY2(problem.contains(u"IsLocked"), qPrintable(problem));
    }

    void noErrorAndNoEntryAreNoProblem()
    {
        QVERIFY(SecretKeeper::keychainProblem(QKeychain::NoError, {}).isEmpty());
        QVERIFY(SecretKeeper::keychainProblem(QKeychain::EntryNotFound, {}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretKeeper)
#include "tst_secretkeeper.moc"
