// {name} in addresses, header values and bodies: filled from the environment and from each
// row, a JSON body's own braces left alone, and a name nothing defines refused before the run.

#include <QTest>

#include "ExpectedTest.h"
#include "batch/BatchInput.h"
#include "batch/Variables.h"

using namespace salvo;
using namespace Qt::StringLiterals;

namespace {

const Environment staging{u"staging"_s,
                          {{u"base_url"_s, u"https://staging.example"_s}, {u"token"_s, u"t-1"_s}}};

std::optional<QString> fromStaging(const QString &name)
{
    const auto value = staging.values.constFind(name);
    return value == staging.values.cend() ? std::nullopt : std::optional(*value);
}

} // namespace

class TestVariables final : public QObject
{
    Q_OBJECT

private slots:
    void placeholdersAreNamesInBraces()
    {
        QCOMPARE(placeholdersIn(u"{base_url}/items/{id}?t={+token}&again={id}"_s),
                 (QStringList{u"base_url"_s, u"id"_s, u"token"_s}));
        // A JSON body's braces are not placeholders, nor is an empty pair or a stray brace.
        QCOMPARE(placeholdersIn(u"{\"a\": {\"b\": 1}, \"c\": \"{sku}\", \"d\": {}} {"_s),
                 QStringList{u"sku"_s});
        // Where each one is, braces included: what the editor underlines.
        const QString text = u"{\"a\": 1} {base_url}/x?t={+token}"_s;
        const QList<salvo::PlaceholderSpan> spans = salvo::placeholderSpansIn(text);
        QCOMPARE(spans.size(), 2);
        QCOMPARE(text.mid(spans.at(0).start, spans.at(0).length), u"{base_url}"_s);
        QCOMPARE(text.mid(spans.at(1).start, spans.at(1).length), u"{+token}"_s);
        QCOMPARE(spans.at(1).name, u"token"_s);
    }

    void fillingLeavesWhatIsUnknown()
    {
        QCOMPARE(fillPlaceholders(u"{base_url}/x?k={token}&u={unknown}"_s, fromStaging),
                 u"https://staging.example/x?k=t-1&u={unknown}"_s);
        QCOMPARE(fillPlaceholders(u"{\"token\": \"{token}\"}"_s, fromStaging),
                 u"{\"token\": \"t-1\"}"_s);
    }

    void environmentsFile()
    {
        const Expected<QList<Environment>> read
                = readEnvironments("{\"staging\": {\"base_url\": \"https://s.example\", "
                                   "\"retries\": 3}, \"prod\": {}}");
        QVERIFY_RESULT(read);
        QCOMPARE(read->size(), 2);
        QCOMPARE(read->at(1).values.value(u"retries"_s), u"3"_s);
        QVERIFY_RESULT(readEnvironments(writeEnvironments(*read)));
        QCOMPARE(*readEnvironments(writeEnvironments(*read)), *read);
        QVERIFY_ERROR_SAYS(readEnvironments("[1]"), u"object of environments"_s);
        QVERIFY_ERROR_SAYS(readEnvironments("{\"a\": {\"b\": {\"c\": 1}}}"),
                           u"\"b\" of the environment \"a\""_s);
        QVERIFY_ERROR_SAYS(readEnvironments("{"), u"not JSON"_s);
    }

    void aListOfAddressesFromAnEnvironment()
    {
        BatchInput input{.kind = InputKind::UrlList, .data = "{base_url}/a\n{base_url}/b\n"};
        input.headers = {{"Authorization", "Bearer {token}"}};
        const Expected<BatchSpec> spec = buildBatch(input, staging);
        QVERIFY_RESULT(spec);
        QCOMPARE(spec->rows.at(1).url, QUrl(u"https://staging.example/b"_s));
        QCOMPARE(spec->headers.constFirst().second, QByteArray("Bearer t-1"));
        QVERIFY(!spec->rowVariables);
        // Every name left undefined, in one sentence.
        QVERIFY_ERROR_SAYS(buildBatch(input),
                           u"The variables {base_url}, {token} are not defined"_s);
        // A comment is not a row: its braces are text.
        input = {.kind = InputKind::UrlList, .data = "# {not_a_variable}\n{base_url}/a\n"};
        QVERIFY_RESULT(buildBatch(input, staging));
    }

    void anIdListFillsItsIdInHeadersAndBody()
    {
        BatchInput input{.kind = InputKind::IdList,
                         .urlTemplate = u"{base_url}/items/{item}"_s,
                         .data = "7\n8\n"};
        input.headers = {{"X-Item", "{item}"}};
        input.body = "{\"id\": \"{id}\", \"token\": \"{token}\"}";
        const Expected<BatchSpec> spec = buildBatch(input, staging);
        QVERIFY_RESULT(spec);
        QCOMPARE(spec->rows.at(0).url, QUrl(u"https://staging.example/items/7"_s));
        QVERIFY(spec->rowVariables);
        const RequestSpec row = spec->rows.at(1);
        QCOMPARE(rowVariable(*spec, row, u"item"_s), std::optional(u"8"_s));
        QCOMPARE(rowVariable(*spec, row, u"id"_s), std::optional(u"8"_s));
        QCOMPARE(spec->body, QByteArray("{\"id\": \"{id}\", \"token\": \"t-1\"}"));
    }

    void aCsvFillsItsColumns()
    {
        BatchInput input{.kind = InputKind::Csv,
                         .urlTemplate = u"{base_url}/p/{sku}"_s,
                         .data = "sku,name\nA-1,Lamp\nB-2,Desk\n"};
        input.body = "{\"name\": \"{name}\"}";
        const Expected<BatchSpec> spec = buildBatch(input, staging);
        QVERIFY_RESULT(spec);
        QCOMPARE(rowVariable(*spec, spec->rows.at(1), u"name"_s), std::optional(u"Desk"_s));
        input.headers = {{"X-Missing", "{colour}"}};
        QVERIFY_ERROR_SAYS(buildBatch(input, staging), u"The variable {colour} is not defined"_s);
    }
};

QTEST_GUILESS_MAIN(TestVariables)
#include "tst_variables.moc"
