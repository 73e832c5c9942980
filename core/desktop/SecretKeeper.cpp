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

QString SecretKeeper::noKeychain()
{
    return tr("No keychain service is running, so secret header values are kept only until "
              "Salvo closes.");
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
                pending->problem = job->error() == QKeychain::NoBackendAvailable
                        ? noKeychain()
                        : tr("The keychain did not take a secret (%1), so it is kept only "
                             "until Salvo closes.")
                                  .arg(job->errorString());
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
                        if (job->error() == QKeychain::NoBackendAvailable)
                            pending->problem = noKeychain();
                        else if (job->error() != QKeychain::EntryNotFound)
                            pending->problem = tr("The keychain could not be asked (%1), so secret "
                                                  "values are kept only until Salvo closes.")
                                                       .arg(job->errorString());
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
