#include "NetworkSettings.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

#include "SecretKeeper.h"

namespace salvo {
namespace {

const QString accessKey = QStringLiteral("network/access");
constexpr auto proxyPasswordName = "proxy password";
constexpr auto passphrasePrefix = "certificate passphrase ";

// A certificate's passphrase goes by its file, which says which certificate it opens.
QByteArray passphraseName(const ClientCertificate &certificate)
{
    return passphrasePrefix + certificate.certificateFile.toUtf8();
}

HeaderList secretsOf(const NetworkAccess &access)
{
    HeaderList secrets;
    if (!access.proxy.password.isEmpty())
        secrets.append({proxyPasswordName, access.proxy.password.toUtf8()});
    for (const ClientCertificate &certificate : access.tls.clientCertificates) {
        if (!certificate.passphrase.isEmpty())
            secrets.append({passphraseName(certificate), certificate.passphrase.toUtf8()});
    }
    return secrets;
}

QList<QByteArray> secretNamesOf(const NetworkAccess &access)
{
    QList<QByteArray> names;
    if (access.proxy.mode == ProxyMode::Manual && !access.proxy.user.isEmpty())
        names.append(proxyPasswordName);
    for (const ClientCertificate &certificate : access.tls.clientCertificates)
        names.append(passphraseName(certificate));
    return names;
}

} // namespace

NetworkAccess loadNetworkSettings(const QSettings &settings)
{
    const QJsonObject json
            = QJsonDocument::fromJson(settings.value(accessKey).toByteArray()).object();
    NetworkAccess access = networkAccessFromJson(json);
    access.signIn = {};
    return access;
}

void saveNetworkSettings(QSettings &settings, const NetworkAccess &access)
{
    NetworkAccess kept = withoutSecrets(access);
    kept.signIn = {};
    settings.setValue(accessKey,
                      QJsonDocument(networkAccessToJson(kept)).toJson(QJsonDocument::Compact));
}

NetworkSettings::NetworkSettings(SecretKeeper *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{
    connect(m_secrets, &SecretKeeper::fetched, this,
            [this](quint64 request, const QString &, const HeaderList &found,
                   const QList<QByteArray> &,
                   const QString &problem) { handleFetched(request, found, problem); });
    connect(m_secrets, &SecretKeeper::stored, this,
            [this](const QString &path, const QString &problem) {
                if (path == keychainPath() && !problem.isEmpty())
                    emit keychainProblem(problem);
            });
}

QString NetworkSettings::keychainPath()
{
    return QFileInfo(QSettings().fileName()).absolutePath() + QStringLiteral("/network");
}

void NetworkSettings::load()
{
    m_access = loadNetworkSettings(QSettings());
    m_request = m_secrets->fetch(keychainPath(), secretNamesOf(m_access));
    emit changed();
}

void NetworkSettings::save(const NetworkAccess &access)
{
    m_request = 0; // what the keychain answers now is older than this
    m_access = access;
    m_access.signIn = {};
    QSettings settings;
    saveNetworkSettings(settings, m_access);
    m_secrets->store(keychainPath(), secretsOf(m_access));
    emit changed();
}

void NetworkSettings::handleFetched(quint64 request, const HeaderList &found,
                                    const QString &problem)
{
    if (request == 0 || request != m_request)
        return;
    m_request = 0;
    for (const auto &[name, value] : found) {
        if (name == proxyPasswordName)
            m_access.proxy.password = QString::fromUtf8(value);
        for (ClientCertificate &certificate : m_access.tls.clientCertificates) {
            if (name == passphraseName(certificate))
                certificate.passphrase = QString::fromUtf8(value);
        }
    }
    if (!problem.isEmpty())
        emit keychainProblem(problem);
    emit changed();
}

} // namespace salvo
