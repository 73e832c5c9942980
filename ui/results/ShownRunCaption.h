#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace salvo::ui {

// The line above the results table that says which batch the table holds: this session's
// run of the list in the editor, or a run from the history, with a button to put that run's
// list in the editor when it is not there already.
class ShownRunCaption final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShownRunCaption)

public:
    explicit ShownRunCaption(QWidget *parent = nullptr);

    // offerToLoad: show the button that puts the run's list in the editor.
    void showText(const QString &text, bool offerToLoad);
    QString text() const;

signals:
    void loadRequested();

private:
    QLabel *m_text;
    QPushButton *m_load;
};

} // namespace salvo::ui
