#include "SqliteStatement.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include "Database.h"

namespace salvo {

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

bool SqliteStatement::prepare(SqlConnection &connection, const QString &sql)
{
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
    // Qt's SQLite driver hands out its sqlite3* as a QVariant of that pointer type.
    const QVariant handle = connection.database().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        m_lastError = QSqlError(QStringLiteral("Unable to prepare statement"),
                                QStringLiteral("no SQLite handle"), QSqlError::StatementError);
        return false;
    }
    m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v3(m_handle, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT,
                           &m_statement, nullptr)
        != SQLITE_OK) {
        noteError(QStringLiteral("Unable to prepare statement"));
        return false;
    }
    return true;
}

void SqliteStatement::bindInt(int position, qint64 value)
{
    sqlite3_bind_int64(m_statement, position + 1, value);
}

void SqliteStatement::bindNull(int position)
{
    sqlite3_bind_null(m_statement, position + 1);
}

void SqliteStatement::bindText(int position, const QString &text)
{
    // SQLITE_TRANSIENT: SQLite copies the text, so a temporary QString may be passed. A null
    // pointer would bind NULL.
    static constexpr char16_t empty[] = u"";
    const void *characters = text.isNull() ? static_cast<const void *>(empty) : text.utf16();
    sqlite3_bind_text16(m_statement, position + 1, characters, int(text.size() * sizeof(char16_t)),
                        SQLITE_TRANSIENT);
}

void SqliteStatement::bindTextOrNull(int position, const QString &text)
{
    if (text.isEmpty())
        bindNull(position);
    else
        bindText(position, text);
}

void SqliteStatement::bindBlobOrNull(int position, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        bindNull(position);
    else
        sqlite3_bind_blob64(m_statement, position + 1, bytes.constData(),
                            sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
}

bool SqliteStatement::exec()
{
    const int stepped = sqlite3_step(m_statement);
    const bool done = stepped == SQLITE_DONE || stepped == SQLITE_ROW;
    if (!done)
        noteError(QStringLiteral("Unable to fetch row"));
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    return done;
}

void SqliteStatement::noteError(const QString &doing)
{
    // The extended code, as Qt SQL reports it: errorFrom reads its low byte.
    m_lastError = QSqlError(doing, QString::fromUtf8(sqlite3_errmsg(m_handle)),
                            QSqlError::StatementError,
                            QString::number(sqlite3_extended_errcode(m_handle)));
}

} // namespace salvo
