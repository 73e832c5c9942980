#pragma once

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

#include "inspect/InspectionPlan.h"

class QLabel;
class QTableWidget;
class QTimer;
class QToolButton;

namespace salvo::ui {

// The batch's Expect tab: what every answer must be (a status, a final address, a text in the
// body, a jq test, a header, a content type, a time, a size) and the columns to read out of
// each (jq, XPath, a regular expression or a header). Two small tables, each ending in an
// empty row to type the next one into. What cannot be used is marked as it is typed: the form
// at once, whether an expression compiles a moment later, checked on the thread pool (jq's
// check goes through its own process).
class ExpectEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpectEditor)

public:
    explicit ExpectEditor(QWidget *parent = nullptr);
    ~ExpectEditor() override;

    // The rows that can be used, in table order.
    salvo::InspectionPlan inspection() const;
    void setInspection(const salvo::InspectionPlan &plan);
    // What is wrong with the rows, one sentence a row ("Expectation 2: ..."); empty when
    // every row can be used. A run does not start while there is any.
    QStringList problems() const { return m_problems; }
    // Rows in use: expectations and columns together, for the tab's title.
    int count() const;

signals:
    void inspectionChanged();

private:
    struct Checked
    {
        QList<int> expectationRows; // the rows each problem is about, -1: none
        QList<int> columnRows;
        QStringList expectationProblems;
        QStringList columnProblems;
    };

    void setUpTables();
    void addKindBox(int row);
    void addColumnKindBox(int row);
    void keepOneEmptyRowAtTheEnd(QTableWidget *table);
    void removeSelectedRows();
    void edited();
    void checkSoon();
    void showChecked(const Checked &checked);
    // The expectations and columns as typed, every row with text, each with its row.
    QList<std::pair<int, salvo::Expected<salvo::Expectation>>> typedExpectations() const;
    QList<std::pair<int, salvo::Expected<salvo::Extractor>>> typedColumns() const;

    QTableWidget *m_expectations;
    QTableWidget *m_columns;
    QToolButton *m_remove;
    QLabel *m_problemsLabel;
    QTimer *m_checkDelay;
    QFutureWatcher<Checked> m_checking;
    Checked m_checked; // the last check's rows that cannot be used
    QStringList m_problems;
    bool m_updating = false;
};

} // namespace salvo::ui
