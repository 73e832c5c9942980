// AnswerCache: the newest answers within a budget of bytes, a row's newer answer in place of
// its older, and the oldest going first.

#include <QTest>

#include "inspector/AnswerCache.h"

using namespace salvo;
using salvo::ui::AnswerCache;

namespace {

Result answerOf(int index, qsizetype bodyBytes, char fill = 'x')
{
    Result result;
    result.index = index;
    result.url = QStringLiteral("http://example.test/%1").arg(index);
    result.status = 200;
    result.body = QByteArray(bodyBytes, fill);
    result.bytes = bodyBytes;
    return result;
}

} // namespace

class TestAnswerCache final : public QObject
{
    Q_OBJECT

private slots:
    void keepsTheNewestWithinItsBudget()
    {
        const qsizetype each = AnswerCache::bytesOf(answerOf(0, 10'000));
        AnswerCache cache(each * 3);
        cache.add({answerOf(0, 10'000), answerOf(1, 10'000)});
        cache.add({answerOf(2, 10'000), answerOf(3, 10'000)});
        QCOMPARE(cache.count(), 3);
        QVERIFY(!cache.find(0)); // the oldest went first
        for (const int row : {1, 2, 3})
            QCOMPARE(cache.find(row)->body.size(), 10'000);
        QVERIFY(cache.bytesHeld() <= cache.budgetBytes());
    }

    void aNewerAnswerReplacesTheOlder()
    {
        const qsizetype each = AnswerCache::bytesOf(answerOf(0, 1000));
        AnswerCache cache(each * 3);
        cache.add({answerOf(0, 1000, 'a'), answerOf(1, 1000)});
        cache.add({answerOf(0, 1000, 'b')}); // row 0 run again
        cache.add({answerOf(2, 1000)});
        QCOMPARE(cache.count(), 3);
        QCOMPARE(cache.find(0)->body.front(), 'b');
        cache.add({answerOf(3, 1000)}); // row 1 is now the oldest, not row 0
        QVERIFY(!cache.find(1));
        QVERIFY(cache.find(0));
    }

    void anAnswerOverTheWholeBudgetIsNotKept()
    {
        AnswerCache cache(AnswerCache::bytesOf(answerOf(0, 100)) * 2);
        cache.add({answerOf(0, 100), answerOf(1, 100'000)});
        QVERIFY(cache.find(0));
        QVERIFY(!cache.find(1));
        cache.clear();
        QCOMPARE(cache.count(), 0);
        QCOMPARE(cache.bytesHeld(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAnswerCache)
#include "tst_answercache.moc"
