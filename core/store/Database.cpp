#include "Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

#include "Logging.h"
#include "PrivateFiles.h"
#include "Schema.h"

namespace salvo {
namespace {

// SQLite's primary result codes (sqlite3.h); Qt SQL passes on the extended ones, whose low
// byte is the primary.
enum SqliteCode {
    SqlitePerm = 3,
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADb = 26,
};

std::atomic<int> connectionCounter{0};

} // namespace

QString storeTr(const char *text)
{
    return QCoreApplication::translate("salvo::RunStore", text);
}

QString defaultHistoryPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    ensurePrivateFolder(folder);
    return folder + QStringLiteral("/history.sqlite");
}

SqlConnection::SqlConnection(const QString &namePrefix)
    : m_name(namePrefix + QLatin1Char('-') + QString::number(++connectionCounter))
{ }

SqlConnection::~SqlConnection()
{
    close();
}

void SqlConnection::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

Expected<> SqlConnection::open(const ConnectionSettings &settings)
{
    close();
    m_path = settings.path;
    m_busyTimeout = settings.busyTimeout;
    const QString doing = storeTr("Could not open the run history");
    const QFileInfo file(m_path);
    if (!settings.readOnly && !QDir().mkpath(file.absolutePath())) {
        return Error{ErrorCode::CannotOpen,
                     storeTr("%1: the folder %2 cannot be created.")
                             .arg(doing, QDir::toNativeSeparators(file.absolutePath()))};
    }
    if (settings.readOnly && !file.exists()) {
        return Error{ErrorCode::CannotOpen,
                     storeTr("%1: there is no history at %2 yet.")
                             .arg(doing, QDir::toNativeSeparators(m_path))};
    }
    if (file.exists() && !file.isFile()) {
        return Error{ErrorCode::CannotOpen,
                     storeTr("%1: %2 is not a file.").arg(doing, QDir::toNativeSeparators(m_path))};
    }

    // SQLite would create the file at 0644, and gives its journal files the file's mode.
    if (!settings.readOnly && !ensurePrivateFile(m_path)) {
        return Error{ErrorCode::CannotOpen,
                     storeTr("%1: %2 cannot be created or made private.")
                             .arg(doing, QDir::toNativeSeparators(m_path))};
    }

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    if (!m_db.isValid()) {
        close();
        return Error{ErrorCode::CannotOpen,
                     storeTr("%1: Qt's SQLite driver is not installed (package "
                             "libqt6sql6-sqlite).")
                             .arg(doing)};
    }
    QStringList options{QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeout.count())};
    if (settings.readOnly)
        options.append(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!settings.extraConnectOptions.isEmpty())
        options.append(settings.extraConnectOptions);
    m_db.setConnectOptions(options.join(QLatin1Char(';')));
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        const Error error = errorFrom(m_db.lastError(), doing);
        close();
        return error;
    }

    // The version first: it reads the header only, and a file of a newer Salvo is left alone.
    const Expected<int> version = schemaVersion(*this);
    if (!version) {
        close();
        return version.error();
    }
    m_versionAtOpen = *version;
    if (m_versionAtOpen > latestSchemaVersion()) {
        close();
        return Error{ErrorCode::NewerSchema,
                     storeTr("%1: %2 was written by a newer version of Salvo (history format "
                             "%3; this version knows formats up to %4). It was left untouched: "
                             "update Salvo, or choose another history file.")
                             .arg(doing, QDir::toNativeSeparators(m_path))
                             .arg(m_versionAtOpen)
                             .arg(latestSchemaVersion())};
    }

    QStringList pragmas{QStringLiteral("PRAGMA busy_timeout = %1").arg(m_busyTimeout.count()),
                        QStringLiteral("PRAGMA foreign_keys = ON")};
    if (!settings.readOnly) {
        // WAL: readers never wait for the writer, and a commit is one append to the log.
        pragmas.append(QStringLiteral("PRAGMA journal_mode = WAL"));
        pragmas.append(QStringLiteral("PRAGMA synchronous = NORMAL"));
    } else {
        pragmas.append(QStringLiteral("PRAGMA query_only = ON"));
    }
    for (const QString &pragma : pragmas) {
        if (auto done = exec(pragma, doing); !done) {
            close();
            return done.error();
        }
    }
    return {};
}

Expected<> SqlConnection::exec(const QString &sql, const QString &doing)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return errorFrom(query.lastError(), doing);
    return {};
}

Error SqlConnection::errorFrom(const QSqlError &error, const QString &doing) const
{
    const QString file = QDir::toNativeSeparators(m_path);
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric) & 0xff;
    qCWarning(lcStore).noquote() << doing << "-" << file << "-" << error.nativeErrorCode()
                                 << error.text();
    auto made = [&](ErrorCode kind, const QString &reason) {
        return Error{kind, storeTr("%1: %2").arg(doing, reason)};
    };
    auto readOnly = [&] {
        return made(ErrorCode::ReadOnly,
                    storeTr("%1 is read-only. Make it (and its folder) writable, or choose another "
                            "history file.")
                            .arg(file));
    };
    switch (numeric ? code : -1) {
    case SqliteFull:
        return made(ErrorCode::DiskFull,
                    storeTr("the disk that holds %1 is full. Free some space, then run again.")
                            .arg(file));
    case SqliteReadOnly:
    case SqlitePerm:
        return readOnly();
    case SqliteBusy:
    case SqliteLocked:
        return made(ErrorCode::Busy,
                    storeTr("another program (perhaps another Salvo) kept %1 locked for more than "
                            "%2 s. Close it, or wait until it has finished, then try again.")
                            .arg(file)
                            .arg(double(m_busyTimeout.count()) / 1000.0, 0, 'g', 3));
    case SqliteNotADb:
    case SqliteCorrupt:
        return made(
                ErrorCode::NotADatabase,
                storeTr("%1 is not a Salvo history file, or it is damaged. Move it away to start "
                        "a new history.")
                        .arg(file));
    case SqliteCantOpen:
        // A file SQLite may not write opens read-only, and then fails at its WAL index: the
        // cause a person can act on is the read-only file or folder (a read-only mount, say).
        if (const QFileInfo info(m_path);
            info.exists() && (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable()))
            return readOnly();
        return made(
                ErrorCode::CannotOpen,
                storeTr("%1 cannot be opened (%2). Check that its folder exists and is writable.")
                        .arg(file, error.databaseText()));
    case SqliteIoErr:
        return made(ErrorCode::Other,
                    storeTr("the disk reported an error while using %1 (%2).")
                            .arg(file, error.databaseText()));
    default:
        break;
    }
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return made(ErrorCode::Other, storeTr("%1 (%2).").arg(detail, file));
}

Expected<std::unique_ptr<SqlConnection>> openCurrentHistory(const QString &namePrefix,
                                                            const QString &path, bool readOnly)
{
    auto connection = std::make_unique<SqlConnection>(namePrefix);
    if (auto opened = connection->open({.path = path, .readOnly = readOnly}); !opened)
        return opened.error();
    if (connection->versionAtOpen() < oldestReadableSchemaVersion()) {
        return Error{ErrorCode::OlderSchema,
                     storeTr("%1: %2 holds no runs in this version's format yet; the next run "
                             "sets it up.")
                             .arg(storeTr("Could not open the run history"),
                                  QDir::toNativeSeparators(path))};
    }
    return connection;
}

} // namespace salvo
