#include "StatusFilterBar.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

#include "ResultsFilterModel.h"

namespace salvo::ui {

StatusFilterBar::StatusFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_group(new QButtonGroup(this))
    , m_search(new QLineEdit(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const QList<std::pair<QString, QString>> chips = {
            {QString(), tr("All")},
            {QStringLiteral("2xx"), tr("2xx OK")},
            {QStringLiteral("3xx"), tr("3xx Redirect")},
            {QStringLiteral("4xx"), tr("4xx Client error")},
            {QStringLiteral("5xx"), tr("5xx Server error")},
            {ResultsFilterModel::errorsClass(), tr("No answer")},
    };
    for (const auto &[statusClass, label] : chips) {
        auto *chip = new QToolButton(this);
        chip->setCheckable(true);
        chip->setAutoRaise(true);
        chip->setObjectName(QStringLiteral("chip-")
                            + (statusClass.isEmpty() ? QStringLiteral("all") : statusClass));
        chip->setAccessibleName(label);
        m_group->addButton(chip);
        m_chips.insert(statusClass, chip);
        m_labels.insert(statusClass, label);
        layout->addWidget(chip);
        connect(chip, &QToolButton::clicked, this,
                [this, statusClass] { emit statusClassChosen(statusClass); });
    }
    m_chips.value(QString())->setChecked(true);
    m_chips.value(ResultsFilterModel::errorsClass())
            ->setToolTip(tr("Rows where no usable answer came: timeouts, refused connections, "
                            "bad addresses, ..."));

    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search URLs and messages (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search results"));
    m_search->setClearButtonEnabled(true);
    layout->addStretch();
    layout->addWidget(m_search, 1);
    connect(m_search, &QLineEdit::textChanged, this, &StatusFilterBar::searchChanged);
    showCounts({});
}

void StatusFilterBar::showCounts(const QHash<QString, int> &counts)
{
    int total = 0;
    int errors = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        total += it.value();
        if (!it.key().endsWith(u"xx") && !it.key().isEmpty())
            errors += it.value();
    }
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        const QString &statusClass = it.key();
        const int count = statusClass.isEmpty()                    ? total
                : statusClass == ResultsFilterModel::errorsClass() ? errors
                                                                   : counts.value(statusClass);
        it.value()->setText(QStringLiteral("%1  %2").arg(m_labels.value(statusClass)).arg(count));
    }
}

void StatusFilterBar::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

} // namespace salvo::ui
