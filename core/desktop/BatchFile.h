#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

#include "batch/Variables.h"
#include "import/ImportedBatch.h"
#include "session/SavedBatch.h"

namespace salvo {

// What a worker made of a file the person opened: a list's or table's text, or a saved batch.
struct OpenedFile
{
    QByteArray contents; // a list or a table, as read
    std::optional<SavedBatch> savedBatch; // a .salvo document
    std::optional<ImportKind> importKind; // curl commands or a HAR file, in `contents`
};

// Files larger than this are refused with a message: their rows would not fit in a
// window's memory comfortably.
inline constexpr qint64 maxOpenFileBytes = qint64(256) * 1024 * 1024;

// Reads a list (.txt and others), a table (.csv), a saved batch (.salvo), or something to import
// (curl commands, a HAR file: recognised by their content), or says in a sentence for the
// status line why it cannot. Runs on a worker: it reads the disk.
Expected<OpenedFile> readBatchFile(const QString &path);

// Writes a saved batch, replacing the file only once the whole document is written. Runs on a
// worker.
Expected<> writeBatchFile(const QString &path, const SavedBatch &batch);

// Writes the environments file (defaultEnvironmentsPath()), private to the person (0600): its
// values may be tokens.
Expected<> writeEnvironmentsFile(const QString &path, const QList<Environment> &environments);

// The files opened or saved lately, newest first, kept in QSettings.
QStringList recentBatchFiles();
void rememberBatchFile(const QString &path);

} // namespace salvo
