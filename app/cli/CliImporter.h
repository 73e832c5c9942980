#pragma once

#include <QFile>
#include <QObject>

#include <memory>

#include "CliOptions.h"
#include "store/ImportPlan.h"
#include "store/RunImporter.h"

namespace salvo::cli {

// `salvo-cli import FILE...`: reads salvo-cli's JSON Lines outputs (ImportPlan), says on
// standard error what was wrong with them or worth knowing, writes them into the history as
// one run (RunImporter) and prints its id on standard output. finished() gives the exit code:
// 0 when every row has its result, 1 when the run is kept incomplete (rows missing or
// cancelled, for `salvo-cli resume`), 2 when nothing was imported.
class CliImporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliImporter)

public:
    explicit CliImporter(CliConfig config, QObject *parent = nullptr);
    ~CliImporter() override;

    // False, with exitCode() set, when the files say nothing may be imported.
    bool start();
    int exitCode() const { return m_exitCode; }
    // See CliRunner::leftStoreBehind.
    bool leftStoreBehind() const { return m_importer && m_importer->leftStoreBehind(); }

signals:
    void finished(int exitCode);

private:
    void handleImported(qint64 runId, const QString &problem);
    // Whether the plan may be written; says why not.
    bool mayImport(const ImportPlan &plan);
    ImportedRun importedRun(const ImportPlan &plan) const;
    void sayIncomplete(qint64 runId);
    void say(const QString &line);

    CliConfig m_config;
    std::unique_ptr<RunImporter> m_importer;
    QFile m_out;
    QFile m_errors;
    QString m_missingText; // the rows no file holds, in words; empty: none
    int m_cancelledRows = 0;
    qsizetype m_resultCount = 0;
    int m_exitCode = exitAllOk;
};

// The rows an import's files do not hold, in words ("4 rows are in none of the files (rows 3,
// 7, 11, 15); no file is shard 3/4."); empty when every row is there.
QString missingRowsText(const ImportPlan &plan);

} // namespace salvo::cli
