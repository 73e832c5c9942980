#pragma once

#include <QObject>

#include "network/NetworkAccess.h"
#include "result/Result.h"

class QSettings;

namespace salvo {

class SecretKeeper;

// The proxy and certificates of Settings > Network, kept for every run of the window and of
// the scheduled checks: the names and files under the "network" group of QSettings, the proxy
// password and the certificates' passphrases in the keychain.
class NetworkSettings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkSettings)

public:
    NetworkSettings(SecretKeeper *secrets, QObject *parent = nullptr);

    // Reads the settings now and asks the keychain for their secrets, which come with
    // changed(); a run started before has them empty.
    void load();
    // The settings with their secrets; the sign-in is a batch's, and empty here.
    const NetworkAccess &access() const { return m_access; }
    // Keeps new settings: at once for runs, in QSettings and the keychain for later.
    void save(const NetworkAccess &access);

    // Where the keychain keeps these secrets: a name beside the settings file.
    static QString keychainPath();

signals:
    void changed();
    // The keychain could not keep or give a secret back, in a sentence.
    void keychainProblem(const QString &problem);

private:
    void handleFetched(quint64 request, const HeaderList &found, const QString &problem);

    SecretKeeper *m_secrets;
    NetworkAccess m_access;
    quint64 m_request = 0;
};

// The settings without their secrets, as QSettings keeps them.
NetworkAccess loadNetworkSettings(const QSettings &settings);
void saveNetworkSettings(QSettings &settings, const NetworkAccess &access);

} // namespace salvo
