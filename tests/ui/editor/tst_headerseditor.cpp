// HeadersEditor: typed headers become the batch's headers; a name HTTP does not allow is
// marked and left out; the table always offers an empty row for the next header.

#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include "CellTyping.h"
#include "editor/HeadersEditor.h"

using namespace Qt::StringLiterals;
using salvo::HeaderList;
using salvo::ui::HeadersEditor;

class TestHeadersEditor final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_editor.reset(); }

    void typedHeadersAreSent();
    void invalidNameIsMarkedAndNotSent();
    void alwaysOffersAnEmptyRow();
    void removesSelectedRows();
    void setHeadersShowsThem();
    void secretValuesAreMaskedUntilShown();
    void addStartsANewHeader();

private:
    QTableWidget *table() const
    {
        return m_editor->findChild<QTableWidget *>(u"headersEditorTable"_s);
    }
    void typeInto(int row, int column, const QString &text);

    std::unique_ptr<HeadersEditor> m_editor;
};

void TestHeadersEditor::init()
{
    m_editor = std::make_unique<HeadersEditor>();
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
}

void TestHeadersEditor::typeInto(int row, int column, const QString &text)
{
    QVERIFY(typeIntoCell(table(), row, column, text));
}

void TestHeadersEditor::typedHeadersAreSent()
{
    QSignalSpy changed(m_editor.get(), &HeadersEditor::headersChanged);
    typeInto(0, 0, u"Accept"_s);
    typeInto(0, 1, u"application/json"_s);
    typeInto(1, 0, u"X-Trace"_s);
    typeInto(1, 1, u"  abc  "_s);
    QCOMPARE(m_editor->headers(), (HeaderList{{"Accept", "application/json"}, {"X-Trace", "abc"}}));
    QVERIFY(changed.size() >= 4);
}

void TestHeadersEditor::invalidNameIsMarkedAndNotSent()
{
    typeInto(0, 0, u"Bad Name:"_s);
    typeInto(0, 1, u"x"_s);
    QCOMPARE(m_editor->headers(), HeaderList());
    QCOMPARE(m_editor->invalidCount(), 1);
    QVERIFY(!table()->item(0, 0)->toolTip().isEmpty());
    typeInto(0, 0, u"Good-Name"_s); // replaces the cell's text
    QCOMPARE(m_editor->invalidCount(), 0);
    QCOMPARE(m_editor->headers(), (HeaderList{{"Good-Name", "x"}}));
    QVERIFY(table()->item(0, 0)->toolTip().isEmpty());
}

void TestHeadersEditor::alwaysOffersAnEmptyRow()
{
    QCOMPARE(table()->rowCount(), 1);
    typeInto(0, 0, u"A"_s);
    QCOMPARE(table()->rowCount(), 2);
    typeInto(1, 0, u"B"_s);
    QCOMPARE(table()->rowCount(), 3);
}

void TestHeadersEditor::removesSelectedRows()
{
    m_editor->setHeaders({{"A", "1"}, {"B", "2"}, {"C", "3"}});
    table()->clearSelection();
    table()->selectRow(1);
    QTest::mouseClick(m_editor->findChild<QToolButton *>(u"removeHeaderButton"_s), Qt::LeftButton);
    QCOMPARE(m_editor->headers(), (HeaderList{{"A", "1"}, {"C", "3"}}));
    QCOMPARE(table()->rowCount(), 3); // two headers and the empty row
}

void TestHeadersEditor::setHeadersShowsThem()
{
    m_editor->setHeaders({{"Authorization", "Bearer t"}, {"bad name", "v"}});
    QCOMPARE(table()->rowCount(), 3);
    QCOMPARE(table()->item(0, 0)->text(), u"Authorization"_s);
    QCOMPARE(m_editor->invalidCount(), 1);
    QCOMPARE(m_editor->headers(), (HeaderList{{"Authorization", "Bearer t"}}));
    m_editor->setHeaders({});
    QCOMPARE(table()->rowCount(), 1);
}

// A secret header's value shows as dots (it is still sent as typed) until the person asks to
// see secret values; other values show as they are.
void TestHeadersEditor::secretValuesAreMaskedUntilShown()
{
    m_editor->setHeaders({{"Authorization", "Bearer s3cr3t"}, {"Accept", "application/json"}});
    QVERIFY(!m_editor->shownValue(0).contains(u"s3cr3t"));
    QVERIFY(!m_editor->shownValue(0).isEmpty());
    QCOMPARE(m_editor->shownValue(1), QStringLiteral("application/json"));
    QCOMPARE(m_editor->headers().constFirst().second, QByteArray("Bearer s3cr3t"));

    auto *show = m_editor->findChild<QToolButton *>(QStringLiteral("showSecretsButton"));
    QVERIFY(show);
    show->click();
    QCOMPARE(m_editor->shownValue(0), QStringLiteral("Bearer s3cr3t"));
    show->click();
    QVERIFY(!m_editor->shownValue(0).contains(u"s3cr3t"));
}

// Add opens the name of a new header for typing, without a double-click on an empty row.
void TestHeadersEditor::addStartsANewHeader()
{
    m_editor->setHeaders({{"Accept", "application/json"}});
    auto *add = m_editor->findChild<QToolButton *>(QStringLiteral("addHeaderButton"));
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
    QWidget *typing = QApplication::focusWidget();
    QTRY_VERIFY((typing = QApplication::focusWidget()) && qobject_cast<QLineEdit *>(typing));
    QTest::keyClicks(typing, QStringLiteral("X-Test"));
    QTest::keyClick(typing, Qt::Key_Return);
    QTRY_VERIFY(m_editor->headers().contains({QByteArray("X-Test"), QByteArray()}));
}

QTEST_MAIN(TestHeadersEditor)
#include "tst_headerseditor.moc"
