#include "HeadersEditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QShortcut>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "result/HttpToken.h"
#include "batch/SecretHeaders.h"

namespace salvo::ui {
namespace {

constexpr int nameColumn = 0;
constexpr int valueColumn = 1;

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

} // namespace

// Shows the value of a secret header (Authorization, a token, a cookie...) as dots, and edits
// it as a password, unless the person chose to see secret values: a screen shared in a call
// or a screenshot does not give the credential away.
class SecretValueDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setRevealed(bool revealed) { m_revealed = revealed; }

    bool isMasked(const QModelIndex &index) const
    {
        const QString name = index.siblingAtColumn(nameColumn).data().toString().trimmed();
        return !m_revealed && !name.isEmpty() && isSecretHeader(name.toLatin1());
    }

    QString shownText(const QModelIndex &index) const
    {
        const QString value = index.data().toString();
        return isMasked(index) && !value.isEmpty() ? QString(8, QChar(0x2022)) : value;
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = shownText(index);
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(editor); line && isMasked(index))
            line->setEchoMode(QLineEdit::Password);
        return editor;
    }

private:
    bool m_revealed = false;
};

HeadersEditor::HeadersEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_values(new SecretValueDelegate(this))
    , m_add(new QToolButton(this))
    , m_showSecrets(new QToolButton(this))
    , m_remove(new QToolButton(this))
{
    m_table->setItemDelegateForColumn(valueColumn, m_values);
    m_add->setObjectName(QStringLiteral("addHeaderButton"));
    m_add->setText(tr("Add"));
    m_add->setToolTip(tr("Starts a new header in the last row"));
    m_add->setAccessibleName(tr("Add a header"));
    m_showSecrets->setObjectName(QStringLiteral("showSecretsButton"));
    m_showSecrets->setText(tr("Show secrets"));
    m_showSecrets->setCheckable(true);
    m_showSecrets->setToolTip(tr("Shows the values of secret headers (Authorization, tokens, "
                                 "cookies), which are hidden by default"));
    m_showSecrets->setAccessibleName(tr("Show the values of secret headers"));
    m_table->setObjectName(QStringLiteral("headersEditorTable"));
    m_table->setAccessibleName(tr("Headers sent with every request"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setColumnWidth(nameColumn, 160);
    m_table->setToolTip(tr("Type a header's name and value in the last row, such as "
                           "Accept and application/json"));

    m_remove->setObjectName(QStringLiteral("removeHeaderButton"));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Removes the selected headers (Delete)"));
    m_remove->setAccessibleName(tr("Remove selected headers"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_showSecrets);
    buttons->addStretch();
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr,
                                    Qt::WidgetWithChildrenShortcut);
    deleteKey->setWhatsThis(tr("Remove the selected headers")); // Help > Keyboard Shortcuts
    connect(deleteKey, &QShortcut::activated, this, &HeadersEditor::removeSelectedRows);
    connect(m_remove, &QToolButton::clicked, this, &HeadersEditor::removeSelectedRows);
    connect(m_add, &QToolButton::clicked, this, &HeadersEditor::addHeader);
    connect(m_showSecrets, &QToolButton::toggled, this, [this](bool revealed) {
        m_values->setRevealed(revealed);
        m_table->viewport()->update();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_updating)
            return;
        if (item->column() == nameColumn)
            markName(item);
        keepOneEmptyRowAtTheEnd();
        emit headersChanged();
    });
    keepOneEmptyRowAtTheEnd();
}

salvo::HeaderList HeadersEditor::headers() const
{
    salvo::HeaderList headers;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QByteArray name = cellText(m_table, row, nameColumn).trimmed().toLatin1();
        if (!name.isEmpty() && isHttpToken(name))
            headers.append({name, cellText(m_table, row, valueColumn).trimmed().toUtf8()});
    }
    return headers;
}

void HeadersEditor::setHeaders(const salvo::HeaderList &headers)
{
    m_updating = true;
    m_table->setRowCount(0);
    for (const auto &[name, value] : headers) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *nameItem = new QTableWidgetItem(QString::fromLatin1(name));
        m_table->setItem(row, nameColumn, nameItem);
        m_table->setItem(row, valueColumn, new QTableWidgetItem(QString::fromUtf8(value)));
        markName(nameItem);
    }
    m_updating = false;
    keepOneEmptyRowAtTheEnd();
    emit headersChanged();
}

int HeadersEditor::invalidCount() const
{
    int invalid = 0;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = cellText(m_table, row, nameColumn).trimmed();
        if (!name.isEmpty() && !isHttpToken(name.toLatin1()))
            ++invalid;
    }
    return invalid;
}

QString HeadersEditor::shownValue(int row) const
{
    return m_values->shownText(m_table->model()->index(row, valueColumn));
}

void HeadersEditor::addHeader()
{
    keepOneEmptyRowAtTheEnd();
    const int last = m_table->rowCount() - 1;
    QTableWidgetItem *name = m_table->item(last, nameColumn);
    if (!name) {
        const QSignalBlocker blocker(m_table);
        name = new QTableWidgetItem;
        m_table->setItem(last, nameColumn, name);
    }
    m_table->setFocus();
    m_table->setCurrentItem(name);
    m_table->editItem(name);
}

void HeadersEditor::markName(QTableWidgetItem *name)
{
    const QString text = name->text().trimmed();
    // Latin-1 round trip: a name with characters outside it is not a token either.
    const bool valid = text.isEmpty()
            || (QString::fromLatin1(text.toLatin1()) == text && isHttpToken(text.toLatin1()));
    const QSignalBlocker blocker(m_table);
    name->setForeground(valid ? QBrush() : QBrush(QColor(200, 40, 40)));
    name->setToolTip(valid ? QString()
                           : tr("A header name is letters, digits and - _ . ! # $ % & ' * + ^ ` "
                                "| ~ only, without spaces or a colon. This header is not sent."));
}

void HeadersEditor::keepOneEmptyRowAtTheEnd()
{
    const QSignalBlocker blocker(m_table);
    // Drop empty rows except the last, then make sure the last row is empty.
    for (int row = m_table->rowCount() - 2; row >= 0; --row) {
        if (cellText(m_table, row, nameColumn).isEmpty()
            && cellText(m_table, row, valueColumn).isEmpty() && m_table->currentRow() != row)
            m_table->removeRow(row);
    }
    const int last = m_table->rowCount() - 1;
    if (last < 0 || !cellText(m_table, last, nameColumn).isEmpty()
        || !cellText(m_table, last, valueColumn).isEmpty())
        m_table->insertRow(m_table->rowCount());
}

void HeadersEditor::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedIndexes())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return;
    {
        const QSignalBlocker blocker(m_table);
        for (auto it = rows.crbegin(); it != rows.crend(); ++it)
            m_table->removeRow(*it);
    }
    keepOneEmptyRowAtTheEnd();
    emit headersChanged();
}

} // namespace salvo::ui
