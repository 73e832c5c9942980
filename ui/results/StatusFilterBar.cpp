#include "StatusFilterBar.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

#include "FlowLayout.h"
#include "ResultsFilterModel.h"
#include "RowOrder.h"
#include "result/ErrorKind.h"

namespace salvo::ui {
namespace {

// The model's class of a row is "2xx".."5xx", "1xx" or the error's machine name.
bool isErrorKind(const QString &statusClass)
{
    return !statusClass.isEmpty() && !statusClass.endsWith(u"xx")
            && statusClass != ResultsFilterModel::errorsClass()
            && statusClass != ResultsFilterModel::redirectedClass()
            && statusClass != RowFilter::unmetClass();
}

} // namespace

StatusFilterBar::StatusFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_group(new QButtonGroup(this))
    , m_search(new QLineEdit(this))
{
    // The chips wrap onto more lines when a run meets many kinds of error, so every count
    // stays in sight and the search box keeps a usable width.
    auto *chips = new QWidget(this);
    chips->setObjectName(QStringLiteral("filterChips"));
    m_layout = new FlowLayout(chips, 2);
    m_layout->setContentsMargins(0, 0, 0, 0);
    QSizePolicy wrapping(QSizePolicy::Expanding, QSizePolicy::Preferred);
    wrapping.setHeightForWidth(true);
    chips->setSizePolicy(wrapping);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(chips, 1);
    layout->addWidget(m_search, 0, Qt::AlignTop);
    addChip(QString(), tr("All"));
    addChip(QStringLiteral("2xx"), tr("2xx OK"));
    addChip(QStringLiteral("3xx"), tr("3xx Redirect"))
            ->setToolTip(tr("Rows whose last answer is a redirect that was not followed"));
    addChip(ResultsFilterModel::redirectedClass(), tr("Redirected \u21aa"))
            ->setToolTip(tr("Rows that were redirected on the way to their answer: their status "
                            "is the last answer's, marked \u21aa"));
    addChip(QStringLiteral("4xx"), tr("4xx Client error"));
    addChip(QStringLiteral("5xx"), tr("5xx Server error"));
    addChip(ResultsFilterModel::errorsClass(), tr("No answer"))
            ->setToolTip(tr("Rows where no usable answer came: timeouts, refused connections, "
                            "bad addresses, ..."));
    addChip(RowFilter::unmetClass(), tr("\u2717 Failed expectations"))
            ->setToolTip(tr("Rows whose answer was not what the Expect tab asked for: hover a "
                            "row's Passed cell to read why"));
    m_chips.value(QString())->setChecked(true);

    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search URLs, messages and values (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search results"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().averageCharWidth() * 28);
    m_search->setMaximumWidth(m_search->fontMetrics().averageCharWidth() * 48);
    connect(m_search, &QLineEdit::textChanged, this, &StatusFilterBar::searchChanged);
    showCounts({});
}

QToolButton *StatusFilterBar::addChip(const QString &statusClass, const QString &label)
{
    auto *chip = new QToolButton(m_layout->parentWidget());
    chip->setCheckable(true);
    chip->setAutoRaise(true);
    chip->setObjectName(QStringLiteral("chip-")
                        + (statusClass.isEmpty() ? QStringLiteral("all") : statusClass));
    chip->setAccessibleName(label);
    m_group->addButton(chip);
    m_chips.insert(statusClass, chip);
    m_labels.insert(statusClass, label);
    m_layout->insertWidget(m_nextChipPosition++, chip);
    connect(chip, &QToolButton::clicked, this,
            [this, statusClass] { emit statusClassChosen(statusClass); });
    return chip;
}

void StatusFilterBar::showCounts(const QHash<QString, int> &counts)
{
    int total = 0;
    int errors = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.key() == ResultsFilterModel::redirectedClass()
            || it.key() == RowFilter::unmetClass())
            continue; // those rows are counted in their class too
        total += it.value();
        if (!isErrorKind(it.key()))
            continue;
        errors += it.value();
        // A chip for each kind of error met, made the first time it is met.
        if (!m_chips.contains(it.key())) {
            addChip(it.key(), errorKindLabel(errorKindFromName(it.key())))
                    ->setToolTip(tr("Only the rows that failed this way"));
        }
    }
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        const QString &statusClass = it.key();
        const int count = statusClass.isEmpty()                    ? total
                : statusClass == ResultsFilterModel::errorsClass() ? errors
                                                                   : counts.value(statusClass);
        it.value()->setText(QStringLiteral("%1  %2").arg(m_labels.value(statusClass)).arg(count));
    }
    // An error kind's chip shows only while its kind has rows; if the chosen one goes (a new
    // run), the filter goes back to All.
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        const bool unmet = it.key() == RowFilter::unmetClass();
        if (!isErrorKind(it.key()) && !unmet)
            continue;
        // The failed expectations' chip shows for every run that expects something, with 0 too.
        const bool present = counts.value(it.key()) > 0 || (unmet && m_showsExpectations);
        it.value()->setVisible(present);
        if (!present && it.value()->isChecked()) {
            m_chips.value(QString())->setChecked(true);
            emit statusClassChosen(QString());
        }
    }
}

void StatusFilterBar::setShowsExpectations(bool shows)
{
    m_showsExpectations = shows;
}

void StatusFilterBar::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

} // namespace salvo::ui
