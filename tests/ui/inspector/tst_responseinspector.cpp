// ResponseInspector and JsonTreeModel: every body kind lands in its view, large bodies are
// prepared off the GUI thread and only the last selection is shown, pathological JSON is
// survived.

#include <memory>

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QImage>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include "inspector/JsonReader.h"
#include "inspector/JsonTreeModel.h"
#include "inspector/PreparedBody.h"
#include "inspector/ResponseInspector.h"

using namespace salvo;
using namespace Qt::StringLiterals;
using salvo::ui::JsonTree;
using salvo::ui::JsonTreeModel;
using salvo::ui::ResponseInspector;

namespace {

// Preparations run on a worker; a debug build on a busy machine may need a while.
constexpr int preparationTimeoutMs = 20000;

Result answer(QByteArray body, const QString &contentType)
{
    Result result;
    result.index = 2;
    result.line = 3;
    result.url = QStringLiteral("https://example.test/items/2");
    result.method = "GET";
    result.status = 200;
    result.elapsedMs = 120;
    result.firstByteMs = 45;
    result.attempts = 1;
    result.contentType = contentType;
    result.bytes = body.size();
    result.body = std::move(body);
    result.headers = {{"Content-Type", contentType.toUtf8()}, {"Server", "test"}};
    return result;
}

std::shared_ptr<const JsonTree> treeOf(const QByteArray &json)
{
    ui::JsonReading reading = ui::readJson(json, ui::jsonNestingLimit, ui::textDisplayCap);
    if (reading.outcome != ui::JsonReading::Outcome::Read)
        return {};
    return std::make_shared<const JsonTree>(std::move(reading.tree));
}

Result jsonAnswer(QByteArray body)
{
    return answer(std::move(body), QStringLiteral("application/json; charset=utf-8"));
}

// A JSON array of objects, far above the size prepared on the GUI thread.
QByteArray largeJson(const QString &marker, int elements = 4000)
{
    QByteArray json = "[";
    for (int i = 0; i < elements; ++i) {
        if (i > 0)
            json += ',';
        json += "{\"id\":" + QByteArray::number(i) + ",\"marker\":\"" + marker.toUtf8()
                + "\",\"ok\":true}";
    }
    return json + ']';
}

QByteArray pngBytes(QSize size)
{
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

// One row of the model's data-driven test.
struct JsonCase
{
    QByteArray json;
    int topRows = 0;
    QString firstKey; // of the first top-level row
    QString firstValue;
    JsonTree::Type firstType = JsonTree::Type::Null;
};
Q_DECLARE_METATYPE(JsonCase)

class TestResponseInspector final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); } // numbers without separators

    void init()
    {
        m_inspector = std::make_unique<ResponseInspector>();
        m_inspector->resize(800, 600);
        m_inspector->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
    }

    void cleanup() { m_inspector.reset(); }

    void jsonTreeModel_data();
    void jsonTreeModel();
    void jsonTreeModelSurvivesResetsAndDeepDocuments();

    void showsJsonAsTreeAndPrettyText();
    void showsDuplicateKeysAndNumbersAsSent();
    void showsALoneJsonValueAsText();
    void preparesLargeJsonOffTheGuiThread();
    void recognisesJsonWithoutAJsonContentType();
    void showsTextBody();
    void showsBinaryBodyAsHex();
    void showsImage();
    void showsUndecodableImageAsHex();
    void showsSvgAsItsText();
    void notesATruncatedBody();
    void saysNoBodyWhenEmpty();
    void showsInvalidJsonAsTextWithANote();
    void capsAHugeTextForDisplay();
    void showsErrorInTiming();
    void errorBannerHasTheSentenceAndDetailsOneClickAway();
    void showsTimingAndRedirects();
    void showsHowTheAnswerCame();
    void showsAResendApartFromAttempts();
    void showsRequest();
    void headersTableHasOneRowPerHeader();
    void switchingRowsQuicklyShowsTheLastOnly();
    void survivesJsonNestedAHundredThousandLevels();
    void clearEmptiesEveryTab();
    void canBeDestroyedWhilePreparing();

private:
    template<typename T>
    T *child(const char *name) const
    {
        auto *found = m_inspector->findChild<T *>(QLatin1String(name));
        if (!found)
            qFatal("no child named %s", name);
        return found;
    }
    QPlainTextEdit *text(const char *name) const { return child<QPlainTextEdit>(name); }
    QWidget *currentBodyPage() const { return child<QStackedWidget>("bodyStack")->currentWidget(); }

    std::unique_ptr<ResponseInspector> m_inspector;
};

void TestResponseInspector::jsonTreeModel_data()
{
    QTest::addColumn<JsonCase>("row");
    using Type = JsonTree::Type;
    QTest::newRow("empty object") << JsonCase{"{}", 0, {}, {}, Type::Null};
    QTest::newRow("empty array") << JsonCase{"[]", 0, {}, {}, Type::Null};
    QTest::newRow("string member") << JsonCase{R"({"name": "salvo\nbatch"})", 1, u"name"_s,
                                               uR"("salvo\nbatch")"_s, Type::String};
    QTest::newRow("integer beyond double precision")
            << JsonCase{"[9007199254740993]", 1, u"0"_s, u"9007199254740993"_s, Type::Number};
    QTest::newRow("integer beyond 64 bits")
            << JsonCase{"[123456789012345678901234567890]", 1, u"0"_s,
                        u"123456789012345678901234567890"_s, Type::Number};
    QTest::newRow("fraction as written") << JsonCase{"[1.10]", 1, u"0"_s, u"1.10"_s, Type::Number};
    QTest::newRow("keys as sent, not sorted")
            << JsonCase{R"({"zeta": 1, "alpha": 2})", 2, u"zeta"_s, u"1"_s, Type::Number};
    QTest::newRow("duplicate keys both shown")
            << JsonCase{R"({"a": 1, "a": 2})", 2, u"a"_s, u"1"_s, Type::Number};
    QTest::newRow("fraction") << JsonCase{"[0.25, 2]", 2, u"0"_s, u"0.25"_s, Type::Number};
    QTest::newRow("booleans and null")
            << JsonCase{"[true, false, null]", 3, u"0"_s, u"true"_s, Type::Bool};
    QTest::newRow("null first") << JsonCase{"[null]", 1, u"0"_s, u"null"_s, Type::Null};
    QTest::newRow("nested array shows its size") << JsonCase{
            R"({"a": [1, [2, 3], {"b": {}}], "z": 1})", 2, u"a"_s, u"Array [3]"_s, Type::Array};
    QTest::newRow("nested object shows its size")
            << JsonCase{R"([{"x": 1, "y": 2}])", 1, u"0"_s, u"Object {2}"_s, Type::Object};
}

void TestResponseInspector::jsonTreeModel()
{
    QFETCH(JsonCase, row);
    const std::shared_ptr<const JsonTree> tree = treeOf(row.json);
    QVERIFY(tree);

    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTree(tree);

    QCOMPARE(model.rowCount(), row.topRows);
    QCOMPARE(model.columnCount(), int(JsonTreeModel::ColumnCount));
    if (row.topRows == 0)
        return;
    const QModelIndex key = model.index(0, JsonTreeModel::KeyColumn);
    const QModelIndex value = model.index(0, JsonTreeModel::ValueColumn);
    QCOMPARE(key.data().toString(), row.firstKey);
    QCOMPARE(value.data().toString(), row.firstValue);
    QCOMPARE(value.data(JsonTreeModel::TypeRole).toInt(), int(row.firstType));
    QCOMPARE(value.data(Qt::ToolTipRole).toString(), JsonTreeModel::typeName(row.firstType));
    if (row.firstType == JsonTree::Type::Array || row.firstType == JsonTree::Type::Object) {
        QVERIFY(model.hasChildren(key));
        QCOMPARE(model.parent(model.index(0, 0, key)), key);
    }
}

void TestResponseInspector::jsonTreeModelSurvivesResetsAndDeepDocuments()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    // As deep as the inspector shows a tree: it is built by a loop, not recursion.
    constexpr int depth = ui::jsonNestingLimit;
    const QByteArray deep = QByteArray(depth, '[') + "42" + QByteArray(depth, ']');
    const std::shared_ptr<const JsonTree> tree = treeOf(deep);
    QVERIFY(tree);
    model.setTree(tree);
    QModelIndex index = model.index(0, 0);
    int levels = 1;
    while (model.hasChildren(index)) {
        index = model.index(0, 0, index);
        ++levels;
    }
    QCOMPARE(levels, depth); // the outer array is the invisible root; 42 is one level further
    QCOMPARE(index.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"42"_s);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestResponseInspector::showsJsonAsTreeAndPrettyText()
{
    m_inspector->showResult(jsonAnswer(
            R"({"name": "salvo", "count": 3, "tags": ["a", "b"], "nested": {"x": null}})"));
    auto *tree = child<QTreeView>("bodyTree");
    QTRY_COMPARE_WITH_TIMEOUT(tree->model()->rowCount(), 4, preparationTimeoutMs);
    QTRY_VERIFY(text("bodyPretty")->toPlainText().contains(u"\n    \"name\": \"salvo\""));
    QVERIFY(text("bodyPretty")->toPlainText().contains(u"\n        \"a\",\n"));
    QCOMPARE(currentBodyPage(), child<QWidget>("jsonTabs"));
    QVERIFY(child<QLabel>("bodyNote")->isHidden());

    QStringList keys; // as the server sent them
    for (int row = 0; row < tree->model()->rowCount(); ++row)
        keys.append(tree->model()->index(row, 0).data().toString());
    QCOMPARE(keys, QStringList({u"name"_s, u"count"_s, u"tags"_s, u"nested"_s}));
}

// Both views show what the server sent: both members of a duplicated key, in their place,
// and numbers in their own digits.
void TestResponseInspector::showsDuplicateKeysAndNumbersAsSent()
{
    m_inspector->showResult(jsonAnswer(
            R"({"n": 12345678901234567890, "m": 1, "n": 1.10, "big": 123456789012345678901234})"));
    const QAbstractItemModel *tree = child<QTreeView>("bodyTree")->model();
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(), 4, preparationTimeoutMs);
    QStringList rows;
    for (int row = 0; row < tree->rowCount(); ++row) {
        rows.append(tree->index(row, JsonTreeModel::KeyColumn).data().toString() + u'='
                    + tree->index(row, JsonTreeModel::ValueColumn).data().toString());
    }
    QCOMPARE(rows,
             QStringList({u"n=12345678901234567890"_s, u"m=1"_s, u"n=1.10"_s,
                          u"big=123456789012345678901234"_s}));
    QCOMPARE(text("bodyPretty")->toPlainText(),
             u"{\n    \"n\": 12345678901234567890,\n    \"m\": 1,\n    \"n\": 1.10,\n"
             "    \"big\": 123456789012345678901234\n}\n"_s);
}

// A lone number or string is valid JSON with no tree to show: it reads as text, without a
// note that it is not JSON.
void TestResponseInspector::showsALoneJsonValueAsText()
{
    m_inspector->showResult(jsonAnswer("42"));
    QTRY_COMPARE(currentBodyPage(), text("bodyText"));
    QCOMPARE(text("bodyText")->toPlainText(), u"42"_s);
    QVERIFY(child<QLabel>("bodyNote")->isHidden());
}

void TestResponseInspector::preparesLargeJsonOffTheGuiThread()
{
    m_inspector->showResult(jsonAnswer(largeJson(QStringLiteral("big"))));
    QVERIFY(m_inspector->isPreparingBody());
    QCOMPARE(child<QLabel>("bodyMessage")->text(), m_inspector->tr("Preparing the body\u2026"));
    auto *tree = child<QTreeView>("bodyTree");
    QTRY_COMPARE_WITH_TIMEOUT(tree->model()->rowCount(), 4000, preparationTimeoutMs);
    QVERIFY(text("bodyPretty")->toPlainText().contains(u"\"marker\": \"big\""));
    QVERIFY(!m_inspector->isPreparingBody());
}

void TestResponseInspector::recognisesJsonWithoutAJsonContentType()
{
    m_inspector->showResult(answer("  [1, 2, 3]", QStringLiteral("text/plain")));
    QTRY_COMPARE(child<QTreeView>("bodyTree")->model()->rowCount(), 3);
    QCOMPARE(currentBodyPage(), child<QWidget>("jsonTabs"));
}

void TestResponseInspector::showsTextBody()
{
    m_inspector->showResult(answer("Hello, w\xc3\xb6rld\nsecond line",
                                   QStringLiteral("text/plain; charset=utf-8")));
    QTRY_COMPARE(text("bodyText")->toPlainText(), u"Hello, w\u00f6rld\nsecond line"_s);
    QCOMPARE(currentBodyPage(), text("bodyText"));
    QVERIFY(text("bodyText")->isVisible());
    QVERIFY(text("bodyText")->isReadOnly());
}

void TestResponseInspector::showsBinaryBodyAsHex()
{
    QByteArray bytes;
    for (int i = 0; i < 40; ++i)
        bytes.append(char(i * 7));
    bytes.replace(16, 5, "Salvo");
    m_inspector->showResult(answer(bytes, QStringLiteral("application/octet-stream")));
    auto *hex = text("bodyHex");
    QTRY_COMPARE(currentBodyPage(), hex);
    const QStringList lines = hex->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0),
             u"00000000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  |.....#*18?FMT[bi|"_s);
    QVERIFY(lines.at(1).startsWith(u"00000010  53 61 6c 76 6f "));
    QVERIFY(lines.at(1).contains(u"|Salvo"));
    QVERIFY(lines.at(2).startsWith(u"00000020  "));
    QVERIFY(lines.at(2).endsWith(u"|"));
    QCOMPARE(lines.at(2).indexOf(u'|'), lines.at(0).indexOf(u'|')); // columns line up
}

void TestResponseInspector::showsImage()
{
    m_inspector->showResult(answer(pngBytes(QSize(4, 3)), QStringLiteral("image/png")));
    auto *image = child<QLabel>("bodyImage");
    QTRY_COMPARE_WITH_TIMEOUT(image->pixmap().size(), QSize(4, 3), preparationTimeoutMs);
    QCOMPARE(currentBodyPage(), child<QWidget>("bodyImageArea"));
}

void TestResponseInspector::showsUndecodableImageAsHex()
{
    // Bytes no image reader claims (a broken PNG would make libpng complain on stderr).
    m_inspector->showResult(answer(QByteArray("not\0an image", 12), QStringLiteral("image/png")));
    QTRY_COMPARE_WITH_TIMEOUT(currentBodyPage(), text("bodyHex"), preparationTimeoutMs);
    QVERIFY(child<QLabel>("bodyNote")->text().contains(u"could not be decoded"));
}

void TestResponseInspector::showsSvgAsItsText()
{
    // An SVG can draw a file of this machine into the picture; whatever type the server
    // claims, it shows as the document it is.
    const QByteArray svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                           "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"4\" height=\"3\">"
                           "<image xlink:href=\"file:///etc/hostname\" width=\"4\" height=\"3\"/>"
                           "<rect width=\"4\" height=\"3\" fill=\"red\"/></svg>";
    for (const QString &type : {u"image/svg+xml"_s, u"image/png"_s}) {
        m_inspector->showResult(answer(svg, type));
        QTRY_COMPARE_WITH_TIMEOUT(currentBodyPage(), text("bodyText"), preparationTimeoutMs);
        QCOMPARE(text("bodyText")->toPlainText(), QString::fromUtf8(svg));
        QVERIFY(child<QLabel>("bodyImage")->pixmap().isNull());
        m_inspector->clear();
    }
}

void TestResponseInspector::notesATruncatedBody()
{
    Result result = answer(QByteArray(1024, 'a'), QStringLiteral("text/plain"));
    result.truncated = true;
    result.bytes = 5000;
    m_inspector->showResult(result);
    auto *note = child<QLabel>("bodyNote");
    QTRY_VERIFY(note->isVisible());
    QCOMPARE(note->text(),
             u"Showing the first 1024 of 5000 bytes; the rest was counted, not kept."_s);
    QCOMPARE(text("bodyText")->toPlainText().size(), 1024);

    // A cut inside a UTF-8 sequence leaves the body text, not binary.
    result.body = QByteArray(100, 'b') + "\xc3";
    m_inspector->showResult(result);
    QTRY_COMPARE(currentBodyPage(), text("bodyText"));
    QCOMPARE(text("bodyText")->toPlainText(), QString(100, u'b'));
}

void TestResponseInspector::saysNoBodyWhenEmpty()
{
    m_inspector->showResult(answer({}, QStringLiteral("text/plain")));
    auto *message = child<QLabel>("bodyMessage");
    QTRY_COMPARE(message->text(), u"No body"_s);
    QCOMPARE(currentBodyPage(), message);
}

void TestResponseInspector::showsInvalidJsonAsTextWithANote()
{
    m_inspector->showResult(jsonAnswer(R"({"a": 1,})"));
    QTRY_COMPARE(currentBodyPage(), text("bodyText"));
    QCOMPARE(text("bodyText")->toPlainText(), u"{\"a\": 1,}"_s);
    const QString note = child<QLabel>("bodyNote")->text();
    QVERIFY2(note.startsWith(u"Not valid JSON (unexpected '}'"), qPrintable(note));
    QVERIFY2(note.endsWith(u" at byte 9); shown as text."), qPrintable(note));
}

void TestResponseInspector::capsAHugeTextForDisplay()
{
    // Two megabytes on one line: the view gets the first mebibyte, broken into lines.
    m_inspector->showResult(
            answer(QByteArray(qsizetype(2) * 1024 * 1024, 'x'), QStringLiteral("text/plain")));
    auto *view = text("bodyText");
    QTRY_COMPARE_WITH_TIMEOUT(currentBodyPage(), view, preparationTimeoutMs);
    const QString shown = view->toPlainText();
    QCOMPARE(shown.count(u'x'), 1024 * 1024);
    QCOMPARE(shown.count(u'\n'), 1024 * 1024 / 4096 - 1);
    const QString note = child<QLabel>("bodyNote")->text();
    QVERIFY2(note.contains(u"first 1048576 bytes"), qPrintable(note));
    QVERIFY2(note.contains(u"broken for display"), qPrintable(note));
}

void TestResponseInspector::showsErrorInTiming()
{
    Result result = answer({}, {});
    result.status = 0;
    result.firstByteMs = -1;
    result.error = ErrorKind::Timeout;
    result.timeout = TimeoutKind::Inactivity;
    result.message = QStringLiteral("Nothing arrived from example.test for 5 s.");
    m_inspector->showResult(result);
    const QString timing = text("timingText")->toPlainText();
    QVERIFY2(timing.contains(result.message), qPrintable(timing));
    QVERIFY(timing.contains(u"Error: "_s + errorKindLabel(ErrorKind::Timeout)));
    QVERIFY(timing.contains(u"Timeout: nothing arrived for longer than the time allowed."));
    QVERIFY(!timing.contains(u"fired")); // a timer's word, not a person's
    QVERIFY(timing.contains(u"Time until the answer began: not measured"));
    QVERIFY(timing.contains(u"Status: no answer"));
}

void TestResponseInspector::errorBannerHasTheSentenceAndDetailsOneClickAway()
{
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
    auto *banner = m_inspector->findChild<QWidget *>(u"errorBanner"_s);
    auto *sentence = m_inspector->findChild<QLabel *>(u"errorSentence"_s);
    auto *detailsButton = m_inspector->findChild<QToolButton *>(u"errorDetailsButton"_s);
    auto *details = m_inspector->findChild<QLabel *>(u"errorDetails"_s);
    QVERIFY(banner && sentence && detailsButton && details);

    m_inspector->showResult(answer("fine", QStringLiteral("text/plain")));
    QVERIFY(!banner->isVisible()); // an answer is not an error

    Result result = answer({}, {});
    result.status = 0;
    result.error = ErrorKind::Dns;
    result.message = QStringLiteral("The name nowhere.invalid could not be found.");
    result.detail
            = QStringLiteral("QNetworkReply::HostNotFoundError: Host nowhere.invalid not found");
    m_inspector->showResult(result);
    QVERIFY(banner->isVisible());
    QCOMPARE(sentence->text(), result.message);
    QVERIFY(!details->isVisible()); // the sentence first; the detail is asked for
    QTest::mouseClick(detailsButton, Qt::LeftButton);
    QVERIFY(details->isVisible());
    QVERIFY2(details->text().contains(result.detail), qPrintable(details->text()));
    QVERIFY(details->text().contains(u"dns"));

    m_inspector->clear();
    QVERIFY(!banner->isVisible());
}

void TestResponseInspector::showsTimingAndRedirects()
{
    Result result = answer("ok", QStringLiteral("text/plain"));
    result.attempts = 2;
    result.redirects
            = {QStringLiteral("https://example.test/a"), QStringLiteral("https://example.test/b")};
    m_inspector->showResult(result);
    const QString timing = text("timingText")->toPlainText();
    QVERIFY2(timing.contains(u"Total time: 120 ms"), qPrintable(timing));
    QVERIFY(timing.contains(u"Time until the answer began: 45 ms"));
    QVERIFY(timing.contains(u"Attempts: 2"));
    QVERIFY2(!timing.contains(u"Sent again"), qPrintable(timing));
    const QStringList lines = timing.split(u'\n');
    QVERIFY(lines.contains(u"    https://example.test/a"));
    QVERIFY(lines.contains(u"    https://example.test/b"));
    QVERIFY(!timing.contains(u"Error"));
}

// How the answer came: protocol, server, the new connection's phases and its certificate; an
// answer on a connection kept open says so instead of phases.
void TestResponseInspector::showsHowTheAnswerCame()
{
    Result result = answer("ok", QStringLiteral("text/plain"));
    result.connection = {.httpVersion = u"h2"_s,
                         .remoteAddress = u"203.0.113.7:443"_s,
                         .dnsMs = 3,
                         .connectMs = 12,
                         .tlsMs = 25,
                         .certificateSubject = u"CN = shop.example"_s,
                         .certificateIssuer = u"O = Example CA"_s,
                         .certificateExpires = QDate::currentDate().addDays(9)};
    m_inspector->showResult(result);
    QString timing = text("timingText")->toPlainText();
    for (const QString &line :
         {u"Protocol: h2"_s, u"Server address: 203.0.113.7:443"_s, u"Looking the name up: 3 ms"_s,
          u"Connecting: 12 ms"_s, u"Secure handshake (TLS): 25 ms"_s,
          u"Certificate: CN = shop.example"_s, u"Issued by: O = Example CA"_s, u", in 9 days"_s})
        QVERIFY2(timing.contains(line), qPrintable(line + u"\n" + timing));

    result.connection.dnsMs = result.connection.connectMs = result.connection.tlsMs = -1;
    m_inspector->showResult(result);
    timing = text("timingText")->toPlainText();
    QVERIFY2(timing.contains(u"Connection: one an earlier request had opened"), qPrintable(timing));
    QVERIFY(!timing.contains(u"Connecting:"));
}

// A request sent again on a new connection says so, apart from its attempts.
void TestResponseInspector::showsAResendApartFromAttempts()
{
    Result result = answer("ok", QStringLiteral("text/plain"));
    result.attempts = 1;
    result.resends = 1;
    m_inspector->showResult(result);
    const QString timing = text("timingText")->toPlainText();
    QVERIFY2(timing.contains(u"Attempts: 1"), qPrintable(timing));
    QVERIFY2(timing.contains(u"Sent again once on a new connection"), qPrintable(timing));
    QVERIFY(timing.contains(u"not a retry"));
}

void TestResponseInspector::showsRequest()
{
    m_inspector->showResult(answer("ok", QStringLiteral("text/plain")));
    // No header typed: said in plain words, without naming the toolkit that adds the usual ones.
    const QString sentWithoutHeaders = text("requestText")->toPlainText();
    QCOMPARE(sentWithoutHeaders,
             u"GET https://example.test/items/2\nLine 3 of the input\n\n"
             "Headers: none added; Salvo sends the usual ones (Host, User-Agent, "
             "Accept-Encoding, \u2026)"_s);
    QVERIFY(!sentWithoutHeaders.contains(u"Qt"));

    m_inspector->setSentRequest({{"Accept", "application/json"}, {"X-Trace", "7"}}, R"({"q": 1})");
    Result posted = answer("ok", QStringLiteral("text/plain"));
    posted.method = "POST";
    m_inspector->showResult(posted);
    QCOMPARE(text("requestText")->toPlainText(),
             u"POST https://example.test/items/2\nLine 3 of the input\n\n"
             "Accept: application/json\nX-Trace: 7\n\nBody: 8 bytes\n{\"q\": 1}"_s);
}

void TestResponseInspector::headersTableHasOneRowPerHeader()
{
    Result result = answer("ok", QStringLiteral("text/plain"));
    result.headers.emplaceBack("Set-Cookie", "a=1");
    result.headers.emplaceBack("Set-Cookie", "b=2");
    m_inspector->showResult(result);
    auto *table = child<QTableWidget>("headersTable");
    QCOMPARE(table->rowCount(), int(result.headers.size()));
    QCOMPARE(table->columnCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), u"Content-Type"_s);
    QCOMPARE(table->item(3, 1)->text(), u"b=2"_s);

    m_inspector->showResult(answer("ok", {}));
    QCOMPARE(table->rowCount(), 2);
}

void TestResponseInspector::switchingRowsQuicklyShowsTheLastOnly()
{
    QSignalSpy shown(m_inspector.get(), &ResponseInspector::bodyShown);
    for (int row = 0; row < 4; ++row)
        m_inspector->showResult(jsonAnswer(largeJson(QStringLiteral("row-%1").arg(row))));
    QTRY_VERIFY_WITH_TIMEOUT(!m_inspector->isPreparingBody(), preparationTimeoutMs);
    // The first preparation was already running: it finished, and was dropped.
    QCOMPARE(shown.count(), 1);
    const QString pretty = text("bodyPretty")->toPlainText();
    QVERIFY(pretty.contains(u"\"row-3\""));
    QVERIFY(!pretty.contains(u"\"row-0\""));

    // A small body shown after a large one wins too, though it is ready at once.
    m_inspector->showResult(jsonAnswer(largeJson(QStringLiteral("late"))));
    m_inspector->showResult(answer("small", QStringLiteral("text/plain")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_inspector->isPreparingBody(), preparationTimeoutMs);
    QCOMPARE(currentBodyPage(), text("bodyText"));
    QCOMPARE(text("bodyText")->toPlainText(), u"small"_s);
}

void TestResponseInspector::survivesJsonNestedAHundredThousandLevels()
{
    constexpr int depth = 100'000;
    m_inspector->showResult(jsonAnswer(QByteArray(depth, '[') + QByteArray(depth, ']')));
    auto *view = text("bodyText");
    QTRY_COMPARE_WITH_TIMEOUT(currentBodyPage(), view, preparationTimeoutMs);
    QVERIFY(view->toPlainText().startsWith(u"[[[["));
    QCOMPARE(view->toPlainText().count(u'['), depth);
    const QString note = child<QLabel>("bodyNote")->text();
    QVERIFY2(note.contains(u"deeper than 1024 levels"), qPrintable(note));
    QVERIFY(child<QLabel>("bodyNote")->isVisible());
}

void TestResponseInspector::clearEmptiesEveryTab()
{
    m_inspector->showResult(jsonAnswer(largeJson(QStringLiteral("gone"))));
    m_inspector->clear(); // while the body is still being prepared
    QTRY_VERIFY_WITH_TIMEOUT(!m_inspector->isPreparingBody(), preparationTimeoutMs);
    QCOMPARE(currentBodyPage(), child<QLabel>("bodyMessage"));
    QCOMPARE(child<QTreeView>("bodyTree")->model()->rowCount(), 0);
    QCOMPARE(child<QTableWidget>("headersTable")->rowCount(), 0);
    QVERIFY(text("timingText")->toPlainText().isEmpty());
    QVERIFY(text("requestText")->toPlainText().isEmpty());
}

void TestResponseInspector::canBeDestroyedWhilePreparing()
{
    QSignalSpy shown(m_inspector.get(), &ResponseInspector::bodyShown);
    m_inspector->showResult(jsonAnswer(largeJson(QStringLiteral("first"))));
    m_inspector->showResult(jsonAnswer(largeJson(QStringLiteral("second"))));
    QVERIFY(m_inspector->isPreparingBody());
    m_inspector.reset(); // waits for the running preparation; its result goes nowhere
    QCoreApplication::processEvents();
    QCOMPARE(shown.count(), 0);
}

QTEST_MAIN(TestResponseInspector)
#include "tst_responseinspector.moc"
