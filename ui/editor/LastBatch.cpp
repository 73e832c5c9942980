#include "LastBatch.h"

#include <QDir>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QtConcurrent>

#include "BatchPane.h"
#include "BatchEditor.h"
#include "batch/BatchSecrets.h"
#include "desktop/SecretKeeper.h"

namespace salvo::ui {
namespace {

// Set while a kept batch waits for the next start; cleared settings (a new user, a test)
// restore nothing.
const QString keptKey = QStringLiteral("session/batchKept");

// Writes the list, then the document without it; a list of its own comes back with it.
Expected<> writeKeptBatch(SavedBatch batch)
{
    QDir().mkpath(QFileInfo(LastBatch::path()).absolutePath());
    QSaveFile list(LastBatch::listPath());
    if (!list.open(QIODevice::WriteOnly) || list.write(batch.input.data) != batch.input.data.size()
        || !list.commit()) {
        return Error{ErrorCode::CannotOpen,
                     LastBatch::tr("Cannot keep the list in %1: %2")
                             .arg(LastBatch::listPath(), list.errorString())};
    }
    batch.input.data.clear();
    return writeBatchFile(LastBatch::path(), batch);
}

Expected<OpenedFile> readKeptBatch()
{
    Expected<OpenedFile> read = readBatchFile(LastBatch::path());
    // A document kept by an older Salvo holds its list itself.
    if (!read || !read->savedBatch || !read->savedBatch->input.data.isEmpty())
        return read;
    QFile list(LastBatch::listPath());
    if (list.open(QIODevice::ReadOnly))
        read->savedBatch->input.data = list.readAll();
    return read;
}

} // namespace

LastBatch::LastBatch(BatchPane *batchPane, SecretKeeper *secrets, QObject *parent)
    : QObject(parent)
    , m_batchPane(batchPane)
    , m_secrets(secrets)
{
    connect(&m_reading, &QFutureWatcherBase::finished, this, &LastBatch::handleRead);
    connect(m_secrets, &SecretKeeper::fetched, this,
            [this](quint64 request, const QString &, const HeaderList &found,
                   const QList<QByteArray> &, const QString &problem) {
                if (request == 0 || request != m_secretsRequest)
                    return; // a saved batch's, or a check's
                m_secretsRequest = 0;
                m_batchPane->fillHeaderValues(found);
                m_batchPane->markSettled();
                if (!problem.isEmpty())
                    emit told(problem);
                emit restored();
            });
}

LastBatch::~LastBatch()
{
    m_reading.waitForFinished();
    m_writing.waitForFinished();
}

QString LastBatch::path()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("last-batch.salvo"));
}

QString LastBatch::listPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("last-batch.list"));
}

SavedBatch LastBatch::currentBatch(HeaderList &secrets) const
{
    SavedBatch batch;
    batch.input = m_batchPane->batchInput();
    secrets = secretsOf(batch.input);
    return batch;
}

void LastBatch::keep()
{
    HeaderList secrets;
    const SavedBatch batch = currentBatch(secrets);
    m_writing.waitForFinished(); // one writer of the file at a time
    m_writing.setFuture(QtConcurrent::run(writeKeptBatch, batch));
    m_secrets->store(path(), secrets);
    QSettings().setValue(keptKey, true);
}

void LastBatch::keepNow()
{
    m_writing.waitForFinished();
    HeaderList secrets;
    const SavedBatch batch = currentBatch(secrets);
    // The window is closing: written here, or the person's list is lost.
    if (writeKeptBatch(batch)) {
        m_secrets->store(path(), secrets);
        QSettings().setValue(keptKey, true);
    }
}

void LastBatch::restore()
{
    if (!QSettings().value(keptKey, false).toBool() || !QFileInfo::exists(path()))
        return;
    m_reading.setFuture(QtConcurrent::run(readKeptBatch));
}

void LastBatch::handleRead()
{
    const Expected<OpenedFile> read = m_reading.result();
    // A file opened meanwhile, or typing: theirs wins.
    if (!read || !read->savedBatch || !m_batchPane->batchInput().data.isEmpty())
        return;
    m_batchPane->setBatchInput(read->savedBatch->input, read->savedBatch->withheldHeaders);
    m_batchPane->markSettled();
    m_secretsRequest = m_secrets->fetch(path(), read->savedBatch->withheldHeaders);
}

} // namespace salvo::ui
