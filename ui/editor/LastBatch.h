#pragma once

#include <QFutureWatcher>
#include <QObject>

#include "desktop/BatchFile.h"

namespace salvo {
class SecretKeeper;
} // namespace salvo

namespace salvo::ui {

class BatchPane;

// The batch in the editor, kept for the next start as editors keep unsaved text: the kind,
// template, method, headers and body in a .salvo document in Salvo's data folder, the list
// beside it as the bytes it is, and its secret header values in the keychain, as a saved
// batch's. Restored only into an empty editor, so a file opened from the command line wins.
//
// The list is not put in the .salvo document: a JSON string of a million rows (45 MB) took
// four copies of it to write, 200 MB at the moment a run starts.
class LastBatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LastBatch)

public:
    LastBatch(BatchPane *batchPane, SecretKeeper *secrets, QObject *parent = nullptr);
    ~LastBatch() override;

    static QString path();
    // The list's own file, beside path().
    static QString listPath();

    // Keeps the editor's batch: on a worker (a run starts), or at once (the window closes).
    void keep();
    void keepNow();
    // Reads the batch kept last time into the editor, if there is one and the editor is empty.
    void restore();
    bool isRestoring() const { return m_reading.isRunning() || m_secretsRequest != 0; }

signals:
    // The kept batch is in the editor, its secret values filled where the keychain had them.
    void restored();
    void told(const QString &text);

private:
    SavedBatch currentBatch(HeaderList &secrets) const;
    void handleRead();

    BatchPane *m_batchPane;
    SecretKeeper *m_secrets;
    QFutureWatcher<Expected<OpenedFile>> m_reading;
    QFutureWatcher<Expected<>> m_writing;
    quint64 m_secretsRequest = 0;
};

} // namespace salvo::ui
