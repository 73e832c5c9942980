#include "BatchDocument.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QtConcurrent>

#include <utility>

#include "BatchEditor.h"
#include "BatchPane.h"
#include "LastBatch.h"
#include "importing/ImportDialog.h"
#include "batch/BatchSecrets.h"
#include "run/RunController.h"
#include "desktop/SecretKeeper.h"

namespace salvo::ui {

QFileDialog *saveFileDialog(QWidget *parent, const QString &title, const QString &file,
                            const QStringList &filters, const QStringList &suffixes)
{
    auto *dialog = new QFileDialog(parent, title, file, filters.join(QStringLiteral(";;")));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(suffixes.value(0));
    QObject::connect(dialog, &QFileDialog::filterSelected, dialog,
                     [dialog, filters, suffixes](const QString &filter) {
                         dialog->setDefaultSuffix(suffixes.value(filters.indexOf(filter)));
                     });
    return dialog;
}

BatchDocument::BatchDocument(BatchPane *batchPane, RunController *runs, SecretKeeper *secrets,
                             QWidget *window)
    : QObject(window)
    , m_batchPane(batchPane)
    , m_runs(runs)
    , m_secrets(secrets)
    , m_window(window)
{
    connect(&m_opening, &QFutureWatcher<Expected<OpenedFile>>::finished, this,
            &BatchDocument::handleOpened);
    connect(m_batchPane->editor(), &BatchEditor::importPasted, this,
            [this](const QByteArray &text, ImportKind kind) {
                offerImport(tr("the pasted text"), text, kind);
            });
    connect(m_secrets, &SecretKeeper::fetched, this,
            [this](quint64 request, const QString &, const HeaderList &found,
                   const QList<QByteArray> &missing, const QString &problem) {
                showFetchedSecrets(request, found, missing, problem);
            });
    connect(m_secrets, &SecretKeeper::stored, this,
            [this](const QString &path, const QString &problem) {
                if (path == LastBatch::path())
                    return; // not a file the person saved
                if (!problem.isEmpty())
                    emit told(tr("Saved %1. %2").arg(path, problem));
                emit saved(path);
            });
}

BatchDocument::~BatchDocument() = default;

void BatchDocument::open(const QString &path, bool runAfterOpening)
{
    m_runAfterOpening = runAfterOpening;
    emit told(tr("Opening %1...").arg(path));
    // The disk is not read on this thread.
    m_openingPath = path;
    m_opening.setFuture(QtConcurrent::run(readBatchFile, path));
}

void BatchDocument::chooseFileToOpen(bool importing)
{
    const QString path = importing
            ? QFileDialog::getOpenFileName(
                    m_window, tr("Import curl commands, a HAR file, a collection or an API"), {},
                    tr("Imports (*.har *.json *.yaml *.yml *.sh *.txt *.curl);;HAR files (*.har);;"
                       "Postman collections and OpenAPI descriptions (*.json *.yaml *.yml);;"
                       "curl commands (*.sh *.txt *.curl);;All files (*)"))
            : QFileDialog::getOpenFileName(
                    m_window, tr("Open a list, a table or a saved batch"), {},
                    tr("Batches, lists, tables and imports (*.salvo *.txt *.csv *.list *.har "
                       "*.json *.yaml *.yml *.sh);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void BatchDocument::handleOpened()
{
    const Expected<OpenedFile> opened = m_opening.result();
    if (!opened) {
        m_runAfterOpening = false;
        emit told(opened.error().message);
        return;
    }
    rememberBatchFile(m_openingPath);
    if (opened->importKind) {
        m_runAfterOpening = false; // an import is looked at first
        offerImport(m_openingPath, opened->contents, *opened->importKind);
        return;
    }
    if (opened->savedBatch) {
        showSavedBatch(m_openingPath, *opened->savedBatch);
    } else {
        m_runs->setBatchOptions(std::nullopt);
        m_batchPane->setFileContents(m_openingPath, opened->contents);
        emit told({});
    }
    m_batchPane->markSettled(); // as in its file
    if (std::exchange(m_runAfterOpening, false))
        m_runs->startRun();
}

void BatchDocument::offerImport(const QString &path, const QByteArray &contents, ImportKind kind)
{
    emit told({});
    auto *dialog = new ImportDialog(contents, kind, QFileInfo(path).fileName(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, path] {
        const ImportedRequests &imported = dialog->imported();
        BatchInput input = importedBatch(imported);
        QString message
                = tr("Imported %n requests from %1.", nullptr, int(imported.requests.size()))
                          .arg(QFileInfo(path).fileName());
        if (!imported.variables.isEmpty()) {
            const Expected<QString> chosen
                    = m_batchPane->adoptEnvironment(importedEnvironment(imported));
            if (chosen)
                input.environmentName = *chosen;
            message += u' '
                    + (chosen ? tr("Its variables are the environment \"%1\".").arg(*chosen)
                              : chosen.error().message);
        }
        m_runs->setBatchOptions(std::nullopt);
        m_batchPane->setBatchInput(input);
        emit told(message);
    });
    dialog->open();
}

void BatchDocument::showSavedBatch(const QString &path, const SavedBatch &batch)
{
    m_batchPane->setBatchInput(batch.input, batch.withheldHeaders);
    emit batchFileChosen(path);
    // The batch runs as it was saved; the Settings dialog's defaults apply to other batches.
    m_runs->setBatchOptions(batch.options);
    emit told({});
    // The file names its secret headers; their values come from the keychain.
    m_secretsRequest = m_secrets->fetch(path, batch.withheldHeaders);
}

void BatchDocument::showFetchedSecrets(quint64 request, const HeaderList &found,
                                       const QList<QByteArray> &missing, const QString &problem)
{
    // Another file was opened meanwhile, or the answer is a scheduled check's.
    if (request != m_secretsRequest)
        return;
    m_secretsRequest = 0;
    m_batchPane->fillHeaderValues(found);
    m_batchPane->markSettled();
    QStringList names;
    for (const QByteArray &name : missing)
        names.append(QString::fromLatin1(name));
    QString text;
    if (!names.isEmpty())
        text = tr("Type the value of %1 in the Headers or Sign-in tab before running: saved "
                  "batches keep secret values only in this computer's keychain.")
                       .arg(names.join(QStringLiteral(", ")));
    if (!problem.isEmpty())
        text = text.isEmpty() ? problem : text + u' ' + problem;
    emit told(text);
}

void BatchDocument::chooseSaveFile()
{
    QFileDialog *dialog
            = saveFileDialog(m_window, tr("Save the batch"), {}, {tr("Salvo batches (*.salvo)")},
                             {QLatin1String(savedBatchSuffix)});
    dialog->setObjectName(QStringLiteral("saveBatchDialog"));
    connect(dialog, &QFileDialog::fileSelected, this, &BatchDocument::saveTo);
    dialog->open();
}

void BatchDocument::saveTo(const QString &path)
{
    SavedBatch batch;
    batch.name = QFileInfo(path).completeBaseName();
    batch.input = m_batchPane->batchInput();
    batch.options = m_runs->chosenOptions();
    const HeaderList secrets = secretsOf(batch.input); // to the keychain
    m_batchPane->markSettled(); // kept in a file now
    emit told(tr("Saving %1...").arg(path));
    auto *saving = new QFutureWatcher<Expected<>>(this);
    connect(saving, &QFutureWatcher<Expected<>>::finished, this, [this, saving, path, secrets] {
        saving->deleteLater();
        if (const Expected<> written = saving->result(); !written) {
            emit told(written.error().message);
            return;
        }
        rememberBatchFile(path);
        emit batchFileChosen(path);
        emit told(tr("Saved %1.").arg(path));
        m_secrets->store(path, secrets);
    });
    saving->setFuture(QtConcurrent::run(writeBatchFile, path, batch));
}

void BatchDocument::listRecentFiles(QMenu *menu)
{
    menu->clear();
    const QStringList files = recentBatchFiles();
    for (const QString &file : files)
        menu->addAction(QFileInfo(file).fileName(), this, [this, file] {
                open(file);
            })->setToolTip(file);
    if (files.isEmpty())
        menu->addAction(tr("No files yet"))->setEnabled(false);
}

} // namespace salvo::ui
