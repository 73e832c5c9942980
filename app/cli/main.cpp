// salvo-cli: runs a batch headless with the same core as the dashboard.

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

#include "CliOptions.h"
#include "CliRunner.h"

namespace {

int interruptPipe[2] = {-1, -1};

void handleInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = write(interruptPipe[1], &byte, 1);
}

QByteArray readStandardInput()
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return {};
    return input.readAll();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("salvo-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Salvo"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SALVO_VERSION));

    auto parsed = salvo::cli::parseCommandLine(QCoreApplication::arguments(), readStandardInput);
    if (const auto *exit = std::get_if<salvo::cli::CliExit>(&parsed)) {
        QFile out;
        out.open(exit->exitCode == 0 ? stdout : stderr, QIODevice::WriteOnly);
        out.write(exit->text.toUtf8());
        return exit->exitCode;
    }

    salvo::cli::CliRunner runner(std::get<salvo::cli::CliConfig>(std::move(parsed)));
    QObject::connect(&runner, &salvo::cli::CliRunner::finished, &app, &QCoreApplication::exit);

    // Ctrl+C stops the run cleanly (every row still gets its line); a second one quits.
    if (pipe(interruptPipe) == 0) {
        std::signal(SIGINT, handleInterrupt);
        auto *notifier = new QSocketNotifier(interruptPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &runner, [&runner] {
            char byte = 0;
            [[maybe_unused]] const auto got = read(interruptPipe[0], &byte, 1);
            std::signal(SIGINT, SIG_DFL);
            runner.cancel();
        });
    }

    if (!runner.start())
        return runner.exitCode();
    return app.exec();
}
