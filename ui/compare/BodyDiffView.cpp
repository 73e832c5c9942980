#include "BodyDiffView.h"

#include <QAction>
#include <QBrush>
#include <QColor>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <iterator>

namespace salvo::ui {
namespace {

using Kind = DiffRow::Kind;

// The change after `row` (-1: before the first row), or -1.
int nextStart(const QList<int> &starts, int row)
{
    const auto after = std::upper_bound(starts.cbegin(), starts.cend(), row);
    return after == starts.cend() ? -1 : *after;
}

// The change before the one `row` is in (or before `row`, when it is in none), or -1. No row
// (-1) counts as past the end, so the last change comes first.
int previousStart(const QList<int> &starts, const QList<DiffRow> &rows, int row)
{
    if (row < 0)
        return starts.isEmpty() ? -1 : starts.constLast();
    int from = row;
    if (rows.at(row).kind != Kind::Same) {
        // Back to the start of the change the row is in.
        const auto atOrBefore = std::upper_bound(starts.cbegin(), starts.cend(), row);
        if (atOrBefore != starts.cbegin())
            from = *std::prev(atOrBefore);
    }
    const auto before = std::lower_bound(starts.cbegin(), starts.cend(), from);
    return before == starts.cbegin() ? -1 : *std::prev(before);
}

} // namespace

BodyDiffView::BodyDiffView(QWidget *parent)
    : QWidget(parent)
    , m_model(new BodyDiffModel(this))
    , m_message(new QLabel(this))
    , m_table(new QTableView(this))
    , m_nextChange(new QAction(tr("Next change"), this))
    , m_previousChange(new QAction(tr("Previous change"), this))
    , m_leftTitle(tr("Left"))
    , m_rightTitle(tr("Right"))
    , m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    m_pool.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &BodyDiffView::handleDiffFinished);

    m_message->setObjectName(QStringLiteral("diffMessage"));
    m_message->setAccessibleName(tr("Comparison message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // it can quote a body: data, never markup
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setObjectName(QStringLiteral("diffTable"));
    m_table->setAccessibleName(tr("Body differences"));
    m_table->setModel(m_model);
    m_table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    // One line a row, always: the view never measures rows, and 200,000 scroll like ten.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 4);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Fixed);
    header->setSectionResizeMode(BodyDiffModel::LeftTextColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(BodyDiffModel::RightTextColumn, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_nextChange->setShortcut(QKeySequence(Qt::Key_F8));
    m_previousChange->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    for (QAction *action : {m_previousChange, m_nextChange}) {
        // Only while the comparison has the focus: F8 may mean something elsewhere.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_nextChange, &QAction::triggered, this, &BodyDiffView::goToNextChange);
    connect(m_previousChange, &QAction::triggered, this, &BodyDiffView::goToPreviousChange);
    auto *previousButton = new QToolButton(this);
    previousButton->setObjectName(QStringLiteral("previousChangeButton"));
    previousButton->setDefaultAction(m_previousChange);
    auto *nextButton = new QToolButton(this);
    nextButton->setObjectName(QStringLiteral("nextChangeButton"));
    nextButton->setDefaultAction(m_nextChange);

    auto *top = new QHBoxLayout;
    top->addWidget(m_message, 1);
    top->addWidget(previousButton);
    top->addWidget(nextButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &BodyDiffView::updateNavigation);
    connect(&m_watcher, &QFutureWatcher<BodyDiff>::progressValueChanged, this, [this](int value) {
        if (value == 1)
            emit diffStarted();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &BodyDiffView::updateNavigation);
    setFocusProxy(m_table);
    updateNavigation();
}

BodyDiffView::~BodyDiffView()
{
    // A diff not yet started returns at once; one under way is bounded (maxDiffLinesPerSide).
    m_generation->fetch_add(1);
    m_pool.waitForDone();
}

void BodyDiffView::setTitles(const QString &left, const QString &right)
{
    m_leftTitle = left;
    m_rightTitle = right;
    m_model->setTitles(left, right);
    if (m_shown)
        updateMessage();
}

void BodyDiffView::showBodies(const QByteArray &left, const QByteArray &right)
{
    m_leftBody = left;
    m_rightBody = right;
    m_shown.reset();
    m_model->clear();
    m_message->setText(tr("Comparing the bodies…"));
    const quint64 generation = m_generation->fetch_add(1) + 1;
    m_watchedGeneration = generation;
    m_watcher.setFuture(QtConcurrent::run(
            &m_pool, [latest = m_generation, generation, left, right](QPromise<BodyDiff> &promise) {
                if (latest->load() != generation) {
                    promise.addResult(BodyDiff()); // asked for again before it started: stale
                    return;
                }
                promise.setProgressRange(0, 1);
                promise.setProgressValue(1); // under way: the view says so (diffStarted)
                promise.addResult(diffBodies(left, right));
            }));
}

void BodyDiffView::clear()
{
    m_generation->fetch_add(1);
    m_leftBody.clear();
    m_rightBody.clear();
    m_shown.reset();
    m_model->clear();
    m_message->clear();
}

QString BodyDiffView::message() const
{
    return m_message->text();
}

void BodyDiffView::handleDiffFinished()
{
    if (m_watchedGeneration != m_generation->load() || m_watcher.future().resultCount() < 1)
        return; // a newer comparison, or clear(), came after this one
    const BodyDiff diff = m_watcher.result();
    m_shown = Shown{diff.tooLarge, diff.leftLineCount, diff.rightLineCount};
    m_model->setRows(diff.rows);

    // Line numbers take the width their largest needs, and the two texts share the rest.
    const int digits
            = int(QString::number(std::max(diff.leftLineCount, diff.rightLineCount)).size());
    const int numberWidth = m_table->fontMetrics().horizontalAdvance(QString(digits, u'9')) + 12;
    m_table->horizontalHeader()->resizeSection(BodyDiffModel::LeftLineColumn, numberWidth);
    m_table->horizontalHeader()->resizeSection(BodyDiffModel::RightLineColumn, numberWidth);

    // The first change in sight, without making it current: F8 then selects it.
    if (!m_model->changeStarts().isEmpty()) {
        m_table->scrollTo(
                m_model->index(m_model->changeStarts().constFirst(), BodyDiffModel::LeftTextColumn),
                QAbstractItemView::PositionAtCenter);
    } else {
        m_table->scrollToTop();
    }
    updateMessage();
    emit diffShown();
}

void BodyDiffView::updateMessage()
{
    if (!m_shown) {
        m_message->clear();
        return;
    }
    const bool leftEmpty = m_leftBody.isEmpty();
    const bool rightEmpty = m_rightBody.isEmpty();
    QString text;
    if (leftEmpty && rightEmpty) {
        text = tr("Neither answer has a body to compare, or their runs did not keep bodies.");
    } else if (m_shown->tooLarge) {
        text = tr("The bodies are too large to compare line by line: %L1 and %L2 lines.")
                       .arg(m_shown->leftLineCount)
                       .arg(m_shown->rightLineCount);
    } else if (leftEmpty || rightEmpty) {
        text = tr("The answer in “%1” has no body, or its run did not keep bodies.")
                       .arg(leftEmpty ? m_leftTitle : m_rightTitle);
    } else if (m_model->changeStarts().isEmpty()) {
        text = m_leftBody == m_rightBody
                ? tr("The bodies are identical.")
                : tr("The bodies are the same once key order and spacing are set aside.");
    } else {
        const int changes = int(m_model->changeStarts().size());
        text = changes == 1
                ? tr("1 change; F8 goes to it.")
                : tr("%L1 changes; F8 and Shift+F8 go from one to the next.").arg(changes);
    }
    m_message->setText(text);
}

int BodyDiffView::currentRow() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void BodyDiffView::goToNextChange()
{
    const int row = nextStart(m_model->changeStarts(), currentRow());
    if (row >= 0)
        goToRow(row);
}

void BodyDiffView::goToPreviousChange()
{
    const int row = previousStart(m_model->changeStarts(), m_model->rows(), currentRow());
    if (row >= 0)
        goToRow(row);
}

void BodyDiffView::goToRow(int row)
{
    const QModelIndex index = m_model->index(row, BodyDiffModel::LeftTextColumn);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void BodyDiffView::updateNavigation()
{
    const QList<int> &starts = m_model->changeStarts();
    const int row = currentRow();
    m_nextChange->setEnabled(nextStart(starts, row) >= 0);
    m_previousChange->setEnabled(previousStart(starts, m_model->rows(), row) >= 0);
}

} // namespace salvo::ui
