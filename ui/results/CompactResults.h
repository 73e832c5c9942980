#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "InternedTexts.h"
#include "RowChunks.h"
#include "TextArena.h"
#include "result/Result.h"

namespace salvo::ui {

// The rows of the results table, in the order they were added, as RowCells and the texts they
// name. A copy is a snapshot the thread pool may read while the GUI thread adds more.
class CompactResults
{
public:
    CompactResults();

    int size() const { return m_rows.size(); }
    void clear();
    void append(const Result &result);
    void replace(int row, const Result &result);

    const RowCells &cells(int row) const { return m_rows.at(row); }
    QString url(int row) const { return m_texts.text(cells(row).url); }
    QByteArrayView urlUtf8(int row) const { return m_texts.utf8(cells(row).url); }
    QStringList redirects(int row) const;
    const QString &contentType(int row) const
    {
        return m_contentTypes.text(cells(row).contentType);
    }
    const QString &message(int row) const { return m_messages.text(cells(row).message); }
    QByteArray method(int row) const { return m_methods.text(cells(row).method).toLatin1(); }
    const InternedTexts &contentTypes() const { return m_contentTypes; }

    // The columns a run that checks and reads its answers adds after the table's own: a
    // Passed column when it expects anything, then one per name (its extracted columns, then
    // its input's own). Set before the first row.
    void setInspectedColumns(bool expects, const QStringList &extracted,
                             const QStringList &inputColumns);
    bool expects() const { return m_expects; }
    const QStringList &valueNames() const { return m_valueNames; }
    // The failed expectations' sentences of a row, and its value in column `column` of
    // valueNames(); empty when it has none.
    QStringList unmet(int row) const;
    QString value(int row, int column) const;
    // Every value of the row, apart by U+001F: what the search looks through.
    QString values(int row) const;
    const InternedTexts &messages() const { return m_messages; }

    // What the table knows of a row, as a Result without its answer: no headers, no body, no
    // detail, no line, no time to the first byte; the redirect chain as far as it is kept.
    Result summary(int row) const;

    // Every byte this holds, capacity included: what a row costs, divided by size().
    qsizetype bytesHeld() const;

private:
    RowCells cellsOf(const Result &result);
    InspectedCells inspectedOf(const Result &result);
    const InspectedCells *inspected(int row) const;

    RowChunks m_rows;
    ChunkedRows<InspectedCells> m_inspected; // empty unless a row had anything to keep there
    bool m_expects = false;
    QStringList m_valueNames;
    qsizetype m_extractedCount = 0;
    TextArena m_texts;
    InternedTexts m_contentTypes;
    InternedTexts m_methods;
    InternedTexts m_messages;
};

} // namespace salvo::ui
