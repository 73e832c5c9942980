// Settings > Network kept between starts: the proxy and certificates in the settings file,
// their password and passphrases only in the keychain (or, with no keychain, in memory).

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "desktop/NetworkSettings.h"
#include "desktop/SecretKeeper.h"

using namespace Qt::StringLiterals;
using salvo::NetworkAccess;
using salvo::NetworkSettings;

class TestNetworkSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }
    void cleanup() { QSettings().clear(); }
    void keptWithoutSecretsInTheSettingsFile();
    void theSecretsComeBackFromTheKeychain();
    void aSignInIsNeverASetting();

private:
    static NetworkAccess companyNetwork();
};

NetworkAccess TestNetworkSettings::companyNetwork()
{
    NetworkAccess access;
    access.proxy = {.mode = salvo::ProxyMode::Manual,
                    .url = u"http://proxy.example:3128"_s,
                    .user = u"tester"_s,
                    .password = u"pr0xy-pass"_s,
                    .noProxy = u"localhost,.internal"_s};
    access.tls.extraAuthorities = {u"/etc/company/ca.pem"_s};
    access.tls.clientCertificates = {{.host = u"api.example"_s,
                                      .certificateFile = u"/home/tester/client.p12"_s,
                                      .type = salvo::CertificateType::P12,
                                      .passphrase = u"p12-phrase"_s}};
    return access;
}

void TestNetworkSettings::keptWithoutSecretsInTheSettingsFile()
{
    {
        QSettings settings;
        salvo::saveNetworkSettings(settings, companyNetwork());
    }
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("proxy.example"));
    QVERIFY(!written.contains("pr0xy-pass"));
    QVERIFY(!written.contains("p12-phrase"));
    NetworkAccess expected = salvo::withoutSecrets(companyNetwork());
    QVERIFY(salvo::loadNetworkSettings(settings) == expected);
}

void TestNetworkSettings::theSecretsComeBackFromTheKeychain()
{
    salvo::SecretKeeper keeper(nullptr, u"Salvo network settings test"_s);
    NetworkSettings saved(&keeper);
    saved.save(companyNetwork());
    QVERIFY(saved.access() == companyNetwork());

    NetworkSettings opened(&keeper);
    QSignalSpy changed(&opened, &NetworkSettings::changed);
    opened.load();
    QCOMPARE(changed.count(), 1); // the settings at once, the secrets later
    QCOMPARE(opened.access().proxy.password, QString());
    QVERIFY(changed.wait(10'000));
    QCOMPARE(opened.access().proxy.password, u"pr0xy-pass"_s);
    QCOMPARE(opened.access().tls.clientCertificates.value(0).passphrase, u"p12-phrase"_s);
    QVERIFY(opened.access() == companyNetwork());
}

void TestNetworkSettings::aSignInIsNeverASetting()
{
    salvo::SecretKeeper keeper(nullptr, u"Salvo network settings test"_s);
    NetworkSettings settings(&keeper);
    NetworkAccess access = companyNetwork();
    access.signIn = {.kind = salvo::SignInKind::Bearer, .token = u"t0ken"_s};
    settings.save(access);
    QCOMPARE(settings.access().signIn.kind, salvo::SignInKind::None);
    QCOMPARE(salvo::loadNetworkSettings(QSettings()).signIn.kind, salvo::SignInKind::None);
}

QTEST_GUILESS_MAIN(TestNetworkSettings)
#include "tst_networksettings.moc"
