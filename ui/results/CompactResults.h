#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

#include "InternedTexts.h"
#include "TextArena.h"
#include "result/Result.h"

namespace salvo::ui {

// What the results table keeps of one row: what its columns, tooltips, chips and search show,
// in 40 bytes beside its address. The answer itself (headers, body, the error's technical
// detail) stays in the history until the row is selected.
struct RowCells
{
    enum Flag : quint8 {
        Truncated = 1 << 0,
        CertificatesUnchecked = 1 << 1,
        DeadlineTimeout = 1 << 2,
        InactivityTimeout = 1 << 3,
    };

    qint64 bytes = 0;
    qint32 inputRow = -1;
    qint32 elapsedMs = 0;
    TextArena::Handle url = 0;
    TextArena::Handle redirects = 0; // every address followed, one a line
    quint32 message = 0; // an interned sentence
    qint16 status = 0;
    quint16 contentType = 0; // interned
    quint8 error = 0; // ErrorKind
    quint8 flags = 0;
    quint8 attempts = 0; // counts above 255 show as 255
    quint8 resends = 0;
    quint8 redirectCount = 0;
    quint8 method = 0; // interned

    ErrorKind errorKind() const { return ErrorKind(error); }
    bool hasFlag(Flag flag) const { return (flags & flag) != 0; }
    bool isRedirected() const { return redirectCount > 0; }
    bool ok() const { return error == 0 && status >= 200 && status < 400; }
};
static_assert(sizeof(RowCells) == 40, "a row's cells stay compact");

// The rows of the results table, in the order they were added, as RowCells and the texts they
// name. A copy is a snapshot the thread pool may read while the GUI thread adds more.
class CompactResults
{
public:
    CompactResults();

    int size() const { return int(m_rows.size()); }
    void reserve(qsizetype rows) { m_rows.reserve(size_t(rows)); }
    void clear();
    void append(const Result &result);
    void replace(int row, const Result &result);

    const RowCells &cells(int row) const { return m_rows[size_t(row)]; }
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
    const InternedTexts &messages() const { return m_messages; }

    // What the table knows of a row, as a Result without its answer: no headers, no body, no
    // detail, no line, no time to the first byte; the redirect chain as far as it is kept.
    Result summary(int row) const;

    // Every byte this holds, capacity included: what a row costs, divided by size().
    qsizetype bytesHeld() const;

private:
    RowCells cellsOf(const Result &result);

    std::vector<RowCells> m_rows;
    TextArena m_texts;
    InternedTexts m_contentTypes;
    InternedTexts m_methods;
    InternedTexts m_messages;
};

} // namespace salvo::ui
