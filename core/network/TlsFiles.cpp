#include "TlsFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <memory>
#include <vector>

namespace salvo {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::TlsFiles", text);
}

struct FreeBio
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct FreeX509
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct FreeKey
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct FreePkcs12
{
    void operator()(PKCS12 *bundle) const { PKCS12_free(bundle); }
};
using Bio = std::unique_ptr<BIO, FreeBio>;
using Certificate = std::unique_ptr<X509, FreeX509>;
using Key = std::unique_ptr<EVP_PKEY, FreeKey>;
using Pkcs12 = std::unique_ptr<PKCS12, FreePkcs12>;

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

Expected<QByteArray> readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return inputError(tr("Cannot read %1: %2").arg(shown(path), file.errorString()));
    // Certificate files are kilobytes; a bundle of every authority is under a megabyte.
    constexpr qint64 largest = qint64(16) << 20;
    if (file.size() > largest)
        return inputError(tr("%1 is far too large to be a certificate file.").arg(shown(path)));
    return file.readAll();
}

Bio bioOf(const QByteArray &data)
{
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QString commonNameOf(X509 *certificate)
{
    char name[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, name,
                              sizeof name);
    if (name[0] != '\0')
        return QString::fromUtf8(name);
    X509_NAME_oneline(X509_get_subject_name(certificate), name, sizeof name);
    return QString::fromUtf8(name);
}

bool hasExpired(X509 *certificate)
{
    return X509_cmp_current_time(X509_get0_notAfter(certificate)) < 0;
}

// The PEM certificates in one file, each as PEM again; none when it holds none.
std::vector<Certificate> pemCertificates(const QByteArray &data)
{
    std::vector<Certificate> certificates;
    const Bio bio = bioOf(data);
    while (X509 *certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        certificates.emplace_back(certificate);
    ERR_clear_error(); // the end of the file reads as an error
    return certificates;
}

QByteArray pemOf(X509 *certificate)
{
    const Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(out.get(), certificate);
    char *data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return QByteArray(data, qsizetype(size));
}

QStringList authorityFiles(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isDir())
        return {path};
    QStringList files;
    const QDir folder(path);
    for (const QString &name : folder.entryList(
                 {QStringLiteral("*.pem"), QStringLiteral("*.crt"), QStringLiteral("*.cer")},
                 QDir::Files | QDir::Readable, QDir::Name))
        files.append(folder.filePath(name));
    return files;
}

int passphraseCallback(char *buffer, int size, int, void *passphrase)
{
    const QByteArray &text = *static_cast<const QByteArray *>(passphrase);
    if (text.isEmpty() || text.size() > size)
        return -1;
    memcpy(buffer, text.constData(), size_t(text.size()));
    return int(text.size());
}

bool isLocked(const QByteArray &pem)
{
    return pem.contains("ENCRYPTED");
}

Expected<> keyMatches(X509 *certificate, EVP_PKEY *key, const QString &keyPath,
                      const QString &certificatePath)
{
    if (X509_check_private_key(certificate, key) != 1) {
        ERR_clear_error();
        return inputError(tr("The key in %1 does not belong to the certificate in %2.")
                                  .arg(shown(keyPath), shown(certificatePath)));
    }
    return {};
}

Expected<> checkPem(const ClientCertificate &given, Certificate &certificate)
{
    const Expected<QByteArray> data = readSmallFile(given.certificateFile);
    if (!data)
        return data.error();
    std::vector<Certificate> certificates = pemCertificates(*data);
    if (certificates.empty()) {
        return inputError(tr("%1 is not a PEM certificate (a text file that begins with "
                             "-----BEGIN CERTIFICATE-----). A .p12 or .pfx file is PKCS#12: "
                             "choose that type.")
                                  .arg(shown(given.certificateFile)));
    }
    certificate = std::move(certificates.front());
    const QString keyPath = given.keyFile.isEmpty() ? given.certificateFile : given.keyFile;
    const Expected<QByteArray> keyData
            = given.keyFile.isEmpty() ? data : readSmallFile(given.keyFile);
    if (!keyData)
        return keyData.error();
    QByteArray passphrase = given.passphrase.toUtf8();
    const Bio bio = bioOf(*keyData);
    const Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &passphrase));
    ERR_clear_error();
    if (!key && isLocked(*keyData) && passphrase.isEmpty())
        return inputError(tr("The key in %1 is locked with a passphrase, and none was given.")
                                  .arg(shown(keyPath)));
    if (!key && isLocked(*keyData))
        return inputError(tr("The passphrase does not open the key in %1.").arg(shown(keyPath)));
    if (!key) {
        return inputError(given.keyFile.isEmpty()
                                  ? tr("%1 holds no private key: name the key's file too.")
                                            .arg(shown(keyPath))
                                  : tr("%1 is not a PEM private key.").arg(shown(keyPath)));
    }
    return keyMatches(certificate.get(), key.get(), keyPath, given.certificateFile);
}

Expected<> checkPkcs12(const ClientCertificate &given, Certificate &certificate)
{
    const Expected<QByteArray> data = readSmallFile(given.certificateFile);
    if (!data)
        return data.error();
    const Bio bio = bioOf(*data);
    const Pkcs12 bundle(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!bundle) {
        ERR_clear_error();
        return inputError(tr("%1 is not a PKCS#12 file (.p12, .pfx). A PEM certificate is a "
                             "text file: choose that type.")
                                  .arg(shown(given.certificateFile)));
    }
    const QByteArray passphrase = given.passphrase.toUtf8();
    if (PKCS12_verify_mac(bundle.get(), passphrase.constData(), int(passphrase.size())) != 1) {
        ERR_clear_error();
        return inputError(
                passphrase.isEmpty()
                        ? tr("%1 is locked with a passphrase, and none was given.")
                                  .arg(shown(given.certificateFile))
                        : tr("The passphrase does not open %1.").arg(shown(given.certificateFile)));
    }
    EVP_PKEY *rawKey = nullptr;
    X509 *rawCertificate = nullptr;
    const bool parsed
            = PKCS12_parse(bundle.get(), passphrase.constData(), &rawKey, &rawCertificate, nullptr)
            == 1;
    ERR_clear_error();
    const Key key(rawKey);
    certificate.reset(rawCertificate);
    if (!parsed || !key || !certificate) {
        return inputError(tr("%1 does not hold both a certificate and its key.")
                                  .arg(shown(given.certificateFile)));
    }
    return keyMatches(certificate.get(), key.get(), given.certificateFile, given.certificateFile);
}

} // namespace

Expected<QByteArray> readAuthorities(const QStringList &paths, QStringList *warnings)
{
    QByteArray bundle;
    for (const QString &path : paths) {
        if (!QFileInfo::exists(path))
            return inputError(tr("There is no file or folder %1.").arg(shown(path)));
        const QStringList files = authorityFiles(path);
        if (files.isEmpty())
            return inputError(
                    tr("The folder %1 holds no .pem, .crt or .cer file.").arg(shown(path)));
        for (const QString &file : files) {
            const Expected<QByteArray> data = readSmallFile(file);
            if (!data)
                return data.error();
            const std::vector<Certificate> certificates = pemCertificates(*data);
            if (certificates.empty()) {
                return inputError(tr("%1 is not a PEM certificate authority (a text file "
                                     "that begins with -----BEGIN CERTIFICATE-----).")
                                          .arg(shown(file)));
            }
            for (const Certificate &certificate : certificates) {
                if (hasExpired(certificate.get()) && warnings) {
                    warnings->append(tr("The certificate authority \"%1\" in %2 has expired: "
                                        "servers it vouches for will fail their check.")
                                             .arg(commonNameOf(certificate.get()), shown(file)));
                }
                bundle += pemOf(certificate.get());
            }
        }
    }
    return bundle;
}

QByteArray systemAuthorities()
{
    CURL *easy = curl_easy_init();
    char *path = nullptr;
    curl_easy_getinfo(easy, CURLINFO_CAINFO, &path);
    const QString file = path ? QString::fromLocal8Bit(path) : QString();
    curl_easy_cleanup(easy);
    if (file.isEmpty())
        return {};
    const Expected<QByteArray> data = readSmallFile(file);
    return data ? *data : QByteArray();
}

Expected<> checkClientCertificate(const ClientCertificate &certificate, QStringList *warnings)
{
    Certificate opened;
    const Expected<> checked = certificate.type == CertificateType::P12
            ? checkPkcs12(certificate, opened)
            : checkPem(certificate, opened);
    if (checked && opened && hasExpired(opened.get()) && warnings) {
        warnings->append(tr("The client certificate in %1 has expired: servers will refuse it.")
                                 .arg(shown(certificate.certificateFile)));
    }
    return checked;
}

} // namespace salvo
