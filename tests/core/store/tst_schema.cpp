// Schema and migrations: every version that ever shipped upgrades to the latest with its data,
// a failed step leaves the file as it was, a newer file is refused untouched, a damaged or
// locked file gives a sentence, and the history's queries are served by indexes.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/Schema.h"
#include "ExpectedTest.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using salvo::test::RawSql;

namespace {

// A file at `fromVersion` holding `seed` (SQL of that version), upgraded to the latest: each
// check (a query of the latest schema and the value it must give) proves the data came along.
// Adding a version means adding its row here: upgradeCasesCoverEveryVersion() insists.
struct UpgradeCase
{
    int fromVersion = 0;
    QStringList seed;
    QList<std::pair<QString, QVariant>> checks;
};

QList<UpgradeCase> upgradeCases()
{
    return {
            {0, {}, {{QStringLiteral("SELECT count(*) FROM runs"), 0}}},
            {1,
             {QStringLiteral(
                      "INSERT INTO batches (id, fingerprint, name, rows, input_kind,"
                      " url_template, input_data, input_size, method, headers, withheld_headers,"
                      " body, created_ms) VALUES (1, x'01', 'ids', x'', 'id_list',"
                      " 'https://a.example/{id}', x'00000006789c33e432e232e6020002b400b5', 6,"
                      " 'GET', '[[\"Accept\",\"text/plain\"]]', '[\"Authorization\"]',"
                      " x'', 1700000000000)"),
              QStringLiteral("INSERT INTO runs (id, batch_id, state, started_ms, updated_ms,"
                             " finished_ms, options, row_count, result_count, ok_count,"
                             " failed_count, salvo_version, owner_host, owner_boot, owner_pid,"
                             " owner_start) VALUES (7, 1, 'finished', 1700000000000,"
                             " 1700000001000, 1700000001000, '{\"concurrency\":8}', 3, 2, 1, 1,"
                             " '0.1.0', 'h', 'b', 1, 1)"),
              QStringLiteral(
                      "INSERT INTO results (run_id, row_index, line, url, method, status,"
                      " error, message, error_detail, timeout, elapsed_ms, first_byte_ms,"
                      " bytes, truncated, content_type, attempts, redirects, status_class) VALUES"
                      " (7, 0, 1, 'https://a.example/1', 'GET', 200, NULL, NULL, NULL,"
                      " NULL, 12, 8, 5, 0, 'text/plain', 1, NULL, 2),"
                      " (7, 2, 3, 'https://a.example/3', 'GET', 0, 'dns', 'No such host.',"
                      " 'Host not found', NULL, 3, NULL, 0, 0, NULL, 1, NULL, 0)"),
              QStringLiteral("INSERT INTO responses (run_id, row_index, headers,"
                             " headers_compressed, body, body_compressed) VALUES"
                             " (7, 0, CAST('Content-Type: text/plain' || char(13, 10) AS BLOB), 0,"
                             " CAST('hello' AS BLOB), 0)")},
             {{QStringLiteral("SELECT count(*) FROM results WHERE run_id = 7"), 2},
              {QStringLiteral("SELECT result_count FROM runs WHERE id = 7"), 2},
              {QStringLiteral("SELECT url FROM results WHERE run_id = 7 AND row_index = 2"),
               QStringLiteral("https://a.example/3")},
              {QStringLiteral("SELECT status_class FROM results WHERE row_index = 2"), 0},
              {QStringLiteral("SELECT CAST(body AS TEXT) FROM responses WHERE row_index = 0"),
               QStringLiteral("hello")},
              {QStringLiteral("SELECT name FROM batches WHERE id = 1"), QStringLiteral("ids")},
              // A run of version 1 re-ran nothing.
              {QStringLiteral("SELECT parent_run_id IS NULL FROM runs WHERE id = 7"), 1}}},
            {2,
             {QStringLiteral("INSERT INTO batches (id, fingerprint, name, rows, input_kind,"
                             " url_template, input_data, input_size, method, headers,"
                             " withheld_headers, body, created_ms) VALUES (1, x'01', 'urls', x'',"
                             " NULL, '', x'', 0, 'GET', '[]', '[]', x'', 1700000000000)"),
              QStringLiteral("INSERT INTO runs (id, batch_id, state, started_ms, updated_ms,"
                             " finished_ms, options, row_count, result_count, ok_count,"
                             " failed_count, salvo_version, owner_host, owner_boot, owner_pid,"
                             " owner_start, parent_run_id) VALUES"
                             " (7, 1, 'finished', 1700000000000, 1700000001000, 1700000001000,"
                             " '{}', 3, 3, 1, 2, '0.2.0', 'h', 'b', 1, 1, NULL),"
                             " (8, 1, 'finished', 1700000002000, 1700000003000, 1700000003000,"
                             " '{}', 2, 2, 2, 0, '0.2.0', 'h', 'b', 1, 1, 7)"),
              QStringLiteral(
                      "INSERT INTO results (run_id, row_index, line, url, method, status,"
                      " error, message, error_detail, timeout, elapsed_ms, first_byte_ms,"
                      " bytes, truncated, content_type, attempts, redirects, status_class) VALUES"
                      " (8, 0, 2, 'https://a.example/2', 'GET', 200, NULL, NULL, NULL,"
                      " NULL, 12, 8, 5, 0, 'text/plain', 1, NULL, 2),"
                      " (8, 1, 3, 'https://a.example/3', 'GET', 0, 'dns', 'No such host.',"
                      " 'Host not found', NULL, 3, NULL, 0, 0, NULL, 1, NULL, 0)"),
              QStringLiteral("INSERT INTO responses (run_id, row_index, headers,"
                             " headers_compressed, body, body_compressed) VALUES"
                             " (8, 0, CAST('Content-Type: text/plain' || char(13, 10) AS BLOB), 0,"
                             " CAST('hello' AS BLOB), 0)")},
             {{QStringLiteral("SELECT parent_run_id FROM runs WHERE id = 8"), 7},
              {QStringLiteral("SELECT count(*) FROM results WHERE run_id = 8"), 2},
              {QStringLiteral("SELECT CAST(body AS TEXT) FROM responses WHERE row_index = 0"),
               QStringLiteral("hello")},
              // Rows of version 2 resent nothing.
              {QStringLiteral("SELECT count(*) FROM results WHERE resends = 0"), 2}}},
            {3,
             {QStringLiteral("INSERT INTO batches (id, fingerprint, name, rows, input_kind,"
                             " url_template, input_data, input_size, method, headers,"
                             " withheld_headers, body, created_ms) VALUES (1, x'01', 'urls', x'',"
                             " NULL, '', x'', 0, 'GET', '[]', '[]', x'', 1700000000000)"),
              QStringLiteral("INSERT INTO runs (id, batch_id, state, started_ms, updated_ms,"
                             " finished_ms, options, row_count, result_count, ok_count,"
                             " failed_count, salvo_version, owner_host, owner_boot, owner_pid,"
                             " owner_start, parent_run_id) VALUES"
                             " (7, 1, 'finished', 1700000000000, 1700000001000, 1700000001000,"
                             " '{}', 3, 3, 1, 2, '0.3.0', 'h', 'b', 1, 1, NULL),"
                             " (8, 1, 'finished', 1700000002000, 1700000003000, 1700000003000,"
                             " '{}', 2, 2, 1, 1, '0.3.0', 'h', 'b', 1, 1, 7)"),
              QStringLiteral(
                      "INSERT INTO results (run_id, row_index, line, url, method, status,"
                      " error, message, error_detail, timeout, elapsed_ms, first_byte_ms,"
                      " bytes, truncated, content_type, attempts, redirects, status_class,"
                      " resends) VALUES"
                      " (8, 0, 2, 'https://a.example/2', 'GET', 200, NULL, NULL, NULL,"
                      " NULL, 12, 8, 5, 0, 'text/plain', 1, NULL, 2, 1),"
                      " (8, 1, 3, 'https://a.example/3', 'GET', 0, 'connection_reset',"
                      " 'Closed.', 'QNetworkReply::RemoteHostClosedError', NULL, 3, NULL, 0, 0,"
                      " NULL, 1, NULL, 0, 1)"),
              QStringLiteral("INSERT INTO responses (run_id, row_index, headers,"
                             " headers_compressed, body, body_compressed) VALUES"
                             " (8, 0, CAST('Content-Type: text/plain' || char(13, 10) AS BLOB), 0,"
                             " CAST('hello' AS BLOB), 0)")},
             {{QStringLiteral("SELECT resends FROM results WHERE run_id = 8 AND row_index = 0"), 1},
              {QStringLiteral("SELECT count(*) FROM results WHERE run_id = 8"), 2},
              {QStringLiteral("SELECT parent_run_id FROM runs WHERE id = 8"), 7},
              // A run of version 3 checked and read nothing.
              {QStringLiteral("SELECT count(*) FROM results WHERE verdict IS NULL"), 2},
              {QStringLiteral("SELECT unmet_count FROM runs WHERE id = 8"), 0},
              {QStringLiteral("SELECT inspection IS NULL FROM runs WHERE id = 8"), 1}}},
            {4,
             {QStringLiteral("INSERT INTO batches (id, fingerprint, name, rows, input_kind,"
                             " url_template, input_data, input_size, method, headers,"
                             " withheld_headers, body, created_ms) VALUES (1, x'01', 'items', x'',"
                             " NULL, '', x'', 0, 'GET', '[]', '[]', x'', 1700000000000)"),
              QStringLiteral("INSERT INTO runs (id, batch_id, state, started_ms, updated_ms,"
                             " finished_ms, options, row_count, result_count, ok_count,"
                             " failed_count, salvo_version, owner_host, owner_boot, owner_pid,"
                             " owner_start, parent_run_id, inspection, input_columns,"
                             " unmet_count) VALUES"
                             " (7, 1, 'finished', 1700000000000, 1700000001000, 1700000001000,"
                             " '{}', 2, 2, 2, 0, '0.4.0', 'h', 'b', 1, 1, NULL,"
                             " '{\"expect\":[{\"kind\":\"status\",\"value\":\"200\"}],"
                             "\"extract\":[{\"name\":\"price\",\"expression\":\"jq:.price\"}]}',"
                             " '[\"sku\"]', 1),"
                             " (8, 1, 'finished', 1700000002000, 1700000003000, 1700000003000,"
                             " '{}', 1, 0, 0, 0, '0.4.0', 'h', 'b', 1, 1, 7, NULL, NULL, 0)"),
              QStringLiteral(
                      "INSERT INTO results (run_id, row_index, line, url, method, status,"
                      " error, message, error_detail, timeout, elapsed_ms, first_byte_ms,"
                      " bytes, truncated, content_type, attempts, redirects, status_class,"
                      " resends, verdict, failed_expectations, extracted, extraction_problems,"
                      " columns) VALUES"
                      " (7, 0, 2, 'https://a.example/1', 'GET', 200, NULL, NULL, NULL,"
                      " NULL, 12, 8, 5, 0, 'application/json', 1, NULL, 2, 0, 1, NULL,"
                      " '[\"4.5\"]', NULL, '[\"A-1\"]'),"
                      " (7, 1, 3, 'https://a.example/2', 'GET', 302, NULL, NULL, NULL,"
                      " NULL, 12, 8, 5, 0, 'text/html', 1, NULL, 3, 0, 0,"
                      " '[\"Expected status 200, got 302\"]', '[null]', NULL, '[\"A-2\"]')"),
              QStringLiteral("INSERT INTO responses (run_id, row_index, headers,"
                             " headers_compressed, body, body_compressed) VALUES"
                             " (7, 0, NULL, 0, CAST('{\"price\":4.5}' AS BLOB), 0)")},
             {{QStringLiteral("SELECT count(*) FROM results WHERE run_id = 7 AND verdict = 0"), 1},
              {QStringLiteral("SELECT extracted FROM results WHERE row_index = 0"),
               QStringLiteral("[\"4.5\"]")},
              {QStringLiteral("SELECT input_columns FROM runs WHERE id = 7"),
               QStringLiteral("[\"sku\"]")},
              // A run of version 4 kept nothing of how its answers came.
              {QStringLiteral("SELECT count(*) FROM results WHERE connection IS NULL"), 2}}},
            {5,
             {QStringLiteral("INSERT INTO batches (id, fingerprint, name, rows, input_kind,"
                             " url_template, input_data, input_size, method, headers,"
                             " withheld_headers, body, created_ms) VALUES (1, x'01', 'tls', x'',"
                             " NULL, '', x'', 0, 'GET', '[]', '[]', x'', 1700000000000)"),
              QStringLiteral("INSERT INTO runs (id, batch_id, state, started_ms, updated_ms,"
                             " finished_ms, options, row_count, result_count, ok_count,"
                             " failed_count, salvo_version, owner_host, owner_boot, owner_pid,"
                             " owner_start, parent_run_id, inspection, input_columns,"
                             " unmet_count) VALUES"
                             " (7, 1, 'finished', 1700000000000, 1700000001000, 1700000001000,"
                             " '{}', 2, 2, 2, 0, '0.5.0', 'h', 'b', 1, 1, NULL, NULL, NULL, 0),"
                             " (8, 1, 'finished', 1700000002000, 1700000003000, 1700000003000,"
                             " '{}', 1, 0, 0, 0, '0.5.0', 'h', 'b', 1, 1, 7, NULL, NULL, 0)"),
              QStringLiteral(
                      "INSERT INTO results (run_id, row_index, line, url, method, status,"
                      " error, message, error_detail, timeout, elapsed_ms, first_byte_ms,"
                      " bytes, truncated, content_type, attempts, redirects, status_class,"
                      " resends, verdict, failed_expectations, extracted, extraction_problems,"
                      " columns, connection) VALUES"
                      " (7, 0, 1, 'https://a.example/1', 'GET', 200, NULL, NULL, NULL,"
                      " NULL, 12, 8, 5, 0, 'text/plain', 1, NULL, 2, 0, NULL, NULL, NULL, NULL,"
                      " NULL, '{\"http_version\":\"h2\",\"certificate_expires\":\"2027-01-06\"}'),"
                      " (7, 1, 2, 'https://a.example/2', 'GET', 200, NULL, NULL, NULL,"
                      " NULL, 12, 8, 5, 0, 'text/plain', 1, NULL, 2, 0, NULL, NULL, NULL, NULL,"
                      " NULL, NULL)"),
              QStringLiteral("INSERT INTO responses (run_id, row_index, headers,"
                             " headers_compressed, body, body_compressed) VALUES"
                             " (7, 0, NULL, 0, CAST('hello' AS BLOB), 0)")},
             {{QStringLiteral("SELECT json_extract(connection, '$.http_version') FROM results"
                              " WHERE row_index = 0"),
               QStringLiteral("h2")}}},
    };
}

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

Q_DECLARE_METATYPE(UpgradeCase)

class TestSchema : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void migrationsAreNumberedOneByOne()
    {
        const QList<Migration> &migrations = schemaMigrations();
        QVERIFY(!migrations.isEmpty());
        for (int i = 0; i < migrations.size(); ++i) {
            QCOMPARE(migrations.at(i).version, i + 1);
            QVERIFY(!migrations.at(i).statements.isEmpty());
        }
        QCOMPARE(latestSchemaVersion(), migrations.size());
    }

    void upgradeCasesCoverEveryVersion()
    {
        QList<int> covered;
        for (const UpgradeCase &upgrade : upgradeCases())
            covered.append(upgrade.fromVersion);
        for (int version = 0; version <= latestSchemaVersion(); ++version)
            QVERIFY2(covered.contains(version),
                     qPrintable(QStringLiteral("no upgrade row from version %1").arg(version)));
    }

    void upgradesToTheLatestWithItsData_data()
    {
        QTest::addColumn<UpgradeCase>("upgrade");
        for (const UpgradeCase &upgrade : upgradeCases())
            QTest::addRow("from version %d", upgrade.fromVersion) << upgrade;
    }

    void upgradesToTheLatestWithItsData()
    {
        QFETCH(UpgradeCase, upgrade);
        // A file per row: the directory outlives the rows.
        const QString path
                = m_dir.filePath(QStringLiteral("upgrade-%1.sqlite").arg(upgrade.fromVersion));
        {
            SqlConnection connection(QStringLiteral("old"));
            const Expected<> opened = connection.open({.path = path});
            QVERIFY_RESULT(opened);
            const Expected<> made = migrate(connection, schemaMigrations(), upgrade.fromVersion);
            QVERIFY_RESULT(made);
            QCOMPARE(*schemaVersion(connection), upgrade.fromVersion);
            for (const QString &statement : upgrade.seed)
                QVERIFY2(connection.exec(statement, {}), qPrintable(statement));
        }
        SqlConnection connection(QStringLiteral("new"));
        QVERIFY(connection.open({.path = path}));
        QCOMPARE(connection.versionAtOpen(), upgrade.fromVersion);
        const Expected<> upgraded = migrateToLatest(connection);
        QVERIFY_RESULT(upgraded);
        QCOMPARE(*schemaVersion(connection), latestSchemaVersion());

        RawSql raw(path);
        for (const auto &[sql, expected] : upgrade.checks)
            QCOMPARE(raw.value(sql).toString(), expected.toString());
        QCOMPARE(raw.value(QStringLiteral("PRAGMA integrity_check")).toString(), u"ok");
        QVERIFY(raw.column(QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
        // The same tables and indexes as a file made new.
        QCOMPARE(raw.column(QStringLiteral("SELECT sql FROM sqlite_schema ORDER BY name")),
                 schemaOfANewFile());
    }

    // A later step may rebuild a table (SQLite's way to change a column): rows of other tables
    // that point at it must survive, which they would not with foreign keys on (DROP TABLE
    // cascades). The step here is the test's own, made from the real table's definition.
    void stepRebuildingATableKeepsRowsPointingAtIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("rebuild.sqlite"));
        SqlConnection connection(QStringLiteral("rebuild"));
        QVERIFY(connection.open({.path = path}));
        QVERIFY(migrateToLatest(connection));
        const QStringList seed = upgradeCases().constLast().seed; // SQL of the latest version
        for (const QString &statement : seed)
            QVERIFY(connection.exec(statement, {}));
        const QString runsTable = RawSql(path)
                                          .value(QStringLiteral("SELECT sql FROM sqlite_schema "
                                                                "WHERE name = 'runs'"))
                                          .toString();
        QVERIFY(runsTable.startsWith(u"CREATE TABLE runs ("));
        QString rebuilt = runsTable;
        rebuilt.replace(u"CREATE TABLE runs ("_s, u"CREATE TABLE runs_rebuilt ("_s);
        QList<Migration> migrations = schemaMigrations();
        const int next = latestSchemaVersion() + 1;
        migrations.append({next,
                           {rebuilt, QStringLiteral("INSERT INTO runs_rebuilt SELECT * FROM runs"),
                            QStringLiteral("DROP TABLE runs"),
                            QStringLiteral("ALTER TABLE runs_rebuilt RENAME TO runs"),
                            QStringLiteral("CREATE INDEX runs_by_batch ON runs (batch_id)"),
                            QStringLiteral("CREATE INDEX runs_by_parent ON runs (parent_run_id)"
                                           " WHERE parent_run_id IS NOT NULL")}});
        const Expected<> migrated = migrate(connection, migrations, next);
        QVERIFY_RESULT(migrated);

        RawSql raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), next);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM results")).toInt(), 2);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM responses")).toInt(), 1);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM runs")).toInt(), 2);
        // A re-run's link to its original points into the rebuilt table itself.
        QCOMPARE(raw.value(QStringLiteral("SELECT parent_run_id FROM runs WHERE id = 8")).toInt(),
                 7);
        QVERIFY(raw.column(QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
        QCOMPARE(raw.value(QStringLiteral("PRAGMA foreign_keys")).toInt(), 0); // raw's own
        QCOMPARE(RawSql(path).value(QStringLiteral("SELECT count(*) FROM runs")).toInt(), 2);
    }

    void failedStepLeavesTheFileAsItWas()
    {
        const QString path = m_dir.filePath(QStringLiteral("failed.sqlite"));
        SqlConnection connection(QStringLiteral("failed"));
        QVERIFY(connection.open({.path = path}));
        QVERIFY(migrateToLatest(connection));
        QList<Migration> migrations = schemaMigrations();
        const int next = latestSchemaVersion() + 1;
        migrations.append({next,
                           {QStringLiteral("CREATE TABLE half_done (x)"),
                            QStringLiteral("INSERT INTO no_such_table VALUES (1)")}});
        const Expected<> migrated = migrate(connection, migrations, next);
        QVERIFY(!migrated);
        QVERIFY_ERROR_SAYS(migrated, QString::number(next));
        QCOMPARE(*schemaVersion(connection), latestSchemaVersion());
        RawSql raw(path);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = "
                                          "'half_done'"))
                         .toInt(),
                 0);
    }

    void newerFileIsRefusedUntouched()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
        const int newer = latestSchemaVersion() + 1;
        {
            RawSql raw(path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE future (x)")));
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)));
        }
        const QByteArray before = fileDigest(path);
        SqlConnection connection(QStringLiteral("newer"));
        const Expected<> opened = connection.open({.path = path});
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::NewerSchema);
        QVERIFY_ERROR_SAYS(opened, u"newer version of Salvo");
        QVERIFY(opened.error().message.contains(QString::number(newer)));
        QVERIFY(!connection.isOpen());
        QCOMPARE(fileDigest(path), before);
        QVERIFY(!QFile::exists(path + u"-wal"));
    }

    void notADatabaseGivesASentence_data()
    {
        QTest::addColumn<QByteArray>("content");
        QByteArray noise(qsizetype(64) * 1024, Qt::Uninitialized);
        QRandomGenerator generator(42);
        generator.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        QTest::newRow("random bytes") << noise;
        QTest::newRow("a text file") << QByteArray("https://a.example/\nhttps://b.example/\n");
        // A real header with garbage after it: damaged, not foreign.
        QByteArray damaged = QByteArray("SQLite format 3") + '\0' + noise;
        QTest::newRow("damaged after the header") << damaged;
    }

    void notADatabaseGivesASentence()
    {
        QFETCH(QByteArray, content);
        const QString path = m_dir.filePath(QStringLiteral("noise.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();

        SqlConnection connection(QStringLiteral("noise"));
        Expected<> opened = connection.open({.path = path});
        if (opened)
            opened = migrateToLatest(connection);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::NotADatabase);
        QVERIFY_ERROR_SAYS(opened, u"not a Salvo history file");
        QVERIFY(opened.error().message.contains(QDir::toNativeSeparators(path)));
    }

    void lockedFileIsReportedAfterTheBusyTimeout()
    {
        const QString path = m_dir.filePath(QStringLiteral("locked.sqlite"));
        RawSql other(path);
        QVERIFY(other.exec(QStringLiteral("CREATE TABLE other_program (x)")));
        QVERIFY(other.exec(QStringLiteral("BEGIN EXCLUSIVE")));

        SqlConnection connection(QStringLiteral("locked"));
        Expected<> opened
                = connection.open({.path = path, .busyTimeout = std::chrono::milliseconds(200)});
        if (opened)
            opened = migrateToLatest(connection);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::Busy);
        QVERIFY_ERROR_SAYS(opened, u"locked for more than 0.2 s");
        QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
    }

    void missingFolderIsMade()
    {
        const QString path = m_dir.filePath(QStringLiteral("a/b/c/history.sqlite"));
        SqlConnection connection(QStringLiteral("folder"));
        QVERIFY(connection.open({.path = path}));
        QVERIFY(QFile::exists(path));
    }

    void connectionSetsItsPragmas()
    {
        const QString path = m_dir.filePath(QStringLiteral("pragmas.sqlite"));
        SqlConnection connection(QStringLiteral("pragmas"));
        QVERIFY(connection.open({.path = path, .busyTimeout = std::chrono::milliseconds(1234)}));
        QSqlQuery query(connection.database());
        auto pragma = [&](const QString &name) {
            query.exec(QStringLiteral("PRAGMA ") + name);
            return query.next() ? query.value(0).toString() : QString();
        };
        QCOMPARE(pragma(QStringLiteral("journal_mode")), u"wal");
        QCOMPARE(pragma(QStringLiteral("foreign_keys")), u"1");
        QCOMPARE(pragma(QStringLiteral("synchronous")), u"1"); // NORMAL
        QCOMPARE(pragma(QStringLiteral("busy_timeout")), u"1234");
    }

    void readOnlyConnectionNeverWrites()
    {
        const QString path = m_dir.filePath(QStringLiteral("reader.sqlite"));
        {
            SqlConnection writer(QStringLiteral("writer"));
            QVERIFY(writer.open({.path = path}));
            QVERIFY(migrateToLatest(writer));
        }
        SqlConnection reader(QStringLiteral("reader"));
        QVERIFY(reader.open({.path = path, .readOnly = true}));
        const Expected<> written = reader.exec(QStringLiteral("DELETE FROM runs"), {});
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::ReadOnly);

        SqlConnection missing(QStringLiteral("missing"));
        const Expected<> opened = missing.open(
                {.path = m_dir.filePath(QStringLiteral("none.sqlite")), .readOnly = true});
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::CannotOpen);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.sqlite"))));
    }

    // The history's reads (as RunHistory writes them), each served by an index: no full scan
    // of results, no sort. The filters name their index, so the plan holds on a file without
    // statistics too.
    void queriesUseIndexes_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("index");
        QTest::newRow("a page in row order")
                << u"SELECT * FROM results WHERE run_id = 1 ORDER BY row_index LIMIT 100 "
                   "OFFSET 5000"_s
                << u"PRIMARY KEY"_s;
        QTest::newRow("the page after a row")
                << u"SELECT * FROM results WHERE run_id = 1 AND row_index > 5000 "
                   "ORDER BY row_index LIMIT 100"_s
                << u"PRIMARY KEY"_s;
        QTest::newRow("a page of one status class")
                << u"SELECT * FROM results WHERE run_id = 1 AND row_index IN (SELECT row_index "
                   "FROM results INDEXED BY results_by_class WHERE run_id = 1 AND "
                   "status_class = 4 ORDER BY row_index LIMIT 100 OFFSET 5000) "
                   "ORDER BY row_index"_s
                << u"COVERING INDEX results_by_class"_s;
        QTest::newRow("a page of one error kind")
                << u"SELECT * FROM results WHERE run_id = 1 AND row_index IN (SELECT row_index "
                   "FROM results INDEXED BY results_by_error WHERE run_id = 1 AND "
                   "error = 'dns' ORDER BY row_index LIMIT 100 OFFSET 5000) "
                   "ORDER BY row_index"_s
                << u"COVERING INDEX results_by_error"_s;
        QTest::newRow("counting a class")
                << u"SELECT count(*) FROM results INDEXED BY results_by_class WHERE run_id = 1 "
                   "AND status_class = 0"_s
                << u"COVERING INDEX results_by_class"_s;
        QTest::newRow("one body")
                << u"SELECT body FROM responses WHERE run_id = 1 AND row_index = 7"_s
                << u"PRIMARY KEY"_s;
        QTest::newRow("runs newest first")
                << u"SELECT * FROM runs r JOIN batches b ON b.id = r.batch_id "
                   "ORDER BY r.id DESC"_s
                << QString();
        // What deleting a run does to its re-runs (ON DELETE SET NULL).
        QTest::newRow("the re-runs of a run")
                << u"SELECT id FROM runs WHERE parent_run_id = 1"_s << u"runs_by_parent"_s;
        QTest::newRow("deleting a run's results")
                << u"DELETE FROM results WHERE run_id = 1"_s << QString();
    }

    void queriesUseIndexes()
    {
        QFETCH(QString, query);
        QFETCH(QString, index);
        const QString path = m_dir.filePath(QStringLiteral("plans.sqlite"));
        {
            SqlConnection connection(QStringLiteral("plans"));
            QVERIFY(connection.open({.path = path}));
            QVERIFY(migrateToLatest(connection));
        }
        RawSql raw(path);
        QSqlQuery explain(raw.db());
        QVERIFY2(explain.exec(u"EXPLAIN QUERY PLAN "_s + query), qPrintable(query));
        QStringList details;
        while (explain.next())
            details.append(explain.value(3).toString());
        const QString text = details.join(u" | ");
        QVERIFY2(!details.isEmpty(), qPrintable(query));
        QVERIFY2(!text.contains(u"TEMP B-TREE"), qPrintable(text));
        QVERIFY2(!text.contains(QRegularExpression(u"SCAN (results|responses)\\b"_s)),
                 qPrintable(text));
        QVERIFY2(text.contains(index), qPrintable(text));
    }

private:
    QStringList schemaOfANewFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("new-%1.sqlite").arg(++m_newFiles));
        SqlConnection connection(QStringLiteral("fresh"));
        if (!connection.open({.path = path}) || !migrateToLatest(connection))
            return {};
        connection.close();
        return RawSql(path).column(QStringLiteral("SELECT sql FROM sqlite_schema ORDER BY name"));
    }

    QTemporaryDir m_dir;
    int m_newFiles = 0;
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
