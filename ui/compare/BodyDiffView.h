#pragma once

// ui/compare owns comparing one URL's answers from two runs on screen: the two bodies side by
// side, lines that differ tinted, with keys to go from one change to the next.

#include <QAbstractTableModel>
#include <QByteArray>
#include <QFutureWatcher>
#include <QList>
#include <QString>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

#include "compare/BodyDiff.h"

class QAction;
class QLabel;
class QTableView;

namespace salvo::ui {

// The rows of a BodyDiff, four columns: a line number and a line on each side. Removed lines
// are tinted red on the left, added ones green on the right, changed ones amber on both; the
// tints are translucent, so they read on light and dark palettes alike.
class BodyDiffModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyDiffModel)

public:
    enum Column { LeftLineColumn, LeftTextColumn, RightLineColumn, RightTextColumn, ColumnCount };

    enum Role {
        // The row's DiffRow::Kind, as an int.
        KindRole = Qt::UserRole + 1,
    };

    // A line longer than this shows cut, with an ellipsis: painting a cell elides its text
    // anew each time, and one minified megabyte would make every scroll slow.
    static constexpr int maxShownCharacters = 2000;

    static QColor removedTint();
    static QColor addedTint();
    static QColor changedTint();

    explicit BodyDiffModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setRows(QList<DiffRow> rows);
    void clear() { setRows({}); }
    // The names above the two text columns, e.g. the runs' names.
    void setTitles(const QString &left, const QString &right);

    const DiffRow &rowAt(int row) const { return m_rows.at(row); }
    const QList<DiffRow> &rows() const { return m_rows; }
    // The first row of each change, ascending.
    const QList<int> &changeStarts() const { return m_changeStarts; }

private:
    QList<DiffRow> m_rows;
    QList<int> m_changeStarts;
    QString m_leftTitle;
    QString m_rightTitle;
};

// Two answer bodies side by side in one table, so both sides scroll together. JSON compares
// by value (see comparableBodyText()). The diff runs on a thread of the view's own: a body
// shown while an older diff still runs wins, and the older result is dropped. F8 and
// Shift+F8 (or the buttons) go to the next and previous change.
class BodyDiffView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyDiffView)

public:
    explicit BodyDiffView(QWidget *parent = nullptr);
    // Waits for a diff under way, at most the worst case maxDiffLinesPerSide allows.
    ~BodyDiffView() override;

    // Names for the two sides, e.g. "Run 12 (yesterday)"; used in the headers and messages.
    void setTitles(const QString &left, const QString &right);
    // Compares two bodies, off the GUI thread; diffShown() tells when the result is shown.
    // An empty body is one the answer did not have, or that its run did not keep.
    void showBodies(const QByteArray &left, const QByteArray &right);
    // Shows nothing, and drops a diff under way.
    void clear();

    BodyDiffModel *model() const { return m_model; }
    // The sentence above the table: the bodies are the same, one is missing, too large to
    // compare, or how many changes there are.
    QString message() const;

    // Make the first row of the next (previous) change current and scroll to it; from no
    // current row, the first (last) change. Nothing happens past the last (first) change.
    void goToNextChange();
    void goToPreviousChange();

signals:
    // The diff asked for by the latest showBodies() is shown.
    void diffShown();

private:
    // What the shown diff found beyond its rows.
    struct Shown
    {
        bool tooLarge = false;
        int leftLineCount = 0;
        int rightLineCount = 0;
    };

    void handleDiffFinished();
    void updateMessage();
    void goToRow(int row);
    void updateNavigation();
    int currentRow() const;

    BodyDiffModel *m_model = nullptr;
    QLabel *m_message = nullptr;
    QTableView *m_table = nullptr;
    QAction *m_nextChange = nullptr;
    QAction *m_previousChange = nullptr;
    QString m_leftTitle;
    QString m_rightTitle;
    QByteArray m_leftBody;
    QByteArray m_rightBody;
    std::optional<Shown> m_shown; // none while comparing, or after clear()

    // One thread: a diff asked for while another runs waits rather than competes, and one
    // that is stale by the time it starts returns at once.
    QThreadPool m_pool;
    QFutureWatcher<BodyDiff> m_watcher;
    // Bumped by each showBodies() and clear(); shared with the tasks to tell them they are
    // stale.
    std::shared_ptr<std::atomic<quint64>> m_generation;
    quint64 m_watchedGeneration = 0; // the one m_watcher's future was asked for by
};

} // namespace salvo::ui
