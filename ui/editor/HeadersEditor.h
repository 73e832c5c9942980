#pragma once

#include <QWidget>

#include "result/Result.h"

class QTableWidget;
class QTableWidgetItem;
class QToolButton;

namespace salvo::ui {

class SecretValueDelegate;

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
    // What the Value column shows in `row`: a secret header's value masked, unless the person
    // chose to see secret values.
    QString shownValue(int row) const;

signals:
    void headersChanged();

private:
    void keepOneEmptyRowAtTheEnd();
    void markName(QTableWidgetItem *name);
    void removeSelectedRows();
    // Starts typing a new header in the empty last row.
    void addHeader();

    QTableWidget *m_table;
    SecretValueDelegate *m_values;
    QToolButton *m_add;
    QToolButton *m_showSecrets;
    QToolButton *m_remove;
    bool m_updating = false;
};

} // namespace salvo::ui
