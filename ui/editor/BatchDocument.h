#pragma once

#include <QFutureWatcher>
#include <QObject>

#include "desktop/BatchFile.h"
#include "session/SavedBatch.h"

class QFileDialog;
class QMenu;
class QWidget;

namespace salvo {
class SecretKeeper;
} // namespace salvo

namespace salvo::ui {

class BatchPane;
class RunController;

// The batch as a file: opening a list, a table or a saved batch into the editor off the GUI
// thread, saving it as a .salvo document whose secret header values go to the keychain, and
// the recent files. A saved batch brings its own run options to the RunController.
class BatchDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchDocument)

public:
    BatchDocument(BatchPane *batchPane, RunController *runs, SecretKeeper *secrets,
                  QWidget *window);
    ~BatchDocument() override;

    // Puts a file in the editor, and runs it when asked (salvo FILE --run).
    void open(const QString &path, bool runAfterOpening = false);
    // Asks which file to open (`importing`: curl commands or a HAR file), then opens it.
    void chooseFileToOpen(bool importing);
    // Asks for a file name, then saves.
    void chooseSaveFile();
    // Saves the batch as a .salvo document (secret header values left out).
    void saveTo(const QString &path);
    // Lists the recent files in this menu, each opening its file.
    void listRecentFiles(QMenu *menu);

signals:
    // What the status line says about the file.
    void told(const QString &text);
    // A file that can be checked on a schedule was opened or saved.
    void batchFileChosen(const QString &path);
    void saved(const QString &path);

private:
    void handleOpened();
    // Shows what the file would bring in; the batch takes it when the person says Import.
    void offerImport(const QString &path, const QByteArray &contents, salvo::ImportKind kind);
    void showSavedBatch(const QString &path, const salvo::SavedBatch &batch);
    void showFetchedSecrets(quint64 request, const salvo::HeaderList &found,
                            const QList<QByteArray> &missing, const QString &problem);

    BatchPane *m_batchPane;
    RunController *m_runs;
    SecretKeeper *m_secrets;
    QWidget *m_window;
    QFutureWatcher<Expected<OpenedFile>> m_opening;
    QString m_openingPath;
    bool m_runAfterOpening = false;
    quint64 m_secretsRequest = 0; // the keychain's answer awaited for the batch opened
};

// A dialog to save a file that adds the file name's ending itself (the chosen filter's), so
// that it asks before replacing the file that will really be written: "report" typed with
// report.csv there. Adding the ending after the dialog would replace report.csv unasked.
QFileDialog *saveFileDialog(QWidget *parent, const QString &title, const QString &file,
                            const QStringList &filters, const QStringList &suffixes);

} // namespace salvo::ui
