// What the window and the scheduled checks run: the batch with its environment filled in and
// its access prepared, or one sentence saying why it cannot run.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedTest.h"
#include "network/RunAccess.h"
#include "session/BatchPreparation.h"

using namespace Qt::StringLiterals;
using salvo::BatchInput;
using salvo::NetworkAccess;

class TestBatchPreparation final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void fillsTheChosenEnvironment();
    void namesAnEnvironmentTheFileLacks();
    void refusesAVariableNothingDefines();
    void theBatchsProxyChoiceWinsOverSettings();
    void theBatchSignsInWithItsOwnSecrets();
    void aSignInWithoutItsSecretIsRefused();

private:
    BatchInput listOf(const QByteArray &lines) const;

    QTemporaryDir m_dir;
    QString m_environments;
};

void TestBatchPreparation::init()
{
    QVERIFY(m_dir.isValid());
    m_environments = m_dir.filePath(u"environments.json"_s);
    QFile file(m_environments);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"staging": {"base_url": "http://127.0.0.1:9/api", "who": "tester"},
                   "production": {"base_url": "https://api.example"}})");
}

BatchInput TestBatchPreparation::listOf(const QByteArray &lines) const
{
    BatchInput input;
    input.data = lines;
    return input;
}

void TestBatchPreparation::fillsTheChosenEnvironment()
{
    BatchInput input = listOf("{base_url}/a\n{base_url}/b\n");
    input.environmentName = u"staging"_s;
    input.headers = {{"X-Who", "{who}"}};
    const auto prepared = salvo::prepareBatch(input, {}, m_environments);
    QVERIFY_RESULT(prepared);
    QCOMPARE(prepared->batch.rows.size(), 2);
    QCOMPARE(prepared->batch.rows.at(1).url.toString(), u"http://127.0.0.1:9/api/b"_s);
    QCOMPARE(prepared->batch.headers.value(0).second, QByteArray("tester"));
    QVERIFY(prepared->batch.access);
}

void TestBatchPreparation::namesAnEnvironmentTheFileLacks()
{
    BatchInput input = listOf("{base_url}/a\n");
    input.environmentName = u"qa"_s;
    const auto prepared = salvo::prepareBatch(input, {}, m_environments);
    QVERIFY(!prepared);
    QVERIFY_ERROR_SAYS(prepared, u"no environment \"qa\""_s);
    QVERIFY_ERROR_SAYS(prepared, u"staging"_s);
}

void TestBatchPreparation::refusesAVariableNothingDefines()
{
    BatchInput input = listOf("{base_url}/a\n");
    const auto prepared = salvo::prepareBatch(input, {}, m_environments);
    QVERIFY(!prepared);
    QVERIFY_ERROR_SAYS(prepared, u"{base_url}"_s);
    // What the editor marks as the person types, without running.
    QCOMPARE(salvo::undefinedVariablesIn(input, {}), QStringList{u"base_url"_s});
    input.environmentName = u"production"_s;
    QCOMPARE(salvo::undefinedVariablesIn(input, {u"production"_s, {{u"base_url"_s, u"x"_s}}}),
             QStringList());
}

void TestBatchPreparation::theBatchsProxyChoiceWinsOverSettings()
{
    NetworkAccess settings;
    settings.proxy = {.mode = salvo::ProxyMode::Manual, .url = u"http://proxy.example:3128"_s};
    BatchInput input = listOf("http://127.0.0.1:9/a\n");
    auto prepared = salvo::prepareBatch(input, settings, m_environments);
    QVERIFY_RESULT(prepared);
    const QUrl address(u"http://api.example/"_s);
    QCOMPARE(prepared->batch.access->route().routeFor(address).proxy,
             QByteArray("http://proxy.example:3128"));
    input.proxyMode = salvo::ProxyMode::None;
    prepared = salvo::prepareBatch(input, settings, m_environments);
    QVERIFY_RESULT(prepared);
    QVERIFY(prepared->batch.access->route().routeFor(address).proxy.isEmpty());
    // A proxy typed in Settings that cannot be read stops the run before it starts.
    settings.proxy.url = u"http//missing-colon"_s;
    input.proxyMode.reset();
    QVERIFY(!salvo::prepareBatch(input, settings, m_environments));
}

void TestBatchPreparation::theBatchSignsInWithItsOwnSecrets()
{
    BatchInput input = listOf("http://127.0.0.1:9/a\n");
    input.signIn = {.kind = salvo::SignInKind::Basic, .user = u"tester"_s, .password = u"pw"_s};
    const auto prepared = salvo::prepareBatch(input, {}, m_environments);
    QVERIFY_RESULT(prepared);
    QCOMPARE(prepared->batch.access->signInHeaders(),
             QList<QByteArray>{"Authorization: Basic " + QByteArray("tester:pw").toBase64()});
}

void TestBatchPreparation::aSignInWithoutItsSecretIsRefused()
{
    BatchInput input = listOf("http://127.0.0.1:9/a\n");
    input.signIn = {.kind = salvo::SignInKind::Bearer};
    const auto prepared = salvo::prepareBatch(input, {}, m_environments);
    QVERIFY(!prepared);
    QVERIFY_ERROR_SAYS(prepared, u"sign-in needs"_s);
}

QTEST_GUILESS_MAIN(TestBatchPreparation)
#include "tst_batchpreparation.moc"
