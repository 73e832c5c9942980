#include "SchedulesPanel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QVBoxLayout>

#include "desktop/RecheckScheduler.h"
#include "ScheduleDialog.h"
#include "SchedulesModel.h"

namespace salvo::ui {
namespace {

const QString keepInTrayKey = QStringLiteral("schedules/keepCheckingInTray");

} // namespace

SchedulesPanel::SchedulesPanel(RecheckScheduler *scheduler, QWidget *parent)
    : QWidget(parent)
    , m_scheduler(scheduler)
    , m_model(new SchedulesModel(scheduler, this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_newButton(new QPushButton(tr("New check..."), this))
    , m_editButton(new QPushButton(tr("Edit..."), this))
    , m_changesButton(new QPushButton(tr("Show changes"), this))
    , m_checkNowButton(new QPushButton(tr("Check now"), this))
    , m_pauseButton(new QPushButton(tr("Pause"), this))
    , m_removeButton(new QPushButton(tr("Remove"), this))
    , m_keepInTray(new QCheckBox(tr("Keep checking from the system tray when the window is "
                                    "closed"),
                                 this))
{
    setUpTable();
    m_empty->setObjectName(QStringLiteral("schedulesEmptyText"));
    m_empty->setWordWrap(true);
    m_empty->setText(tr("No scheduled checks yet. Save a batch (Ctrl+S), then press New check to "
                        "run it again every few minutes: each check is kept in the History, and "
                        "you are told when an answer changes."));
    m_problem->setObjectName(QStringLiteral("schedulesProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    m_newButton->setObjectName(QStringLiteral("newScheduleButton"));
    m_editButton->setObjectName(QStringLiteral("editScheduleButton"));
    m_changesButton->setObjectName(QStringLiteral("showCheckChangesButton"));
    m_changesButton->setToolTip(tr("Compares the last check with the check before it"));
    m_checkNowButton->setObjectName(QStringLiteral("checkNowButton"));
    m_pauseButton->setObjectName(QStringLiteral("pauseScheduleButton"));
    m_removeButton->setObjectName(QStringLiteral("removeScheduleButton"));
    m_keepInTray->setObjectName(QStringLiteral("keepCheckingInTrayBox"));
    m_keepInTray->setChecked(QSettings().value(keepInTrayKey, false).toBool());
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        m_keepInTray->setEnabled(false);
        m_keepInTray->setToolTip(tr("This desktop shows no system tray: checks run while the "
                                    "window is open."));
    }

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_newButton, m_editButton, m_changesButton, m_checkNowButton,
                                m_pauseButton, m_removeButton})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);
    layout->addWidget(m_empty);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_keepInTray);

    connect(m_newButton, &QPushButton::clicked, this, &SchedulesPanel::newSchedule);
    connect(m_editButton, &QPushButton::clicked, this, &SchedulesPanel::editSelected);
    connect(m_changesButton, &QPushButton::clicked, this, &SchedulesPanel::showSelectedChanges);
    connect(m_table, &QTableView::doubleClicked, this, &SchedulesPanel::openSelected);
    connect(m_checkNowButton, &QPushButton::clicked, this, [this] {
        if (const std::optional<Schedule> selected = selectedSchedule())
            m_scheduler->checkNow(selected->id);
    });
    connect(m_pauseButton, &QPushButton::clicked, this, [this] {
        if (const std::optional<Schedule> selected = selectedSchedule())
            m_scheduler->setEnabled(selected->id, !selected->enabled);
    });
    connect(m_removeButton, &QPushButton::clicked, this, &SchedulesPanel::askToRemoveSelected);
    connect(m_keepInTray, &QCheckBox::toggled, this,
            [](bool keep) { QSettings().setValue(keepInTrayKey, keep); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SchedulesPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SchedulesPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SchedulesPanel::updateButtons);
    connect(m_scheduler, &RecheckScheduler::loaded, this, [this](const QString &problem) {
        m_problem->setText(problem);
        m_problem->setVisible(!problem.isEmpty());
        updateButtons();
    });
    updateButtons();
}

void SchedulesPanel::setUpTable()
{
    m_table->setObjectName(QStringLiteral("schedulesTable"));
    m_table->setAccessibleName(tr("Scheduled checks"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // A handful of rows: sizing columns to their contents costs nothing here.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
}

void SchedulesPanel::askToRemoveSelected()
{
    const std::optional<Schedule> selected = selectedSchedule();
    if (!selected)
        return;
    auto *box = new QMessageBox(
            QMessageBox::Question, tr("Remove the scheduled check"),
            tr("Stop checking %1? The checks it made stay in the History.").arg(selected->name),
            QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeScheduleQuestion"));
    box->setTextFormat(Qt::PlainText); // the name is the person's, or a file's
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    connect(remove, &QPushButton::clicked, this,
            [this, id = selected->id] { m_scheduler->remove(id); });
    box->open();
}

std::optional<Schedule> SchedulesPanel::selectedSchedule() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->scheduleAt(rows.constFirst().row());
}

void SchedulesPanel::selectSchedule(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_table->selectRow(row);
}

bool SchedulesPanel::keepsCheckingInTray() const
{
    return m_keepInTray->isEnabled() && m_keepInTray->isChecked();
}

void SchedulesPanel::newSchedule()
{
    Schedule initial;
    initial.batchPath = m_suggestedBatch;
    auto *dialog = new ScheduleDialog(initial, this);
    dialog->setObjectName(QStringLiteral("scheduleDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { selectSchedule(m_scheduler->add(dialog->schedule())); });
    dialog->open();
}

void SchedulesPanel::openSelected()
{
    if (m_changesButton->isEnabled())
        showSelectedChanges();
    else if (m_editButton->isEnabled())
        editSelected();
}

void SchedulesPanel::showSelectedChanges()
{
    const std::optional<Schedule> selected = selectedSchedule();
    if (selected && selected->lastRunId > 0 && selected->comparedWithRunId > 0)
        emit compareRunsRequested(selected->comparedWithRunId, selected->lastRunId);
}

void SchedulesPanel::editSelected()
{
    const std::optional<Schedule> selected = selectedSchedule();
    if (!selected)
        return;
    auto *dialog = new ScheduleDialog(*selected, this);
    dialog->setObjectName(QStringLiteral("scheduleDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_scheduler->update(dialog->schedule()); });
    dialog->open();
}

void SchedulesPanel::updateButtons()
{
    const std::optional<Schedule> selected = selectedSchedule();
    const bool hasSchedules = m_model->rowCount() > 0;
    m_empty->setVisible(!hasSchedules);
    m_table->setVisible(hasSchedules);
    // Another Salvo's schedules are shown, not changed.
    const bool editable = m_scheduler->isLoaded() && !m_scheduler->isReadOnly();
    m_newButton->setEnabled(editable);
    m_editButton->setEnabled(editable && selected);
    m_changesButton->setEnabled(selected && selected->lastRunId > 0
                                && selected->comparedWithRunId > 0);
    m_checkNowButton->setEnabled(editable && selected && !m_scheduler->isChecking(selected->id));
    m_pauseButton->setEnabled(editable && selected);
    m_pauseButton->setText(selected && !selected->enabled ? tr("Resume") : tr("Pause"));
    m_removeButton->setEnabled(editable && selected);
}

} // namespace salvo::ui
