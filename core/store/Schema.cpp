#include "Schema.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include "Database.h"

namespace salvo {
namespace {

// Version 1. Times are UTC milliseconds since the epoch. Sizes of what a person asked for and
// what a run produced differ by orders of magnitude, so they live apart: `results` holds only
// small columns (dense pages, so a million rows page quickly) and `responses` the headers and
// bodies read when a person opens one row.
const QStringList version1{
        // What was asked, once per distinct batch: a re-run of the same batch shares its row.
        // The fingerprint is a SHA-256 over every column below it. `rows` holds every row as
        // it ran (StoreCodec's encodeRows): what a resume sends again, whatever the inputs
        // were (several files, ids and a template, a CSV with a method per row). The input
        // columns keep the text as a person gave it, for opening the batch again; input_kind
        // is NULL where there was none to keep, and for several files they hold the first
        // one's kind and all of them one after the other. method, headers and body are the
        // batch's own, as sent. Headers hold no secrets (those go to the keychain):
        // withheld_headers names the ones left out, so a resume knows to ask for them.
        QStringLiteral("CREATE TABLE batches ("
                       "id INTEGER PRIMARY KEY,"
                       "fingerprint BLOB NOT NULL UNIQUE,"
                       "name TEXT NOT NULL,"
                       "rows BLOB NOT NULL,"
                       "input_kind TEXT," // url_list | id_list | csv; NULL: no input kept
                       "url_template TEXT NOT NULL,"
                       "input_data BLOB NOT NULL," // qCompress of the input text
                       "input_size INTEGER NOT NULL," // its size before compression
                       "method TEXT NOT NULL,"
                       "headers TEXT NOT NULL," // JSON [[name, value], ...], bytes as Latin-1
                       "withheld_headers TEXT NOT NULL," // JSON [name, ...]
                       "body BLOB NOT NULL,"
                       "created_ms INTEGER NOT NULL)"),
        // AUTOINCREMENT: an id is never reused after a delete, so "run 42" in a log or a
        // command line keeps meaning one run. Newest first is ORDER BY id DESC (the table's
        // own key), so it needs no index. The counters change in the same transaction as the
        // results they count. owner_* tell a reader whether the process that writes a
        // 'running' run is still there (ProcessOwner.h).
        QStringLiteral("CREATE TABLE runs ("
                       "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       "batch_id INTEGER NOT NULL REFERENCES batches (id),"
                       "state TEXT NOT NULL"
                       " CHECK (state IN ('running', 'finished', 'cancelled', 'interrupted')),"
                       "started_ms INTEGER NOT NULL,"
                       "updated_ms INTEGER NOT NULL," // last commit; an interrupted run's end
                       "finished_ms INTEGER,"
                       "options TEXT NOT NULL," // RunOptions as JSON
                       "row_count INTEGER NOT NULL,"
                       "result_count INTEGER NOT NULL DEFAULT 0,"
                       "ok_count INTEGER NOT NULL DEFAULT 0,"
                       "failed_count INTEGER NOT NULL DEFAULT 0,"
                       "salvo_version TEXT NOT NULL,"
                       "owner_host TEXT NOT NULL,"
                       "owner_boot TEXT NOT NULL,"
                       "owner_pid INTEGER NOT NULL,"
                       "owner_start INTEGER NOT NULL,"
                       "CHECK (ok_count + failed_count = result_count))"),
        QStringLiteral("CREATE INDEX runs_by_batch ON runs (batch_id)"),
        // One row per input row and run: the key makes a duplicate impossible. WITHOUT ROWID
        // keeps the rows in key order (a run's results in row order) with no second b-tree
        // for the key: 9% smaller than a rowid table at 1,000,000 rows, same write rate.
        // NULL stands for "none" in the optional columns. status_class is what the results
        // filters ask for: 0 for a transport error (or no answer), else the hundreds of the
        // status. A plain column with a CHECK, not a generated one: SQLite 3.40 does not read
        // a generated column from an index, so counting a class read every row (15 ms against
        // 1 ms for 20,000 matches among 200,000).
        QStringLiteral("CREATE TABLE results ("
                       "run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
                       "row_index INTEGER NOT NULL CHECK (row_index >= 0),"
                       "line INTEGER NOT NULL,"
                       "url TEXT NOT NULL,"
                       "method TEXT NOT NULL,"
                       "status INTEGER NOT NULL,"
                       "error TEXT," // ErrorKind machine name
                       "message TEXT,"
                       "error_detail TEXT,"
                       "timeout TEXT," // deadline | inactivity
                       "elapsed_ms INTEGER NOT NULL,"
                       "first_byte_ms INTEGER,"
                       "bytes INTEGER NOT NULL,"
                       "truncated INTEGER NOT NULL,"
                       "content_type TEXT,"
                       "attempts INTEGER NOT NULL,"
                       "redirects TEXT," // JSON [url, ...]
                       "status_class INTEGER NOT NULL"
                       " CHECK (status_class = CASE WHEN error IS NULL THEN status / 100 ELSE 0"
                       " END),"
                       "PRIMARY KEY (run_id, row_index)) WITHOUT ROWID"),
        // The filters of the results table, each in row order straight from an index:
        // "4xx" is status_class = 4, "errors" status_class = 0, "dns" error = 'dns'.
        QStringLiteral(
                "CREATE INDEX results_by_class ON results (run_id, status_class, row_index)"),
        QStringLiteral("CREATE INDEX results_by_error ON results (run_id, error, row_index)"
                       " WHERE error IS NOT NULL"),
        // Present only for rows that kept headers or a body. Headers are the answer's lines
        // as HTTP writes them ("Name: value\r\n"); *_compressed says whether the bytes went
        // through qCompress (short ones are stored as they are: zlib costs more than it saves).
        QStringLiteral("CREATE TABLE responses ("
                       "run_id INTEGER NOT NULL,"
                       "row_index INTEGER NOT NULL,"
                       "headers BLOB,"
                       "headers_compressed INTEGER NOT NULL,"
                       "body BLOB,"
                       "body_compressed INTEGER NOT NULL,"
                       "PRIMARY KEY (run_id, row_index),"
                       "FOREIGN KEY (run_id, row_index) REFERENCES results (run_id, row_index)"
                       " ON DELETE CASCADE) WITHOUT ROWID"),
};

// Version 2. A re-run of some of a run's rows (the failed ones, a selection) names the run it
// re-ran, so the two can be compared. Deleting the original keeps the re-run, unlinked. The
// index serves that delete: without it each deleted run scans every run for its re-runs,
// which a pruning of thousands of runs would feel. Partial: most runs re-run nothing.
const QStringList version2{
        QStringLiteral("ALTER TABLE runs ADD COLUMN parent_run_id INTEGER NULL"
                       " REFERENCES runs (id) ON DELETE SET NULL"),
        QStringLiteral("CREATE INDEX runs_by_parent ON runs (parent_run_id)"
                       " WHERE parent_run_id IS NOT NULL"),
};

// Version 3. How many times a row's request went out once more on a new connection because
// the one it was sent on closed before any answer (Result::resends, never part of attempts).
// Rows of older files resent nothing: 0. A constant default, so SQLite adds the column
// without rewriting the table.
const QStringList version3{
        QStringLiteral("ALTER TABLE results ADD COLUMN resends INTEGER NOT NULL DEFAULT 0"),
};

// Version 4. What a run checked and read in each answer (issue: expectations and extracted
// columns). runs.inspection is the plan as inspectionToJson() writes it (NULL: none), so a
// resume checks the same things and a past run knows its columns' names; input_columns names
// the input's own columns (a CSV's sku, name, ...). unmet_count counts the rows that failed an
// expectation, in the transaction of their results like the other counters. In results,
// verdict is 1 (passed), 0 (failed) or NULL (nothing expected); the lists are JSON arrays in
// the order of the run's names, NULL when empty. The partial index serves the "Failed
// expectations" filter and its count: failed rows only, in row order.
const QStringList version4{
        QStringLiteral("ALTER TABLE runs ADD COLUMN inspection TEXT NULL"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN input_columns TEXT NULL"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN unmet_count INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE results ADD COLUMN verdict INTEGER NULL"
                       " CHECK (verdict IN (0, 1))"),
        QStringLiteral("ALTER TABLE results ADD COLUMN failed_expectations TEXT NULL"),
        QStringLiteral("ALTER TABLE results ADD COLUMN extracted TEXT NULL"),
        QStringLiteral("ALTER TABLE results ADD COLUMN extraction_problems TEXT NULL"),
        QStringLiteral("ALTER TABLE results ADD COLUMN columns TEXT NULL"),
        QStringLiteral("CREATE INDEX results_unmet ON results (run_id, row_index)"
                       " WHERE verdict = 0"),
};

// Version 5. How each answer came (Result::connection): its HTTP version, address, connection
// times and server certificate, as the compact JSON of connectionFactsToText(); NULL when
// nothing is known (no answer, or a file before this version).
const QStringList version5{
        QStringLiteral("ALTER TABLE results ADD COLUMN connection TEXT NULL"),
};

// A step's failure leaves the file at the version before it.
Expected<> applyMigration(SqlConnection &connection, const Migration &migration)
{
    const QString doing
            = storeTr("Could not upgrade the run history to format %1").arg(migration.version);
    if (auto begun = connection.exec(QStringLiteral("BEGIN IMMEDIATE"), doing); !begun)
        return begun.error();
    auto fail = [&](Error error) {
        connection.exec(QStringLiteral("ROLLBACK"), doing);
        return Expected<>(std::move(error));
    };
    // Another process may have done this step while this one waited for the lock.
    const Expected<int> current = schemaVersion(connection);
    if (!current)
        return fail(current.error());
    if (*current >= migration.version) {
        connection.exec(QStringLiteral("ROLLBACK"), doing);
        return {};
    }
    QSqlQuery query(connection.database());
    for (const QString &statement : migration.statements) {
        if (!query.exec(statement))
            return fail(connection.errorFrom(query.lastError(), doing));
    }
    if (!query.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return fail(connection.errorFrom(query.lastError(), doing));
    if (query.next()) {
        return fail({ErrorCode::Other,
                     storeTr("%1: the step would break a link between tables (%2).")
                             .arg(doing, query.value(0).toString())});
    }
    query.finish();
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)))
        return fail(connection.errorFrom(query.lastError(), doing));
    if (!query.exec(QStringLiteral("COMMIT")))
        return fail(connection.errorFrom(query.lastError(), doing));
    return {};
}

} // namespace

const QList<Migration> &schemaMigrations()
{
    static const QList<Migration> migrations{
            {1, version1}, {2, version2}, {3, version3}, {4, version4}, {5, version5},
    };
    return migrations;
}

int latestSchemaVersion()
{
    return schemaMigrations().constLast().version;
}

int oldestReadableSchemaVersion()
{
    // Version 2 only added runs.parent_run_id, read as 0 from a file at version 1, version 3
    // only results.resends, read as 0 from a file before it, version 4 only what runs
    // checked and read, none in a file before it, and version 5 only how answers came.
    return 1;
}

Expected<int> schemaVersion(SqlConnection &connection)
{
    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return connection.errorFrom(query.lastError(), storeTr("Could not open the run history"));
    return query.value(0).toInt();
}

Expected<> migrate(SqlConnection &connection, const QList<Migration> &migrations, int targetVersion)
{
    const Expected<int> current = schemaVersion(connection);
    if (!current)
        return current.error();
    // A step may rebuild a table (SQLite's way to change a column), which foreign keys would
    // block mid-way; the switch is ignored inside a transaction, so it goes around each step,
    // and foreign_key_check stands in for it before the commit.
    connection.exec(QStringLiteral("PRAGMA foreign_keys = OFF"), {});
    Expected<> outcome;
    for (const Migration &migration : migrations) {
        if (migration.version <= *current || migration.version > targetVersion)
            continue;
        outcome = applyMigration(connection, migration);
        if (!outcome)
            break;
    }
    connection.exec(QStringLiteral("PRAGMA foreign_keys = ON"), {});
    return outcome;
}

Expected<> migrateToLatest(SqlConnection &connection)
{
    return migrate(connection, schemaMigrations(), latestSchemaVersion());
}

} // namespace salvo
