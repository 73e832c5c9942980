#pragma once

// ui/about owns the About dialog: what Salvo is, its licence, and the versions a bug report
// needs.

#include <QDialog>

class QPushButton;

namespace salvo::ui {

// Name, version, licence and the Qt and QCoro versions, with a button that copies them and
// the platform for a bug report.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // Several lines: Salvo's, Qt's and QCoro's versions, the operating system and the
    // windowing platform. English on purpose: whoever reads a bug report reads it.
    static QString versionInfo();

private:
    void handleCopyClicked();

    QPushButton *m_copy;
};

} // namespace salvo::ui
