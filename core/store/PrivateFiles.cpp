#include "PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace salvo {
namespace {

constexpr mode_t ownerOnlyFolder = 0700;
constexpr mode_t ownerOnlyFile = 0600;

// Sets the mode when it is any other: a file or folder of someone else's is left as it is.
bool tighten(const QByteArray &path, mode_t wanted)
{
    struct stat status
    { };
    if (::stat(path.constData(), &status) != 0)
        return false;
    if ((status.st_mode & 07777) == wanted)
        return true;
    return ::chmod(path.constData(), wanted) == 0;
}

} // namespace

bool ensurePrivateFolder(const QString &path)
{
    if (path.isEmpty())
        return false;
    if (!QFileInfo(path).isDir() && !QDir().mkpath(path))
        return false;
    return tighten(QFile::encodeName(path), ownerOnlyFolder);
}

bool ensurePrivateFile(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    // O_CREAT's mode is what a new file gets (less the umask, which only takes away): never
    // a moment at 0644.
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, ownerOnlyFile);
    if (fd < 0)
        return QFileInfo::exists(path) && tighten(name, ownerOnlyFile);
    ::close(fd);
    return tighten(name, ownerOnlyFile);
}

void protectSalvoFolders()
{
    // The data folder is Organization/Application; the organization's folder above it is
    // Salvo's too. QSettings keeps its file in the organization's config folder.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    ensurePrivateFolder(QFileInfo(data).absolutePath());
    ensurePrivateFolder(data);
    ensurePrivateFolder(QFileInfo(QSettings().fileName()).absolutePath());
}

} // namespace salvo
