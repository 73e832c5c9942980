#include "CliOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cmath>

#include "batch/BatchInput.h"
#include "batch/HttpToken.h"

namespace salvo::cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::cli", text);
}

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

} // namespace

std::variant<CliConfig, CliExit> parseCommandLine(const QStringList &arguments,
                                                  const std::function<QByteArray()> &standardInput)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Requests every URL of a batch concurrently and writes one result per row.\n"
               "INPUT is a file of URLs (one per line), a .csv file with a url column, or - for "
               "standard input.\n"
               "Exit status: 0 when every row got a 2xx or 3xx answer, 1 when some did not, "
               "2 for bad usage or an unreadable input."));
    parser.addPositionalArgument(QStringLiteral("INPUT"), tr("URL list, .csv file, or -"),
                                 QStringLiteral("INPUT..."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    tr("Write results to FILE instead of standard output."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption format(
            {QStringLiteral("f"), QStringLiteral("format")},
            tr("Output format: jsonl (default), csv, json, or table for reading."),
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
    const QCommandLineOption noHistory(QStringLiteral("no-history"),
                                       tr("Do not record this run in Salvo's history."));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     tr("Engine threads (default: one per core, at most 4)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   tr("No progress line and no summary on standard error."));
    const QCommandLineOption sample(QStringLiteral("sample"),
                                    tr("Run a sample batch against a small API that salvo-cli "
                                       "serves itself on 127.0.0.1."));
    parser.addOptions({output,  format, concurrency,  perHost,  timeout,     inactivity,
                       retries, method, header,       data,     urlTemplate, ids,
                       maxBody, bodies, maxRedirects, noFollow, insecure,    noHistory,
                       threads, quiet,  sample});
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
    config.sample = parser.isSet(sample);
    config.quiet = parser.isSet(quiet);
    config.includeBodies = parser.isSet(bodies);
    config.outputPath = parser.value(output);

    const std::optional<ResultFormat> chosenFormat = resultFormatFromName(parser.value(format));
    if (!chosenFormat)
        return usageError(tr("unknown format \"%1\"; use jsonl, csv, json or table.")
                                  .arg(parser.value(format)));
    config.format = *chosenFormat;

    RunOptions &run = config.run;
    const auto count = [&](const QCommandLineOption &option, int minimum, int maximum,
                           int &target) -> std::optional<CliExit> {
        const std::optional<int> value = parseCount(parser.value(option), minimum, maximum);
        if (!value) {
            return usageError(tr("--%1 takes a whole number from %2 to %3, not \"%4\".")
                                      .arg(option.names().constLast())
                                      .arg(minimum)
                                      .arg(maximum)
                                      .arg(parser.value(option)));
        }
        target = *value;
        return std::nullopt;
    };
    const auto seconds = [&](const QCommandLineOption &option,
                             Milliseconds &target) -> std::optional<CliExit> {
        const std::optional<Milliseconds> value = parseSeconds(parser.value(option));
        if (!value) {
            return usageError(tr("--%1 takes a number of seconds greater than 0, not \"%2\".")
                                      .arg(option.names().constLast(), parser.value(option)));
        }
        target = *value;
        return std::nullopt;
    };
    for (auto problem :
         {count(concurrency, 1, RunOptions::maxConcurrency, run.concurrency),
          count(perHost, 1, RunOptions::maxPerHostConcurrency, run.perHostConcurrency),
          count(retries, 0, 100, run.retries), count(maxRedirects, 0, 100, run.maxRedirects),
          count(threads, 0, 64, run.engineThreads), seconds(timeout, run.deadline),
          seconds(inactivity, run.inactivity)}) {
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
    if (parser.isSet(data)) {
        const QString body = parser.value(data);
        if (body.startsWith(u'@')) {
            QFile file(body.mid(1));
            if (!file.open(QIODevice::ReadOnly))
                return usageError(tr("cannot read %1: %2.").arg(body.mid(1), file.errorString()));
            batch.body = file.readAll();
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

    QStringList inputs = parser.positionalArguments();
    if (parser.isSet(ids))
        inputs.append(parser.value(ids));
    if (inputs.isEmpty())
        return usageError(
                tr("no input: give a file of URLs, a .csv file, or - for standard input."));
    if (inputs.count(QStringLiteral("-")) > 1)
        return usageError(tr("standard input (-) can be read only once."));

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
    }
    return config;
}

} // namespace salvo::cli
