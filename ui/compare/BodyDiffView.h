#pragma once

// ui/compare owns comparing two runs on screen: CompareWindow lists what changed address by
// address; BodyDiffView shows one address's two bodies side by side, lines that differ tinted,
// with keys to go from one change to the next.

#include <QByteArray>
#include <QFutureWatcher>
#include <QList>
#include <QString>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

#include "BodyDiffModel.h"
#include "compare/BodyDiff.h"

class QAction;
class QLabel;
class QTableView;

namespace salvo::ui {

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
    // The diff asked for by the latest showBodies() is under way on the view's thread.
    void diffStarted();
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
