// salvo-cli's command line read in this process: the CliConfig parseCommandLine makes of each
// option, command and input, and the exact words of its usage errors. tst_salvocli runs the
// program itself; this suite is where a parsing case is cheap to add.

#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <type_traits>

#include "CliOptions.h"
#include "ExpectedTest.h"
#include "TestFiles.h"
#include "session/SavedBatch.h"
#include "store/Database.h"

using namespace Qt::StringLiterals;
using namespace salvo;
using namespace salvo::cli;

namespace {

struct ParseCase
{
    QStringList arguments; // after argv[0]
    QByteArray standardInput;
    CliConfig expected;
};

struct UsageErrorCase
{
    QStringList arguments;
    QString message;
};

Expected<CliConfig> parse(const QStringList &arguments, const QByteArray &standardInput = {})
{
    return parseCommandLine(QStringList{u"salvo-cli"_s} + arguments,
                            [standardInput] { return standardInput; });
}

QString commandText(CliCommand command)
{
    switch (command) {
    case CliCommand::Run:
        return u"run"_s;
    case CliCommand::History:
        return u"history"_s;
    case CliCommand::Resume:
        return u"resume"_s;
    case CliCommand::Export:
        return u"export"_s;
    case CliCommand::Import:
        return u"import"_s;
    case CliCommand::ShowText:
        return u"show text"_s;
    }
    return {};
}

QString headersText(const HeaderList &headers)
{
    QStringList lines;
    for (const auto &[name, value] : headers)
        lines.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    return lines.join(u" | "_s);
}

QString overridesText(const RunOverrides &overrides)
{
    QStringList given;
    const auto note = [&given](const char *name, const auto &value) {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::optional<Milliseconds>>) {
            if (value)
                given.append(u"%1=%2ms"_s.arg(QLatin1String(name)).arg(value->count()));
        } else if (value) {
            given.append(u"%1=%2"_s.arg(QLatin1String(name)).arg(*value));
        }
    };
    note("concurrency", overrides.concurrency);
    note("perHost", overrides.perHostConcurrency);
    note("threads", overrides.engineThreads);
    note("deadline", overrides.deadline);
    note("inactivity", overrides.inactivity);
    note("retries", overrides.retries);
    return given.join(u' ');
}

QString inputText(const std::optional<BatchInput> &input)
{
    if (!input)
        return u"none"_s;
    return u"%1 template=%2 method=%3 headers=[%4] body=%5 data=%6"_s.arg(
            inputKindName(input->kind), input->urlTemplate, QString::fromLatin1(input->method),
            headersText(input->headers), QString::fromUtf8(input->body),
            QString::fromUtf8(input->data));
}

QString runOptionsText(const RunOptions &options)
{
    return QString::fromUtf8(
            QJsonDocument(runOptionsToJson(options)).toJson(QJsonDocument::Compact));
}

// Every field of a config but the help text, one a line, so a failed comparison shows which
// field differs and how.
QStringList describe(const CliConfig &config)
{
    QStringList rows;
    for (const RequestSpec &row : config.batch.rows)
        rows.append(row.text);
    return {
            u"command: "_s + commandText(config.command),
            u"method: "_s + QString::fromLatin1(config.batch.method),
            u"headers: "_s + headersText(config.batch.headers),
            u"body: "_s + QString::fromUtf8(config.batch.body),
            u"rows: "_s + rows.join(u" | "_s),
            u"run: "_s + runOptionsText(config.run),
            u"format: "_s + resultFormatName(config.format),
            u"output: "_s + config.outputPath,
            u"notify: "_s + config.notifyUrl,
            u"bodies: %1 quiet: %2 sample: %3"_s.arg(config.includeBodies)
                    .arg(config.quiet)
                    .arg(config.sample),
            u"history: "_s + config.historyPath,
            u"input: "_s + inputText(config.input),
            u"name: "_s + config.batchName,
            u"limit: %1"_s.arg(config.historyLimit),
            u"resume: %1"_s.arg(config.resumeRunId),
            u"export: %1 as %2"_s.arg(config.exportRunId)
                    .arg(exportFormatName(config.exportFormat)),
            u"overrides: "_s + overridesText(config.overrides),
            u"files: "_s + config.inputFiles.join(u" | "_s),
            u"notices: "_s + config.notices.join(u" | "_s),
            u"shard: "_s + (config.shard ? shardText(*config.shard) : QString()),
            u"import: "_s + config.importFiles.join(u" | "_s),
    };
}

QList<RequestSpec> rowsOf(const QStringList &addresses)
{
    QList<RequestSpec> rows;
    for (const QString &address : addresses)
        rows.append(RequestSpec{.text = address});
    return rows;
}

// A run's options when the command line gives none: RunOptions{}, without the bodies and
// headers that only --bodies puts in the output.
RunOptions defaultRunOptions()
{
    RunOptions options;
    options.keepBodies = false;
    options.keepHeaders = false;
    return options;
}

const QByteArray urlList = "http://a.example/1\nhttp://a.example/2"; // no newline at its end
const QByteArray moreUrls = "http://b.example/\n";
const QByteArray idList = "7\n8\n";
const QByteArray csvTable = "url,name\nhttp://c.example/x,x\n";
const QByteArray jsonBody = R"({"k":1})";
const QByteArray notSavedBatch = R"({"urls":["http://a.example/"]})";

} // namespace

Q_DECLARE_METATYPE(ParseCase)
Q_DECLARE_METATYPE(UsageErrorCase)

class TestCliOptions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void readsTheCommandLine_data();
    void readsTheCommandLine();
    void readsAShard();
    void readsTheOtherCommands_data();
    void readsTheOtherCommands();
    void savedBatchTakesTheCommandLineOverIt_data();
    void savedBatchTakesTheCommandLineOverIt();
    void refusesWithAUsageError_data();
    void refusesWithAUsageError();
    void usageErrorTextPointsToTheHelp();
    void readsStandardInputOnlyForADash();
    void helpAndVersionAreTextToShow();
    void helpNamesTheDefaultsOfRunOptions_data();
    void helpNamesTheDefaultsOfRunOptions();

private:
    // A run of urls.txt with --no-history and nothing else given.
    CliConfig plainRun() const;
    void addRunRow(const char *name, const QStringList &options,
                   const std::function<void(CliConfig &)> &change) const;

    QTemporaryDir m_dir;
    QString m_urls;
    QString m_moreUrls;
    QString m_ids;
    QString m_csv;
    QString m_body;
    QString m_history; // a list of URLs named "history"
    QString m_saved;
    QString m_notSaved; // .salvo, holding other JSON
    QString m_db;
    QString m_output;
};

void TestCliOptions::initTestCase()
{
    // The default history path is created on the way: keep it out of the real data folder.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_urls = writeTestFile(m_dir, u"urls.txt"_s, urlList);
    m_moreUrls = writeTestFile(m_dir, u"more.txt"_s, moreUrls);
    m_ids = writeTestFile(m_dir, u"ids.txt"_s, idList);
    m_csv = writeTestFile(m_dir, u"items.csv"_s, csvTable);
    m_body = writeTestFile(m_dir, u"body.json"_s, jsonBody);
    m_history = writeTestFile(m_dir, u"history"_s, "http://h.example/\n");

    SavedBatch saved;
    saved.name = u"Echo ids"_s;
    saved.input = BatchInput{.kind = InputKind::IdList,
                             .urlTemplate = u"https://api.example/items/{id}"_s,
                             .data = "1\n2\n",
                             .method = "PUT",
                             .headers = {{"X-Trace", "7"}, {"Authorization", "Bearer kept-out"}},
                             .body = R"({"a":1})"};
    saved.options.concurrency = 5;
    saved.options.perHostConcurrency = 2;
    saved.options.retries = 2;
    saved.options.deadline = Milliseconds(7000);
    saved.options.maxBodyBytes = 4096;
    m_saved = writeTestFile(m_dir, u"echo.salvo"_s, writeSavedBatch(saved));

    m_notSaved = writeTestFile(m_dir, u"other.salvo"_s, notSavedBatch);
    m_db = m_dir.filePath(u"history.sqlite"_s);
    m_output = m_dir.filePath(u"out.txt"_s);
    for (const QString &path :
         {m_urls, m_moreUrls, m_ids, m_csv, m_body, m_history, m_saved, m_notSaved})
        QVERIFY(!path.isEmpty());
}

CliConfig TestCliOptions::plainRun() const
{
    CliConfig config;
    config.run = defaultRunOptions();
    config.batch.rows = rowsOf({u"http://a.example/1"_s, u"http://a.example/2"_s});
    config.input = BatchInput{.kind = InputKind::UrlList, .data = urlList};
    config.batchName = u"urls.txt"_s;
    config.inputFiles = {m_urls};
    return config;
}

// A row for `salvo-cli --no-history OPTIONS... urls.txt`: plainRun() with `change` made.
void TestCliOptions::addRunRow(const char *name, const QStringList &options,
                               const std::function<void(CliConfig &)> &change) const
{
    CliConfig expected = plainRun();
    change(expected);
    QTest::newRow(name) << ParseCase{
            QStringList{u"--no-history"_s} + options + QStringList{m_urls}, {}, expected};
}

void TestCliOptions::readsTheCommandLine_data()
{
    QTest::addColumn<ParseCase>("parseCase");

    addRunRow("nothing given", {}, [](CliConfig &) {});
    addRunRow("-c", {u"-c"_s, u"8"_s}, [](CliConfig &c) {
        c.run.concurrency = 8;
        c.overrides.concurrency = 8;
    });
    addRunRow("--concurrency=", {u"--concurrency=4096"_s}, [](CliConfig &c) {
        c.run.concurrency = 4096;
        c.overrides.concurrency = 4096;
    });
    addRunRow("--per-host", {u"--per-host"_s, u"12"_s}, [](CliConfig &c) {
        c.run.perHostConcurrency = 12;
        c.overrides.perHostConcurrency = 12;
    });
    addRunRow("--threads", {u"--threads"_s, u"2"_s}, [](CliConfig &c) {
        c.run.engineThreads = 2;
        c.overrides.engineThreads = 2;
    });
    addRunRow("-t in seconds", {u"-t"_s, u"1.5"_s}, [](CliConfig &c) {
        c.run.deadline = Milliseconds(1500);
        c.overrides.deadline = Milliseconds(1500);
    });
    addRunRow("--inactivity-timeout", {u"--inactivity-timeout"_s, u"0.25"_s}, [](CliConfig &c) {
        c.run.inactivity = Milliseconds(250);
        c.overrides.inactivity = Milliseconds(250);
    });
    addRunRow("--retries", {u"--retries"_s, u"3"_s}, [](CliConfig &c) {
        c.run.retries = 3;
        c.overrides.retries = 3;
    });
    addRunRow("--max-redirects", {u"--max-redirects"_s, u"2"_s},
              [](CliConfig &c) { c.run.maxRedirects = 2; });
    addRunRow("--no-follow", {u"--no-follow"_s},
              [](CliConfig &c) { c.run.followRedirects = false; });
    addRunRow("--insecure", {u"--insecure"_s}, [](CliConfig &c) { c.run.verifyTls = false; });
    addRunRow("--max-body in k", {u"--max-body"_s, u"512k"_s},
              [](CliConfig &c) { c.run.maxBodyBytes = 512 * 1024; });
    addRunRow("--max-body in bytes", {u"--max-body"_s, u"1000"_s},
              [](CliConfig &c) { c.run.maxBodyBytes = 1000; });
    addRunRow("-X in any case", {u"-X"_s, u"put"_s}, [](CliConfig &c) {
        c.batch.method = "PUT";
        c.input->method = "PUT";
    });
    addRunRow("-d posts", {u"-d"_s, u"text"_s}, [](CliConfig &c) {
        c.batch.method = c.input->method = "POST";
        c.batch.body = c.input->body = "text";
    });
    addRunRow("-d @FILE", {u"-d"_s, u"@"_s + m_body}, [this](CliConfig &c) {
        c.batch.method = c.input->method = "POST";
        c.batch.body = c.input->body = jsonBody;
        c.inputFiles = {m_body, m_urls};
    });
    addRunRow("-X over -d", {u"-X"_s, u"PATCH"_s, u"-d"_s, u"x"_s}, [](CliConfig &c) {
        c.batch.method = c.input->method = "PATCH";
        c.batch.body = c.input->body = "x";
    });
    addRunRow("-H twice", {u"-H"_s, u"X-One: 1"_s, u"--header"_s, u"X-Two:  two words "_s},
              [](CliConfig &c) {
                  c.batch.headers = c.input->headers = {{"X-One", "1"}, {"X-Two", "two words"}};
              });
    addRunRow("-f csv", {u"-f"_s, u"csv"_s}, [](CliConfig &c) { c.format = ResultFormat::Csv; });
    addRunRow("-f table", {u"--format"_s, u"table"_s},
              [](CliConfig &c) { c.format = ResultFormat::Table; });
    addRunRow("-o", {u"-o"_s, m_output}, [this](CliConfig &c) { c.outputPath = m_output; });
    addRunRow("--bodies", {u"--bodies"_s}, [](CliConfig &c) {
        c.includeBodies = true;
        c.run.keepBodies = true;
    });
    addRunRow("-q", {u"-q"_s}, [](CliConfig &c) { c.quiet = true; });
    addRunRow("--notify", {u"--notify"_s, u"https://hooks.example/run"_s},
              [](CliConfig &c) { c.notifyUrl = u"https://hooks.example/run"_s; });

    CliConfig recorded = plainRun();
    recorded.historyPath = m_db;
    QTest::newRow("--db") << ParseCase{{u"--db"_s, m_db, m_urls}, {}, recorded};
    recorded.historyPath = defaultHistoryPath();
    QTest::newRow("Salvo's own history") << ParseCase{{m_urls}, {}, recorded};

    CliConfig fromStandardInput = plainRun();
    fromStandardInput.batch.rows = rowsOf({u"http://s.example/"_s});
    fromStandardInput.input->data = "http://s.example/\n";
    fromStandardInput.batchName.clear(); // the history names it after its first row
    fromStandardInput.inputFiles.clear();
    QTest::newRow("standard input")
            << ParseCase{{u"--no-history"_s, u"-"_s}, "http://s.example/\n", fromStandardInput};

    CliConfig twoFiles = plainRun();
    twoFiles.batch.rows.append(rowsOf({u"http://b.example/"_s}));
    twoFiles.input->data = urlList + '\n' + moreUrls;
    twoFiles.batchName = u"urls.txt, more.txt"_s;
    twoFiles.inputFiles = {m_urls, m_moreUrls};
    QTest::newRow("two files, one batch")
            << ParseCase{{u"--no-history"_s, m_urls, m_moreUrls}, {}, twoFiles};

    CliConfig templated = plainRun();
    templated.batch.rows
            = rowsOf({u"https://api.example/items/7"_s, u"https://api.example/items/8"_s});
    templated.input = BatchInput{.kind = InputKind::IdList,
                                 .urlTemplate = u"https://api.example/items/{id}"_s,
                                 .data = idList};
    templated.batchName = u"ids.txt"_s;
    templated.inputFiles = {m_ids};
    QTest::newRow("--template with --ids")
            << ParseCase{{u"--no-history"_s, u"--template"_s, u"https://api.example/items/{id}"_s,
                          u"--ids"_s, m_ids},
                         {},
                         templated};

    CliConfig table = plainRun();
    table.batch.rows = rowsOf({u"http://c.example/x"_s});
    table.input = BatchInput{.kind = InputKind::Csv, .data = csvTable};
    table.batchName = u"items.csv"_s;
    table.inputFiles = {m_csv};
    QTest::newRow(".csv") << ParseCase{{u"--no-history"_s, m_csv}, {}, table};

    CliConfig namedHistory = plainRun();
    namedHistory.batch.rows = rowsOf({u"http://h.example/"_s});
    namedHistory.input->data = "http://h.example/\n";
    namedHistory.batchName = u"history"_s;
    namedHistory.inputFiles = {m_history};
    QTest::newRow("run of a file named history")
            << ParseCase{{u"run"_s, u"--no-history"_s, m_history}, {}, namedHistory};
}

void TestCliOptions::readsAShard()
{
    const Expected<CliConfig> config = parse({u"--no-history"_s, u"--shard"_s, u"2/5"_s, m_urls});
    QVERIFY_RESULT(config);
    QCOMPARE(config->shard, (Shard{2, 5}));
    QCOMPARE(config->batch.rows.size(), 2); // the whole input: the run takes its slice
}

void TestCliOptions::readsTheCommandLine()
{
    QFETCH(ParseCase, parseCase);
    const Expected<CliConfig> config = parse(parseCase.arguments, parseCase.standardInput);
    QVERIFY_RESULT(config);
    QCOMPARE(describe(*config), describe(parseCase.expected));
}

void TestCliOptions::readsTheOtherCommands_data()
{
    QTest::addColumn<ParseCase>("parseCase");

    CliConfig sample;
    sample.run = defaultRunOptions();
    sample.sample = true;
    sample.format = ResultFormat::Table; // for watching at a terminal
    QTest::newRow("--sample, not recorded") << ParseCase{{u"--sample"_s}, {}, sample};
    sample.format = ResultFormat::Csv;
    sample.historyPath = m_db;
    QTest::newRow("--sample -f csv --db")
            << ParseCase{{u"--sample"_s, u"-f"_s, u"csv"_s, u"--db"_s, m_db}, {}, sample};

    CliConfig history;
    history.command = CliCommand::History;
    history.run = defaultRunOptions();
    history.historyPath = m_db;
    history.historyLimit = 5;
    history.quiet = true;
    QTest::newRow("history --limit") << ParseCase{
            {u"history"_s, u"--db"_s, m_db, u"--limit"_s, u"5"_s, u"-q"_s}, {}, history};
    history.historyLimit = -1;
    history.quiet = false;
    QTest::newRow("history, all runs") << ParseCase{{u"history"_s, u"--db"_s, m_db}, {}, history};

    CliConfig resume;
    resume.command = CliCommand::Resume;
    resume.resumeRunId = 42;
    resume.historyPath = m_db;
    resume.run = defaultRunOptions();
    resume.run.concurrency = 3;
    resume.run.deadline = Milliseconds(5000);
    resume.run.keepBodies = true;
    resume.overrides.concurrency = 3;
    resume.overrides.deadline = Milliseconds(5000);
    resume.includeBodies = true;
    resume.batch.headers = {{"Authorization", "Bearer t"}};
    resume.format = ResultFormat::Csv;
    resume.outputPath = m_output;
    resume.notifyUrl = u"http://127.0.0.1:9/hook"_s;
    QTest::newRow("resume with pace, headers and output")
            << ParseCase{{u"resume"_s, u"42"_s, u"--db"_s, m_db, u"-c"_s, u"3"_s, u"-t"_s, u"5"_s,
                          u"-H"_s, u"Authorization: Bearer t"_s, u"--bodies"_s, u"-f"_s, u"csv"_s,
                          u"-o"_s, m_output, u"--notify"_s, u"http://127.0.0.1:9/hook"_s},
                         {},
                         resume};

    // An export reads no run options: they stay as the run had them.
    CliConfig exported;
    exported.command = CliCommand::Export;
    exported.exportRunId = 7;
    exported.exportFormat = ExportFormat::Har;
    exported.historyPath = m_db;
    exported.outputPath = m_output;
    QTest::newRow("export -f har") << ParseCase{
            {u"export"_s, u"7"_s, u"-f"_s, u"har"_s, u"-o"_s, m_output, u"--db"_s, m_db},
            {},
            exported};
    exported.exportFormat = CliConfig{}.exportFormat;
    QTest::newRow("export in the default format")
            << ParseCase{{u"export"_s, u"7"_s, u"-o"_s, m_output, u"--db"_s, m_db}, {}, exported};

    // An import reads its files later; without --batch it knows no batch.
    CliConfig imported;
    imported.command = CliCommand::Import;
    imported.run = defaultRunOptions();
    imported.historyPath = m_db;
    imported.importFiles = {u"a.jsonl"_s, u"b.jsonl"_s};
    QTest::newRow("import") << ParseCase{
            {u"import"_s, u"--db"_s, m_db, u"a.jsonl"_s, u"b.jsonl"_s}, {}, imported};
    // With it, the batch is read as a run reads its inputs.
    CliConfig withBatch = plainRun();
    withBatch.command = CliCommand::Import;
    withBatch.historyPath = m_db;
    withBatch.importFiles = {u"a.jsonl"_s};
    QTest::newRow("import with its batch") << ParseCase{
            {u"import"_s, u"--db"_s, m_db, u"--batch"_s, m_urls, u"a.jsonl"_s}, {}, withBatch};
}

void TestCliOptions::readsTheOtherCommands()
{
    readsTheCommandLine();
}

void TestCliOptions::savedBatchTakesTheCommandLineOverIt_data()
{
    QTest::addColumn<ParseCase>("parseCase");

    CliConfig saved;
    saved.batch.rows = rowsOf({u"https://api.example/items/1"_s, u"https://api.example/items/2"_s});
    saved.batch.method = "PUT";
    saved.batch.headers = {{"X-Trace", "7"}, {"Content-Type", "application/json"}};
    saved.batch.body = R"({"a":1})";
    saved.run.concurrency = 5;
    saved.run.perHostConcurrency = 2;
    saved.run.retries = 2;
    saved.run.deadline = Milliseconds(7000);
    saved.run.maxBodyBytes = 4096;
    saved.run.keepBodies = false;
    saved.run.keepHeaders = false;
    saved.input = BatchInput{.kind = InputKind::IdList,
                             .urlTemplate = u"https://api.example/items/{id}"_s,
                             .data = "1\n2\n",
                             .method = "PUT",
                             .headers = {{"X-Trace", "7"}},
                             .body = R"({"a":1})"};
    saved.batchName = u"Echo ids"_s;
    saved.inputFiles = {m_saved};
    saved.notices = {u"%1 names the header Authorization, whose value saved batches do not keep: "
                     u"it is not sent. Give it with -H \"Authorization: ...\"."_s.arg(m_saved)};
    QTest::newRow("as saved") << ParseCase{{u"--no-history"_s, m_saved}, {}, saved};

    CliConfig overridden = saved;
    overridden.batch.method = "POST";
    overridden.batch.body = "{}";
    // A header given replaces the saved one of its name in any case, and is sent as given.
    overridden.batch.headers = {
            {"Content-Type", "application/json"}, {"x-trace", "8"}, {"Authorization", "Bearer t"}};
    overridden.run.concurrency = 9;
    overridden.run.retries = 1;
    overridden.run.maxBodyBytes = 1024;
    overridden.run.followRedirects = false;
    overridden.run.verifyTls = false;
    overridden.run.keepBodies = true;
    overridden.overrides.concurrency = 9;
    overridden.overrides.retries = 1;
    overridden.includeBodies = true;
    overridden.notices.clear(); // Authorization given
    QTest::newRow("with the command line over it")
            << ParseCase{{u"--no-history"_s, m_saved, u"-c"_s, u"9"_s, u"--retries"_s, u"1"_s,
                          u"-X"_s, u"post"_s, u"-d"_s, u"{}"_s, u"-H"_s, u"x-trace: 8"_s, u"-H"_s,
                          u"Authorization: Bearer t"_s, u"--max-body"_s, u"1k"_s, u"--no-follow"_s,
                          u"--insecure"_s, u"--bodies"_s},
                         {},
                         overridden};
}

void TestCliOptions::savedBatchTakesTheCommandLineOverIt()
{
    readsTheCommandLine();
}

void TestCliOptions::refusesWithAUsageError_data()
{
    QTest::addColumn<UsageErrorCase>("errorCase");
    const auto row = [](const char *name, const QStringList &arguments, const QString &message) {
        QTest::newRow(name) << UsageErrorCase{arguments, message};
    };
    const QString dash = u"-"_s;

    row("no input", {}, u"no input: give a file of URLs, a .csv file, or - for standard input."_s);
    row("unknown option", {u"--frobnicate"_s, dash}, u"Unknown option 'frobnicate'."_s);
    row("option without its value", {u"-c"_s}, u"Missing value after '-c'."_s);
    row("missing file", {u"/nonexistent/urls.txt"_s},
        u"cannot read /nonexistent/urls.txt: No such file or directory."_s);
    row("a folder", {m_dir.path()}, u"%1 is a folder, not a file of URLs."_s.arg(m_dir.path()));
    row("unknown format", {u"-f"_s, u"xml"_s, dash},
        u"unknown format \"xml\"; use jsonl, csv, json or table."_s);
    row("notify to a file", {u"--notify"_s, u"file:///tmp/x"_s, dash},
        u"--notify takes a web address (http or https), not \"file:///tmp/x\"."_s);
    row("per-host above its most", {u"--per-host"_s, u"300"_s, dash},
        u"--per-host takes a whole number from 1 to 256, not \"300\"."_s);
    row("concurrency 0", {u"-c"_s, u"0"_s, dash},
        u"--concurrency takes a whole number from 1 to 4096, not \"0\"."_s);
    row("threads above 64", {u"--threads"_s, u"65"_s, dash},
        u"--threads takes a whole number from 0 to 64, not \"65\"."_s);
    row("retries above 100", {u"--retries"_s, u"101"_s, dash},
        u"--retries takes a whole number from 0 to 100, not \"101\"."_s);
    row("max-redirects not a number", {u"--max-redirects"_s, u"x"_s, dash},
        u"--max-redirects takes a whole number from 0 to 100, not \"x\"."_s);
    row("timeout not a number", {u"-t"_s, u"soon"_s, dash},
        u"--timeout takes a number of seconds greater than 0, not \"soon\"."_s);
    row("inactivity-timeout negative", {u"--inactivity-timeout"_s, u"-1"_s, dash},
        u"--inactivity-timeout takes a number of seconds greater than 0, not \"-1\"."_s);
    row("max-body unit", {u"--max-body"_s, u"12q"_s, dash},
        u"--max-body takes a size such as 65536, 512k or 1M, not \"12q\"."_s);
    row("header without a colon", {u"-H"_s, u"nocolon"_s, dash},
        u"a header looks like \"Name: value\", not \"nocolon\"."_s);
    row("method with a space", {u"-X"_s, u"bad method"_s, dash},
        u"\"bad method\" is not an HTTP method."_s);
    row("data from a missing file", {u"-d"_s, u"@/nonexistent/body"_s, dash},
        u"cannot read /nonexistent/body: No such file or directory."_s);
    row("ids without template", {u"--ids"_s, m_ids},
        u"--ids needs --template to say where each id goes."_s);
    row("standard input twice", {dash, dash}, u"standard input (-) can be read only once."_s);
    row("db and no-history", {u"--db"_s, m_db, u"--no-history"_s, dash},
        u"--db and --no-history contradict each other; give one."_s);
    row("limit given to run", {u"--limit"_s, u"3"_s, m_urls}, u"--limit does not apply to run."_s);
    row("history with an input", {u"history"_s, u"x"_s}, u"history takes no inputs, not \"x\"."_s);
    row("history limit 0", {u"history"_s, u"--limit"_s, u"0"_s},
        u"--limit takes a whole number greater than 0, not \"0\"."_s);
    row("history with a run option", {u"history"_s, u"-c"_s, u"4"_s},
        u"--concurrency does not apply to history."_s);
    const QString resumeTakesARunId
            = u"resume takes one run id, as `salvo-cli history` lists them: salvo-cli resume 42."_s;
    row("resume without a run id", {u"resume"_s}, resumeTakesARunId);
    row("resume of run 0", {u"resume"_s, u"0"_s}, resumeTakesARunId);
    row("resume of two runs", {u"resume"_s, u"1"_s, u"2"_s}, resumeTakesARunId);
    row("resume with -X", {u"resume"_s, u"1"_s, u"-X"_s, u"POST"_s},
        u"--method cannot be given to resume: a resume sends what the run sent, with the options "
        u"it was saved with."_s);
    row("export without a run id", {u"export"_s, u"-o"_s, m_output},
        u"export takes one run id, as `salvo-cli history` lists them: salvo-cli export 42 -f csv "
        u"-o run.csv."_s);
    row("export to standard output", {u"export"_s, u"1"_s, u"-o"_s, dash},
        u"export writes a file: name it with -o FILE."_s);
    row("export format unknown", {u"export"_s, u"1"_s, u"-f"_s, u"xml"_s, u"-o"_s, m_output},
        u"unknown format \"xml\"; export writes csv, json, jsonl, har, junit or html."_s);
    row("export with a run option", {u"export"_s, u"1"_s, u"-c"_s, u"3"_s, u"-o"_s, m_output},
        u"--concurrency does not apply to export."_s);
    row("output over the input", {u"--no-history"_s, m_urls, u"-o"_s, m_urls},
        u"-o %1 is the input %1: writing the results there would destroy it. Name another file."_s
                .arg(m_urls));
    row("output over the ids",
        {u"--no-history"_s, u"--template"_s, u"http://x/{id}"_s, u"--ids"_s, m_ids, u"-o"_s, m_ids},
        u"-o %1 is the input %1: writing the results there would destroy it. Name another file."_s
                .arg(m_ids));
    row("output over the body",
        {u"--no-history"_s, u"-d"_s, u"@"_s + m_body, m_urls, u"-o"_s, m_body},
        u"-o %1 is the input %1: writing the results there would destroy it. Name another file."_s
                .arg(m_body));
    row("output over the history", {u"--db"_s, m_history, m_urls, u"-o"_s, m_history},
        u"-o %1 is the history file %1: writing the results there would destroy the history. "
        u"Name another file."_s.arg(m_history));
    row("export over the history", {u"export"_s, u"1"_s, u"--db"_s, m_history, u"-o"_s, m_history},
        u"-o %1 is the history file %1: writing the results there would destroy the history. "
        u"Name another file."_s.arg(m_history));
    row("saved batch with another input", {u"--no-history"_s, m_saved, m_urls},
        u"a saved batch (.salvo) runs on its own: give it as the only input, without --template "
        u"or --ids."_s);
    // The file named first, then why it is no saved batch, in the words SavedBatch has for it.
    row("not a saved batch", {u"--no-history"_s, m_notSaved},
        m_notSaved + u": "_s + readSavedBatch(notSavedBatch).error().message);
}

void TestCliOptions::refusesWithAUsageError()
{
    QFETCH(UsageErrorCase, errorCase);
    const Expected<CliConfig> config = parse(errorCase.arguments);
    QVERIFY_ERROR_SAYS(config, errorCase.message);
    QCOMPARE(config.error().message, errorCase.message);
    QCOMPARE(config.error().code, ErrorCode::Usage);
}

void TestCliOptions::usageErrorTextPointsToTheHelp()
{
    QCOMPARE(errorText(usageError(u"no input."_s)),
             u"salvo-cli: no input.\nTry 'salvo-cli --help' for more information.\n"_s);
    // The history's errors are no mistake of the command line's.
    QCOMPARE(errorText(Error{ErrorCode::NoSuchRun, u"no run 4."_s}), u"salvo-cli: no run 4.\n"_s);
}

void TestCliOptions::readsStandardInputOnlyForADash()
{
    int reads = 0;
    const auto standardInput = [&reads] {
        ++reads;
        return QByteArray("http://s.example/\n");
    };
    QVERIFY_RESULT(parseCommandLine({u"salvo-cli"_s, u"--no-history"_s, m_urls}, standardInput));
    QCOMPARE(reads, 0);
    QVERIFY_RESULT(
            parseCommandLine({u"salvo-cli"_s, u"--no-history"_s, m_urls, u"-"_s}, standardInput));
    QCOMPARE(reads, 1);
}

void TestCliOptions::helpAndVersionAreTextToShow()
{
    for (const QString &help : {u"--help"_s, u"-h"_s}) {
        const Expected<CliConfig> config = parse({help});
        QVERIFY_RESULT(config);
        QCOMPARE(config->command, CliCommand::ShowText);
        QVERIFY2(config->text.contains(u"resume RUN_ID"_s), qPrintable(config->text));
    }
    // The help is shown whatever else the line says: it is what a person asks for when lost.
    const Expected<CliConfig> helpOverMistakes
            = parse({u"history"_s, u"-c"_s, u"0"_s, u"--help"_s});
    QVERIFY_RESULT(helpOverMistakes);
    QCOMPARE(helpOverMistakes->command, CliCommand::ShowText);

    const Expected<CliConfig> version = parse({u"--version"_s});
    QVERIFY_RESULT(version);
    QCOMPARE(version->command, CliCommand::ShowText);
    QCOMPARE(version->text, QStringLiteral("salvo-cli " SALVO_VERSION "\n"));
}

void TestCliOptions::helpNamesTheDefaultsOfRunOptions_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("defaultText"); // empty: only as the help writes it

    const RunOptions defaults;
    QTest::newRow("concurrency") << u"concurrency"_s << QString::number(defaults.concurrency);
    QTest::newRow("per-host") << u"per-host"_s << QString::number(defaults.perHostConcurrency);
    QTest::newRow("timeout") << u"timeout"_s
                             << QString::number(
                                        std::chrono::duration<double>(defaults.deadline).count());
    QTest::newRow("inactivity-timeout")
            << u"inactivity-timeout"_s
            << QString::number(std::chrono::duration<double>(defaults.inactivity).count());
    QTest::newRow("retries") << u"retries"_s << QString::number(defaults.retries);
    QTest::newRow("max-redirects") << u"max-redirects"_s << QString::number(defaults.maxRedirects);
    QTest::newRow("max-body") << u"max-body"_s << QString(); // "1M": shown in its unit
}

// The default the help names for an option is RunOptions{}'s, in words and in effect: given
// as the option's value, it leaves the run's options as they are when the option is not given.
void TestCliOptions::helpNamesTheDefaultsOfRunOptions()
{
    QFETCH(QString, option);
    QFETCH(QString, defaultText);
    const Expected<CliConfig> help = parse({u"--help"_s});
    QVERIFY_RESULT(help);
    const QString text = help->text.simplified(); // Qt wraps the help at 80 columns
    const QRegularExpression named(u"--%1 <\\w+> [^(]*\\(default ([^,;)]+)"_s.arg(option));
    const QRegularExpressionMatch match = named.match(text);
    QVERIFY2(match.hasMatch(), qPrintable(text));
    const QString shown = match.captured(1);
    if (!defaultText.isEmpty())
        QCOMPARE(shown, defaultText);

    const Expected<CliConfig> given = parse({u"--no-history"_s, u"--"_s + option, shown, m_urls});
    QVERIFY_RESULT(given);
    QCOMPARE(runOptionsText(given->run), runOptionsText(defaultRunOptions()));
}

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
