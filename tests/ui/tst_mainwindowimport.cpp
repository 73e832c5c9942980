// Importing through the real window: a HAR file opened shows the import dialog, which reads it
// off the GUI thread, previews its requests, names what it skipped, takes only the kinds left
// checked, and puts the rest in the batch, whose run sends each row as the browser did.

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include "NetworkIsolation.h"
#include "PostmanCollections.h"
#include "WindowTestFixture.h"
#include "batch/Variables.h"
#include "desktop/BatchFile.h"
#include "editor/BatchPane.h"
#include "importing/ImportDialog.h"

using namespace Qt::StringLiterals;
using salvo::ui::ImportDialog;

class TestMainWindowImport final : public QObject, public WindowTestFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }
    void aHarFileIsPreviewedChosenAndRun();
    void aPostmanCollectionBringsItsVariablesAndSignIn();
    void pastedCurlCommandsAreOfferedAsAnImport();

private:
    QByteArray harOf(const QJsonArray &entries) const;
    ImportDialog *waitForDialog() const;
};

QByteArray TestMainWindowImport::harOf(const QJsonArray &entries) const
{
    return QJsonDocument(
                   QJsonObject{{u"log"_s,
                                QJsonObject{{u"version"_s, u"1.2"_s}, {u"entries"_s, entries}}}})
            .toJson();
}

ImportDialog *TestMainWindowImport::waitForDialog() const
{
    ImportDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
            [&] {
                dialog = m_window->findChild<ImportDialog *>();
                return dialog && dialog->isVisible() && dialog->isReady();
            },
            10'000);
    return shown ? dialog : nullptr;
}

void TestMainWindowImport::aHarFileIsPreviewedChosenAndRun()
{
    const auto entry = [](const QString &method, const QString &url, const QString &kind,
                          const QString &body = {}) {
        QJsonObject request{
                {u"method"_s, method},
                {u"url"_s, url},
                {u"headers"_s,
                 QJsonArray{QJsonObject{{u"name"_s, u"x-page"_s}, {u"value"_s, u"checkout"_s}}}}};
        if (!body.isEmpty())
            request.insert(u"postData"_s,
                           QJsonObject{{u"mimeType"_s, u"application/json"_s}, {u"text"_s, body}});
        return QJsonObject{{u"request"_s, request}, {u"_resourceType"_s, kind}};
    };
    const QString path = m_files->filePath(u"checkout.har"_s);
    writeFile(path,
              harOf({entry(u"GET"_s, m_http->url(u"/echo"_s).toString(), u"fetch"_s),
                     entry(u"POST"_s, m_http->url(u"/echo"_s).toString(), u"xhr"_s,
                           u"{\"cart\":[7]}"_s),
                     entry(u"GET"_s, m_http->url(u"/json/7"_s).toString(), u"image"_s),
                     entry(u"GET"_s, u"data:image/png;base64,AA=="_s, u"image"_s)}));
    m_window->openFile(path);

    ImportDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    auto *summary = dialog->findChild<QLabel *>(u"importSummary"_s);
    QVERIFY2(summary->text().contains(u"3 requests"_s), qPrintable(summary->text()));
    QCOMPARE(dialog->findChild<QTableWidget *>(u"importPreview"_s)->rowCount(), 3);
    auto *skipped = dialog->findChild<QListWidget *>(u"importSkippedList"_s);
    QCOMPARE(skipped->count(), 1);
    QVERIFY2(skipped->item(0)->text().contains(u"entry 4"_s), qPrintable(skipped->item(0)->text()));

    // The images are not wanted: unchecked, and the file read again without them.
    auto *kinds = dialog->findChild<QListWidget *>(u"importKindsList"_s);
    const QList<QListWidgetItem *> images = kinds->findItems(u"image"_s, Qt::MatchStartsWith);
    QCOMPARE(images.size(), 1);
    images.first()->setCheckState(Qt::Unchecked);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady() && summary->text().contains(u"2 requests"_s),
                             10'000);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();

    const salvo::BatchInput input = m_window->findChild<salvo::ui::BatchPane *>()->batchInput();
    QCOMPARE(input.kind, salvo::InputKind::Csv);
    QCOMPARE(input.headers, (salvo::HeaderList{{"x-page", "checkout"}}));
    m_window->findChild<QPushButton *>(u"runButton"_s)->click();
    QVERIFY(waitForRows(2));
    QVERIFY(waitUntilFinished());
    const std::optional<salvo::Result> posted = answerOfInputRow(1);
    QVERIFY(posted);
    QCOMPARE(posted->status, 200);
    const QJsonObject seen = QJsonDocument::fromJson(posted->body).object();
    QCOMPARE(seen[u"method"_s].toString(), u"POST"_s);
    QCOMPARE(seen[u"body"_s].toString(), u"{\"cart\":[7]}"_s);
    QCOMPARE(seen[u"headers"_s][u"x-page"_s].toString(), u"checkout"_s);
}

void TestMainWindowImport::aPostmanCollectionBringsItsVariablesAndSignIn()
{
    const QJsonObject collection = salvo::test::bearerCollection(
            u"Echo service"_s,
            {{u"base"_s, m_http->url(u"/echo"_s).toString()}, {u"token"_s, QString()}},
            {salvo::test::postmanFolder(
                    u"Status"_s,
                    {salvo::test::postmanRequest(
                            u"Ping"_s,
                            {{u"method"_s, u"GET"_s}, {u"url"_s, u"{{base}}?ping=1"_s}})})});
    // An earlier import of the collection left a token the person set; this one's is empty.
    QFile::remove(salvo::defaultEnvironmentsPath());
    QVERIFY(salvo::writeEnvironmentsFile(
            salvo::defaultEnvironmentsPath(),
            {{u"Echo service"_s,
              {{u"token"_s, u"mine"_s}, {u"base"_s, u"http://old.invalid"_s}}}}));
    const QString path = m_files->filePath(u"echo.postman_collection.json"_s);
    writeFile(path, QJsonDocument(collection).toJson());
    m_window->openFile(path);

    ImportDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    auto *summary = dialog->findChild<QLabel *>(u"importSummary"_s);
    QVERIFY2(summary->text().contains(u"environment \"Echo service\""_s),
             qPrintable(summary->text()));
    auto *preview = dialog->findChild<QTableWidget *>(u"importPreview"_s);
    QCOMPARE(preview->item(0, 0)->text(), u"Status / Ping"_s);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();

    // The collection's variables are an environment the batch is set to, kept for next time:
    // its address is the new one, the token the person's.
    const salvo::BatchInput input = m_window->findChild<salvo::ui::BatchPane *>()->batchInput();
    QCOMPARE(input.environmentName, u"Echo service"_s);
    QCOMPARE(input.signIn.kind, salvo::SignInKind::Bearer);
    const salvo::Expected<salvo::Environment> kept
            = salvo::findEnvironment(salvo::defaultEnvironmentsPath(), u"Echo service"_s);
    QVERIFY(kept);
    QCOMPARE(kept->values.value(u"token"_s), u"mine"_s);
    QCOMPARE(kept->values.value(u"base"_s), m_http->url(u"/echo"_s).toString());

    m_window->findChild<QPushButton *>(u"runButton"_s)->click();
    QVERIFY(waitForRows(1));
    QVERIFY(waitUntilFinished());
    const std::optional<salvo::Result> answer = answerOfInputRow(0);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    const QJsonObject seen = QJsonDocument::fromJson(answer->body).object();
    QCOMPARE(seen[u"headers"_s][u"authorization"_s].toString(), u"Bearer mine"_s);
}

void TestMainWindowImport::pastedCurlCommandsAreOfferedAsAnImport()
{
    // Addresses pasted are the list's text, as ever.
    QApplication::clipboard()->setText(u"https://one.example/\nhttps://two.example/\n"_s);
    editor()->setFocus();
    editor()->paste();
    QCOMPARE(editor()->toPlainText(), u"https://one.example/\nhttps://two.example/\n"_s);
    QVERIFY(!m_window->findChild<ImportDialog *>());

    // curl commands pasted are what they are: requests, offered as an import.
    const QString echo = m_http->url(u"/echo"_s).toString();
    QApplication::clipboard()->setText(
            u"curl '%1' -H 'X-From: paste'\ncurl '%1' -X PUT --data-raw 'x=1'\n"_s.arg(echo));
    editor()->paste();
    ImportDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->imported().requests.size(), 2);
    QVERIFY(dialog->windowTitle().contains(u"pasted"_s));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    const salvo::BatchInput input = m_window->findChild<salvo::ui::BatchPane *>()->batchInput();
    QCOMPARE(input.kind, salvo::InputKind::Csv);
    // Each row as its command: the first's own header, the second's method and body.
    QVERIFY2(input.data.contains("X-From: paste") && input.data.contains(",PUT,"),
             input.data.constData());
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowImport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowimport.moc"
