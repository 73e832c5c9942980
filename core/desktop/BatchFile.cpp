#include "BatchFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

#include "Translate.h"
#include "store/PrivateFiles.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::BatchFile")

constexpr int recentFileCount = 8;
const QString recentFilesKey = QStringLiteral("recentFiles");

// A file is taken for text unless its start has a NUL byte, which no text list has and
// nearly every binary format (images, archives, executables) has early on. UTF-16 text,
// which the list reader decodes by its byte order mark, is full of them and is text.
bool looksBinary(QByteArrayView start)
{
    const bool utf16 = start.startsWith("\xFF\xFE") || start.startsWith("\xFE\xFF");
    return !utf16 && start.contains('\0');
}

} // namespace

Expected<OpenedFile> readBatchFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::CannotOpen, tr("Cannot open %1: %2").arg(path, file.errorString())};
    if (file.size() > maxOpenFileBytes) {
        return inputError(tr("%1 is %2 MB: the window opens lists up to %3 MB. Split it, or run it "
                             "with salvo-cli.")
                                  .arg(path)
                                  .arg(file.size() / (1024 * 1024))
                                  .arg(maxOpenFileBytes / (1024 * 1024)));
    }
    QByteArray contents = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error{ErrorCode::CannotOpen, tr("Cannot read %1: %2").arg(path, file.errorString())};
    if (QFileInfo(path).suffix().compare(QLatin1String(savedBatchSuffix), Qt::CaseInsensitive)
        == 0) {
        Expected<SavedBatch> saved = readSavedBatch(contents);
        if (!saved)
            return inputError(tr("Cannot open %1: %2").arg(path, saved.error().message));
        return OpenedFile{{}, std::move(saved.value()), std::nullopt};
    }
    if (looksBinary(QByteArrayView(contents).first(std::min<qsizetype>(contents.size(), 8192))))
        return inputError(tr("%1 is not a text file: open a list of addresses (.txt), a table "
                             "(.csv), a saved batch (.salvo), curl commands or a HAR file.")
                                  .arg(path));
    const std::optional<ImportKind> importKind = recognizeImport(contents);
    return OpenedFile{std::move(contents), std::nullopt, importKind};
}

Expected<> writeBatchFile(const QString &path, const SavedBatch &batch)
{
    // QSaveFile writes beside the file and renames at commit: a failure leaves the old file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorCode::CannotOpen, tr("Cannot save %1: %2").arg(path, file.errorString())};
    file.write(writeSavedBatch(batch));
    if (!file.commit())
        return Error{ErrorCode::CannotOpen, tr("Cannot save %1: %2").arg(path, file.errorString())};
    return {};
}

Expected<> writeEnvironmentsFile(const QString &path, const QList<Environment> &environments)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorCode::CannotOpen, tr("Cannot save %1: %2").arg(path, file.errorString())};
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(writeEnvironments(environments));
    if (!file.commit())
        return Error{ErrorCode::CannotOpen, tr("Cannot save %1: %2").arg(path, file.errorString())};
    ensurePrivateFile(path);
    return {};
}

QStringList recentBatchFiles()
{
    return QSettings().value(recentFilesKey).toStringList();
}

void rememberBatchFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentBatchFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    QSettings().setValue(recentFilesKey, files.mid(0, recentFileCount));
}

} // namespace salvo
