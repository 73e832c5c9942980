#pragma once

// Input files for the suites that run salvo-cli, written into their temporary folder.

#include <QFile>
#include <QTemporaryDir>

// The file's path, or an empty string when it could not be written.
inline QString writeTestFile(const QTemporaryDir &dir, const QString &name,
                             const QByteArray &contents)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return {};
    return file.fileName();
}
