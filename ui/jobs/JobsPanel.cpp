#include "JobsPanel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace salvo::ui {
namespace {

// Paints the Progress column as a bar with its text, through the style: the look of the
// platform's own progress bars.
class ProgressDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const int progress = index.data(JobsModel::ProgressRole).toInt();
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.minimum = 0;
        bar.maximum = progress < 0 ? 0 : 1000; // 0..0: the busy indicator
        bar.progress = std::max(progress, 0);
        bar.text = index.data().toString();
        bar.textVisible = !bar.text.isEmpty();
        const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

} // namespace

JobsPanel::JobsPanel(JobManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_model(new JobsModel(manager, this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(tr("No jobs yet. File > Export (Ctrl+E) writes the run shown as CSV, "
                            "JSON, HAR, JUnit or an HTML report, here in the background."),
                         this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_openButton(new QPushButton(tr("Open"), this))
{
    m_table->setObjectName(QStringLiteral("jobsTable"));
    m_table->setAccessibleName(tr("Background jobs"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(JobsModel::ProgressColumn, new ProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(JobsModel::OutcomeColumn,
                                                      QHeaderView::Stretch);
    m_table->setColumnWidth(JobsModel::TitleColumn, 220);
    m_table->setColumnWidth(JobsModel::ProgressColumn, 180);
    m_empty->setObjectName(QStringLiteral("jobsEmptyMessage"));
    m_empty->setWordWrap(true);
    m_cancelButton->setObjectName(QStringLiteral("cancelJobButton"));
    m_cancelButton->setAccessibleName(tr("Cancel the selected job"));
    m_openButton->setObjectName(QStringLiteral("openJobResultButton"));
    m_openButton->setAccessibleName(tr("Open the file the selected job wrote"));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_cancelButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    const auto showEmptyState = [this] {
        const bool empty = m_model->rowCount() == 0;
        m_empty->setVisible(empty);
        m_table->setVisible(!empty);
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, showEmptyState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobsPanel::handleSelectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JobsPanel::handleSelectionChanged);
    connect(m_table, &QAbstractItemView::doubleClicked, this, &JobsPanel::handleOpenClicked);
    connect(m_cancelButton, &QPushButton::clicked, this, &JobsPanel::handleCancelClicked);
    connect(m_openButton, &QPushButton::clicked, this, &JobsPanel::handleOpenClicked);
    // A new job is selected, so Cancel is one click away.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { m_table->selectRow(0); });
    m_elapsedTimer.setInterval(1000);
    connect(&m_elapsedTimer, &QTimer::timeout, m_model, &JobsModel::refreshElapsed);
    m_elapsedTimer.start();
    showEmptyState();
    handleSelectionChanged();
}

std::optional<JobInfo> JobsPanel::selectedJob() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->jobAt(rows.constFirst().row());
}

void JobsPanel::handleSelectionChanged()
{
    const std::optional<JobInfo> job = selectedJob();
    m_cancelButton->setEnabled(job && !job->hasEnded() && !job->cancelRequested);
    m_openButton->setEnabled(job && job->state == JobState::Done
                             && !job->outcome.filePath.isEmpty());
}

void JobsPanel::handleCancelClicked()
{
    if (const std::optional<JobInfo> job = selectedJob())
        m_manager->cancel(job->id);
}

void JobsPanel::handleOpenClicked()
{
    const std::optional<JobInfo> job = selectedJob();
    if (job && job->state == JobState::Done && !job->outcome.filePath.isEmpty())
        emit openRequested(job->outcome.filePath);
}

} // namespace salvo::ui
