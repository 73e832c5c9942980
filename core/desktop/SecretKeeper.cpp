#include "SecretKeeper.h"

#include <QFileInfo>
#include <memory>

#include <qt6keychain/keychain.h>

namespace salvo {
namespace {

// Answers once every job of one request has finished.
struct Pending
{
    int jobsLeft = 0;
    HeaderList found;
    QList<QByteArray> missing;
    QString problem;
};

} // namespace

SecretKeeper::SecretKeeper(QObject *parent, QString service)
    : QObject(parent)
    , m_service(std::move(service))
{ }

QString SecretKeeper::keyFor(const QString &batchPath, const QByteArray &name)
{
    // Header names are case-insensitive; the file is named as the system knows it.
    return QFileInfo(batchPath).absoluteFilePath() + u'#' + QString::fromLatin1(name.toLower());
}

QString SecretKeeper::keychainProblem(int keychainError, const QString &detail)
{
    // QtKeychain's own text is often "Unknown error": said only when it says something.
    const bool saysSomething = !detail.isEmpty() && !detail.contains(u"Unknown error");
    const QString why = saysSomething ? QStringLiteral(" (%1)").arg(detail) : QString();
    switch (QKeychain::Error(keychainError)) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::NoBackendAvailable:
        return tr("No keychain is running on this desktop, so secret header values are kept only "
                  "until Salvo closes. Start your desktop's keychain (GNOME Keyring or KWallet) "
                  "to keep them, or type them again after a restart.");
    case QKeychain::AccessDeniedByUser:
        return tr("Salvo was not allowed to use the keychain, so secret header values are kept "
                  "only until Salvo closes. Allow it when the keychain asks, then save the batch "
                  "again.");
    case QKeychain::AccessDenied:
        return tr("The keychain is locked or refused Salvo%1, so secret header values are kept "
                  "only until Salvo closes. Unlock the keychain, then save the batch again.")
                .arg(why);
    default:
        return tr("The keychain could not keep or give back secret header values%1, so they are "
                  "kept only until Salvo closes. Check that your keychain is running and "
                  "unlocked, then save the batch again.")
                .arg(why);
    }
}

void SecretKeeper::store(const QString &batchPath, const HeaderList &secrets)
{
    if (secrets.isEmpty()) {
        emit stored(batchPath, {});
        return;
    }
    auto pending = std::make_shared<Pending>();
    pending->jobsLeft = int(secrets.size());
    for (const auto &[name, value] : secrets) {
        const QString key = keyFor(batchPath, name);
        m_inMemory.insert(key, value); // until the keychain confirms, and for this session
        auto *job = new QKeychain::WritePasswordJob(m_service, this);
        job->setKey(key);
        job->setBinaryData(value);
        connect(job, &QKeychain::Job::finished, this, [this, job, pending, batchPath] {
            if (job->error() != QKeychain::NoError)
                pending->problem = keychainProblem(job->error(), job->errorString());
            if (--pending->jobsLeft == 0)
                emit stored(batchPath, pending->problem);
        });
        job->start();
    }
}

quint64 SecretKeeper::fetch(const QString &batchPath, const QList<QByteArray> &names)
{
    const quint64 request = ++m_lastRequest;
    if (names.isEmpty()) {
        // Answered from the event loop, as a keychain answers: after the caller has the id.
        QMetaObject::invokeMethod(
                this, [this, request, batchPath] { emit fetched(request, batchPath, {}, {}, {}); },
                Qt::QueuedConnection);
        return request;
    }
    auto pending = std::make_shared<Pending>();
    pending->jobsLeft = int(names.size());
    for (const QByteArray &name : names) {
        const QString key = keyFor(batchPath, name);
        auto *job = new QKeychain::ReadPasswordJob(m_service, this);
        job->setKey(key);
        connect(job, &QKeychain::Job::finished, this,
                [this, job, pending, request, batchPath, name, key] {
                    if (job->error() == QKeychain::NoError) {
                        pending->found.append({name, job->binaryData()});
                    } else if (m_inMemory.contains(key)) {
                        pending->found.append({name, m_inMemory.value(key)});
                    } else {
                        pending->missing.append(name);
                        if (const QString problem
                            = keychainProblem(job->error(), job->errorString());
                            !problem.isEmpty())
                            pending->problem = problem;
                    }
                    if (--pending->jobsLeft == 0)
                        emit fetched(request, batchPath, pending->found, pending->missing,
                                     pending->problem);
                });
        job->start();
    }
    return request;
}

} // namespace salvo
