#pragma once

#include <QDialog>
#include <QFutureWatcher>

#include "import/HarImport.h"
#include "import/ImportedBatch.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace salvo::ui {

// Shows what an import will bring in before it does: the requests (the first ones in a
// table), how many there are, what was skipped and why, and what was not wholly understood.
// For a HAR file, the hosts and kinds to take and whether to keep cookies. The file is read
// off the GUI thread; a large one shows that it is being read, and Cancel closes at once.
class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    ImportDialog(QByteArray contents, ImportKind kind, const QString &name,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

    // The requests as last read with the choices shown.
    const ImportedRequests &imported() const { return m_imported; }
    // Whether the file has been read (and the choices since, applied).
    bool isReady() const { return m_ready; }

    static constexpr int previewRows = 200;

signals:
    // Each time a reading ends: the dialog shows its requests.
    void ready();

private:
    struct Reading
    {
        ImportedRequests imported;
        HarContents contents;
    };
    void read();
    void showReading();
    void showChoices(const HarContents &contents);
    HarChoice choice() const;
    void fillPreview();

    QByteArray m_contents;
    ImportKind m_kind;
    QFutureWatcher<Reading> m_reading;
    ImportedRequests m_imported;
    bool m_ready = false;
    bool m_choicesShown = false;
    QLabel *m_summary;
    QTableWidget *m_preview;
    QListWidget *m_skipped;
    QListWidget *m_hosts;
    QListWidget *m_kinds;
    QCheckBox *m_cookies;
    QDialogButtonBox *m_buttons;
};

} // namespace salvo::ui
