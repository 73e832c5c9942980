#pragma once

// The values of secret headers (Authorization, cookies, tokens) live in the system keychain
// through QtKeychain, never in a saved batch or the history.

#include <QHash>
#include <QObject>

#include "result/Result.h"

namespace salvo {

// Keeps secret header values for saved batches, keyed by the batch file and header name.
// Where no keychain service runs (a bare session, CI) the values are kept in memory until
// Salvo closes, and every answer says so.
class SecretKeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretKeeper)

public:
    explicit SecretKeeper(QObject *parent = nullptr,
                          QString service = QStringLiteral("Salvo batch secrets"));

    // Stores each header's value; answers with stored().
    void store(const QString &batchPath, const salvo::HeaderList &secrets);
    // Looks the named headers up; answers with fetched(), naming the request returned here
    // (the window and the scheduled checks ask for the same files).
    quint64 fetch(const QString &batchPath, const QList<QByteArray> &names);

    // What a keychain error means and what to do, in words; empty for none (and for an entry
    // that is not there). keychainError is a QKeychain::Error.
    static QString keychainProblem(int keychainError, const QString &detail);

signals:
    // `problem`: empty when every value went to the keychain, otherwise a sentence.
    void stored(const QString &batchPath, const QString &problem);
    // The values found, the names not found, and a sentence when the keychain could not
    // be asked.
    void fetched(quint64 request, const QString &batchPath, const salvo::HeaderList &found,
                 const QList<QByteArray> &missing, const QString &problem);

private:
    static QString keyFor(const QString &batchPath, const QByteArray &name);

    QString m_service;
    QHash<QString, QByteArray> m_inMemory; // what the keychain could not take, this session
    quint64 m_lastRequest = 0;
};

} // namespace salvo
