// The real window, offscreen, keeping a batch: saved as a .salvo file and opened again
// without its secrets (they go to the system keychain, or are asked for again), the last
// batch typed back after a restart, a file from a newer Salvo refused. Only loopback servers;
// every wait has a deadline.

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "WindowTestFixture.h"
#include "desktop/BatchFile.h"
#include "editor/BatchEditor.h"
#include "editor/BatchPane.h"
#include "editor/LastBatch.h"

using salvo::ui::MainWindow;

class TestMainWindowBatchFile final : public QObject, private WindowTestFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void savedBatchOpensAgainWithoutItsSecrets();
    void theLastBatchComesBackAfterARestart();
    void newerSavedBatchIsRefused();
};

void TestMainWindowBatchFile::savedBatchOpensAgainWithoutItsSecrets()
{
    chooseInputKind(QStringLiteral("Ids for a template"));
    auto *urlTemplate = child<QLineEdit>(QStringLiteral("urlTemplateEdit"));
    QTest::keyClicks(urlTemplate, templateFor(QStringLiteral("/json/{id}")));
    typeLines({QStringLiteral("4"), QStringLiteral("5")});
    showBatchTab(1);
    typeIntoHeaderCell(0, 0, QStringLiteral("Authorization"));
    typeIntoHeaderCell(0, 1, QStringLiteral("Bearer very-secret-token"));
    typeIntoHeaderCell(1, 0, QStringLiteral("X-Trace"));
    typeIntoHeaderCell(1, 1, QStringLiteral("7"));
    auto *method = child<QComboBox>(QStringLiteral("methodBox"));
    method->setCurrentText(QStringLiteral("PUT"));
    child<QSpinBox>(QStringLiteral("retriesBox"))->setValue(3);

    const QString path = m_files->filePath(QStringLiteral("products.salvo"));
    QSignalSpy saved(m_window.get(), &MainWindow::batchSaved);
    m_window->saveBatchTo(path);
    QVERIFY(saved.wait(10000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray document = file.readAll();
    QVERIFY(!document.contains("very-secret-token"));
    QVERIFY(document.contains("Authorization")); // named, so the opener knows to ask

    // A fresh window, as after a restart: File > Open brings the batch back.
    createWindow();
    m_window->openFile(path);
    auto *kind = child<QComboBox>(QStringLiteral("inputKindBox"));
    QTRY_COMPARE(kind->currentText(), QStringLiteral("Ids for a template"));
    QCOMPARE(child<QLineEdit>(QStringLiteral("urlTemplateEdit"))->text(),
             templateFor(QStringLiteral("/json/{id}")));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("4\n5\n"));
    QCOMPARE(child<QComboBox>(QStringLiteral("methodBox"))->currentText(), QStringLiteral("PUT"));
    QCOMPARE(child<QSpinBox>(QStringLiteral("retriesBox"))->value(), 3);
    auto *headers = child<QTableWidget>(QStringLiteral("headersEditorTable"));
    QCOMPARE(headers->item(0, 0)->text(), QStringLiteral("X-Trace"));
    QCOMPARE(headers->item(1, 0)->text(), QStringLiteral("Authorization"));
    auto *progress = child<QLabel>(QStringLiteral("progressText"));
    const auto secretValue
            = [&] { return headers->item(1, 1) ? headers->item(1, 1)->text() : QString(); };
    // The value comes back from the system keychain where one runs; in a bare session (CI)
    // the window asks for it.
    QTRY_VERIFY(!progress->text().isEmpty() || !secretValue().isEmpty());
    if (secretValue().isEmpty()) {
        QVERIFY2(progress->text().contains(u"Authorization"), qPrintable(progress->text()));
        QVERIFY2(progress->text().contains(u"kept only until Salvo closes"),
                 qPrintable(progress->text()));
    } else {
        QCOMPARE(secretValue(), QStringLiteral("Bearer very-secret-token"));
    }
    QCOMPARE(salvo::recentBatchFiles().value(0), QFileInfo(path).absoluteFilePath());

    // Within one session the window remembers the value even without a keychain.
    showBatchTab(1);
    typeIntoHeaderCell(1, 1, QStringLiteral("Bearer second-token"));
    QSignalSpy savedAgain(m_window.get(), &MainWindow::batchSaved);
    m_window->saveBatchTo(path);
    QVERIFY(savedAgain.wait(10000));
    m_window->setBatchText(QStringLiteral("https://other.example/\n"));
    m_window->openFile(path);
    QTRY_COMPARE(secretValue(), QStringLiteral("Bearer second-token"));
}

// As an editor keeps unsaved text: the list, template, method, headers and body typed are
// there again when Salvo starts; the secret value comes back from the keychain.
void TestMainWindowBatchFile::theLastBatchComesBackAfterARestart()
{
    chooseInputKind(QStringLiteral("Ids for a template"));
    const QString idsTemplate = templateFor(QStringLiteral("/json/{id}"));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("urlTemplateEdit")), idsTemplate);
    typeLines({QStringLiteral("11"), QStringLiteral("12")});
    showBatchTab(1);
    typeIntoHeaderCell(0, 0, QStringLiteral("X-Trace"));
    typeIntoHeaderCell(0, 1, QStringLiteral("restart-1"));
    typeIntoHeaderCell(1, 0, QStringLiteral("Authorization"));
    typeIntoHeaderCell(1, 1, QStringLiteral("Bearer kept-in-the-keychain"));
    child<QComboBox>(QStringLiteral("methodBox"))->setCurrentText(QStringLiteral("PUT"));
    showBatchTab(2);
    QTest::keyClicks(child<QPlainTextEdit>(QStringLiteral("batchBody")), QStringLiteral("{}"));
    QVERIFY(m_window->close());
    {
        QFile kept(salvo::ui::LastBatch::path());
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QVERIFY(!kept.readAll().contains("kept-in-the-keychain")); // only in the keychain
    }

    createWindow();
    QVERIFY(editor()->toPlainText().isEmpty());
    QSignalSpy restored(m_window->findChild<salvo::ui::LastBatch *>(),
                        &salvo::ui::LastBatch::restored);
    m_window->restoreLastBatch();
    QVERIFY(restored.wait(10000));
    QCOMPARE(child<QComboBox>(QStringLiteral("inputKindBox"))->currentText(),
             QStringLiteral("Ids for a template"));
    QCOMPARE(child<QLineEdit>(QStringLiteral("urlTemplateEdit"))->text(), idsTemplate);
    QCOMPARE(editor()->toPlainText(), QStringLiteral("11\n12\n"));
    QCOMPARE(child<QComboBox>(QStringLiteral("methodBox"))->currentText(), QStringLiteral("PUT"));
    QCOMPARE(child<QPlainTextEdit>(QStringLiteral("batchBody"))->toPlainText(),
             QStringLiteral("{}"));
    const salvo::BatchInput input = m_window->findChild<salvo::ui::BatchPane *>()->batchInput();
    QVERIFY(input.headers.contains({"X-Trace", "restart-1"}));
    // The value comes back from the system keychain where one runs; in a bare session (CI)
    // the header is there to be filled in, and the status line says why.
    if (!input.headers.contains({"Authorization", "Bearer kept-in-the-keychain"})) {
        QVERIFY(input.headers.contains({"Authorization", ""}));
        const QString told = child<QLabel>(QStringLiteral("progressText"))->text();
        QVERIFY2(told.contains(u"keychain"), qPrintable(told));
    }

    // A window whose settings were cleared (a new user) starts empty: nothing is read.
    QSettings().clear();
    createWindow();
    m_window->restoreLastBatch();
    QVERIFY(!m_window->findChild<salvo::ui::LastBatch *>()->isRestoring());
    QVERIFY(editor()->toPlainText().isEmpty());
}

void TestMainWindowBatchFile::newerSavedBatchIsRefused()
{
    typeLines({QStringLiteral("https://kept.example/")});
    const QString path = m_files->filePath(QStringLiteral("future.salvo"));
    writeFile(path, R"({"format": "salvo-batch", "version": 42})");
    m_window->openFile(path);
    auto *progress = child<QLabel>(QStringLiteral("progressText"));
    QTRY_VERIFY(progress->text().contains(u"newer Salvo"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("https://kept.example/\n"));
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // Before anything reads QSettings: settings in a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowBatchFile test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowbatchfile.moc"
