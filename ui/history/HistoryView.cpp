#include "desktop/ThenIfAlive.h"
#include "HistoryView.h"

#include <QFileInfo>
#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "store/HistoryMaintenance.h"
#include "store/RunHistory.h"

namespace salvo::ui {
namespace {

// On a pool thread: the connection is opened, used and closed here.
Expected<QList<HistoryEntry>> readHistory(const QString &path)
{
    // No file yet is no run yet, not an error.
    if (!QFileInfo::exists(path))
        return QList<HistoryEntry>();
    RunHistory history(path);
    if (auto opened = history.open(); !opened)
        return opened.error();
    Expected<QList<RunSummary>> runs = history.runs();
    if (!runs)
        return runs.error();
    QList<HistoryEntry> entries;
    entries.reserve(runs->size());
    for (const RunSummary &run : std::as_const(*runs)) {
        Expected<std::optional<LatencyPercentiles>> latency = history.latencyPercentiles(run.id);
        if (!latency)
            return latency.error();
        entries.append({run, *latency});
    }
    return entries;
}

Expected<int> deleteRuns(const QString &path, const QList<qint64> &runIds)
{
    HistoryMaintenance maintenance(path);
    if (auto opened = maintenance.open(); !opened)
        return opened.error();
    return maintenance.deleteRuns(runIds);
}

Expected<int> pruneHistory(const QString &path, const RetentionPolicy &policy)
{
    HistoryMaintenance maintenance(path);
    if (auto opened = maintenance.open(); !opened)
        return opened.error();
    return maintenance.applyRetention(policy);
}

// A run stopped before every row had its result, which nothing else is writing now.
bool isResumable(const RunSummary &run)
{
    return (run.state == RunState::Cancelled || run.state == RunState::Interrupted)
            && run.resultCount < run.rowCount;
}

} // namespace

HistoryView::HistoryView(QString databasePath, QWidget *parent)
    : QWidget(parent)
    , m_path(std::move(databasePath))
    , m_model(new HistoryModel(this))
    , m_table(new QTableView(this))
    , m_message(new QLabel(this))
    , m_openButton(new QPushButton(tr("Open"), this))
    , m_resumeButton(new QPushButton(tr("Resume"), this))
    , m_compareButton(new QPushButton(tr("Compare"), this))
    , m_deleteButton(new QPushButton(tr("Delete"), this))
{
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("Run history"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // Every column can be dragged wider, the batch's name too; it starts wide enough for a
    // name of some 40 characters, and the last column takes what room is left.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(HistoryModel::BatchColumn,
                            m_table->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 40);

    m_message->setObjectName(QStringLiteral("historyMessage"));
    m_message->setAccessibleName(tr("History message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_openButton->setObjectName(QStringLiteral("openRunButton"));
    m_openButton->setAccessibleName(tr("Open the selected run"));
    m_openButton->setToolTip(tr("Show this run's results."));
    m_resumeButton->setObjectName(QStringLiteral("resumeRunButton"));
    m_resumeButton->setAccessibleName(tr("Resume the selected run"));
    m_resumeButton->setToolTip(tr("Run the rows of a stopped or interrupted run that have no "
                                  "result yet, and add them to it."));
    m_compareButton->setObjectName(QStringLiteral("compareRunsButton"));
    m_compareButton->setAccessibleName(tr("Compare the two selected runs"));
    m_compareButton->setToolTip(tr("Select two runs to see which answers changed between them."));
    m_deleteButton->setObjectName(QStringLiteral("deleteRunsButton"));
    m_deleteButton->setAccessibleName(tr("Delete the selected runs"));
    m_deleteButton->setToolTip(tr("Remove the selected runs and their results from the history."));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_resumeButton);
    buttons->addWidget(m_compareButton);
    buttons->addWidget(m_deleteButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_table, &QAbstractItemView::doubleClicked, this, &HistoryView::handleActivated);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryView::handleSelectionChanged);
    connect(m_openButton, &QPushButton::clicked, this, &HistoryView::handleOpenClicked);
    connect(m_resumeButton, &QPushButton::clicked, this, &HistoryView::handleResumeClicked);
    connect(m_compareButton, &QPushButton::clicked, this, &HistoryView::handleCompareClicked);
    connect(m_deleteButton, &QPushButton::clicked, this, &HistoryView::deleteSelectedRuns);
    handleSelectionChanged();
}

// Pool tasks hold only copies (the path, the ids) and report through continuations bound to
// this view, which Qt drops once it is gone: nothing to wait for here.
HistoryView::~HistoryView() = default;

void HistoryView::reload()
{
    const quint64 generation = ++m_generation;
    thenIfAlive(QtConcurrent::run(readHistory, m_path), this,
                [this, generation](Expected<QList<HistoryEntry>> entries) {
                    if (generation != m_generation)
                        return;
                    if (!entries) {
                        m_model->setEntries({});
                        m_table->hide();
                        showMessage(entries.error().message);
                    } else {
                        const bool empty = entries->isEmpty();
                        m_model->setEntries(std::move(*entries));
                        m_table->setVisible(!empty);
                        showMessage(empty ? tr("No runs yet: every run is kept here.") : QString());
                    }
                    handleSelectionChanged();
                    emit reloaded();
                });
}

void HistoryView::deleteSelectedRuns()
{
    const QList<qint64> runIds = selectedRunIds();
    if (runIds.isEmpty() || m_deleting)
        return;
    if (m_confirmDeletes) {
        const QString question = runIds.size() == 1
                ? tr("Delete run %1 and all its results? This cannot be undone.")
                          .arg(runIds.constFirst())
                : tr("Delete %n runs and all their results? This cannot be undone.", nullptr,
                     int(runIds.size()));
        const auto answer = QMessageBox::question(this, tr("Delete runs"), question,
                                                  QMessageBox::Yes | QMessageBox::Cancel,
                                                  QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    m_deleting = true;
    handleSelectionChanged();
    thenIfAlive(QtConcurrent::run(deleteRuns, m_path, runIds), this, [this](Expected<int> deleted) {
        m_deleting = false;
        reload();
        if (!deleted) {
            // Shown after the reload's own message, which would otherwise replace it.
            const QString error = deleted.error().message;
            connect(
                    this, &HistoryView::reloaded, this, [this, error] { showMessage(error); },
                    Qt::SingleShotConnection);
            return;
        }
        emit runsDeleted(*deleted);
    });
}

void HistoryView::applyRetention(const RetentionPolicy &policy)
{
    if (policy.keepsEverything() || !QFileInfo::exists(m_path))
        return;
    thenIfAlive(QtConcurrent::run(pruneHistory, m_path, policy), this,
                [this](Expected<int> deleted) {
                    if (!deleted) {
                        showMessage(deleted.error().message);
                        emit retentionApplied(0);
                        return;
                    }
                    if (*deleted > 0)
                        reload();
                    emit retentionApplied(*deleted);
                });
}

QList<qint64> HistoryView::selectedRunIds() const
{
    QList<qint64> runIds;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        runIds.append(m_model->runIdAt(row.row()));
    std::sort(runIds.begin(), runIds.end(), std::greater<>());
    return runIds;
}

QString HistoryView::message() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

void HistoryView::handleActivated(const QModelIndex &index)
{
    if (const qint64 runId = m_model->runIdAt(index.row()); runId > 0)
        emit openRunRequested(runId);
}

void HistoryView::handleOpenClicked()
{
    const QModelIndex current = m_table->currentIndex();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (current.isValid() && m_table->selectionModel()->isRowSelected(current.row()))
        handleActivated(current);
    else if (!rows.isEmpty())
        handleActivated(rows.constFirst());
}

void HistoryView::handleResumeClicked()
{
    const QList<qint64> runIds = selectedRunIds();
    if (runIds.size() == 1)
        emit resumeRunRequested(runIds.constFirst());
}

void HistoryView::handleCompareClicked()
{
    const QList<qint64> runIds = selectedRunIds(); // newest first
    if (runIds.size() == 2)
        emit compareRunsRequested(runIds.at(1), runIds.at(0));
}

void HistoryView::handleSelectionChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const int selected = int(rows.size());
    m_openButton->setEnabled(selected >= 1);
    m_resumeButton->setEnabled(
            selected == 1 && isResumable(m_model->entries().value(rows.constFirst().row()).run));
    m_compareButton->setEnabled(selected == 2);
    m_deleteButton->setEnabled(selected >= 1 && !m_deleting);
}

void HistoryView::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace salvo::ui
