#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

#include "inspect/Expectation.h"
#include "result/ErrorKind.h"
#include "result/Result.h"

namespace salvo {

// One input row. A row that could not become a request keeps its error here, so that it
// still yields exactly one result and never reaches the network.
struct RequestSpec
{
    int line = 0; // 1-based line in its input
    QString text; // the address as written (template already filled)
    QUrl url; // valid http(s) URL, or empty when inputError is set
    QByteArray method; // empty: the batch's method
    std::optional<QByteArray> body; // absent: the batch's body
    // The row's own headers (a CSV's headers column, an import's), each in place of the
    // batch's of the same name.
    HeaderList headers;
    ErrorKind inputError = ErrorKind::None;
    QString inputErrorMessage;
    // How a runnable line was read when that differs from what was written ("https:// was
    // added"); the editor shows it on the line.
    QString inputNote;
    // The row's own expectations (a CSV's expect_* columns), beside the batch's.
    QList<Expectation> expectations;
    // The row's own cells of its input's other columns (a CSV's sku, name, ...), in the order
    // of its batch's BatchRows::columnNames(): carried to its result and the exports.
    QStringList columns;
    // An id list's row: its id, for the `{id}`s of the headers and the body.
    QString id;

    bool isRunnable() const { return inputError == ErrorKind::None; }
};

} // namespace salvo
