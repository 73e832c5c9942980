#include "CliHistory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "store/RunHistory.h"
#include "store/StoreCodec.h"
#include "Translate.h"

namespace salvo::cli {
namespace {

SALVO_FILE_TR("salvo::cli")

QJsonObject runToJson(const RunSummary &run)
{
    QJsonObject json = runSummaryToJson(run);
    json.insert(QStringLiteral("rerun_of"),
                run.parentRunId > 0 ? QJsonValue(run.parentRunId) : QJsonValue(QJsonValue::Null));
    return json;
}

} // namespace

int printHistory(const CliConfig &config, QIODevice &out, QIODevice &errors)
{
    RunHistory history(config.historyPath);
    if (Expected<> opened = history.open(); !opened) {
        const bool notMadeYet = !QFileInfo::exists(config.historyPath)
                || opened.error().code == ErrorCode::OlderSchema;
        if (!notMadeYet || !config.quiet)
            errors.write(tr("salvo-cli: %1\n").arg(opened.error().message).toUtf8());
        return notMadeYet ? exitAllOk : exitUsage;
    }
    const Expected<QList<RunSummary>> runs = history.runs(config.historyLimit);
    if (!runs) {
        errors.write(tr("salvo-cli: %1\n").arg(runs.error().message).toUtf8());
        return exitUsage;
    }
    for (const RunSummary &run : *runs)
        out.write(QJsonDocument(runToJson(run)).toJson(QJsonDocument::Compact) + '\n');
    return exitAllOk;
}

Expected<CliResume> planCliResume(const CliConfig &config)
{
    const qint64 runId = config.resumeRunId;
    Expected<ResumePlan> planned = planResume(config.historyPath, runId);
    if (!planned) {
        if (planned.error().code != ErrorCode::NoSuchRun)
            return planned.error();
        return Error{ErrorCode::NoSuchRun,
                     tr("the history at %1 has no run %2; `salvo-cli history` lists its runs.")
                             .arg(QDir::toNativeSeparators(config.historyPath))
                             .arg(runId)};
    }
    if (planned->isComplete())
        return CliResume{std::move(*planned), {}};

    CliResume resume{std::move(*planned), {}};
    ResumePlan &plan = resume.plan;
    // A header given again with -H replaces the stored one of that name.
    plan.batch.headers = withHeadersReplaced(plan.batch.headers, config.batch.headers);
    const RunOptions stored = plan.options;
    plan.options = config.overrides.over(stored);
    // Bodies kept as the run kept them, and for the output when --bodies asks for them.
    plan.options.keepBodies = stored.keepBodies || config.includeBodies;
    for (const QByteArray &name :
         fillWithheldHeaders(plan.batch.headers, plan.withheldHeaders, config.batch.headers)) {
        resume.warnings.append(tr("salvo-cli: the %1 header was not stored; pass it again with "
                                  "-H.")
                                       .arg(QString::fromLatin1(name)));
    }
    return resume;
}

QString nothingToResumeText(qint64 runId)
{
    return tr("salvo-cli: run %1 has a result for every row; nothing to resume.\n").arg(runId);
}

} // namespace salvo::cli
