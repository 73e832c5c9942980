#pragma once

// Typing into a table cell as a person does, for the UI suites that edit tables. Header
// only: the support library itself links no Widgets.

#include <QLineEdit>
#include <QTableWidget>
#include <QTest>

// Opens the cell's editor, replaces what is there, presses Enter, and waits until the table
// holds the text: the delegate commits through a queued call. Returns false, after a test
// failure, when the editor does not open or the text does not arrive.
[[nodiscard]] inline bool typeIntoCell(QTableWidget *table, int row, int column,
                                       const QString &text)
{
    table->setCurrentCell(row, column);
    table->edit(table->model()->index(row, column));
    QLineEdit *cellEditor = nullptr;
    for (QLineEdit *candidate : table->viewport()->findChildren<QLineEdit *>()) {
        if (candidate->isVisible())
            cellEditor = candidate;
    }
    if (!QTest::qVerify(cellEditor != nullptr, "cellEditor", "the cell's editor opens", __FILE__,
                        __LINE__))
        return false;
    cellEditor->selectAll();
    QTest::keyClicks(cellEditor, text);
    QTest::keyClick(cellEditor, Qt::Key_Return);
    const bool committed = QTest::qWaitFor(
            [&] { return table->item(row, column) && table->item(row, column)->text() == text; });
    return QTest::qVerify(committed, "committed", "the cell holds the typed text", __FILE__,
                          __LINE__);
}
