// SqliteStatement: values land in the file as Qt SQL would have put them (empty text, NULL,
// blobs, 64-bit numbers), a statement runs again and again with new values, and SQLite's
// refusals come back as a QSqlError that SqlConnection words like any other.

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "store/Database.h"
#include "store/SqliteStatement.h"
#include "ExpectedTest.h"

using namespace salvo;

class TestSqliteStatement : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqlConnection> m_connection;

    QVariant valueOf(const QString &sql)
    {
        QSqlQuery query(m_connection->database());
        if (!query.exec(sql) || !query.next())
            return QStringLiteral("query failed: %1").arg(sql);
        return query.value(0);
    }

private slots:
    void init()
    {
        m_connection = std::make_unique<SqlConnection>(QStringLiteral("statement-test"));
        QVERIFY(m_connection->open({.path = m_dir.filePath(QStringLiteral("t.sqlite"))}));
        QVERIFY(m_connection->exec(QStringLiteral("DROP TABLE IF EXISTS t"),
                                   QStringLiteral("drop")));
        QVERIFY(m_connection->exec(
                QStringLiteral("CREATE TABLE t (k INTEGER PRIMARY KEY, n INTEGER, s TEXT, b BLOB)"),
                QStringLiteral("create")));
    }

    void cleanup() { m_connection.reset(); }

    void valuesAreStoredAsBound()
    {
        SqliteStatement insert;
        QVERIFY(insert.prepare(*m_connection, QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)")));
        const qint64 big = Q_INT64_C(5'000'000'000);
        const QString text = QStringLiteral("prix: 12 € — ok");
        const QByteArray blob("\x00\x01\xff", 3);
        insert.bindInt(0, 1);
        insert.bindInt(1, big);
        insert.bindText(2, text);
        insert.bindBlobOrNull(3, blob);
        QVERIFY(insert.exec());
        // The same statement again: a null QString is empty text, empty text or bytes NULL.
        insert.bindInt(0, 2);
        insert.bindNull(1);
        insert.bindText(2, QString());
        insert.bindBlobOrNull(3, QByteArray());
        QVERIFY(insert.exec());
        insert.bindInt(0, 3);
        insert.bindInt(1, -1);
        insert.bindTextOrNull(2, QStringLiteral(""));
        insert.bindBlobOrNull(3, QByteArray());
        QVERIFY(insert.exec());

        QCOMPARE(valueOf(QStringLiteral("SELECT n FROM t WHERE k = 1")).toLongLong(), big);
        QCOMPARE(valueOf(QStringLiteral("SELECT s FROM t WHERE k = 1")).toString(), text);
        QCOMPARE(valueOf(QStringLiteral("SELECT b FROM t WHERE k = 1")).toByteArray(), blob);
        QCOMPARE(valueOf(QStringLiteral("SELECT typeof(s) FROM t WHERE k = 2")).toString(),
                 QStringLiteral("text"));
        QCOMPARE(valueOf(QStringLiteral("SELECT length(s) FROM t WHERE k = 2")).toInt(), 0);
        QCOMPARE(valueOf(QStringLiteral("SELECT typeof(n) || typeof(b) FROM t WHERE k = 2"))
                         .toString(),
                 QStringLiteral("nullnull"));
        QCOMPARE(valueOf(QStringLiteral("SELECT typeof(s) FROM t WHERE k = 3")).toString(),
                 QStringLiteral("null"));
        QCOMPARE(valueOf(QStringLiteral("SELECT count(*) FROM t")).toInt(), 3);
    }

    void aRepeatedKeyIsAConstraintErrorAndTheStatementGoesOn()
    {
        SqliteStatement insert;
        QVERIFY(insert.prepare(*m_connection, QStringLiteral("INSERT INTO t (k) VALUES (?)")));
        insert.bindInt(0, 7);
        QVERIFY(insert.exec());
        insert.bindInt(0, 7);
        QVERIFY(!insert.exec());
        // SQLITE_CONSTRAINT (19) in the low byte of the extended code, as Qt SQL reports it.
        QCOMPARE(insert.lastError().nativeErrorCode().toInt() & 0xff, 19);
        QVERIFY2(insert.lastError().databaseText().contains(QStringLiteral("UNIQUE")),
                 qPrintable(insert.lastError().databaseText()));
        insert.bindInt(0, 8);
        QVERIFY(insert.exec());
        QCOMPARE(valueOf(QStringLiteral("SELECT count(*) FROM t")).toInt(), 2);
    }

    void badSqlIsRefusedInWords()
    {
        SqliteStatement statement;
        QVERIFY(!statement.prepare(*m_connection,
                                   QStringLiteral("INSERT INTO missing VALUES (?)")));
        const Error error
                = m_connection->errorFrom(statement.lastError(), QStringLiteral("Saving"));
        QVERIFY2(error.message.startsWith(QStringLiteral("Saving: ")), qPrintable(error.message));
        QVERIFY2(statement.lastError().databaseText().contains(QStringLiteral("missing")),
                 qPrintable(statement.lastError().databaseText()));
    }
};

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "tst_sqlitestatement.moc"
