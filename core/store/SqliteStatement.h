#pragma once

#include <QByteArray>
#include <QSqlError>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace salvo {

class SqlConnection;

// One prepared statement on a Qt SQL connection's own SQLite handle, for the store's hot
// inserts. Qt SQL's positional binding formats a name for each bound value and looks it up
// in a hash, which at tens of thousands of rows a second was most of the writer's time.
// Errors come back as a QSqlError, so SqlConnection::errorFrom words them as for any query.
class SqliteStatement
{
    Q_DISABLE_COPY_MOVE(SqliteStatement)

public:
    SqliteStatement() = default;
    ~SqliteStatement();

    // Prepares sql on the connection's handle; false, with lastError() set, when it cannot.
    bool prepare(SqlConnection &connection, const QString &sql);

    // Positions count from 0, as QSqlQuery::bindValue's do.
    void bindInt(int position, qint64 value);
    void bindNull(int position);
    // A null QString binds as empty text.
    void bindText(int position, const QString &text);
    // Empty text binds as NULL.
    void bindTextOrNull(int position, const QString &text);
    // An empty array binds as NULL.
    void bindBlobOrNull(int position, const QByteArray &bytes);

    // Runs the statement once and readies it for the next values.
    bool exec();
    QSqlError lastError() const { return m_lastError; }

private:
    void noteError(const QString &doing);

    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QSqlError m_lastError;
};

} // namespace salvo
