#include "desktop/ThenIfAlive.h"
#include "CompareWindow.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "BodyDiffView.h"
#include "ComparisonModel.h"
#include "desktop/PastRun.h"

namespace salvo::ui {
namespace {

struct BodyPair
{
    QByteArray older;
    QByteArray newer;
    QString error;
};

// On a pool thread: each side's kept body, empty for a side without the row or a body.
BodyPair readBodies(const QString &path, qint64 olderRunId, int olderRow, qint64 newerRunId,
                    int newerRow)
{
    BodyPair pair;
    if (olderRow >= 0) {
        Expected<PastResponse> response = loadPastResponse(path, olderRunId, olderRow);
        if (response)
            pair.older = std::move(response->body);
        else
            pair.error = response.error().message;
    }
    if (newerRow >= 0) {
        Expected<PastResponse> response = loadPastResponse(path, newerRunId, newerRow);
        if (response)
            pair.newer = std::move(response->body);
        else if (pair.error.isEmpty())
            pair.error = response.error().message;
    }
    return pair;
}

QString msText(qint64 ms)
{
    return CompareWindow::tr("%1 ms").arg(ms);
}

QString deltaText(qint64 older, qint64 newer)
{
    const qint64 delta = newer - older;
    return delta > 0 ? CompareWindow::tr("+%1 ms").arg(delta) : msText(delta);
}

// The two runs' times in a sentence. A run whose rows all failed has no time to compare: the
// sentence says so in words rather than show "none" as if it were a time.
QString timesText(const std::optional<LatencyPercentiles> &older,
                  const std::optional<LatencyPercentiles> &newer)
{
    if (older && newer) {
        return CompareWindow::tr("Median time %1 \u2192 %2 (%3); 99 in 100 answers took at most "
                                 "%4 \u2192 %5 (%6).")
                .arg(msText(older->p50Ms), msText(newer->p50Ms),
                     deltaText(older->p50Ms, newer->p50Ms), msText(older->p99Ms),
                     msText(newer->p99Ms), deltaText(older->p99Ms, newer->p99Ms));
    }
    if (!older && !newer)
        return CompareWindow::tr("Neither run had answers to time.");
    const LatencyPercentiles &timed = older ? *older : *newer;
    const QString times = CompareWindow::tr("Median time %1; 99 in 100 answers took at most %2")
                                  .arg(msText(timed.p50Ms), msText(timed.p99Ms));
    return older ? CompareWindow::tr("%1 (the later run had no answers to time).").arg(times)
                 : CompareWindow::tr("%1 (the earlier run had no answers to time).").arg(times);
}

} // namespace

CompareWindow::CompareWindow(QString historyPath, qint64 olderRunId, qint64 newerRunId,
                             QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_path(std::move(historyPath))
    , m_olderRunId(olderRunId)
    , m_newerRunId(newerRunId)
    , m_model(new ComparisonModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(
              tr("Reading runs %1 and %2 from the history...").arg(olderRunId).arg(newerRunId),
              this))
    , m_changedOnly(new QCheckBox(tr("&Changed only"), this))
    , m_table(new QTableView(this))
    , m_diff(new BodyDiffView(this))
{
    setWindowTitle(tr("Compare run %1 with run %2").arg(olderRunId).arg(newerRunId));
    resize(1100, 760);

    m_summary->setObjectName(QStringLiteral("comparisonSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_changedOnly->setObjectName(QStringLiteral("changedOnlyBox"));
    m_changedOnly->setChecked(true);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(ComparisonModel::ChangedRole);
    m_filter->setFilterKeyColumn(ComparisonModel::RowColumn);
    m_filter->setSortRole(ComparisonModel::RawRole);
    setChangedOnly(true);

    m_table->setObjectName(QStringLiteral("comparisonTable"));
    m_table->setAccessibleName(tr("Compared rows"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the comparison's own order at first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(ComparisonModel::UrlColumn,
                                                      QHeaderView::Stretch);
    m_diff->setObjectName(QStringLiteral("bodyDiffView"));
    m_diff->setTitles(tr("Run %1").arg(olderRunId), tr("Run %1").arg(newerRunId));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_changedOnly);
    layout->addWidget(splitter, 1);

    connect(m_changedOnly, &QCheckBox::toggled, this, &CompareWindow::setChangedOnly);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CompareWindow::handleCurrentRowChanged);
    // Started from the event loop, never inside this constructor: a comparison that finishes
    // at once (a small history) would otherwise report before anyone could connect to
    // compared(), since QFuture::then() runs a finished future's continuation in the call.
    QTimer::singleShot(0, this, [this] {
        thenIfAlive(
                QtConcurrent::run(compareRuns, m_path, m_olderRunId, m_newerRunId), this,
                [this](const Expected<RunComparison> &comparison) { handleCompared(comparison); });
    });
}

// The pool tasks hold copies only, and their continuations are bound to this window, which
// Qt drops once it is gone.
void CompareWindow::open(const QString &historyPath, qint64 olderRunId, qint64 newerRunId,
                         QWidget *parent)
{
    if (olderRunId == 0 || newerRunId == 0)
        return;
    auto *window = new CompareWindow(historyPath, olderRunId, newerRunId, parent);
    window->setObjectName(QStringLiteral("compareWindow"));
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
}

CompareWindow::~CompareWindow() = default;

QString CompareWindow::summaryText() const
{
    return m_summary->text();
}

void CompareWindow::setChangedOnly(bool changedOnly)
{
    if (m_changedOnly->isChecked() != changedOnly)
        m_changedOnly->setChecked(changedOnly); // toggled() comes back here
    m_filter->setFilterFixedString(changedOnly ? QStringLiteral("1") : QString());
}

void CompareWindow::handleCompared(const Expected<RunComparison> &comparison)
{
    if (!comparison) {
        m_summary->setText(comparison.error().message);
        emit compared();
        return;
    }
    m_model->setComparison(*comparison);
    const QLocale locale;
    QString text = tr("%1 addresses compared, %2 changed: %3 in status, %4 in error, %5 in "
                      "body.")
                           .arg(locale.toString(qsizetype(comparison->rows.size())),
                                locale.toString(comparison->changedCount),
                                locale.toString(comparison->statusChanges),
                                locale.toString(comparison->errorChanges),
                                locale.toString(comparison->bodyChanges));
    text += u' ' + timesText(comparison->olderLatency, comparison->newerLatency);
    if (comparison->changedCount == 0)
        text += u' ' + tr("Nothing changed between the two runs.");
    m_summary->setText(text);
    m_table->resizeColumnToContents(ComparisonModel::StatusColumn);
    m_table->resizeColumnToContents(ComparisonModel::ChangeColumn);
    if (m_filter->rowCount() > 0)
        m_table->setCurrentIndex(m_filter->index(0, ComparisonModel::UrlColumn));
    emit compared();
}

void CompareWindow::handleCurrentRowChanged()
{
    const quint64 selection = ++m_selection;
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_diff->clear();
        return;
    }
    const ComparedRow &row = m_model->rowAt(m_filter->mapToSource(current).row());
    const int olderRow = row.older.keptBody ? row.older.rowIndex : -1;
    const int newerRow = row.newer.keptBody ? row.newer.rowIndex : -1;
    thenIfAlive(
            QtConcurrent::run(readBodies, m_path, m_olderRunId, olderRow, m_newerRunId, newerRow),
            this, [this, selection](const BodyPair &bodies) {
                if (selection != m_selection)
                    return; // another row was chosen meanwhile
                m_diff->showBodies(bodies.older, bodies.newer);
            });
}

} // namespace salvo::ui
