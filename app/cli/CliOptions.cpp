#include "CliOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

#include "batch/BatchInput.h"
#include "session/SavedBatch.h"
#include "batch/HttpToken.h"
#include "store/Database.h"
#include "Translate.h"

namespace salvo::cli {
namespace {

SALVO_FILE_TR("salvo::cli")

CliExit usageError(const QString &message)
{
    return CliExit{tr("salvo-cli: %1\nTry 'salvo-cli --help' for more information.\n").arg(message),
                   exitUsage};
}

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

struct InputText
{
    QString name;
    QByteArray data;
};

std::variant<InputText, CliExit> readInput(const QString &path,
                                           const std::function<QByteArray()> &standardInput)
{
    if (path == u"-")
        return InputText{QStringLiteral("-"), standardInput()};
    QFile file(path);
    if (QFileInfo(path).isDir())
        return usageError(tr("%1 is a folder, not a file of URLs.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return usageError(tr("cannot read %1: %2.").arg(path, file.errorString()));
    return InputText{path, file.readAll()};
}

// "42" for resume; run ids start at 1.
std::optional<qint64> parseRunId(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1)
        return std::nullopt;
    return value;
}

// The run's name in the history: its files' names, as a person would say which batch it was.
QString namesOf(const QStringList &inputs)
{
    QStringList names;
    for (const QString &path : inputs)
        names.append(path == u"-" ? tr("standard input") : QFileInfo(path).fileName());
    if (names == QStringList{tr("standard input")})
        return {}; // the store names it after its first row
    return names.join(QStringLiteral(", "));
}

// Whether two paths name one existing file: the same path, another path to it (../, a
// symbolic link), or a hard link to it.
bool sameFile(const QString &first, const QString &second)
{
    const QFileInfo a(first);
    const QFileInfo b(second);
    if (!a.exists() || !b.exists())
        return false;
    if (a.canonicalFilePath() == b.canonicalFilePath())
        return true;
#ifdef Q_OS_UNIX
    struct stat aStat
    { };
    struct stat bStat
    { };
    return ::stat(QFile::encodeName(first).constData(), &aStat) == 0
            && ::stat(QFile::encodeName(second).constData(), &bStat) == 0
            && aStat.st_dev == bStat.st_dev && aStat.st_ino == bStat.st_ino;
#else
    return false;
#endif
}

// A usage error when the output would be written over what the command reads: an input file,
// or the history file with its journal (an export is renamed over its target, a run's output
// truncated at once).
std::optional<CliExit> refuseOverwritingInputs(const CliConfig &config)
{
    if (config.outputPath.isEmpty() || config.outputPath == u"-")
        return std::nullopt;
    for (const QString &input : config.inputFiles) {
        if (sameFile(config.outputPath, input))
            return usageError(tr("-o %1 is the input %2: writing the results there would "
                                 "destroy it. Name another file.")
                                      .arg(config.outputPath, input));
    }
    if (!config.historyPath.isEmpty()) {
        for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
            if (sameFile(config.outputPath, config.historyPath + QLatin1StringView(suffix))) {
                return usageError(tr("-o %1 is the history file %2: writing the results there "
                                     "would destroy the history. Name another file.")
                                          .arg(config.outputPath, config.historyPath));
            }
        }
    }
    return std::nullopt;
}

std::variant<CliConfig, CliExit> parseArguments(const QStringList &arguments,
                                                const std::function<QByteArray()> &standardInput);

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

std::variant<CliConfig, CliExit> parseCommandLine(const QStringList &arguments,
                                                  const std::function<QByteArray()> &standardInput)
{
    std::variant<CliConfig, CliExit> parsed = parseArguments(arguments, standardInput);
    if (const auto *config = std::get_if<CliConfig>(&parsed)) {
        if (std::optional<CliExit> refused = refuseOverwritingInputs(*config))
            return *refused;
    }
    return parsed;
}

namespace {

std::variant<CliConfig, CliExit> parseArguments(const QStringList &arguments,
                                                const std::function<QByteArray()> &standardInput)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Requests every URL of a batch concurrently and writes one result per row.\n"
               "INPUT is a file of URLs (one per line), a .csv file with a url column, or - for "
               "standard input.\n"
               "\n"
               "Commands:\n"
               "  [run] INPUT...   run a batch (the default) and record it in the history\n"
               "  history          list the recorded runs, newest first, one JSON line each\n"
               "  resume RUN_ID    request the rows of a recorded run that have no result yet\n"
               "  export RUN_ID    write a recorded run to -o FILE as -f csv, json, jsonl, har,\n"
               "                   junit or html, with its answers (secrets left out)\n"
               "\n"
               "Exit status: 0 when every row got a 2xx or 3xx answer, 1 when some did not, "
               "2 for bad usage or an unreadable input or history."));
    parser.addPositionalArgument(
            QStringLiteral("INPUT"), tr("URL list, .csv file, or -"),
            QStringLiteral("[run|history|resume RUN_ID|export RUN_ID] INPUT..."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    tr("Write results to FILE instead of standard output."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption format(
            {QStringLiteral("f"), QStringLiteral("format")},
            tr("Output format: jsonl (default), csv, json, or table for reading; export also "
               "takes har, junit and html."),
            QStringLiteral("FORMAT"), QStringLiteral("jsonl"));
    const QCommandLineOption concurrency({QStringLiteral("c"), QStringLiteral("concurrency")},
                                         tr("Requests in flight at once (default 64)."),
                                         QStringLiteral("N"), QStringLiteral("64"));
    const QCommandLineOption perHost(QStringLiteral("per-host"),
                                     tr("Requests in flight to one host (default 6, at most 256)."),
                                     QStringLiteral("N"), QStringLiteral("6"));
    const QCommandLineOption timeout({QStringLiteral("t"), QStringLiteral("timeout")},
                                     tr("Give up on a request after SECONDS in all (default 30)."),
                                     QStringLiteral("SECONDS"), QStringLiteral("30"));
    const QCommandLineOption inactivity(
            QStringLiteral("inactivity-timeout"),
            tr("Give up when nothing arrives for SECONDS (default 10)."), QStringLiteral("SECONDS"),
            QStringLiteral("10"));
    const QCommandLineOption retries(QStringLiteral("retries"),
                                     tr("Try again up to N times after a connection error, "
                                        "timeout, 429 or 503 (default 0)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption method({QStringLiteral("X"), QStringLiteral("method")},
                                    tr("HTTP method (default GET, or POST with --data)."),
                                    QStringLiteral("METHOD"));
    const QCommandLineOption header({QStringLiteral("H"), QStringLiteral("header")},
                                    tr("Add a request header \"Name: value\" (repeatable)."),
                                    QStringLiteral("HEADER"));
    const QCommandLineOption data({QStringLiteral("d"), QStringLiteral("data")},
                                  tr("Request body, or @FILE to send a file's contents."),
                                  QStringLiteral("BODY"));
    const QCommandLineOption urlTemplate(
            QStringLiteral("template"),
            tr("URL template such as https://api.example.com/items/{id}, filled from --ids or from "
               "the columns of a .csv input."),
            QStringLiteral("URL"));
    const QCommandLineOption ids(QStringLiteral("ids"),
                                 tr("File of ids, one per line, for --template."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"),
                                     tr("Keep at most BYTES of each body (default 1M); the rest "
                                        "is counted, not kept."),
                                     QStringLiteral("BYTES"), QStringLiteral("1M"));
    const QCommandLineOption bodies(QStringLiteral("bodies"),
                                    tr("Include each response body in the output."));
    const QCommandLineOption maxRedirects(QStringLiteral("max-redirects"),
                                          tr("Follow at most N redirects (default 10)."),
                                          QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption noFollow(QStringLiteral("no-follow"),
                                      tr("Do not follow redirects; report the 3xx answer."));
    const QCommandLineOption insecure(QStringLiteral("insecure"),
                                      tr("Accept any TLS certificate (self-signed, expired, "
                                         "wrong host)."));
    const QCommandLineOption db(QStringLiteral("db"),
                                tr("The history file to record in and read from (default: "
                                   "Salvo's own, which the window shows)."),
                                QStringLiteral("FILE"));
    const QCommandLineOption noHistory(QStringLiteral("no-history"),
                                       tr("Do not record this run in the history."));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   tr("history: list at most N runs (default: all)."),
                                   QStringLiteral("N"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     tr("Engine threads (default: one per core, at most 4)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption notify(QStringLiteral("notify"),
                                    tr("When the run ends, POST its summary as JSON to URL (a "
                                       "webhook); a failure to deliver is said on standard "
                                       "error."),
                                    QStringLiteral("URL"));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   tr("No progress line and no summary on standard error."));
    const QCommandLineOption sample(QStringLiteral("sample"),
                                    tr("Run a sample batch against a small API that salvo-cli "
                                       "serves itself on 127.0.0.1 (not recorded unless --db)."));
    const QList<QCommandLineOption> allOptions{
            output,   format, concurrency, perHost, timeout, inactivity, retries,      method,
            header,   data,   urlTemplate, ids,     maxBody, bodies,     maxRedirects, noFollow,
            insecure, db,     noHistory,   limit,   threads, quiet,      sample,       notify};
    parser.addOptions(allOptions);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help))
        return CliExit{parser.helpText(), exitAllOk};
    if (parser.isSet(version))
        return CliExit{QStringLiteral("salvo-cli %1\n").arg(QStringLiteral(SALVO_VERSION)),
                       exitAllOk};

    CliConfig config;
    QStringList positional = parser.positionalArguments();
    QString commandName = QStringLiteral("run");
    if (!positional.isEmpty()
        && (positional.constFirst() == u"run" || positional.constFirst() == u"history"
            || positional.constFirst() == u"resume" || positional.constFirst() == u"export")) {
        commandName = positional.takeFirst();
        config.command = commandName == u"history" ? CliCommand::History
                : commandName == u"resume"         ? CliCommand::Resume
                : commandName == u"export"         ? CliCommand::Export
                                                   : CliCommand::Run;
    }

    // Each command takes the options that mean something to it; any other is a mistake worth
    // saying, not one to ignore silently.
    QList<QCommandLineOption> allowed;
    switch (config.command) {
    case CliCommand::Run:
        allowed = allOptions;
        allowed.removeIf(
                [&](const QCommandLineOption &option) { return option.names() == limit.names(); });
        break;
    case CliCommand::History:
        allowed = {db, limit, quiet};
        break;
    case CliCommand::Resume:
        allowed = {db,      output,  format,     bodies,  quiet,  concurrency, perHost,
                   threads, timeout, inactivity, retries, header, notify};
        break;
    case CliCommand::Export:
        allowed = {db, output, format, quiet};
        break;
    }
    for (const QCommandLineOption &option : allOptions) {
        const bool isAllowed = std::any_of(allowed.cbegin(), allowed.cend(), [&](const auto &a) {
            return a.names() == option.names();
        });
        if (!isAllowed && parser.isSet(option)) {
            const QString name = option.names().constLast();
            if (config.command == CliCommand::Resume)
                return usageError(tr("--%1 cannot be given to resume: a resume sends what the "
                                     "run sent, with the options it was saved with.")
                                          .arg(name));
            return usageError(tr("--%1 does not apply to %2.").arg(name, commandName));
        }
    }
    if (parser.isSet(db) && parser.isSet(noHistory))
        return usageError(tr("--db and --no-history contradict each other; give one."));

    config.sample = parser.isSet(sample);
    config.quiet = parser.isSet(quiet);
    config.includeBodies = parser.isSet(bodies);
    config.outputPath = parser.value(output);
    config.notifyUrl = parser.value(notify);
    if (parser.isSet(notify)) {
        const QUrl hook(config.notifyUrl);
        if (!hook.isValid() || (hook.scheme() != u"http" && hook.scheme() != u"https")
            || hook.host().isEmpty())
            return usageError(tr("--notify takes a web address (http or https), not \"%1\".")
                                      .arg(config.notifyUrl));
    }
    // A sample runs against a local API at a port of the moment: not worth keeping unless
    // asked for with --db.
    if (parser.isSet(db))
        config.historyPath = parser.value(db);
    else if (!parser.isSet(noHistory) && !config.sample)
        config.historyPath = defaultHistoryPath();

    if (config.command == CliCommand::Export) {
        const std::optional<ExportFormat> exportFormat = exportFormatFromName(parser.value(format));
        if (!exportFormat) {
            return usageError(tr("unknown format \"%1\"; export writes csv, json, jsonl, har, "
                                 "junit or html.")
                                      .arg(parser.value(format)));
        }
        const std::optional<qint64> runId
                = positional.size() == 1 ? parseRunId(positional.constFirst()) : std::nullopt;
        if (!runId)
            return usageError(tr("export takes one run id, as `salvo-cli history` lists them: "
                                 "salvo-cli export 42 -f csv -o run.csv."));
        if (config.outputPath.isEmpty() || config.outputPath == u"-")
            return usageError(tr("export writes a file: name it with -o FILE."));
        config.exportFormat = *exportFormat;
        config.exportRunId = *runId;
        return config;
    }
    const std::optional<ResultFormat> chosenFormat = resultFormatFromName(parser.value(format));
    if (!chosenFormat)
        return usageError(tr("unknown format \"%1\"; use jsonl, csv, json or table.")
                                  .arg(parser.value(format)));
    config.format = *chosenFormat;

    RunOptions &run = config.run;
    const auto count = [&](const QCommandLineOption &option, int minimum, int maximum, int &target,
                           std::optional<int> &override) -> std::optional<CliExit> {
        const std::optional<int> value = parseCount(parser.value(option), minimum, maximum);
        if (!value) {
            return usageError(tr("--%1 takes a whole number from %2 to %3, not \"%4\".")
                                      .arg(option.names().constLast())
                                      .arg(minimum)
                                      .arg(maximum)
                                      .arg(parser.value(option)));
        }
        target = *value;
        if (parser.isSet(option))
            override = value;
        return std::nullopt;
    };
    const auto seconds = [&](const QCommandLineOption &option, Milliseconds &target,
                             std::optional<Milliseconds> &override) -> std::optional<CliExit> {
        const std::optional<Milliseconds> value = parseSeconds(parser.value(option));
        if (!value) {
            return usageError(tr("--%1 takes a number of seconds greater than 0, not \"%2\".")
                                      .arg(option.names().constLast(), parser.value(option)));
        }
        target = *value;
        if (parser.isSet(option))
            override = value;
        return std::nullopt;
    };
    RunOverrides &overrides = config.overrides;
    std::optional<int> unused;
    for (auto problem :
         {count(concurrency, 1, RunOptions::maxConcurrency, run.concurrency, overrides.concurrency),
          count(perHost, 1, RunOptions::maxPerHostConcurrency, run.perHostConcurrency,
                overrides.perHostConcurrency),
          count(retries, 0, 100, run.retries, overrides.retries),
          count(maxRedirects, 0, 100, run.maxRedirects, unused),
          count(threads, 0, 64, run.engineThreads, overrides.engineThreads),
          seconds(timeout, run.deadline, overrides.deadline),
          seconds(inactivity, run.inactivity, overrides.inactivity)}) {
        if (problem)
            return *problem;
    }
    const std::optional<qint64> bodyCap = parseBytes(parser.value(maxBody));
    if (!bodyCap)
        return usageError(tr("--max-body takes a size such as 65536, 512k or 1M, not \"%1\".")
                                  .arg(parser.value(maxBody)));
    run.maxBodyBytes = *bodyCap;
    run.followRedirects = !parser.isSet(noFollow);
    run.verifyTls = !parser.isSet(insecure);
    run.keepBodies = config.includeBodies;
    run.keepHeaders = false;

    BatchSpec &batch = config.batch;
    for (const QString &line : parser.values(header)) {
        const qsizetype colon = line.indexOf(u':');
        const QByteArray name = colon > 0 ? line.left(colon).trimmed().toLatin1() : QByteArray();
        if (!isHttpToken(name))
            return usageError(tr("a header looks like \"Name: value\", not \"%1\".").arg(line));
        batch.headers.append({name, line.mid(colon + 1).trimmed().toUtf8()});
    }

    if (config.command == CliCommand::History) {
        if (!positional.isEmpty())
            return usageError(tr("history takes no inputs, not \"%1\".").arg(positional.first()));
        if (parser.isSet(limit)) {
            const std::optional<int> value = parseCount(parser.value(limit), 1, 1'000'000'000);
            if (!value)
                return usageError(tr("--limit takes a whole number greater than 0, not \"%1\".")
                                          .arg(parser.value(limit)));
            config.historyLimit = *value;
        }
        return config;
    }
    if (config.command == CliCommand::Resume) {
        const std::optional<qint64> runId
                = positional.size() == 1 ? parseRunId(positional.constFirst()) : std::nullopt;
        if (!runId)
            return usageError(tr("resume takes one run id, as `salvo-cli history` lists them: "
                                 "salvo-cli resume 42."));
        config.resumeRunId = *runId;
        return config;
    }

    if (parser.isSet(data)) {
        const QString body = parser.value(data);
        if (body.startsWith(u'@')) {
            QFile file(body.mid(1));
            if (!file.open(QIODevice::ReadOnly))
                return usageError(tr("cannot read %1: %2.").arg(body.mid(1), file.errorString()));
            batch.body = file.readAll();
            config.inputFiles.append(body.mid(1));
        } else {
            batch.body = body.toUtf8();
        }
        batch.method = QByteArrayLiteral("POST");
    }
    if (parser.isSet(method)) {
        batch.method = parser.value(method).trimmed().toUpper().toLatin1();
        if (!isHttpToken(batch.method))
            return usageError(tr("\"%1\" is not an HTTP method.").arg(parser.value(method)));
    }

    if (config.sample) {
        if (!parser.isSet(format))
            config.format = ResultFormat::Table;
        return config;
    }

    const QString templateText = parser.value(urlTemplate);
    if (parser.isSet(ids) && templateText.isEmpty())
        return usageError(tr("--ids needs --template to say where each id goes."));

    QStringList inputs = positional;
    if (parser.isSet(ids))
        inputs.append(parser.value(ids));
    if (inputs.isEmpty())
        return usageError(
                tr("no input: give a file of URLs, a .csv file, or - for standard input."));
    if (inputs.count(QStringLiteral("-")) > 1)
        return usageError(tr("standard input (-) can be read only once."));
    for (const QString &path : std::as_const(inputs)) {
        if (path != u"-")
            config.inputFiles.append(path);
    }

    const auto isSavedBatch = [](const QString &path) {
        return QFileInfo(path).suffix().compare(QLatin1String(savedBatchSuffix),
                                                Qt::CaseInsensitive)
                == 0;
    };
    if (std::any_of(inputs.cbegin(), inputs.cend(), isSavedBatch)) {
        if (inputs.size() > 1 || !templateText.isEmpty())
            return usageError(tr("a saved batch (.salvo) runs on its own: give it as the only "
                                 "input, without --template or --ids."));
        auto read = readInput(inputs.constFirst(), standardInput);
        if (auto *exit = std::get_if<CliExit>(&read))
            return *exit;
        const InputText &input = std::get<InputText>(read);
        Expected<SavedBatch> saved = readSavedBatch(input.data);
        if (!saved)
            return usageError(tr("%1: %2").arg(input.name, saved.error().message));
        Expected<BatchSpec> spec = buildBatch(saved->input);
        if (!spec)
            return usageError(tr("%1: %2").arg(input.name, spec.error().message));
        // The saved request, with what the command line says laid over it.
        BatchSpec savedSpec = std::move(spec.value());
        if (parser.isSet(method) || parser.isSet(data))
            savedSpec.method = batch.method;
        if (parser.isSet(data))
            savedSpec.body = batch.body;
        // A header given on the command line replaces the saved one of that name.
        for (const auto &given : std::as_const(batch.headers)) {
            savedSpec.headers.removeIf([&given](const auto &existing) {
                return existing.first.compare(given.first, Qt::CaseInsensitive) == 0;
            });
            savedSpec.headers.append(given);
        }
        for (const QByteArray &name : std::as_const(saved->withheldHeaders)) {
            const bool given = std::any_of(
                    savedSpec.headers.cbegin(), savedSpec.headers.cend(), [&name](const auto &h) {
                        return h.first.compare(name, Qt::CaseInsensitive) == 0;
                    });
            if (!given)
                config.notices.append(tr("%1 names the header %2, whose value saved batches do "
                                         "not keep: it is not sent. Give it with -H \"%2: ...\".")
                                              .arg(input.name, QString::fromLatin1(name)));
        }
        // Its options, with the pace and output options of the command line over them.
        RunOptions options = overrides.over(saved->options);
        options.keepBodies = run.keepBodies;
        options.keepHeaders = run.keepHeaders;
        if (parser.isSet(maxBody))
            options.maxBodyBytes = run.maxBodyBytes;
        if (parser.isSet(noFollow))
            options.followRedirects = false;
        if (parser.isSet(insecure))
            options.verifyTls = false;
        config.run = options;
        config.batch = std::move(savedSpec);
        config.input = saved->input;
        config.batchName
                = saved->name.isEmpty() ? QFileInfo(inputs.constFirst()).fileName() : saved->name;
        return config;
    }

    BatchInput kept{.kind = inputKindForFile(inputs.constFirst(), !templateText.isEmpty()),
                    .urlTemplate = templateText,
                    .data = {},
                    .method = batch.method,
                    .headers = batch.headers,
                    .body = batch.body};
    for (const QString &path : std::as_const(inputs)) {
        auto read = readInput(path, standardInput);
        if (auto *exit = std::get_if<CliExit>(&read))
            return *exit;
        const InputText &input = std::get<InputText>(read);
        const Expected<QList<RequestSpec>> rows = parseBatchInput(
                inputKindForFile(path, !templateText.isEmpty()), input.data, templateText);
        if (!rows)
            return usageError(tr("%1: %2").arg(input.name, rows.error().message));
        batch.rows.append(rows.value());
        if (!kept.data.isEmpty() && !kept.data.endsWith('\n'))
            kept.data += '\n';
        kept.data += input.data;
    }
    config.input = std::move(kept);
    config.batchName = namesOf(inputs);
    return config;
}

} // namespace

} // namespace salvo::cli
