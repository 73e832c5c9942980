#pragma once

// Running a real program (salvo-cli) from a test: its exit code and output, with this test's
// event loop turning meanwhile, since the servers it talks to live in the test's process.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTest>

namespace salvo::test {

struct ProgramRun
{
    int exitCode = -1; // -1: it did not start, or did not end in time and was killed
    QByteArray out;
    QByteArray err;
    bool finished = false; // started and ended within the deadline, not by a signal

    // What to print when the run is not what a test expected.
    QByteArray report() const
    {
        if (!finished)
            return QByteArrayLiteral("did not start, or did not end within the deadline: ") + err;
        return "exit code " + QByteArray::number(exitCode) + "\nstdout:\n" + out + "\nstderr:\n"
                + err;
    }

    QList<QJsonObject> jsonLines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.isEmpty())
                objects.append(QJsonDocument::fromJson(line).object());
        }
        return objects;
    }
};

// `environment`: the program's; empty: this process's own.
inline ProgramRun runProgram(const QString &program, const QStringList &arguments,
                             const QByteArray &standardInput = {}, int timeoutMs = 30'000,
                             const QProcessEnvironment &environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(5000))
        return {-1, {}, process.errorString().toUtf8(), false};
    process.write(standardInput);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        return {};
    }
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError(),
            process.exitStatus() == QProcess::NormalExit};
}

#ifdef SALVO_CLI_PATH
// The salvo-cli this build made (SALVO_CLI_PATH, which tests/app/CMakeLists.txt defines).
inline ProgramRun runSalvoCli(const QStringList &arguments, const QByteArray &standardInput = {},
                              int timeoutMs = 30'000)
{
    return runProgram(QStringLiteral(SALVO_CLI_PATH), arguments, standardInput, timeoutMs);
}
#endif

} // namespace salvo::test
