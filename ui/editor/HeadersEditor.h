#pragma once

#include <QWidget>

#include "result/Result.h"

class QTableWidget;
class QTableWidgetItem;
class QToolButton;

namespace salvo::ui {

// The headers every request of the batch sends: a small two-column table that always ends
// in an empty row to type the next header into. A name that HTTP does not allow is marked
// and left out of headers(), with the reason in its tooltip.
class HeadersEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadersEditor)

public:
    explicit HeadersEditor(QWidget *parent = nullptr);

    // The headers with a valid name, in table order; values are sent as typed.
    salvo::HeaderList headers() const;
    void setHeaders(const salvo::HeaderList &headers);
    // Rows whose name HTTP does not allow.
    int invalidCount() const;

signals:
    void headersChanged();

private:
    void keepOneEmptyRowAtTheEnd();
    void markName(QTableWidgetItem *name);
    void removeSelectedRows();

    QTableWidget *m_table;
    QToolButton *m_remove;
    bool m_updating = false;
};

} // namespace salvo::ui
