// salvo-cli: runs a batch headless with the same core as the dashboard.

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>
#include <functional>
#include <optional>
#include <cstdio>
#include <unistd.h>

#include "batch/BatchAdvice.h"
#include "store/PrivateFiles.h"

#include "CliExporter.h"
#include "CliHistory.h"
#include "CliImporter.h"
#include "CliOptions.h"
#include "CliRunner.h"

namespace {

int interruptPipe[2] = {-1, -1};

void handleInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = write(interruptPipe[1], &byte, 1);
}

// Ctrl+C calls `cancel` once, from the event loop; the one after ends the process as usual.
void cancelOnInterrupt(QObject *context, const std::function<void()> &cancel)
{
    if (pipe(interruptPipe) != 0)
        return;
    std::signal(SIGINT, handleInterrupt);
    auto *notifier = new QSocketNotifier(interruptPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [cancel] {
        char byte = 0;
        [[maybe_unused]] const auto got = read(interruptPipe[0], &byte, 1);
        std::signal(SIGINT, SIG_DFL);
        cancel();
    });
}

QByteArray readStandardInput()
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return {};
    return input.readAll();
}

void print(FILE *stream, const QString &text)
{
    QFile file;
    if (file.open(stream, QIODevice::WriteOnly))
        file.write(text.toUtf8());
}

int refuse(const salvo::Error &error)
{
    print(stderr, salvo::cli::errorText(error));
    return salvo::cli::exitUsage;
}

int exportRun(QCoreApplication &app, const salvo::cli::CliConfig &config)
{
    salvo::cli::CliExporter exporter(config);
    QObject::connect(&exporter, &salvo::cli::CliExporter::finished, &app, &QCoreApplication::exit);
    // Ctrl+C cancels: the export stops and leaves no file under the name asked for.
    cancelOnInterrupt(&exporter, [&exporter] { exporter.cancel(); });
    exporter.start();
    return app.exec();
}

int listHistory(const salvo::cli::CliConfig &config)
{
    QFile out;
    QFile errors;
    out.open(stdout, QIODevice::WriteOnly);
    errors.open(stderr, QIODevice::WriteOnly);
    return salvo::cli::printHistory(config, out, errors);
}

int runBatch(QCoreApplication &app, salvo::cli::CliConfig config,
             std::optional<salvo::cli::CliResume> resume)
{
    if (config.input) {
        // What the window says under the batch, said here before the run: the batch's own
        // method and body, as options may have replaced the input's.
        salvo::BatchInput asRun = *config.input;
        asRun.method = config.batch.method;
        asRun.body = config.batch.body;
        config.notices.append(salvo::adviceBeforeRun(asRun));
    }
    for (const QString &notice : std::as_const(config.notices))
        print(stderr, QStringLiteral("salvo-cli: %1\n").arg(notice));
    salvo::cli::CliRunner runner(std::move(config), std::move(resume));
    QObject::connect(&runner, &salvo::cli::CliRunner::finished, &app, &QCoreApplication::exit);

    // Ctrl+C stops the run cleanly (every row still gets its line); a second one quits.
    cancelOnInterrupt(&runner, [&runner] { runner.cancel(); });

    if (!runner.start())
        return runner.exitCode();
    const int exitCode = app.exec();
    if (runner.leftStoreBehind()) {
        // Its thread is stuck in a write: destroying it would wait for ever, and returning
        // would run exit-time destructors under it. Everything printed is flushed already.
        std::fflush(nullptr);
        ::_exit(exitCode);
    }
    return exitCode;
}

int importRuns(QCoreApplication &app, salvo::cli::CliConfig config)
{
    salvo::cli::CliImporter importer(std::move(config));
    QObject::connect(&importer, &salvo::cli::CliImporter::finished, &app, &QCoreApplication::exit);
    if (!importer.start())
        return importer.exitCode();
    const int exitCode = app.exec();
    if (importer.leftStoreBehind()) { // as in runBatch
        std::fflush(nullptr);
        ::_exit(exitCode);
    }
    return exitCode;
}

int resumeRun(QCoreApplication &app, salvo::cli::CliConfig config)
{
    salvo::Expected<salvo::cli::CliResume> planned = salvo::cli::planCliResume(config);
    if (!planned)
        return refuse(planned.error());
    if (planned->nothingToRun()) {
        print(stderr, salvo::cli::nothingToResumeText(config.resumeRunId));
        return salvo::cli::exitAllOk;
    }
    return runBatch(app, std::move(config), std::move(*planned));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The window's name: the CLI shares its data folder, so both keep one history file.
    QCoreApplication::setApplicationName(QStringLiteral("Salvo"));
    QCoreApplication::setOrganizationName(QStringLiteral("Salvo"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SALVO_VERSION));
    salvo::protectSalvoFolders();
    // The history's problems reach the person as one sentence (RunRecorder); its log lines
    // would say it again. QT_LOGGING_RULES still turns them on.
    QLoggingCategory::setFilterRules(QStringLiteral("salvo.store.warning=false"));

    salvo::Expected<salvo::cli::CliConfig> parsed
            = salvo::cli::parseCommandLine(QCoreApplication::arguments(), readStandardInput);
    if (!parsed)
        return refuse(parsed.error());
    salvo::cli::CliConfig &config = *parsed;
    switch (config.command) {
    case salvo::cli::CliCommand::ShowText:
        print(stdout, config.text);
        return salvo::cli::exitAllOk;
    case salvo::cli::CliCommand::Export:
        return exportRun(app, config);
    case salvo::cli::CliCommand::History:
        return listHistory(config);
    case salvo::cli::CliCommand::Resume:
        return resumeRun(app, std::move(config));
    case salvo::cli::CliCommand::Import:
        return importRuns(app, std::move(config));
    case salvo::cli::CliCommand::Run:
        break;
    }
    return runBatch(app, std::move(config), std::nullopt);
}
