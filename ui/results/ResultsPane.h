#pragma once

#include <QWidget>

#include <functional>

#include "BodySearch.h"
#include "inspect/InspectionPlan.h"

#include <optional>

#include "result/Result.h"
#include "store/StoreTypes.h"

class QTableView;

namespace salvo::ui {

class ResultsFilterModel;
class ResultsModel;
class RunController;
class ShownRunCaption;
class StatusFilterBar;

// Which rows of the run shown an export writes: listed, or picked by the history's filter; or
// why there are none.
struct RowsToExport
{
    QList<int> rows;
    salvo::ResultFilter filter;
    QString refusal;
};

// The results of the run shown: the status chips and search over the table, the table itself
// with its menu, and the rows a person picked.
class ResultsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultsPane)

public:
    explicit ResultsPane(QWidget *parent = nullptr);
    ~ResultsPane() override;

    // The run workflow its menu offers to (re-runs, what a row sent).
    void setRunController(const RunController *runs) { m_runs = runs; }

    ResultsModel *model() const { return m_model; }
    ShownRunCaption *caption() const { return m_caption; }
    QTableView *table() const { return m_table; }
    // The input rows selected, in order.
    QList<int> selectedInputRows() const;
    // The selected rows, or the rows the filters and search show (every row when none is on).
    RowsToExport rowsToExport(bool selectedOnly) const;

    void focusSearch();
    // The search looks into the kept bodies of the runs `runs` names, in the history file at
    // historyPath (BodySearch), besides what the table holds.
    void searchBodiesIn(const QString &historyPath, std::function<QList<SearchedRun>()> runs);
    // The columns of a run that checks and reads its answers (ResultsModel); whether it
    // expects anything.
    bool showInspectedColumns(const salvo::InspectionPlan *plan, bool rowsExpect,
                              const QStringList &inputColumns);

signals:
    // The current row changed: what the table knows of it (CompactResults::summary), or
    // nothing when there is no current row.
    void currentResultChanged(const std::optional<salvo::Result> &summary);
    void exportSelectedRequested();
    void rerunSelectedRequested();
    void copyAsCurlRequested(const salvo::Result &result);
    // Return, Enter or a double-click on a row: its answer, read from the keyboard next.
    void openAnswerRequested();

private:
    void setUpTable();
    void showMenu(const QPoint &position);

    ShownRunCaption *m_caption;
    StatusFilterBar *m_filters;
    ResultsModel *m_model;
    ResultsFilterModel *m_filter;
    QTableView *m_table;
    const RunController *m_runs = nullptr;
    BodySearch *m_bodySearch = nullptr;
    std::function<QList<SearchedRun>()> m_searchedRuns;
};

} // namespace salvo::ui
