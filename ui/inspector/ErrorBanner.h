#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace salvo {
struct Result;
}

namespace salvo::ui {

// Above the inspector's tabs when the selected row failed: the sentence a person can act
// on, and one click away, the technical detail (the error's machine name, which timer
// fired, Qt's own code and words) to paste into a bug report.
class ErrorBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorBanner)

public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    // Shows the banner for a failed result and hides it for any other.
    void showResult(const salvo::Result &result);

private:
    QLabel *m_sentence;
    QToolButton *m_detailsButton;
    QLabel *m_details;
};

} // namespace salvo::ui
