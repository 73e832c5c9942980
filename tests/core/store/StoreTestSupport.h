#pragma once

// Helpers for the history's tests: results to write, and a plain SQL connection of the
// test's own to look at (or tamper with) a history file behind the store's back.

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QVariant>

#include <memory>

#include "batch/BatchInput.h"
#include "batch/BatchSpec.h"
#include "result/Result.h"
#include "store/RunStore.h"

namespace salvo::test {

// A small answered row, the kind a big run is made of.
// Waits until everything queued so far is done and its signals have arrived.
inline void settle(RunStore &store)
{
    store.flush().waitForFinished();
    QCoreApplication::processEvents();
}

inline Result answeredRow(int index, int status = 200)
{
    Result result;
    result.index = index;
    result.line = index + 1;
    result.url = QStringLiteral("https://api.example/items/%1").arg(index);
    result.method = "GET";
    result.status = status;
    result.elapsedMs = 40 + index % 50;
    result.firstByteMs = 30 + index % 40;
    result.bytes = 17;
    result.contentType = QStringLiteral("application/json");
    result.attempts = 1;
    return result;
}

inline ResultBatch answeredRows(int first, int count)
{
    ResultBatch batch;
    batch.reserve(count);
    for (int index = first; index < first + count; ++index)
        batch.append(answeredRow(index, index % 10 == 9 ? 404 : 200));
    return batch;
}

// The rows of a list of `rows` addresses, as the parser makes them.
inline BatchSpec urlListBatch(int rows)
{
    QList<RequestSpec> made;
    made.reserve(rows);
    for (int index = 0; index < rows; ++index) {
        RequestSpec row;
        row.line = index + 1;
        row.text = QStringLiteral("https://api.example/items/%1").arg(index);
        row.url = QUrl(row.text);
        made.append(row);
    }
    BatchSpec batch;
    batch.rows = std::move(made);
    return batch;
}

inline BatchInput urlListInput(int rows)
{
    BatchInput input;
    input.kind = InputKind::UrlList;
    for (int index = 0; index < rows; ++index)
        input.data += "https://api.example/items/" + QByteArray::number(index) + '\n';
    return input;
}

// Writes a finished run of these results, its rows made from their addresses, and returns its
// id (0 when the store did not begin it).
inline qint64 writeFinishedRun(RunStore &store, const ResultBatch &results,
                               const RunOptions &options = {},
                               std::shared_ptr<const InspectionPlan> inspection = nullptr)
{
    QList<RequestSpec> rows;
    for (const Result &result : results) {
        RequestSpec row;
        row.line = result.line;
        row.text = result.url;
        row.url = QUrl(result.url);
        rows.append(row);
    }
    BatchSpec batch;
    batch.rows = std::move(rows);
    batch.inspection = std::move(inspection);
    QSignalSpy begun(&store, &RunStore::runBegun);
    const RunTicket ticket = store.beginRun(batch, options);
    store.appendResults(ticket, results);
    store.finishRun(ticket, RunState::Finished);
    settle(store);
    return begun.isEmpty() ? 0 : begun.at(0).at(1).toLongLong();
}

// A new history file in a folder of its own, with a store open on it: where most history tests
// start from.
struct HistoryFixture
{
    std::unique_ptr<QTemporaryDir> dir;
    QString path;
    std::unique_ptr<RunStore> store;

    // False when the folder or the store could not be made.
    bool setUp()
    {
        dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid())
            return false;
        path = dir->filePath(QStringLiteral("history.sqlite"));
        store = std::make_unique<RunStore>(StoreConfig{.path = path});
        return bool(store->open().result());
    }

    void tearDown()
    {
        store.reset();
        dir.reset();
    }
};

// The test's own connection to a history file.
class RawSql
{
    Q_DISABLE_COPY_MOVE(RawSql)

public:
    explicit RawSql(const QString &path, const QString &connectOptions = {})
        : m_name(QStringLiteral("raw-sql-%1").arg(counter().fetchAndAddRelaxed(1)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(connectOptions);
        if (!db.open())
            qWarning() << "RawSql: cannot open" << path << db.lastError().text();
    }
    ~RawSql()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    // False, with the reason in the log, when the statement fails.
    bool exec(const QString &sql) const
    {
        QSqlQuery query(db());
        if (query.exec(sql))
            return true;
        qWarning().noquote() << "RawSql:" << sql << "-" << query.lastError().text();
        return false;
    }

    // The first column of the first row; an invalid QVariant when there is none.
    QVariant value(const QString &sql) const
    {
        QSqlQuery query(db());
        if (!query.exec(sql)) {
            qWarning().noquote() << "RawSql:" << sql << "-" << query.lastError().text();
            return {};
        }
        return query.next() ? query.value(0) : QVariant();
    }

    // The first column of every row, as text.
    QStringList column(const QString &sql) const
    {
        QSqlQuery query(db());
        QStringList values;
        if (!query.exec(sql)) {
            qWarning().noquote() << "RawSql:" << sql << "-" << query.lastError().text();
            return values;
        }
        while (query.next())
            values.append(query.value(0).toString());
        return values;
    }

private:
    static QAtomicInt &counter()
    {
        static QAtomicInt value;
        return value;
    }

    QString m_name;
};

} // namespace salvo::test
