// BatchPane: what a person sets on the left of the window (kind of list, template, method,
// headers, body) comes out as the BatchInput the window runs.

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTest>

#include "editor/BatchEditor.h"
#include "editor/BatchPane.h"

using namespace Qt::StringLiterals;
using salvo::InputKind;
using salvo::ui::BatchPane;

class TestBatchPane final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_pane.reset(); }

    void addressListByDefault();
    void templateShowsOnlyForIdsAndCsv();
    void csvFileSwitchesToCsv();
    void textFileKeepsIdsWhenATemplateIsUsed();
    void methodHeadersAndBodyAreSent();

private:
    template<typename T>
    T *child(const char *name) const
    {
        return m_pane->findChild<T *>(QLatin1String(name));
    }

    std::unique_ptr<BatchPane> m_pane;
};

void TestBatchPane::init()
{
    m_pane = std::make_unique<BatchPane>();
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void TestBatchPane::addressListByDefault()
{
    m_pane->setUrlList(u"https://a.example/\nhttps://b.example/\n"_s);
    const salvo::BatchInput input = m_pane->batchInput();
    QCOMPARE(input.kind, InputKind::UrlList);
    QCOMPARE(input.data, QByteArray("https://a.example/\nhttps://b.example/\n"));
    QCOMPARE(input.method, QByteArray("GET"));
    QVERIFY(!child<QLineEdit>("urlTemplateEdit")->isVisible());
}

void TestBatchPane::templateShowsOnlyForIdsAndCsv()
{
    auto *kind = child<QComboBox>("inputKindBox");
    auto *urlTemplate = child<QLineEdit>("urlTemplateEdit");
    kind->setCurrentIndex(kind->findData(int(InputKind::IdList)));
    QVERIFY(urlTemplate->isVisible());
    QCOMPARE(m_pane->editor()->lineKind(), salvo::ui::BatchEditor::LineKind::Id);
    QTest::keyClicks(urlTemplate, u"https://api.example/items/{id}"_s);
    QCOMPARE(m_pane->editor()->urlTemplate(), u"https://api.example/items/{id}"_s);
    QCOMPARE(m_pane->batchInput().urlTemplate, u"https://api.example/items/{id}"_s);

    kind->setCurrentIndex(kind->findData(int(InputKind::Csv)));
    QVERIFY(urlTemplate->isVisible());
    QCOMPARE(m_pane->editor()->lineKind(), salvo::ui::BatchEditor::LineKind::CsvRecord);

    kind->setCurrentIndex(kind->findData(int(InputKind::UrlList)));
    QVERIFY(!urlTemplate->isVisible());
}

void TestBatchPane::csvFileSwitchesToCsv()
{
    m_pane->setFileContents(u"/data/batch.csv"_s, "url\nhttps://a.example/\n");
    QCOMPARE(m_pane->inputKind(), InputKind::Csv);
    QCOMPARE(m_pane->batchInput().data, QByteArray("url\nhttps://a.example/\n"));
    QCOMPARE(child<QTabWidget>("batchTabs")->tabText(0).remove(u'&'), u"Table"_s);
}

void TestBatchPane::textFileKeepsIdsWhenATemplateIsUsed()
{
    m_pane->setInputKind(InputKind::IdList);
    m_pane->setUrlTemplate(u"https://api.example/{id}"_s);
    m_pane->setFileContents(u"ids.txt"_s, "1\n2\n");
    QCOMPARE(m_pane->inputKind(), InputKind::IdList);
    m_pane->setInputKind(InputKind::Csv);
    m_pane->setFileContents(u"urls.txt"_s, "https://a.example/\n");
    QCOMPARE(m_pane->inputKind(), InputKind::UrlList);
}

void TestBatchPane::methodHeadersAndBodyAreSent()
{
    auto *method = child<QComboBox>("methodBox");
    method->setCurrentText(u"post"_s);
    auto *body = child<QPlainTextEdit>("batchBody");
    body->setPlainText(u"{\"a\": 1}"_s);
    auto *headers = m_pane->findChild<QWidget *>(u"headersEditorTable"_s);
    QVERIFY(headers);
    m_pane->setUrlList(u"https://a.example/"_s);
    const salvo::BatchInput input = m_pane->batchInput();
    QCOMPARE(input.method, QByteArray("POST"));
    QCOMPARE(input.body, QByteArray("{\"a\": 1}"));
    QVERIFY(input.headers.isEmpty());
}

QTEST_MAIN(TestBatchPane)
#include "tst_batchpane.moc"
