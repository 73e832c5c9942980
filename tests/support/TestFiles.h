#pragma once

// Files of the suites: inputs written into their temporary folder, and every file Salvo left
// there read back.

#include <QDirIterator>
#include <QFile>
#include <QList>
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

struct WrittenFile
{
    QString path;
    QByteArray bytes;
    bool readable = false;
};

// Every file below `folder`, hidden ones too, with what it holds: where the secrets tests look
// for what must never be written.
inline QList<WrittenFile> everyFileBelow(const QString &folder)
{
    QList<WrittenFile> files;
    QDirIterator walk(folder, QDir::Files | QDir::Hidden | QDir::System,
                      QDirIterator::Subdirectories);
    while (walk.hasNext()) {
        QFile file(walk.next());
        const bool readable = file.open(QIODevice::ReadOnly);
        files.append({file.fileName(), readable ? file.readAll() : QByteArray(), readable});
    }
    return files;
}
