#include "CliOptions.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <utility>

#include "CliInputs.h"
#include "CliInspectOptions.h"
#include "CliNetworkOptions.h"
#include "Translate.h"
#include "result/HttpToken.h"
#include "network/RunAccess.h"
#include "store/Database.h"

namespace salvo::cli {
namespace {

// A saved batch's expectations and columns, with the command line's after them; a column the
// command line names again is the command line's.
std::shared_ptr<const InspectionPlan>
withOptionsInspection(const std::shared_ptr<const InspectionPlan> &saved,
                      const std::shared_ptr<const InspectionPlan> &options)
{
    if (!saved || !options)
        return options ? options : saved;
    auto merged = std::make_shared<InspectionPlan>(*saved);
    merged->expectations.append(options->expectations);
    for (const Extractor &extractor : options->extractors) {
        merged->extractors.removeIf(
                [&](const Extractor &kept) { return kept.name == extractor.name; });
        merged->extractors.append(extractor);
    }
    return merged;
}

SALVO_FILE_TR("salvo::cli")

std::optional<int> parseCount(const QString &text, int minimum, int maximum)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

std::optional<Milliseconds> parseSeconds(const QString &text)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 86400)
        return std::nullopt;
    return Milliseconds(std::max<qint64>(1, qint64(std::llround(seconds * 1000))));
}

// "1048576", "512k", "1M", "2G" (powers of 1024).
std::optional<qint64> parseBytes(const QString &text)
{
    static const QRegularExpression pattern(
            QStringLiteral("^\\s*(\\d+)\\s*([kKmMgG]?)i?[bB]?\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    qint64 value = match.captured(1).toLongLong(&ok);
    const QString unit = match.captured(2).toLower();
    const int shift = unit == u"k" ? 10 : unit == u"m" ? 20 : unit == u"g" ? 30 : 0;
    if (!ok || value > (qint64(1) << (40 - shift)))
        return std::nullopt;
    return value << shift;
}

// "42" for resume and export; run ids start at 1.
std::optional<qint64> parseRunId(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1)
        return std::nullopt;
    return value;
}

// A duration as --timeout takes it: "30" for 30 s, "2.5" for 2.5 s.
QString secondsText(Milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0);
}

// A size as --max-body takes it: "1M" for 1048576, "512k", "1000".
QString bytesText(qint64 bytes)
{
    static constexpr std::pair<int, char> units[] = {{30, 'G'}, {20, 'M'}, {10, 'k'}};
    for (const auto &[shift, unit] : units) {
        if (bytes > 0 && bytes % (qint64(1) << shift) == 0)
            return QString::number(bytes >> shift) + QLatin1Char(unit);
    }
    return QString::number(bytes);
}

QString engineThreadsHelp(int engineThreads)
{
    if (engineThreads == 0)
        return tr("Engine threads (default: one per core, at most %1).")
                .arg(RunOptions::maxAutomaticEngineThreads);
    return tr("Engine threads (default %1).").arg(engineThreads);
}

// Every option salvo-cli takes. A help text that names a default computes it from the value
// an option not given keeps (RunOptions{}, CliConfig{}, BatchSpec{}), so the two cannot differ.
struct CliOptionTable
{
    const RunOptions defaults{};

    const QCommandLineOption output{{QStringLiteral("o"), QStringLiteral("output")},
                                    tr("Write results to FILE instead of standard output."),
                                    QStringLiteral("FILE")};
    const QCommandLineOption format{
            {QStringLiteral("f"), QStringLiteral("format")},
            tr("Output format: %1 (default), csv, json, or table for reading; export also "
               "takes har, junit and html.")
                    .arg(resultFormatName(CliConfig{}.format)),
            QStringLiteral("FORMAT")};
    const QCommandLineOption concurrency{
            {QStringLiteral("c"), QStringLiteral("concurrency")},
            tr("Requests in flight at once (default %1).").arg(defaults.concurrency),
            QStringLiteral("N")};
    const QCommandLineOption perHost{QStringLiteral("per-host"),
                                     tr("Requests in flight to one host (default %1, at most %2).")
                                             .arg(defaults.perHostConcurrency)
                                             .arg(RunOptions::maxPerHostConcurrency),
                                     QStringLiteral("N")};
    const QCommandLineOption timeout{{QStringLiteral("t"), QStringLiteral("timeout")},
                                     tr("Give up on a request after SECONDS in all (default %1).")
                                             .arg(secondsText(defaults.deadline)),
                                     QStringLiteral("SECONDS")};
    const QCommandLineOption inactivity{QStringLiteral("inactivity-timeout"),
                                        tr("Give up when nothing arrives for SECONDS (default %1).")
                                                .arg(secondsText(defaults.inactivity)),
                                        QStringLiteral("SECONDS")};
    const QCommandLineOption retries{QStringLiteral("retries"),
                                     tr("Try again up to N times after a connection error, "
                                        "timeout, 429 or 503 (default %1).")
                                             .arg(defaults.retries),
                                     QStringLiteral("N")};
    const QCommandLineOption method{{QStringLiteral("X"), QStringLiteral("method")},
                                    tr("HTTP method (default %1, or POST with --data).")
                                            .arg(QString::fromLatin1(BatchSpec{}.method)),
                                    QStringLiteral("METHOD")};
    const QCommandLineOption header{{QStringLiteral("H"), QStringLiteral("header")},
                                    tr("Add a request header \"Name: value\" (repeatable)."),
                                    QStringLiteral("HEADER")};
    const QCommandLineOption data{{QStringLiteral("d"), QStringLiteral("data")},
                                  tr("Request body, or @FILE to send a file's contents."),
                                  QStringLiteral("BODY")};
    const QCommandLineOption urlTemplate{
            QStringLiteral("template"),
            tr("URL template such as https://api.example.com/items/{id}, filled from --ids or from "
               "the columns of a .csv input."),
            QStringLiteral("URL")};
    const QCommandLineOption ids{QStringLiteral("ids"),
                                 tr("File of ids, one per line, for --template."),
                                 QStringLiteral("FILE")};
    const QCommandLineOption maxBody{QStringLiteral("max-body"),
                                     tr("Keep at most BYTES of each body (default %1); the rest "
                                        "is counted, not kept.")
                                             .arg(bytesText(defaults.maxBodyBytes)),
                                     QStringLiteral("BYTES")};
    const QCommandLineOption bodies{QStringLiteral("bodies"),
                                    tr("Include each response body in the output.")};
    const QCommandLineOption maxRedirects{
            QStringLiteral("max-redirects"),
            tr("Follow at most N redirects (default %1).").arg(defaults.maxRedirects),
            QStringLiteral("N")};
    const QCommandLineOption noFollow{QStringLiteral("no-follow"),
                                      tr("Do not follow redirects; report the 3xx answer.")};
    const QCommandLineOption insecure{QStringLiteral("insecure"),
                                      tr("Accept any TLS certificate (self-signed, expired, "
                                         "wrong host).")};
    const QCommandLineOption db{QStringLiteral("db"),
                                tr("The history file to record in and read from (default: "
                                   "Salvo's own, which the window shows)."),
                                QStringLiteral("FILE")};
    const QCommandLineOption noHistory{QStringLiteral("no-history"),
                                       tr("Do not record this run in the history.")};
    const QCommandLineOption limit{QStringLiteral("limit"),
                                   tr("history: list at most N runs (default: all)."),
                                   QStringLiteral("N")};
    const QCommandLineOption threads{QStringLiteral("threads"),
                                     engineThreadsHelp(defaults.engineThreads),
                                     QStringLiteral("N")};
    const QCommandLineOption notify{QStringLiteral("notify"),
                                    tr("When the run ends, POST its summary as JSON to URL (a "
                                       "webhook); a failure to deliver is said on standard "
                                       "error."),
                                    QStringLiteral("URL")};
    const QCommandLineOption quiet{{QStringLiteral("q"), QStringLiteral("quiet")},
                                   tr("No progress line and no summary on standard error.")};
    const QCommandLineOption shard{QStringLiteral("shard"),
                                   tr("Request only slice I of N of the input: rows I, I+N, "
                                      "I+2N... (I counts from 0, as Kubernetes' "
                                      "JOB_COMPLETION_INDEX). Each row keeps its number in the "
                                      "whole input; `import` puts the slices back together."),
                                   QStringLiteral("I/N")};
    const QCommandLineOption batch{QStringLiteral("batch"),
                                   tr("import: the input the imported runs requested (with "
                                      "--template, --ids, -X, -H and -d as they were given), so "
                                      "that rows no file holds can be resumed."),
                                   QStringLiteral("FILE")};
    const QCommandLineOption from{
            QStringLiteral("from"),
            tr("Read INPUT as this kind of list: curl (curl commands), har (a HAR file saved "
               "from a browser), postman (a Postman collection) or openapi (an OpenAPI or "
               "Swagger description, JSON or YAML). Default: recognised by its content."),
            QStringLiteral("KIND")};
    const QCommandLineOption sample{QStringLiteral("sample"),
                                    tr("Run a sample batch against a small API that salvo-cli "
                                       "serves itself on 127.0.0.1 (not recorded unless --db).")};

    const CliInspectOptions inspect;
    const CliNetworkOptions network;

    // In the order --help lists them.
    QList<QCommandLineOption> all() const
    {
        return QList<QCommandLineOption>{
                       output,    format, concurrency,  perHost,  timeout,     inactivity,
                       retries,   method, header,       data,     urlTemplate, ids,
                       maxBody,   bodies, maxRedirects, noFollow, insecure,    db,
                       noHistory, limit,  threads,      quiet,    sample,      notify,
                       shard,     batch,  from}
        + network.all() + inspect.all();
    }
};

void describe(QCommandLineParser &parser, const CliOptionTable &options)
{
    parser.setApplicationDescription(tr(
            "Requests every URL of a batch concurrently and writes one result per row.\n"
            "INPUT is a file of URLs (one per line), a .csv file with a url column, or - for "
            "standard input.\n"
            "\n"
            "Commands:\n"
            "  [run] INPUT...   run a batch (the default) and record it in the history\n"
            "  history          list the recorded runs, newest first, one JSON line each\n"
            "  resume RUN_ID    request the rows of a recorded run that have no result yet\n"
            "  export RUN_ID    write a recorded run to -o FILE as -f csv, json, jsonl, har,\n"
            "                   junit or html, with its answers (secrets left out)\n"
            "  import FILE...   put salvo-cli's JSON Lines outputs (the shards of --shard, or a\n"
            "                   run from another machine) into one run of the history, and\n"
            "                   print its id\n"
            "\n"
            "Exit status: 0 when every row got a 2xx or 3xx answer, 1 when some did not or "
            "failed an expectation, "
            "2 for bad usage or an unreadable input or history. import: 0 when every row has "
            "its result, 1 when the run is kept incomplete, 2 when nothing was imported."));
    parser.addPositionalArgument(
            QStringLiteral("INPUT"), tr("URL list, .csv file, or -"),
            QStringLiteral("[run|history|resume RUN_ID|export RUN_ID|import FILE...] INPUT..."));
    parser.addOptions(options.all());
    parser.addHelpOption();
    parser.addVersionOption();
}

QString commandName(CliCommand command)
{
    switch (command) {
    case CliCommand::History:
        return QStringLiteral("history");
    case CliCommand::Resume:
        return QStringLiteral("resume");
    case CliCommand::Export:
        return QStringLiteral("export");
    case CliCommand::Import:
        return QStringLiteral("import");
    case CliCommand::Run:
    case CliCommand::ShowText:
        break;
    }
    return QStringLiteral("run");
}

// The command the first positional argument names, taken off them; run when it names none.
CliCommand takeCommand(QStringList &positional)
{
    for (const CliCommand command : {CliCommand::Run, CliCommand::History, CliCommand::Resume,
                                     CliCommand::Export, CliCommand::Import}) {
        if (!positional.isEmpty() && positional.constFirst() == commandName(command)) {
            positional.removeFirst();
            return command;
        }
    }
    return CliCommand::Run;
}

// The options that mean something to a command.
QList<QCommandLineOption> optionsOf(CliCommand command, const CliOptionTable &o)
{
    switch (command) {
    case CliCommand::History:
        return {o.db, o.limit, o.quiet};
    case CliCommand::Resume:
        return QList<QCommandLineOption>{o.db,      o.output,      o.format,  o.bodies,
                                         o.quiet,   o.concurrency, o.perHost, o.threads,
                                         o.timeout, o.inactivity,  o.retries, o.header,
                                         o.notify}
        + o.network.reach();
    case CliCommand::Export:
        return {o.db, o.output, o.format, o.quiet};
    case CliCommand::Import:
        return {o.db, o.quiet, o.batch, o.urlTemplate, o.ids, o.method, o.header, o.data};
    case CliCommand::Run:
    case CliCommand::ShowText:
        break;
    }
    QList<QCommandLineOption> all = o.all();
    all.removeIf([&o](const QCommandLineOption &option) {
        return option.names() == o.limit.names() || option.names() == o.batch.names();
    });
    return all;
}

// An option given to a command it means nothing to is a mistake worth saying, not one to
// ignore silently.
Expected<> refuseMisplacedOptions(const QCommandLineParser &parser, const CliOptionTable &options,
                                  CliCommand command)
{
    const QList<QCommandLineOption> allowed = optionsOf(command, options);
    for (const QCommandLineOption &option : options.all()) {
        const bool isAllowed = std::any_of(allowed.cbegin(), allowed.cend(), [&](const auto &a) {
            return a.names() == option.names();
        });
        if (isAllowed || !parser.isSet(option))
            continue;
        const QString name = option.names().constLast();
        if (command == CliCommand::Resume)
            return usageError(tr("--%1 cannot be given to resume: a resume sends what the "
                                 "run sent, with the options it was saved with.")
                                      .arg(name));
        return usageError(tr("--%1 does not apply to %2.").arg(name, commandName(command)));
    }
    if (parser.isSet(options.db) && parser.isSet(options.noHistory))
        return usageError(tr("--db and --no-history contradict each other; give one."));
    return {};
}

// Where the results and the run's record go, and what is said about it.
Expected<> readOutputOptions(const QCommandLineParser &parser, const CliOptionTable &options,
                             CliConfig &config)
{
    config.sample = parser.isSet(options.sample);
    config.quiet = parser.isSet(options.quiet);
    config.includeBodies = parser.isSet(options.bodies);
    config.outputPath = parser.value(options.output);
    config.notifyUrl = parser.value(options.notify);
    if (parser.isSet(options.notify)) {
        const QUrl hook(config.notifyUrl);
        if (!hook.isValid() || (hook.scheme() != u"http" && hook.scheme() != u"https")
            || hook.host().isEmpty())
            return usageError(tr("--notify takes a web address (http or https), not \"%1\".")
                                      .arg(config.notifyUrl));
    }
    // A sample runs against a local API at a port of the moment: not worth keeping unless
    // asked for with --db.
    if (parser.isSet(options.db))
        config.historyPath = parser.value(options.db);
    else if (!parser.isSet(options.noHistory) && !config.sample)
        config.historyPath = defaultHistoryPath();
    return {};
}

Expected<> readExport(const QCommandLineParser &parser, const CliOptionTable &options,
                      const QStringList &positional, CliConfig &config)
{
    if (parser.isSet(options.format)) {
        const QString name = parser.value(options.format);
        const std::optional<ExportFormat> exportFormat = exportFormatFromName(name);
        if (!exportFormat)
            return usageError(tr("unknown format \"%1\"; export writes csv, json, jsonl, har, "
                                 "junit or html.")
                                      .arg(name));
        config.exportFormat = *exportFormat;
    }
    const std::optional<qint64> runId
            = positional.size() == 1 ? parseRunId(positional.constFirst()) : std::nullopt;
    if (!runId)
        return usageError(tr("export takes one run id, as `salvo-cli history` lists them: "
                             "salvo-cli export 42 -f csv -o run.csv."));
    if (config.outputPath.isEmpty() || config.outputPath == u"-")
        return usageError(tr("export writes a file: name it with -o FILE."));
    config.exportRunId = *runId;
    return {};
}

// A whole number option, when given: into `target`, and `override` for what a resume or a
// saved batch takes from the command line.
Expected<> readCount(const QCommandLineParser &parser, const QCommandLineOption &option,
                     int minimum, int maximum, int &target, std::optional<int> &override)
{
    if (!parser.isSet(option))
        return {};
    const std::optional<int> value = parseCount(parser.value(option), minimum, maximum);
    if (!value)
        return usageError(tr("--%1 takes a whole number from %2 to %3, not \"%4\".")
                                  .arg(option.names().constLast())
                                  .arg(minimum)
                                  .arg(maximum)
                                  .arg(parser.value(option)));
    target = *value;
    override = value;
    return {};
}

Expected<> readSeconds(const QCommandLineParser &parser, const QCommandLineOption &option,
                       Milliseconds &target, std::optional<Milliseconds> &override)
{
    if (!parser.isSet(option))
        return {};
    const std::optional<Milliseconds> value = parseSeconds(parser.value(option));
    if (!value)
        return usageError(tr("--%1 takes a number of seconds greater than 0, not \"%2\".")
                                  .arg(option.names().constLast(), parser.value(option)));
    target = *value;
    override = value;
    return {};
}

Expected<> readResultFormat(const QCommandLineParser &parser, const CliOptionTable &options,
                            CliConfig &config)
{
    if (!parser.isSet(options.format)) {
        // A sample is for watching at a terminal.
        if (config.sample)
            config.format = ResultFormat::Table;
        return {};
    }
    const std::optional<ResultFormat> format = resultFormatFromName(parser.value(options.format));
    if (!format)
        return usageError(tr("unknown format \"%1\"; use jsonl, csv, json or table.")
                                  .arg(parser.value(options.format)));
    config.format = *format;
    return {};
}

// The run's options; those not given keep RunOptions{}'s values.
Expected<> readRunOptions(const QCommandLineParser &parser, const CliOptionTable &options,
                          CliConfig &config)
{
    RunOptions &run = config.run;
    RunOverrides &overrides = config.overrides;
    std::optional<int> unused;
    for (const Expected<> &read :
         {readResultFormat(parser, options, config),
          readCount(parser, options.concurrency, 1, RunOptions::maxConcurrency, run.concurrency,
                    overrides.concurrency),
          readCount(parser, options.perHost, 1, RunOptions::maxPerHostConcurrency,
                    run.perHostConcurrency, overrides.perHostConcurrency),
          readCount(parser, options.retries, 0, 100, run.retries, overrides.retries),
          readCount(parser, options.maxRedirects, 0, 100, run.maxRedirects, unused),
          readCount(parser, options.threads, 0, 64, run.engineThreads, overrides.engineThreads),
          readSeconds(parser, options.timeout, run.deadline, overrides.deadline),
          readSeconds(parser, options.inactivity, run.inactivity, overrides.inactivity)}) {
        if (!read)
            return read;
    }
    if (parser.isSet(options.maxBody)) {
        const std::optional<qint64> bodyCap = parseBytes(parser.value(options.maxBody));
        if (!bodyCap)
            return usageError(tr("--max-body takes a size such as 65536, 512k or 1M, not \"%1\".")
                                      .arg(parser.value(options.maxBody)));
        run.maxBodyBytes = *bodyCap;
    }
    if (parser.isSet(options.noFollow))
        run.followRedirects = false;
    if (parser.isSet(options.insecure))
        run.verifyTls = false;
    run.keepBodies = config.includeBodies;
    run.keepHeaders = false;
    return {};
}

Expected<> readHeaders(const QCommandLineParser &parser, const CliOptionTable &options,
                       BatchSpec &batch)
{
    for (const QString &line : parser.values(options.header)) {
        const qsizetype colon = line.indexOf(u':');
        const QByteArray name = colon > 0 ? line.left(colon).trimmed().toLatin1() : QByteArray();
        if (!isHttpToken(name))
            return usageError(tr("a header looks like \"Name: value\", not \"%1\".").arg(line));
        batch.headers.append({name, line.mid(colon + 1).trimmed().toUtf8()});
    }
    return {};
}

Expected<> readHistory(const QCommandLineParser &parser, const CliOptionTable &options,
                       const QStringList &positional, CliConfig &config)
{
    if (!positional.isEmpty())
        return usageError(tr("history takes no inputs, not \"%1\".").arg(positional.first()));
    if (parser.isSet(options.limit)) {
        const std::optional<int> value = parseCount(parser.value(options.limit), 1, 1'000'000'000);
        if (!value)
            return usageError(tr("--limit takes a whole number greater than 0, not \"%1\".")
                                      .arg(parser.value(options.limit)));
        config.historyLimit = *value;
    }
    return {};
}

Expected<> readResume(const QStringList &positional, CliConfig &config)
{
    const std::optional<qint64> runId
            = positional.size() == 1 ? parseRunId(positional.constFirst()) : std::nullopt;
    if (!runId)
        return usageError(tr("resume takes one run id, as `salvo-cli history` lists them: "
                             "salvo-cli resume 42."));
    config.resumeRunId = *runId;
    return {};
}

Expected<> readShard(const QCommandLineParser &parser, const CliOptionTable &options,
                     CliConfig &config)
{
    if (!parser.isSet(options.shard))
        return {};
    const Expected<Shard> shard = shardFromText(parser.value(options.shard));
    if (!shard)
        return usageError(tr("--shard: %1").arg(shard.error().message));
    config.shard = *shard;
    return {};
}

Expected<> readImport(const QCommandLineParser &parser, const CliOptionTable &options,
                      const QStringList &positional, CliConfig &config)
{
    if (positional.isEmpty())
        return usageError(tr("import takes the JSON Lines files salvo-cli wrote: "
                             "salvo-cli import shard-0.jsonl shard-1.jsonl."));
    if (positional.contains(QStringLiteral("-")))
        return usageError(tr("import reads files, not standard input (-): save it to a file "
                             "and name that."));
    const bool batchGiven = parser.isSet(options.batch) || parser.isSet(options.ids);
    for (const QCommandLineOption &option :
         {options.urlTemplate, options.method, options.header, options.data}) {
        if (!batchGiven && parser.isSet(option))
            return usageError(tr("--%1 describes the batch the imported runs requested: give "
                                 "that batch with --batch FILE (or --ids FILE).")
                                      .arg(option.names().constLast()));
    }
    config.importFiles = positional;
    return {};
}

// POST with --data, unless -X says otherwise.
Expected<> readMethod(const QCommandLineParser &parser, const CliOptionTable &options,
                      BatchSpec &batch)
{
    if (parser.isSet(options.data))
        batch.method = QByteArrayLiteral("POST");
    if (parser.isSet(options.method)) {
        batch.method = parser.value(options.method).trimmed().toUpper().toLatin1();
        if (!isHttpToken(batch.method))
            return usageError(
                    tr("\"%1\" is not an HTTP method.").arg(parser.value(options.method)));
    }
    return {};
}

// Everything but the inputs, in the order its mistakes are reported.
Expected<> readOptions(const QCommandLineParser &parser, const CliOptionTable &options,
                       const QStringList &positional, CliConfig &config)
{
    if (Expected<> read = refuseMisplacedOptions(parser, options, config.command); !read)
        return read;
    if (Expected<> read = readOutputOptions(parser, options, config); !read)
        return read;
    if (config.command == CliCommand::Export)
        return readExport(parser, options, positional, config);
    if (Expected<> read = readRunOptions(parser, options, config); !read)
        return read;
    if (Expected<> read = readHeaders(parser, options, config.batch); !read)
        return read;
    if (config.command == CliCommand::Run || config.command == CliCommand::Resume) {
        Expected<NetworkAccess> access = readNetworkAccess(
                parser, options.network, QProcessEnvironment::systemEnvironment());
        if (!access)
            return access.error();
        config.access = std::move(*access);
        if (config.access.signIn.kind == SignInKind::Bearer
            && !parser.isSet(options.network.bearer))
            config.notices.append(tr("Signing in with the bearer token in SALVO_TOKEN."));
        if (Expected<> read = readPacing(parser, options.network, config.run); !read)
            return read;
        Expected<Environment> environment = readEnvironment(parser, options.network);
        if (!environment)
            return environment.error();
        config.environment = std::move(*environment);
    }
    switch (config.command) {
    case CliCommand::History:
        return readHistory(parser, options, positional, config);
    case CliCommand::Resume:
        return readResume(positional, config);
    case CliCommand::Import:
        if (Expected<> read = readImport(parser, options, positional, config); !read)
            return read;
        break;
    case CliCommand::Run: {
        if (Expected<> read = readShard(parser, options, config); !read)
            return read;
        Expected<std::shared_ptr<const InspectionPlan>> plan
                = readInspection(parser, options.inspect);
        if (!plan)
            return plan.error();
        config.inspection = std::move(plan.value());
        break;
    }
    case CliCommand::Export:
    case CliCommand::ShowText:
        break;
    }
    return readMethod(parser, options, config.batch);
}

// The run's inputs are its positional arguments; an import's are --batch's.
RunInputs runInputsOf(const QCommandLineParser &parser, const CliOptionTable &options,
                      const QStringList &positional)
{
    return RunInputs{
            .paths = positional,
            .idsPath
            = parser.isSet(options.ids) ? std::optional(parser.value(options.ids)) : std::nullopt,
            .urlTemplate = parser.value(options.urlTemplate),
            .data
            = parser.isSet(options.data) ? std::optional(parser.value(options.data)) : std::nullopt,
            .methodGiven = parser.isSet(options.method),
            .maxBodyGiven = parser.isSet(options.maxBody),
            .noFollow = parser.isSet(options.noFollow),
            .insecure = parser.isSet(options.insecure),
            .from = parser.value(options.from),
    };
}

// The certificate files read and checked, before anything is sent.
Expected<> prepareAccess(CliConfig &config)
{
    if (config.command != CliCommand::Run && config.command != CliCommand::Resume)
        return {};
    for (QString *field : signInTexts(config.access.signIn)) // a token kept as {token}
        *field = withEnvironment(*field, config.environment);
    QStringList warnings;
    Expected<std::shared_ptr<const RunAccess>> prepared
            = RunAccess::prepare(config.access, &warnings);
    if (!prepared)
        return prepared.error();
    config.batch.access = std::move(*prepared);
    config.notices += warnings;
    return {};
}

CliConfig textToShow(QString text)
{
    CliConfig config;
    config.command = CliCommand::ShowText;
    config.text = std::move(text);
    return config;
}

} // namespace

RunOptions RunOverrides::over(RunOptions stored) const
{
    stored.concurrency = concurrency.value_or(stored.concurrency);
    stored.perHostConcurrency = perHostConcurrency.value_or(stored.perHostConcurrency);
    stored.engineThreads = engineThreads.value_or(stored.engineThreads);
    stored.deadline = deadline.value_or(stored.deadline);
    stored.inactivity = inactivity.value_or(stored.inactivity);
    stored.retries = retries.value_or(stored.retries);
    return stored;
}

QString errorText(const Error &error)
{
    if (error.code == ErrorCode::Usage)
        return tr("salvo-cli: %1\nTry 'salvo-cli --help' for more information.\n")
                .arg(error.message);
    return tr("salvo-cli: %1\n").arg(error.message);
}

Expected<CliConfig> parseCommandLine(const QStringList &arguments,
                                     const std::function<QByteArray()> &standardInput)
{
    const CliOptionTable options;
    QCommandLineParser parser;
    describe(parser, options);
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return textToShow(parser.helpText());
    if (parser.isSet(QStringLiteral("version")))
        return textToShow(QStringLiteral("salvo-cli %1\n").arg(QStringLiteral(SALVO_VERSION)));

    CliConfig config;
    QStringList positional = parser.positionalArguments();
    config.command = takeCommand(positional);
    if (Expected<> read = readOptions(parser, options, positional, config); !read)
        return read.error();
    if (config.command == CliCommand::Run) {
        const RunInputs inputs = runInputsOf(parser, options, positional);
        if (Expected<> loaded = loadRunInputs(config, inputs, standardInput); !loaded)
            return loaded.error();
    }
    if (config.command == CliCommand::Import
        && (parser.isSet(options.batch) || parser.isSet(options.ids))) {
        const RunInputs inputs = runInputsOf(parser, options, parser.values(options.batch));
        if (Expected<> loaded = loadRunInputs(config, inputs, standardInput); !loaded)
            return loaded.error();
    }
    if (Expected<> refused = refuseOverwritingInputs(config); !refused)
        return refused.error();
    if (Expected<> prepared = prepareAccess(config); !prepared)
        return prepared.error();
    config.inspection = withOptionsInspection(config.batch.inspection, config.inspection);
    config.batch.inspection = config.inspection;
    return config;
}

} // namespace salvo::cli
