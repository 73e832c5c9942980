// ExpectEditor: what a person types in the Expect tab becomes the batch's expectations and
// columns; a row that cannot be used is marked with why, and left out, as it is typed.

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "CellTyping.h"
#include "editor/ExpectEditor.h"

using namespace Qt::StringLiterals;
using salvo::Expectation;
using salvo::Extractor;
using salvo::InspectionPlan;
using salvo::ui::ExpectEditor;

class TestExpectEditor final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_editor.reset(); }

    void typedRowsBecomeThePlan();
    void aBadExpressionIsMarkedWithWhy();
    void aPlanShowsAsItWasWritten();

private:
    QTableWidget *expectations() const
    {
        return m_editor->findChild<QTableWidget *>(u"expectationsTable"_s);
    }
    QTableWidget *columns() const
    {
        return m_editor->findChild<QTableWidget *>(u"extractColumnsTable"_s);
    }
    static void choose(QTableWidget *table, int row, int column, int data)
    {
        auto *box = qobject_cast<QComboBox *>(table->cellWidget(row, column));
        QVERIFY(box);
        box->setCurrentIndex(box->findData(data));
    }
    // Waits for the check of what was typed (a jq expression goes to its process).
    bool waitForCheck(const std::function<bool()> &done) { return QTest::qWaitFor(done, 10'000); }

    std::unique_ptr<ExpectEditor> m_editor;
};

void TestExpectEditor::init()
{
    m_editor = std::make_unique<ExpectEditor>();
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
}

void TestExpectEditor::typedRowsBecomeThePlan()
{
    QSignalSpy changed(m_editor.get(), &ExpectEditor::inspectionChanged);
    choose(expectations(), 0, 0, int(Expectation::Kind::Status));
    QVERIFY(typeIntoCell(expectations(), 0, 1, u"2xx"_s));
    QCOMPARE(expectations()->rowCount(), 2); // always one empty row for the next
    choose(expectations(), 1, 0, int(Expectation::Kind::Json));
    QVERIFY(typeIntoCell(expectations(), 1, 1, u".items | length > 0"_s));
    QVERIFY(typeIntoCell(columns(), 0, 0, u"title"_s));
    choose(columns(), 0, 1, int(Extractor::Kind::XPath));
    QVERIFY(!changed.isEmpty());
    changed.clear();
    QVERIFY(typeIntoCell(columns(), 0, 2, u"//h1"_s));

    const InspectionPlan plan = m_editor->inspection();
    QCOMPARE(plan.expectations.size(), 2);
    QCOMPARE(plan.expectations[0].kind, Expectation::Kind::Status);
    QCOMPARE(plan.expectations[0].statuses, (QList<std::pair<int, int>>{{200, 299}}));
    QCOMPARE(plan.expectations[1].kind, Expectation::Kind::Json);
    QCOMPARE(plan.expectations[1].text, u".items | length > 0"_s);
    QCOMPARE(plan.extractors.size(), 1);
    QCOMPARE(plan.extractors[0].name, u"title"_s);
    QCOMPARE(plan.extractors[0].kind, Extractor::Kind::XPath);
    QCOMPARE(plan.extractors[0].expression, u"//h1"_s);
    QCOMPARE(m_editor->count(), 3);
    // The edit's own signal, then the check's, which found every row usable.
    QVERIFY(waitForCheck([&] { return changed.size() >= 2; }));
    QVERIFY(m_editor->problems().isEmpty());
    QCOMPARE(m_editor->inspection().expectations.size(), 2);
}

void TestExpectEditor::aBadExpressionIsMarkedWithWhy()
{
    choose(expectations(), 0, 0, int(Expectation::Kind::Json));
    QVERIFY(typeIntoCell(expectations(), 0, 1, u".items | lenght"_s));
    QVERIFY(typeIntoCell(columns(), 0, 0, u"code"_s));
    choose(columns(), 0, 1, int(Extractor::Kind::Regex));
    QVERIFY(typeIntoCell(columns(), 0, 2, u"id=(\\d+"_s));
    QVERIFY(waitForCheck([&] { return m_editor->problems().size() == 2; }));
    const QStringList problems = m_editor->problems();
    QVERIFY2(problems[0].startsWith(u"Expectation 1:"_s), qPrintable(problems[0]));
    QVERIFY2(problems[0].contains(u"lenght"_s), qPrintable(problems[0]));
    QVERIFY2(problems[1].startsWith(u"Column 1:"_s), qPrintable(problems[1]));
    // Marked where it was typed, and left out of the run.
    QCOMPARE(expectations()->item(0, 1)->toolTip(), problems[0]);
    QVERIFY(m_editor->findChild<QLabel *>(u"expectProblems"_s)->isVisible());
    QVERIFY(m_editor->inspection().isEmpty());

    // Fixed, the marks go.
    QVERIFY(typeIntoCell(expectations(), 0, 1, u".items | length"_s));
    QVERIFY(typeIntoCell(columns(), 0, 2, u"id=(\\d+)"_s));
    QVERIFY(waitForCheck([&] { return m_editor->problems().isEmpty(); }));
    QCOMPARE(m_editor->inspection().expectations.size(), 1);
    QCOMPARE(m_editor->inspection().extractors.size(), 1);
    QVERIFY(expectations()->item(0, 1)->toolTip().isEmpty());
}

void TestExpectEditor::aPlanShowsAsItWasWritten()
{
    InspectionPlan plan;
    plan.expectations.append(
            Expectation::parse(Expectation::Kind::Header, u"Server: *nginx*"_s).value());
    plan.expectations.append(Expectation::parse(Expectation::Kind::MaxTimeMs, u"500"_s).value());
    plan.extractors.append(Extractor::parse(u"etag=header:ETag"_s).value());
    m_editor->setInspection(plan);
    QCOMPARE(expectations()->rowCount(), 3);
    QCOMPARE(expectations()->item(0, 1)->text(), u"Server: *nginx*"_s);
    QCOMPARE(columns()->item(0, 2)->text(), u"ETag"_s);
    QVERIFY(m_editor->inspection() == plan);
}

QTEST_MAIN(TestExpectEditor)
#include "tst_expecteditor.moc"
