// SimpleJq beside the real jq: each (expression, body) of the table is evaluated here and by
// salvo-jq (through JqService), as a column and as an expectation, and where SimpleJq answers,
// its answer must be jq's to the letter. The table also says where SimpleJq must answer (so a
// change that sends everything to jq fails too) and which forms are left to jq.

#include <QTest>

#include "inspect/JqService.h"
#include "inspect/JsonPath.h"
#include "inspect/SimpleJq.h"

using namespace salvo;
using jqwire::Op;

namespace {

// Where SimpleJq answers: as a column and as an expectation, as an expectation only, nowhere.
enum class Here { Both, TestOnly, Neither };

JqOutcome fromJq(Op op, const QString &expression, const QByteArray &body)
{
    QFuture<JqOutcome> future
            = JqService::instance().submit(op, JsonPath::toJq(expression).toUtf8(), body);
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        return {JqOutcome::Kind::Stopped, QStringLiteral("the test waited 20 s")};
    return future.result();
}

QString describe(const std::optional<JqOutcome> &outcome)
{
    if (!outcome)
        return QStringLiteral("(left to jq)");
    static const char *const kinds[] = {"value", "null", "error", "not JSON", "stopped"};
    return QStringLiteral("%1 [%2]").arg(QString::fromLatin1(kinds[int(outcome->kind)]),
                                         outcome->text);
}

void row(const char *expression, const QByteArray &body, Here here)
{
    QTest::addRow("%s on %s", expression, body.left(40).constData())
            << QString::fromUtf8(expression) << body << int(here);
}

void pathRows()
{
    row(".a", R"({"a":1})", Here::Both);
    row(".a", R"({"a":-7})", Here::Both);
    row(".a", R"({"a":0})", Here::Both);
    row(".a", R"({"a":-0})", Here::Both);
    row(".a", R"({"a":-0.0})", Here::Both);
    row(".a", R"({"a":1E2})", Here::Both);
    row(".a", R"({"a":1.5e+2})", Here::Both);
    row(".a", R"({"a":25e-1})", Here::Both);
    row(".a", R"({"a":123456789012345})", Here::Both);
    row(".a", R"({"a":1234567890123456})", Here::Both);
    row(".a", R"({"a":100000000000000})", Here::Both);
    row(".a", R"({"a":10000000000000000})", Here::TestOnly);
    row(".a", R"({"a":-1234567890.12345})", Here::Both);
    row(".a", R"({"a":0.30000000000000004})", Here::Both);
    row(".a", R"({"a":0.0012})", Here::Both);
    row(".a", R"({"a":0.00012})", Here::Both);
    row(".a", R"({"a":1.10})", Here::Both);
    row(".a", R"({"a":100})", Here::Both);
    row(".a", R"({"a":999})", Here::Both);
    row(".a", R"({"a":1000})", Here::Both);
    row(".a", R"({"a":-5})", Here::Both);
    row(".a | length", "{\"a\":[" + QByteArray("0,").repeated(999) + "0]}", Here::Both);
    row(".a | length", "{\"a\":[" + QByteArray("0,").repeated(998) + "0]}", Here::Both);
    row(".a", R"({"a":1e-5})", Here::TestOnly);
    row(".a", R"({"a":1e99})", Here::TestOnly);
    row(".a", R"({"a":12.50})", Here::Both);
    row(".a", R"({"a":0.1})", Here::Both);
    row(".a", R"({"a":0.0001})", Here::Both);
    row(".a", R"({"a":123456789012.25})", Here::Both);
    row(".a", R"({"a":9007199254740991})", Here::Both);
    row(".a", R"({"a":9007199254740993})", Here::TestOnly);
    row(".a", R"({"a":1e16})", Here::TestOnly);
    row(".a", R"({"a":0.00001})", Here::TestOnly);
    row(".a", R"({"a":1e400})", Here::Neither);
    row(".a", "{\"a\":1" + QByteArray(120, '0') + "}", Here::Neither);
    row(".a", R"({"a":1.})", Here::Neither);
    row(".a", R"({"a":-})", Here::Neither);
    row(".a", R"({"a":tru})", Here::Neither);
    row(".a", R"({"a":1,})", Here::Neither);
    row(".a", R"({"a" 1})", Here::Neither);
    row(".a", R"([1,2]])", Here::Neither);
    row(".a", R"({"a":"Ölçü \"x\""})", Here::Both);
    row(".a", R"({"a":"\ud83d\ude00 \u0000 \t"})", Here::Both);
    row(".a", R"({"a":"\ud800"})", Here::Neither);
    row(".a", R"({"a":"\udc00\ud800"})", Here::Neither);
    row(".a", R"({"a":"\ud800\u0041"})", Here::Neither);
    row(".a", R"({"a":"\\ud800"})", Here::Both); // a backslash, then "ud800"
    row(".a", R"({"a":"line\nnext \"q\" \\ \/ \b\f\r\u00e9\u20AC"})", Here::Both);
    row(".a", "{\"a\":\"tab\tinside\"}", Here::Neither); // a raw control character
    row(".a", R"({"\u0061":1})", Here::Both);
    row(".a", R"({"a":1,"\u0061":2})", Here::Both);
    row(". | length", R"({"a":1,"\u0061":2,"b":3})", Here::Both);
    row(".\"a\\\"b\"", R"({"a\"b":"quoted"})", Here::Both);
    row(".[1].x", R"([[1,[2]],{"y":"]}","x":"found"}])", Here::Both);
    row(".[-1].x", R"([[1,[2]],{"y":"]}","x":{"z":[]}}])", Here::TestOnly);
    row(".a[1]", R"( { "a" : [ 1 , 2 ] } )", Here::Both);
    row(".[0]", R"([])", Here::Both);
    row(".a | length", R"({"a":{}})", Here::Both);
    row(".a | length", R"({"a":[]})", Here::Both);
    row(".a | length", R"({"a":""})", Here::Both);
    row(".a", R"({"a":{"b":1,"a":2}})", Here::TestOnly);
    row(".a", R"({"a":[1,"x"]})", Here::TestOnly);
    row(".a", R"({"a":true})", Here::Both);
    row(".a", R"({"a":false})", Here::Both);
    row(".a", R"({"a":null})", Here::Both);
    row(".a", R"({"b":1})", Here::Both);
    row(".a.b", R"({"a":5})", Here::Neither); // jq's error, in jq's words
    row(".a[0]", R"({"a":{}})", Here::Neither);
    row(".a.b.c", R"({"a":null})", Here::Both);
    row(".a[2]", R"({"a":null})", Here::Both);
    row(".[0]", R"([1,2])", Here::Both);
    row(".[-1]", R"([1,2])", Here::Both);
    row(".[-3]", R"([1,2])", Here::Both);
    row(".[5]", R"([1,2])", Here::Both);
    row(".x", R"([1])", Here::Neither);
    row("$.a[1].b", R"({"a":[{},{"b":"deep"}]})", Here::Both);
    row(".a.\"odd key\"", R"({"a":{"odd key":"o"}})", Here::Both);
    row(".[\"a\"][0]", R"({"a":["x"]})", Here::Both);
    row(".b", R"({"b":1,"b":2})", Here::Both);
}

void bodyRows()
{
    row(".a", "<html>not json</html>", Here::Both);
    row(".a", "", Here::Both);
    row(".a", " \r\n\t", Here::Both);
    row(".a", "5", Here::Neither);
    row(".", "5", Here::Both);
    row(". > 4", " 5 ", Here::Both);
    row(".a", "\"text\"", Here::Neither);
    row(".a", R"({"a":1} {"a":2})", Here::Neither);
    row(".a", R"({"a":01})", Here::Neither);
    row(".a", "\xEF\xBB\xBF{\"a\":1}", Here::Both);
    row(".a", "{\"a\":\"\xFF\"}", Here::Neither);
    row(".a", "{\"a\":1", Here::Neither);
    row(". | length", QByteArray(256, '[') + QByteArray(256, ']'), Here::Both);
    row(". | length", QByteArray(257, '[') + QByteArray(257, ']'), Here::Neither);
}

void comparisonRows()
{
    row(".a == 1", R"({"a":1})", Here::Both);
    row(".a == 1", R"({"a":1.0})", Here::Both);
    row(".a == 1", R"({"a":"1"})", Here::Both);
    row(".a == 1", R"({"a":true})", Here::Both);
    row(".a==1e0", R"({"a":1})", Here::Both);
    row(".a != null", R"({"b":1})", Here::Both);
    row(".a == null", R"({"a":null})", Here::Both);
    row(".in_stock == true", R"({"in_stock":true})", Here::Both);
    row(".in_stock == true", R"({"in_stock":"true"})", Here::Both);
    row(".a == false", R"({"a":null})", Here::Both);
    row(".a == \"Ölçü\"", R"({"a":"Ölçü"})", Here::Both);
    row(".a == \"\\u00e9\"", R"({"a":"é"})", Here::Both);
    row(".a == \"\\/\\\"x\\t\"", R"({"a":"/\"x\t"})", Here::Both);
    row(".a < \"b\"", R"({"a":"a"})", Here::Both);
    row(".a < \"b\"", R"({"a":"ab"})", Here::Both);
    row(".a > \"z\"", R"({"a":"é"})", Here::Both);
    row(".a > \"\\ue000\"", R"({"a":"😀"})", Here::Both); // UTF-16's order says the opposite
    row(".a > 5", R"({"a":[1]})", Here::Both);
    row(".a > 5", R"({"a":{}})", Here::Both);
    row(".a > 5", R"({"a":"1"})", Here::Both);
    row(".a < 5", R"({"a":null})", Here::Both);
    row(".a < false", R"({"a":true})", Here::Both);
    row(".a > null", R"({"a":false})", Here::Both);
    row(".a >= -1.5", R"({"a":-1.5})", Here::Both);
    row(".a <= 1e2", R"({"a":100.5})", Here::Both);
    row(".a < 0.3", R"({"a":0.30000000000000004})", Here::Both);
    row(".id > 5", R"({"id":7})", Here::Both);
    row(".a.b > 5", R"({"a":3})", Here::Neither);
    row(".a == \"x\"", R"({"a":"\ud800"})", Here::Neither);
}

void lengthRows()
{
    row(".a | length", R"({"a":[1,2]})", Here::Both);
    row(".a|length", R"({"a":{"x":1,"y":2}})", Here::Both);
    row(".a | length", R"({"a":{"x":1,"x":2}})", Here::Both);
    row(".a | length", R"({"a":"héllo 😀"})", Here::Both);
    row(".a | length", R"({"a":-3.5})", Here::Both);
    row(".a | length", R"({"a":-12})", Here::Both);
    row(".a | length", R"({"a":-0})", Here::Both);
    row(".a | length", R"({"a":1e300})", Here::Neither); // left to jq: beyond 1e99
    row(".a | length", R"({"a":-1e99})", Here::TestOnly);
    row(".a | length > 1e98", R"({"a":-1e99})", Here::Both);
    row(".a | length", R"({"a":null})", Here::Both);
    row(".a | length", R"({"b":null})", Here::Both);
    row(".a | length", R"({"a":true})", Here::Neither); // jq's error
    row(".tags | length", R"({"tags":["alpha","beta"]})", Here::Both);
    row(".items | length > 0", R"({"items":[]})", Here::Both);
    row(".a | length >= 2", R"({"a":"ab"})", Here::Both);
    row(".a | length == 5", R"({"a":"héllo"})", Here::Both);
    row("$.a | length < 1", R"({"a":[]})", Here::Both);
    row(".a | length != 0", R"({"a":-0})", Here::Both);
}

} // namespace

class TestSimpleJq final : public QObject
{
    Q_OBJECT

private slots:
    void answersAsJqDoes_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("here");
        pathRows();
        bodyRows();
        comparisonRows();
        lengthRows();
    }

    void answersAsJqDoes()
    {
        QFETCH(QString, expression);
        QFETCH(QByteArray, body);
        QFETCH(int, here);
        const std::optional<SimpleJq> simple = SimpleJq::parse(expression);
        QVERIFY2(simple, "not taken as a simple form");
        const JsonText document = JsonText::read(body);
        for (const Op op : {Op::Extract, Op::Test}) {
            const std::optional<JqOutcome> native = simple->evaluate(op, document);
            const bool shouldAnswer
                    = Here(here) == Here::Both || (Here(here) == Here::TestOnly && op == Op::Test);
            const JqOutcome jq = fromJq(op, expression, body);
            const QString report = QStringLiteral("%1: here %2, jq %3")
                                           .arg(op == Op::Test ? u"test" : u"extract",
                                                describe(native), describe(jq));
            QVERIFY2(native.has_value() == shouldAnswer, qPrintable(report));
            if (!native)
                continue;
            QVERIFY2(native->kind == jq.kind && native->text == jq.text, qPrintable(report));
            QCOMPARE(native->text.isNull(), jq.text.isNull());
        }
    }

    void otherFormsAreJqs_data()
    {
        QTest::addColumn<QString>("expression");
        for (const char *expression : {".a == .b",
                                       ".a | length | . > 1",
                                       ".a == 1 and .b",
                                       ".a | lengths",
                                       ".a | length()",
                                       ".a == \"x\\(1)\"",
                                       ".a.[0]",
                                       ".a[+1]",
                                       ".a == 1, 2",
                                       ".a = 1",
                                       ".a == nul",
                                       ".a == .5",
                                       ".a == 01",
                                       ".a == - 1",
                                       ".a == 1e999",
                                       ".a == \"\\ud800\"",
                                       ".a == \"x\" # note",
                                       ".a .b",
                                       ".a[] == 1",
                                       "$.a[*] == 1",
                                       ".a =~ 1",
                                       "length",
                                       ".a | not",
                                       ".a < \"a\"\"b\"",
                                       ".a[99999999999]",
                                       ""})
            QTest::newRow(expression) << QString::fromUtf8(expression);
    }

    void otherFormsAreJqs()
    {
        QFETCH(QString, expression);
        QVERIFY(!SimpleJq::parse(expression));
    }

    void theFormsPeopleWriteAreSimple()
    {
        for (const char *expression :
             {".a", "$.a.b[0]", ".a == 1", " .a.b  !=  \"x\" ", ".n>=-2.5e3", ".a < true",
              ".a | length", ".a|length>0", "$.items | length == 3", ".a == null", ".[0]",
              ".a[-1][\"b c\"].\"d\"", ".a == \"\\/\\\"\\n\\u00e9\"", ".a >= 0", ".a <= 1E-2",
              "$[2]", ".a | length != 0"}) {
            const QString text = QString::fromUtf8(expression);
            QVERIFY2(SimpleJq::parse(text), expression);
            // ExpressionCheck does not ask jq about simple forms: jq must take them all.
            const JqOutcome compiled = fromJq(Op::Check, text, {});
            QVERIFY2(compiled.kind == JqOutcome::Kind::Null,
                     qPrintable(text + u' ' + compiled.text));
        }
        QVERIFY(SimpleJq::parse(QStringLiteral(".a"))->isPlainPath());
        QVERIFY(!SimpleJq::parse(QStringLiteral(".a | length"))->isPlainPath());
    }
};

QTEST_GUILESS_MAIN(TestSimpleJq)
#include "tst_simplejq.moc"
