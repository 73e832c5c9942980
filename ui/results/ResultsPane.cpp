#include "ResultsPane.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QShortcut>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

#include "ResultsFilterModel.h"
#include "ResultsModel.h"
#include "ShownRunCaption.h"
#include "StatusFilterBar.h"
#include "result/ErrorKind.h"
#include "run/RunController.h"

namespace salvo::ui {

ResultsPane::ResultsPane(QWidget *parent)
    : QWidget(parent)
    , m_caption(new ShownRunCaption(this))
    , m_filters(new StatusFilterBar(this))
    , m_model(new ResultsModel(this))
    , m_filter(new ResultsFilterModel(this))
    , m_table(new QTableView(this))
{
    setUpTable();
    connect(m_filters, &StatusFilterBar::statusClassChosen, m_filter,
            &ResultsFilterModel::setStatusClass);
    connect(m_filters, &StatusFilterBar::searchChanged, m_filter,
            &ResultsFilterModel::setSearchText);
    connect(m_filters, &StatusFilterBar::searchChanged, this, [this](const QString &text) {
        if (m_bodySearch)
            m_bodySearch->search(text, m_searchedRuns());
    });
    connect(m_model, &ResultsModel::statusClassCountsChanged, this,
            [this] { m_filters->showCounts(m_model->statusClassCounts()); });
    // A run that expects something shows its failed expectations' chip from the start.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_filters->setShowsExpectations(m_model->passedColumn() >= 0);
        m_filters->showCounts(m_model->statusClassCounts());
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_filters);
    layout->addWidget(m_table, 1);
}

ResultsPane::~ResultsPane() = default;

void ResultsPane::setUpTable()
{
    m_filter->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("resultsTable"));
    m_table->setAccessibleName(tr("Results"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ResultsModel::IndexColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: sizing rows to contents costs a pass over every row.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(ResultsModel::UrlColumn, 360);
    // Wide enough for the longest status ("Secure connection failed"): a status cut to
    // "Connection r…" says nothing. The warning sign of an unchecked run goes beside it.
    int statusWidth = 0;
    for (int kind = 1; kind < errorKindCount; ++kind) {
        statusWidth = std::max(
                statusWidth,
                m_table->fontMetrics().horizontalAdvance(errorKindLabel(ErrorKind(kind))));
    }
    m_table->setColumnWidth(ResultsModel::StatusColumn,
                            statusWidth + m_table->fontMetrics().height()
                                    + 3 * m_table->fontMetrics().averageCharWidth());
    for (const Qt::Key key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *open
                = new QShortcut(QKeySequence(key), m_table, nullptr, nullptr, Qt::WidgetShortcut);
        open->setWhatsThis(tr("Open the selected row's answer")); // the shortcuts list's words
        connect(open, &QShortcut::activated, this, &ResultsPane::openAnswerRequested);
    }
    connect(m_table, &QTableView::doubleClicked, this, &ResultsPane::openAnswerRequested);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, &ResultsPane::showMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid()) {
                    emit currentResultChanged(std::nullopt);
                    return;
                }
                emit currentResultChanged(m_model->resultAt(m_filter->mapToSource(current).row()));
            });
}

void ResultsPane::searchBodiesIn(const QString &historyPath,
                                 std::function<QList<SearchedRun>()> runs)
{
    delete m_bodySearch;
    m_bodySearch = new BodySearch(historyPath, this);
    m_searchedRuns = std::move(runs);
    connect(m_bodySearch, &BodySearch::found, m_filter, &ResultsFilterModel::setBodyMatches);
}

bool ResultsPane::showInspectedColumns(const InspectionPlan *plan, bool rowsExpect,
                                       const QStringList &inputColumns)
{
    QStringList extracted;
    if (plan) {
        for (const Extractor &extractor : plan->extractors)
            extracted.append(extractor.name);
    }
    const bool expects = rowsExpect || (plan && !plan->expectations.isEmpty());
    m_model->setInspectedColumns(expects, extracted, inputColumns);
    // Passed and the values go right after the status, where a person reads whether a row
    // is right and what it said, without scrolling past the address.
    QHeaderView *header = m_table->horizontalHeader();
    const int inspected = m_model->columnCount() - int(ResultsModel::ColumnCount);
    for (int k = 0; k < inspected; ++k) {
        const int logical = int(ResultsModel::ColumnCount) + k;
        header->moveSection(header->visualIndex(logical),
                            header->visualIndex(ResultsModel::StatusColumn) + 1 + k);
        m_table->setColumnWidth(logical, k == 0 && expects ? 90 : 110);
    }
    return expects;
}

void ResultsPane::focusSearch()
{
    m_filters->focusSearch();
}

QList<int> ResultsPane::selectedInputRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(m_model->inputRowAt(m_filter->mapToSource(index).row()));
    std::sort(rows.begin(), rows.end());
    return rows;
}

RowsToExport ResultsPane::rowsToExport(bool selectedOnly) const
{
    RowsToExport chosen;
    if (selectedOnly) {
        chosen.rows = selectedInputRows();
        if (chosen.rows.isEmpty())
            chosen.refusal = tr("Select the rows to export first.");
    } else if (m_filter->rowCount() == 0) {
        chosen.refusal = tr("No row is shown: change the filters, then export.");
    } else if (m_filter->searchText().isEmpty()) {
        chosen.filter = m_filter->historyFilter(); // the history picks the rows: none listed
    } else {
        // What the filters show: the search has no counterpart in the history's queries.
        chosen.rows.reserve(m_filter->rowCount());
        for (int row = 0; row < m_filter->rowCount(); ++row) {
            const QModelIndex shown = m_filter->mapToSource(m_filter->index(row, 0));
            chosen.rows.append(m_model->inputRowAt(shown.row()));
        }
        std::sort(chosen.rows.begin(), chosen.rows.end());
    }
    return chosen;
}

void ResultsPane::showMenu(const QPoint &position)
{
    const QModelIndex clicked = m_table->indexAt(position);
    if (!clicked.isValid())
        return;
    const Result result = m_model->resultAt(m_filter->mapToSource(clicked).row());
    const QUrl url(result.url);
    const bool isWebAddress = url.scheme() == u"http" || url.scheme() == u"https";
    QMenu menu(this);
    menu.addAction(tr("Copy address"), this,
                   [address = result.url] { QGuiApplication::clipboard()->setText(address); });
    menu.addAction(tr("Copy as curl command"), this, [this, result] {
            emit copyAsCurlRequested(result);
        })->setEnabled(isWebAddress);
    menu.addAction(tr("Open in browser"), this, [url] {
            QDesktopServices::openUrl(url);
        })->setEnabled(isWebAddress);
    menu.addSeparator();
    menu.addAction(tr("Export selected rows..."), this, &ResultsPane::exportSelectedRequested);
    menu.addAction(tr("Run selected rows again"), this, &ResultsPane::rerunSelectedRequested)
            ->setEnabled(!m_runs || m_runs->isIdle());
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

} // namespace salvo::ui
