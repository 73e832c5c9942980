// The window reaching endpoints as a person in a company network sets it up: a proxy in
// Settings > Network (a real squid, whose log shows each request), a sign-in typed in the
// batch's Sign-in tab, {name}s filled from the environment chosen above the batch, and a
// variable nothing defines marked and refused before anything is sent. No secret reaches a
// file Salvo writes.

#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include "NetworkFixtures.h"
#include "NetworkIsolation.h"
#include "WindowTestFixture.h"
#include "batch/Variables.h"
#include "desktop/BatchFile.h"
#include "desktop/NetworkSettings.h"

using namespace Qt::StringLiterals;
using salvo::test::SquidProxy;

class TestMainWindowNetwork final : public QObject, public WindowTestFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { freshHistoryPath(); } // no run of an earlier test run here
    void init() { setUp(); }
    void cleanup();
    void signsInThroughTheProxyWithTheChosenEnvironment();
    void anUndefinedVariableIsMarkedAndRefused();

private:
    void chooseEnvironment(const QString &name);
    void signInWithBasic(const QString &user, const QString &password);
    // Every file under Salvo's folders and the test's own that holds `secret`.
    QStringList filesHolding(const QByteArray &secret) const;
};

void TestMainWindowNetwork::cleanup()
{
    QFile::remove(salvo::defaultEnvironmentsPath());
    tearDown();
}

void TestMainWindowNetwork::chooseEnvironment(const QString &name)
{
    auto *box = child<QComboBox>(u"environmentBox"_s);
    QVERIFY(box);
    const int index = box->findData(name);
    QVERIFY2(index >= 0, qPrintable(name));
    box->setCurrentIndex(index);
}

void TestMainWindowNetwork::signInWithBasic(const QString &user, const QString &password)
{
    auto *kind = child<QComboBox>(u"signInKindBox"_s);
    QVERIFY(kind);
    kind->setCurrentIndex(kind->findData(int(salvo::SignInKind::Basic)));
    auto *userBox = child<QLineEdit>(u"signInUserBox"_s);
    auto *passwordBox = child<QLineEdit>(u"signInPasswordBox"_s);
    QVERIFY(userBox && passwordBox);
    QTest::keyClicks(userBox, user);
    QTest::keyClicks(passwordBox, password);
}

QStringList TestMainWindowNetwork::filesHolding(const QByteArray &secret) const
{
    QStringList holding;
    const QStringList roots{QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                            QFileInfo(QSettings().fileName()).absolutePath(),
                            QStandardPaths::writableLocation(QStandardPaths::CacheLocation),
                            m_files->path()};
    for (const QString &root : roots) {
        QDirIterator files(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret))
                holding.append(file.fileName());
        }
    }
    return holding;
}

void TestMainWindowNetwork::signsInThroughTheProxyWithTheChosenEnvironment()
{
    SquidProxy proxy;
    QVERIFY2(proxy.start({.hosts = {{u"api.salvo.test"_s, u"127.0.0.1"_s}}}),
             qPrintable(proxy.error()));
    // Settings > Network as a person leaves it, read by the next start of the window.
    {
        QSettings settings;
        salvo::NetworkAccess network;
        network.proxy = {.mode = salvo::ProxyMode::Manual, .url = proxy.url()};
        salvo::saveNetworkSettings(settings, network);
    }
    // A name only the proxy knows: a request can only have gone through it.
    const QString base = u"http://api.salvo.test:%1"_s.arg(m_http->url({}).port());
    QVERIFY(salvo::writeEnvironmentsFile(
            salvo::defaultEnvironmentsPath(),
            {{u"staging"_s, {{u"base_url"_s, base}, {u"team"_s, u"checkout"_s}}},
             {u"production"_s, {{u"base_url"_s, u"https://api.example"_s}}}}));
    m_window.reset();
    createWindow();

    chooseEnvironment(u"staging"_s);
    signInWithBasic(u"tester"_s, u"s3cret-pa55"_s);
    showBatchTab(0);
    typeAndRun({u"{base_url}/signed-in?team={team}"_s});
    QVERIFY(waitForRows(1));
    QVERIFY(waitUntilFinished());

    const std::optional<salvo::Result> answer = answerOfInputRow(0);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    QCOMPARE(answer->url, base + u"/signed-in?team=checkout"_s);
    const QJsonObject seen = QJsonDocument::fromJson(answer->body).object();
    QCOMPARE(seen[u"user"_s].toString(), u"tester"_s);
    QCOMPARE(seen[u"password_sha256"_s].toString(),
             QString::fromLatin1(
                     QCryptographicHash::hash("s3cret-pa55", QCryptographicHash::Sha256).toHex()));
    const QStringList log = proxy.accessLog();
    QCOMPARE(log.filter(u"GET http://api.salvo.test:"_s).size(), 1);
    QCOMPARE(log.filter(u"TCP_MISS/200 "_s).size(), 1);

    // The run is kept (history, the last batch) with neither the password nor its encoding.
    QCOMPARE(filesHolding("s3cret-pa55"), QStringList());
    const QStringList holding = filesHolding(QByteArray("tester:s3cret-pa55").toBase64());
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(u", "_s)));
}

void TestMainWindowNetwork::anUndefinedVariableIsMarkedAndRefused()
{
    typeLines({m_http->url(u"/echo"_s).toString() + u"?token={token}"_s});
    auto *advice = child<QLabel>(u"batchAdvice"_s);
    QVERIFY(advice);
    // Said under the batch after a pause in typing, before any run.
    QTRY_VERIFY_WITH_TIMEOUT(advice->isVisible() && advice->text().contains(u"{token}"_s), 5000);
    QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
    auto *problem = child<QLabel>(u"batchRunProblem"_s);
    QVERIFY(problem);
    QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible(), 5000);
    QVERIFY2(problem->text().contains(u"{token}"_s), qPrintable(problem->text()));
    QCOMPARE(m_http->requestCount(), 0);
    QCOMPARE(model()->rowCount(), 0);
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // Before anything reads QSettings: settings in a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowNetwork test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindownetwork.moc"
