#include "LastBatch.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QtConcurrent>

#include "BatchPane.h"
#include "BatchEditor.h"
#include "batch/SecretHeaders.h"
#include "desktop/SecretKeeper.h"

namespace salvo::ui {
namespace {

// Set while a kept batch waits for the next start; cleared settings (a new user, a test)
// restore nothing.
const QString keptKey = QStringLiteral("session/batchKept");

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

SavedBatch LastBatch::currentBatch(HeaderList &secrets) const
{
    SavedBatch batch;
    batch.input = m_batchPane->batchInput();
    secrets = splitSecretHeaders(batch.input.headers).secret;
    return batch;
}

void LastBatch::keep()
{
    HeaderList secrets;
    const SavedBatch batch = currentBatch(secrets);
    m_writing.waitForFinished(); // one writer of the file at a time
    m_writing.setFuture(QtConcurrent::run([batch] {
        QDir().mkpath(QFileInfo(path()).absolutePath());
        return writeBatchFile(path(), batch);
    }));
    m_secrets->store(path(), secrets);
    QSettings().setValue(keptKey, true);
}

void LastBatch::keepNow()
{
    m_writing.waitForFinished();
    HeaderList secrets;
    const SavedBatch batch = currentBatch(secrets);
    QDir().mkpath(QFileInfo(path()).absolutePath());
    // The window is closing: a small document written here, or the person's list is lost.
    if (writeBatchFile(path(), batch)) {
        m_secrets->store(path(), secrets);
        QSettings().setValue(keptKey, true);
    }
}

void LastBatch::restore()
{
    if (!QSettings().value(keptKey, false).toBool() || !QFileInfo::exists(path()))
        return;
    m_reading.setFuture(QtConcurrent::run(readBatchFile, path()));
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
