#pragma once

#include <QHash>
#include <QWidget>

class QButtonGroup;
class QLineEdit;
class QToolButton;

namespace salvo::ui {

class FlowLayout;

// One-click filters over the results, each with its count (All, 2xx, 3xx, 4xx, 5xx, No
// answer, then one chip per kind of error the run has met, such as Timeout or DNS), and a
// search box for URLs and messages. The chips wrap onto a second line rather than being cut.
class StatusFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusFilterBar)

public:
    explicit StatusFilterBar(QWidget *parent = nullptr);

    // Counts per status class, as ResultsModel keeps them.
    void showCounts(const QHash<QString, int> &counts);
    // Whether the run shown expects anything: its failed expectations' chip shows, with 0
    // too. showCounts() applies it.
    void setShowsExpectations(bool shows);
    void focusSearch();

signals:
    // "" for all, "2xx".."5xx", "errors" for every error, "unmet" for the rows that failed an
    // expectation, or one error's machine name.
    void statusClassChosen(const QString &statusClass);
    void searchChanged(const QString &text);

private:
    QToolButton *addChip(const QString &statusClass, const QString &label);

    QHash<QString, QToolButton *> m_chips;
    QHash<QString, QString> m_labels;
    QButtonGroup *m_group;
    QLineEdit *m_search;
    FlowLayout *m_layout;
    int m_nextChipPosition = 0;
    bool m_showsExpectations = false;
};

} // namespace salvo::ui
