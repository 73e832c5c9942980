// salvo-cli's --expect-* and --extract: the fields every record gains, the exit status, CSV's
// columns, and expressions refused before the run with exit status 2 and the reason.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ProgramRun.h"
#include "TestServer.h"

using salvo::test::ProgramRun;
using salvo::test::runProgram;

namespace {

ProgramRun runCli(const QStringList &arguments, const QByteArray &standardInput = {})
{
    return runProgram(QStringLiteral(SALVO_CLI_PATH), arguments, standardInput);
}

QList<QJsonObject> records(const QByteArray &output)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    std::sort(objects.begin(), objects.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QStringLiteral("index")).toInt() < b.value(QStringLiteral("index")).toInt();
    });
    return objects;
}

} // namespace

class TestSalvoCliInspect final : public QObject
{
    Q_OBJECT

private:
    TestServer m_http;

    QByteArray list(const QStringList &paths) const
    {
        QByteArray text;
        for (const QString &path : paths)
            text += m_http.url(path).toString(QUrl::FullyEncoded).toUtf8() + '\n';
        return text;
    }

private slots:
    void initTestCase() { QVERIFY(m_http.start()); }

    void recordsSayWhatPassedAndWhatWasRead()
    {
        const ProgramRun run = runCli({QStringLiteral("-q"), QStringLiteral("--no-history"),
                                       QStringLiteral("--expect-status"), QStringLiteral("2xx"),
                                       QStringLiteral("--expect-json"), QStringLiteral(".id > 3"),
                                       QStringLiteral("--extract"), QStringLiteral("id=$.id"),
                                       QStringLiteral("--extract"),
                                       QStringLiteral("double=jq:.id * 2"), QStringLiteral("-")},
                                      list({QStringLiteral("/json/7"), QStringLiteral("/json/2"),
                                            QStringLiteral("/status/404")}));
        QCOMPARE(run.exitCode, 1);
        const QList<QJsonObject> lines = records(run.out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].value(QStringLiteral("passed")), QJsonValue(true));
        QCOMPARE(lines[0].value(QStringLiteral("failed_expectations")), QJsonValue(QJsonArray()));
        QCOMPARE(lines[0].value(QStringLiteral("extracted")).toObject(),
                 (QJsonObject{{QStringLiteral("id"), QStringLiteral("7")},
                              {QStringLiteral("double"), QStringLiteral("14")}}));
        QCOMPARE(lines[1].value(QStringLiteral("passed")), QJsonValue(false));
        QCOMPARE(lines[1].value(QStringLiteral("failed_expectations")).toArray(),
                 QJsonArray{QStringLiteral("Expected .id > 3 to hold, it gave false")});
        QCOMPARE(lines[2].value(QStringLiteral("failed_expectations")).toArray().first().toString(),
                 QStringLiteral("Expected status 2xx, got 404"));
        QCOMPARE(lines[2].value(QStringLiteral("extracted")).toObject().value(QStringLiteral("id")),
                 QJsonValue(QJsonValue::Null));
    }

    void csvRowsBringTheirOwnExpectations()
    {
        const QString base = m_http.url(QStringLiteral("/")).toString();
        const QByteArray csv = "url,sku,expect_status,expect_json,expect_text\n"
                + (base + QStringLiteral("json/7,A,200,.id == 7,\n")).toUtf8()
                + (base + QStringLiteral("json/8,B,2xy,,\n")).toUtf8()
                + (base + QStringLiteral("status/404,C,404,,\n")).toUtf8()
                + (base + QStringLiteral("json/9,D,,.id == 1,nine\n")).toUtf8()
                + (base + QStringLiteral("json/10,E,,,\n")).toUtf8();
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("rows.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv);
        file.close();
        const ProgramRun run
                = runCli({QStringLiteral("-q"), QStringLiteral("--no-history"), file.fileName()});
        QCOMPARE(run.exitCode, 1);
        const QList<QJsonObject> lines = records(run.out);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[0].value(QStringLiteral("passed")), QJsonValue(true));
        QVERIFY(lines[1].value(QStringLiteral("failed_expectations"))
                        .toArray()
                        .first()
                        .toString()
                        .startsWith(QStringLiteral("expect_status: \"2xy\" is not a status")));
        QCOMPARE(lines[2].value(QStringLiteral("passed")), QJsonValue(true)); // a 404 was expected
        QCOMPARE(lines[3].value(QStringLiteral("failed_expectations")).toArray(),
                 (QJsonArray{QStringLiteral("Expected the body to contain \"nine\", it does not"),
                             QStringLiteral("Expected .id == 1 to hold, it gave false")}));
        QCOMPARE(lines[4].value(QStringLiteral("passed")), QJsonValue(QJsonValue::Null));
        // The table's own column comes along; Salvo's are not repeated there.
        QCOMPARE(lines[0].value(QStringLiteral("columns")).toObject(),
                 (QJsonObject{{QStringLiteral("sku"), QStringLiteral("A")}}));
        QCOMPARE(lines[4].value(QStringLiteral("columns")).toObject(),
                 (QJsonObject{{QStringLiteral("sku"), QStringLiteral("E")}}));
    }

    // A CSV's own columns go to the output beside the row: a column each in CSV, whatever
    // the template made of them.
    void csvInputColumnsAreCarried()
    {
        const QByteArray csv = "id,name,price\n5,Mug,9.99\n6,\"Cup, large\",12\n";
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("items.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv);
        file.close();
        const QString pattern = m_http.url(QStringLiteral("/json/{id}")).toString();
        const ProgramRun run = runCli({QStringLiteral("-q"), QStringLiteral("--no-history"),
                                       QStringLiteral("-f"), QStringLiteral("csv"),
                                       QStringLiteral("--extract"), QStringLiteral("id=.id"),
                                       QStringLiteral("--template"), pattern, file.fileName()});
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].trimmed().endsWith(",id,id (input),name,price"), lines[0].constData());
        // Rows are written as they finish, in any order.
        QList<QByteArray> rows{lines[1].trimmed(), lines[2].trimmed()};
        std::sort(rows.begin(), rows.end(), [](const QByteArray &a, const QByteArray &b) {
            return a.endsWith("12") < b.endsWith("12");
        });
        QVERIFY2(rows[0].endsWith(",5,5,Mug,9.99"), rows[0].constData());
        QVERIFY2(rows[1].endsWith(",6,6,\"Cup, large\",12"), rows[1].constData());
    }

    void exitZeroWhenEveryRowPasses()
    {
        const ProgramRun run = runCli({QStringLiteral("-q"), QStringLiteral("--no-history"),
                                       QStringLiteral("--expect-json"), QStringLiteral(".id"),
                                       QStringLiteral("-")},
                                      list({QStringLiteral("/json/1"), QStringLiteral("/json/2")}));
        QCOMPARE(run.exitCode, 0);
    }

    void csvGainsColumns()
    {
        const ProgramRun run = runCli(
                {QStringLiteral("-q"), QStringLiteral("--no-history"), QStringLiteral("-f"),
                 QStringLiteral("csv"), QStringLiteral("--expect-status"), QStringLiteral("200"),
                 QStringLiteral("--extract"), QStringLiteral("id=.id"), QStringLiteral("--extract"),
                 QStringLiteral("url=.id"), QStringLiteral("-")},
                list({QStringLiteral("/json/5")}));
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].trimmed().endsWith(",passed,failed_expectations,id,url (extracted)"),
                 lines[0].constData());
        QVERIFY2(lines[1].trimmed().endsWith(",true,,5,5"), lines[1].constData());
    }

    void withoutThemNothingChanges()
    {
        const ProgramRun run = runCli(
                {QStringLiteral("-q"), QStringLiteral("--no-history"), QStringLiteral("-")},
                list({QStringLiteral("/json/5")}));
        QCOMPARE(run.exitCode, 0);
        const QJsonObject line = records(run.out).value(0);
        QVERIFY(!line.contains(QStringLiteral("passed")));
        QVERIFY(!line.contains(QStringLiteral("extracted")));
    }

    void badExpressionsAreRefusedBeforeTheRun_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("saying");
        QTest::newRow("jq") << QStringList{QStringLiteral("--expect-json"), QStringLiteral(".a[")}
                            << QStringLiteral("The jq expression .a[ is not valid: syntax error");
        QTest::newRow("jq column")
                << QStringList{QStringLiteral("--extract"), QStringLiteral("a=.a | nope")}
                << QStringLiteral("Column a: The jq expression .a | nope is not valid");
        QTest::newRow("xpath") << QStringList{QStringLiteral("--extract"),
                                              QStringLiteral("t=xpath://div[")}
                               << QStringLiteral("at character");
        QTest::newRow("regex") << QStringList{QStringLiteral("--extract"),
                                              QStringLiteral("p=re:(\\d+")}
                               << QStringLiteral("missing closing parenthesis, at character");
        QTest::newRow("status") << QStringList{QStringLiteral("--expect-status"),
                                               QStringLiteral("ok")}
                                << QStringLiteral("\"ok\" is not a status");
        QTest::newRow("same name")
                << QStringList{QStringLiteral("--extract"), QStringLiteral("a=.a"),
                               QStringLiteral("--extract"), QStringLiteral("a=.b")}
                << QStringLiteral("two columns are called a");
    }

    void badExpressionsAreRefusedBeforeTheRun()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, saying);
        const int before = m_http.requestCount();
        const ProgramRun run
                = runCli(QStringList{QStringLiteral("-q"), QStringLiteral("--no-history")}
                                 + arguments + QStringList{QStringLiteral("-")},
                         list({QStringLiteral("/json/1")}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(saying), run.err.constData());
        QCOMPARE(m_http.requestCount(), before); // nothing was requested
    }
};

QTEST_GUILESS_MAIN(TestSalvoCliInspect)
#include "tst_salvocliinspect.moc"
