// JqWire: a request of several programs and its answers go through the pipe unchanged,
// whatever bytes the body holds; a message arrives whole or not at all, however the pipe cuts
// it; a malformed one is dropped rather than read as something else.

#include <QTest>

#include "inspect/JqWire.h"

using namespace salvo::jqwire;

namespace {

Request sampleRequest()
{
    return {.programs = {{Op::Extract, ".items | map(.sku)"},
                         {Op::Test, ".in_stock == true"},
                         {Op::Check, ""}},
            .input = QByteArray("{\"a\":\"\0\xff\r\n\"}", 12)};
}

QList<Answer> sampleAnswers()
{
    return {{AnswerKind::Value, "[\"X-1\"]"},
            {AnswerKind::Error, "Cannot index number with \"b\""},
            {AnswerKind::Null, {}},
            {AnswerKind::NotJson, {}}};
}

bool sameRequest(const Request &a, const Request &b)
{
    if (a.input != b.input || a.programs.size() != b.programs.size())
        return false;
    for (qsizetype i = 0; i < a.programs.size(); ++i) {
        if (a.programs[i].op != b.programs[i].op || a.programs[i].text != b.programs[i].text)
            return false;
    }
    return true;
}

bool sameAnswers(const QList<Answer> &a, const QList<Answer> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].kind != b[i].kind || a[i].text != b[i].text)
            return false;
    }
    return true;
}

} // namespace

class TestJqWire final : public QObject
{
    Q_OBJECT

private slots:
    void aRequestOfSeveralProgramsGoesThroughWhole()
    {
        QByteArray buffer = encode(sampleRequest()) + encode(sampleRequest());
        for (int i = 0; i < 2; ++i) {
            const std::optional<Request> taken = takeRequest(buffer);
            QVERIFY(taken);
            QVERIFY(sameRequest(*taken, sampleRequest()));
        }
        QVERIFY(buffer.isEmpty());
        QVERIFY(!takeRequest(buffer));
    }

    void answersGoThroughWhole()
    {
        QByteArray buffer = encode(sampleAnswers()) + encode(QList<Answer>{{AnswerKind::Null, {}}});
        const std::optional<QList<Answer>> first = takeAnswers(buffer);
        QVERIFY(first);
        QVERIFY(sameAnswers(*first, sampleAnswers()));
        const std::optional<QList<Answer>> second = takeAnswers(buffer);
        QVERIFY(second);
        QCOMPARE(second->size(), 1);
        QVERIFY(buffer.isEmpty());
    }

    void aMessageCutAnywhereWaitsForTheRest()
    {
        const QByteArray request = encode(sampleRequest());
        const QByteArray answers = encode(sampleAnswers());
        for (qsizetype cut = 0; cut < request.size(); ++cut) {
            QByteArray buffer = request.left(cut);
            QVERIFY2(!takeRequest(buffer), qPrintable(QString::number(cut)));
            QCOMPARE(buffer, request.left(cut)); // kept, for the rest to join it
        }
        for (qsizetype cut = 0; cut < answers.size(); ++cut) {
            QByteArray buffer = answers.left(cut);
            QVERIFY2(!takeAnswers(buffer), qPrintable(QString::number(cut)));
            QCOMPARE(buffer, answers.left(cut));
        }
    }

    void malformedMessagesAreDropped_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = encode(sampleRequest());
        QByteArray badOp = good;
        badOp[5] = 'z'; // the first program's op
        QTest::newRow("wrong tag") << (QByteArray("x") + good.mid(1));
        QTest::newRow("an answer where a request belongs") << encode(sampleAnswers());
        QTest::newRow("unknown op") << badOp;
        QTest::newRow("no programs") << QByteArray("r\0\0\0\0", 5);
        QTest::newRow("absurd count") << QByteArray("r\xff\xff\xff\xff", 5);
    }

    void malformedMessagesAreDropped()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!takeRequest(bytes));
        QVERIFY(bytes.isEmpty());
    }

    void malformedAnswersAreDropped()
    {
        QByteArray wrongKind = encode(sampleAnswers());
        wrongKind[5] = 'q';
        QVERIFY(!takeAnswers(wrongKind));
        QVERIFY(wrongKind.isEmpty());
        QByteArray request = encode(sampleRequest());
        QVERIFY(!takeAnswers(request));
        QVERIFY(request.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJqWire)
#include "tst_jqwire.moc"
