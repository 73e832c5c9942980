#include "CliImporter.h"

#include <QCoreApplication>
#include <QFileInfo>

#include "Translate.h"

namespace salvo::cli {
namespace {

SALVO_FILE_TR("salvo::cli")

// An import's name in the history when the batch is not known: the files it came from.
QString importName(const QStringList &files)
{
    const QString first = QFileInfo(files.constFirst()).fileName();
    if (files.size() == 1)
        return tr("%1 (imported)").arg(first);
    return tr("%1 and %2 more (imported)").arg(first).arg(files.size() - 1);
}

} // namespace

QString missingRowsText(const ImportPlan &plan)
{
    if (plan.missingCount == 0)
        return {};
    const QString rows = rowListText(plan.firstMissing, plan.missingCount);
    QString text = plan.missingCount == 1
            ? tr("1 row is in none of the files (%1).").arg(rows)
            : tr("%1 rows are in none of the files (%2).").arg(plan.missingCount).arg(rows);
    QStringList shards;
    for (const Shard &shard : plan.missingShards)
        shards.append(shardText(shard));
    if (!shards.isEmpty())
        text += tr(" No file is shard %1.").arg(shards.join(QStringLiteral(", ")));
    return text;
}

CliImporter::CliImporter(CliConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    m_out.open(stdout, QIODevice::WriteOnly);
    m_errors.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
}

CliImporter::~CliImporter() = default;

bool CliImporter::start()
{
    // A batch was given (--batch, --ids) when the options read one: then it is the run's.
    const std::optional<BatchSpec> knownBatch
            = m_config.input ? std::optional(m_config.batch) : std::nullopt;
    ImportPlan plan = planImport(m_config.importFiles, knownBatch);
    if (!mayImport(plan)) {
        m_exitCode = exitUsage;
        return false;
    }
    m_missingText = missingRowsText(plan);
    m_cancelledRows = plan.cancelledRows;
    m_resultCount = plan.sources.size();
    const ImportedRun run = importedRun(plan);
    m_importer = std::make_unique<RunImporter>(m_config.historyPath, std::move(plan), run);
    connect(m_importer.get(), &RunImporter::finished, this, &CliImporter::handleImported);
    m_importer->start();
    return true;
}

bool CliImporter::mayImport(const ImportPlan &plan)
{
    for (const QString &note : plan.notes)
        say(tr("salvo-cli: %1").arg(note));
    for (const QString &problem : plan.problems)
        say(tr("salvo-cli: %1").arg(problem));
    if (!plan.canImport()) {
        say(tr("salvo-cli: nothing was imported."));
        return false;
    }
    if (plan.missingCount > 0 && !m_config.input) {
        say(tr("salvo-cli: %1 Without the batch the files came from, the history could not "
               "request them again: give every file, or name that batch with --batch FILE (and "
               "--template, --ids as they were given) to keep an incomplete run that `salvo-cli "
               "resume` completes. Nothing was imported.")
                    .arg(missingRowsText(plan)));
        return false;
    }
    return true;
}

ImportedRun CliImporter::importedRun(const ImportPlan &plan) const
{
    ImportedRun run{.batchName
                    = m_config.input ? m_config.batchName : importName(m_config.importFiles),
                    .options = m_config.run,
                    .input = m_config.input};
    run.options.keepBodies = plan.bodiesKept;
    run.options.keepHeaders = plan.bodiesKept;
    run.options.verifyTls = !plan.certificatesUnchecked;
    return run;
}

void CliImporter::handleImported(qint64 runId, const QString &problem)
{
    if (runId == 0) {
        say(tr("salvo-cli: %1").arg(problem));
        m_exitCode = exitUsage;
        emit finished(m_exitCode);
        return;
    }
    m_out.write(QByteArray::number(runId) + '\n');
    m_out.flush();
    if (!m_config.quiet) {
        say(tr("salvo-cli: %1 imported from %2 into run %3.")
                    .arg(m_resultCount == 1 ? tr("1 result") : tr("%1 results").arg(m_resultCount))
                    .arg(m_config.importFiles.size() == 1
                                 ? tr("1 file")
                                 : tr("%1 files").arg(m_config.importFiles.size()))
                    .arg(runId));
    }
    const bool complete = m_missingText.isEmpty() && m_cancelledRows == 0;
    if (!complete)
        sayIncomplete(runId);
    m_exitCode = complete ? exitAllOk : exitSomeFailed;
    emit finished(m_exitCode);
}

void CliImporter::sayIncomplete(qint64 runId)
{
    if (!m_missingText.isEmpty())
        say(tr("salvo-cli: %1 Run %2 is kept incomplete; `salvo-cli resume %2` requests them.")
                    .arg(m_missingText)
                    .arg(runId));
    if (m_cancelledRows > 0) {
        // Without the batch, the history holds each row's address and method, not its headers
        // or body: the files do not have them.
        const QString asSent = m_config.input
                ? QString()
                : tr(" (with each row's address and method only: the files do not hold the "
                     "batch's headers or body; import with --batch to keep them)");
        say(tr("salvo-cli: %1 cancelled in the run that wrote them: run %2 keeps them without a "
               "result, and `salvo-cli resume %2` requests them%3.")
                    .arg(m_cancelledRows == 1 ? tr("1 row was")
                                              : tr("%1 rows were").arg(m_cancelledRows))
                    .arg(runId)
                    .arg(asSent));
    }
}

void CliImporter::say(const QString &line)
{
    m_errors.write(line.toUtf8() + '\n');
}

} // namespace salvo::cli
