#pragma once

#include <memory>

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlDatabase>
#include <QString>

#include <chrono>

#include "Expected.h"

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace salvo {

// The history's sentences, in one translation context.
QString storeTr(const char *text);

// Where the history lives unless told otherwise: history.sqlite in the application's data
// folder, which is created on the way.
QString defaultHistoryPath();

struct ConnectionSettings
{
    QString path;
    bool readOnly = false;
    // How long a statement waits for another connection's lock before it reports Busy.
    std::chrono::milliseconds busyTimeout{5'000};
    // Appended to the QSQLITE connect options. Tests use QSQLITE_OPEN_READONLY to stand for a
    // read-only file, since file modes do not stop root.
    QString extraConnectOptions;
};

// One named Qt SQL connection to a history file, removed again when this goes away. Qt SQL
// connections belong to the thread that opens them: use and destroy this on that thread, and
// destroy every QSqlQuery made on it first.
class SqlConnection
{
    Q_DISABLE_COPY_MOVE(SqlConnection)

public:
    // namePrefix tells connections apart in Qt's registry and in warnings.
    explicit SqlConnection(const QString &namePrefix);
    ~SqlConnection();

    // Opens the file (a writer creates it and its folder), sets the pragmas every connection
    // needs and checks the schema version before anything else touches the file: a file
    // written by a newer Salvo is refused and left as it is. WAL journal, synchronous=NORMAL
    // (a power cut may lose the last commits but never corrupts) and foreign keys on.
    Expected<> open(const ConnectionSettings &settings);
    void close();

    // Runs one statement that returns no rows.
    Expected<> exec(const QString &sql, const QString &doing);
    // A Error from what Qt SQL reported: the SQLite result code picks the kind and the
    // sentence. `doing` opens the sentence ("Could not save 500 results to the history").
    Error errorFrom(const QSqlError &error, const QString &doing) const;

    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase &database() { return m_db; }
    const QString &path() const { return m_path; }
    // The user_version read at open().
    int versionAtOpen() const { return m_versionAtOpen; }
    std::chrono::milliseconds busyTimeout() const { return m_busyTimeout; }

private:
    QString m_name;
    QString m_path;
    QSqlDatabase m_db;
    int m_versionAtOpen = 0;
    std::chrono::milliseconds m_busyTimeout{0};
};

// A connection to a history file in a format this version reads (oldestReadableSchemaVersion()
// on), for reading or upkeep. An older file is reported (the next run upgrades it) and never
// upgraded from here.
Expected<std::unique_ptr<SqlConnection>> openCurrentHistory(const QString &namePrefix,
                                                            const QString &path, bool readOnly);

} // namespace salvo
