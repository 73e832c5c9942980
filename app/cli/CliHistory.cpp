#include "CliHistory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "store/RunHistory.h"
#include "store/RunStore.h"
#include "store/StoreCodec.h"

namespace salvo::cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::cli", text);
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QJsonObject runToJson(const RunSummary &run)
{
    return {
            {QStringLiteral("run_id"), run.id},
            {QStringLiteral("name"), run.batchName},
            {QStringLiteral("state"), runStateName(run.state)},
            {QStringLiteral("started"), timeOrNull(run.started)},
            {QStringLiteral("finished"), timeOrNull(run.finished)},
            {QStringLiteral("rows"), run.rowCount},
            {QStringLiteral("results"), run.resultCount},
            {QStringLiteral("ok"), run.okCount},
            {QStringLiteral("failed"), run.failedCount},
    };
}

CliExit failure(const QString &message)
{
    return CliExit{tr("salvo-cli: %1\n").arg(message), exitUsage};
}

// A header given again with -H replaces the stored one of that name.
HeaderList withGiven(HeaderList stored, const HeaderList &given)
{
    for (const auto &header : given) {
        stored.removeIf([&](const auto &old) {
            return old.first.compare(header.first, Qt::CaseInsensitive) == 0;
        });
        stored.append(header);
    }
    return stored;
}

bool isGiven(const QByteArray &name, const HeaderList &given)
{
    return std::any_of(given.cbegin(), given.cend(), [&](const auto &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

// Every row has its result, yet the run's process died before saying it had finished.
void markFinished(const QString &path, qint64 runId)
{
    RunStore store({.path = path});
    store.finishRun(store.resumeRun(runId), RunState::Finished);
} // the destructor waits for both

} // namespace

int printHistory(const CliConfig &config, QIODevice &out, QIODevice &errors)
{
    RunHistory history(config.historyPath);
    if (StoreResult<> opened = history.open(); !opened) {
        const bool notMadeYet = !QFileInfo::exists(config.historyPath)
                || opened.error().kind == StoreErrorKind::OlderSchema;
        if (!notMadeYet || !config.quiet)
            errors.write(tr("salvo-cli: %1\n").arg(opened.error().message).toUtf8());
        return notMadeYet ? exitAllOk : exitUsage;
    }
    const StoreResult<QList<RunSummary>> runs = history.runs(config.historyLimit);
    if (!runs) {
        errors.write(tr("salvo-cli: %1\n").arg(runs.error().message).toUtf8());
        return exitUsage;
    }
    for (const RunSummary &run : *runs)
        out.write(QJsonDocument(runToJson(run)).toJson(QJsonDocument::Compact) + '\n');
    return exitAllOk;
}

std::variant<ResumePlan, CliExit> planResume(const CliConfig &config)
{
    const qint64 runId = config.resumeRunId;
    RunHistory history(config.historyPath);
    if (StoreResult<> opened = history.open(); !opened)
        return failure(opened.error().message);
    const StoreResult<RunSummary> run = history.run(runId);
    if (!run) {
        // Told apart from a history that cannot be read at all, which deserves its own words.
        if (const auto readable = history.runs(1); !readable)
            return failure(readable.error().message);
        return failure(tr("the history at %1 has no run %2; `salvo-cli history` lists its runs.")
                               .arg(QDir::toNativeSeparators(config.historyPath))
                               .arg(runId));
    }
    if (run->state == RunState::Running) {
        return failure(tr("run %1 is still running in another salvo-cli or window; resume it "
                          "once that has ended.")
                               .arg(runId));
    }
    const StoreResult<QList<int>> missing = history.missingRows(runId);
    if (!missing)
        return failure(missing.error().message);
    if (missing->isEmpty()) {
        if (run->state == RunState::Interrupted)
            markFinished(config.historyPath, runId);
        return CliExit{
                tr("salvo-cli: run %1 has a result for every row; nothing to resume.\n").arg(runId),
                exitAllOk};
    }

    // Only the rows asked for are made again: a resume of a few rows of a million is quick.
    StoreResult<BatchSpec> batch = history.runBatch(runId, *missing);
    const StoreResult<QList<QByteArray>> withheld = history.withheldHeaders(runId);
    const StoreResult<RunOptions> options = history.runOptions(runId);
    for (const QString &problem : {batch ? QString() : batch.error().message,
                                   withheld ? QString() : withheld.error().message,
                                   options ? QString() : options.error().message}) {
        if (!problem.isEmpty())
            return failure(problem);
    }

    ResumePlan plan;
    plan.runId = runId;
    plan.batch = std::move(*batch);
    plan.batch.headers = withGiven(plan.batch.headers, config.batch.headers);
    plan.rowIndices = *missing;
    plan.options = config.overrides.over(*options);
    // Bodies kept as the run kept them, and for the output when --bodies asks for them.
    plan.options.keepBodies = options->keepBodies || config.includeBodies;
    for (const QByteArray &name : *withheld) {
        if (!isGiven(name, config.batch.headers)) {
            plan.warnings.append(tr("salvo-cli: the %1 header was not stored; pass it again with "
                                    "-H.")
                                         .arg(QString::fromLatin1(name)));
        }
    }
    return plan;
}

} // namespace salvo::cli
