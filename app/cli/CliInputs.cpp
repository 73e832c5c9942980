#include "CliInputs.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <utility>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

#include "Translate.h"
#include "batch/BatchInput.h"
#include "import/ImportedBatch.h"
#include "network/RunAccess.h"
#include "session/SavedBatch.h"
#include "store/ResumePlan.h"

namespace salvo::cli {
namespace {

SALVO_FILE_TR("salvo::cli")

struct InputText
{
    QString name;
    QByteArray data;
};

Expected<InputText> readInput(const QString &path, const std::function<QByteArray()> &standardInput)
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

bool isSavedBatch(const QString &path)
{
    return QFileInfo(path).suffix().compare(QLatin1String(savedBatchSuffix), Qt::CaseInsensitive)
            == 0;
}

// --data: the body as given, or @FILE's contents.
Expected<> readBody(const RunInputs &inputs, CliConfig &config)
{
    if (!inputs.data)
        return {};
    if (!inputs.data->startsWith(u'@')) {
        config.batch.body = inputs.data->toUtf8();
        return {};
    }
    const QString path = inputs.data->mid(1);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usageError(tr("cannot read %1: %2.").arg(path, file.errorString()));
    config.batch.body = file.readAll();
    config.inputFiles.append(path);
    return {};
}

// The inputs to read, --ids last; the files among them are added to those the run reads.
Expected<QStringList> inputPaths(const RunInputs &inputs, CliConfig &config)
{
    if (inputs.idsPath && inputs.urlTemplate.isEmpty())
        return usageError(tr("--ids needs --template to say where each id goes."));
    QStringList paths = inputs.paths;
    if (inputs.idsPath)
        paths.append(*inputs.idsPath);
    if (paths.isEmpty())
        return usageError(
                tr("no input: give a file of URLs, a .csv file, or - for standard input."));
    if (paths.count(QStringLiteral("-")) > 1)
        return usageError(tr("standard input (-) can be read only once."));
    for (const QString &path : std::as_const(paths)) {
        if (path != u"-")
            config.inputFiles.append(path);
    }
    return paths;
}

// A saved batch's request with what the command line gave laid over it; a header given on
// the command line replaces the saved one of that name.
BatchSpec requestOver(BatchSpec saved, const BatchSpec &given, const RunInputs &inputs)
{
    if (inputs.methodGiven || inputs.data)
        saved.method = given.method;
    if (inputs.data)
        saved.body = given.body;
    saved.headers = withHeadersReplaced(std::move(saved.headers), given.headers);
    return saved;
}

// A notice for each secret header the saved batch names without a value that was not given
// on the command line either: it is not sent.
QStringList withheldHeaderNotices(const QString &inputName, const QList<QByteArray> &withheld,
                                  const HeaderList &sent)
{
    QStringList notices;
    for (const QByteArray &name : withheld) {
        const bool given = std::any_of(sent.cbegin(), sent.cend(), [&name](const auto &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (!given)
            notices.append(tr("%1 names the header %2, whose value saved batches do "
                              "not keep: it is not sent. Give it with -H \"%2: ...\".")
                                   .arg(inputName, QString::fromLatin1(name)));
    }
    return notices;
}

// A saved batch's options, with the pace and output options of the command line over them.
RunOptions optionsOver(const RunOptions &saved, const CliConfig &config, const RunInputs &inputs)
{
    RunOptions options = config.overrides.over(saved);
    options.keepBodies = config.run.keepBodies;
    options.keepHeaders = config.run.keepHeaders;
    if (inputs.maxBodyGiven)
        options.maxBodyBytes = config.run.maxBodyBytes;
    if (inputs.noFollow)
        options.followRedirects = false;
    if (inputs.insecure)
        options.verifyTls = false;
    return options;
}

Expected<> loadSavedBatch(CliConfig &config, const RunInputs &inputs, const QStringList &paths,
                          const std::function<QByteArray()> &standardInput)
{
    if (paths.size() > 1 || !inputs.urlTemplate.isEmpty())
        return usageError(tr("a saved batch (.salvo) runs on its own: give it as the only "
                             "input, without --template or --ids."));
    const Expected<InputText> input = readInput(paths.constFirst(), standardInput);
    if (!input)
        return input.error();
    const Expected<SavedBatch> saved = readSavedBatch(input->data);
    if (!saved)
        return usageError(tr("%1: %2").arg(input->name, saved.error().message));
    Expected<BatchSpec> spec = buildBatch(saved->input, config.environment);
    if (!spec)
        return usageError(tr("%1: %2").arg(input->name, spec.error().message));
    config.batch = requestOver(std::move(*spec), config.batch, inputs);
    config.notices.append(
            withheldHeaderNotices(input->name, saved->withheldHeaders, config.batch.headers));
    config.run = optionsOver(saved->options, config, inputs);
    config.input = saved->input;
    config.batchName
            = saved->name.isEmpty() ? QFileInfo(paths.constFirst()).fileName() : saved->name;
    return {};
}

// curl commands or a HAR file, as a table of their requests (importedBatch); the history keeps
// the table, so a resume sends each row as it was imported.
Expected<> loadImport(CliConfig &config, const RunInputs &inputs, const QString &path,
                      const InputText &input, ImportKind kind)
{
    if (!inputs.urlTemplate.isEmpty() || inputs.idsPath)
        return usageError(tr("%1 is read as requests of their own: give it without --template or "
                             "--ids.")
                                  .arg(input.name));
    ImportedRequests imported = importAs(kind, input.data);
    const qsizetype noticesBefore = config.notices.size();
    for (const SkippedItem &skipped : imported.skipped)
        config.notices.append(
                tr("%1: %2 was skipped: %3.").arg(input.name, skipped.where, skipped.reason));
    for (const QString &warning : imported.warnings)
        config.notices.append(tr("%1: %2").arg(input.name, warning));
    if (imported.requests.isEmpty()) { // what was skipped, and why, is the whole answer
        QStringList why = config.notices.mid(noticesBefore);
        why.append(tr("%1 has no request to send.").arg(input.name));
        return usageError(why.join(u'\n'));
    }
    // The history keeps the requests whole: a resume needs no collection's variables.
    fillImportedVariables(imported, config.environment);
    if (imported.signIn.kind != SignInKind::None) {
        const Expected<> complete = checkSignIn(imported.signIn);
        if (config.access.signIn.kind != SignInKind::None)
            config.notices.append(
                    tr("%1: its sign-in is replaced by the command line's.").arg(input.name));
        else if (complete)
            config.access.signIn = imported.signIn;
        else // the description names the way, the secret is the person's
            config.notices.append(tr("%1: the requests are sent without its sign-in: %2 Give it "
                                     "with -u, --bearer, --api-key or --client-id.")
                                          .arg(input.name, complete.error().message));
    }
    BatchInput batchInput = importedBatch(imported);
    Expected<BatchSpec> spec = buildBatch(batchInput, config.environment);
    if (!spec)
        return usageError(tr("%1: %2").arg(input.name, spec.error().message));
    config.batch = requestOver(std::move(*spec), config.batch, inputs);
    config.input = std::move(batchInput);
    config.batchName = QFileInfo(path).fileName();
    return {};
}

// Lists, CSV files and id lists, read as one batch; the history keeps them one after the other.
Expected<> loadBatchFiles(CliConfig &config, const RunInputs &inputs, const QStringList &paths,
                          const std::function<Expected<InputText>(const QString &)> &read)
{
    const bool hasTemplate = !inputs.urlTemplate.isEmpty();
    BatchSpec &batch = config.batch;
    BatchInput kept{.kind = inputKindForFile(paths.constFirst(), hasTemplate),
                    .urlTemplate = inputs.urlTemplate,
                    .data = {},
                    .method = batch.method,
                    .headers = batch.headers,
                    .body = batch.body};
    for (const QString &path : paths) {
        const Expected<InputText> input = read(path);
        if (!input)
            return input.error();
        const Expected<BatchRows> rows
                = parseBatchInput(inputKindForFile(path, hasTemplate), input->data,
                                  inputs.urlTemplate, config.environment);
        if (!rows)
            return usageError(tr("%1: %2").arg(input->name, rows.error().message));
        batch.rows.append(*rows);
        // One input is kept as it is, its bytes shared with its rows (LineRows).
        if (kept.data.isEmpty()) {
            kept.data = input->data;
            continue;
        }
        if (!kept.data.endsWith('\n'))
            kept.data += '\n';
        kept.data += input->data;
    }
    const QString idTemplate = kept.kind == InputKind::IdList
            ? withEnvironment(inputs.urlTemplate, config.environment)
            : QString();
    if (Expected<> filled = fillOrRefuseVariables(batch, kept.data, config.environment, idTemplate);
        !filled)
        return usageError(filled.error().message);
    config.input = std::move(kept);
    config.batchName = namesOf(paths);
    return {};
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

} // namespace

Expected<> loadRunInputs(CliConfig &config, const RunInputs &inputs,
                         const std::function<QByteArray()> &standardInput)
{
    if (Expected<> body = readBody(inputs, config); !body)
        return body;
    if (config.sample) // its batch comes from the sample API, once it listens
        return {};
    const Expected<QStringList> paths = inputPaths(inputs, config);
    if (!paths)
        return paths.error();
    if (std::any_of(paths->cbegin(), paths->cend(), isSavedBatch))
        return loadSavedBatch(config, inputs, *paths, standardInput);
    std::optional<ImportKind> kind = importKindFromName(inputs.from);
    if (!inputs.from.isEmpty() && !kind)
        return usageError(tr("--from takes %1, not \"%2\".").arg(importKindNames(), inputs.from));
    if (paths->size() > 1) {
        if (kind)
            return usageError(tr("--from reads one input at a time."));
        return loadBatchFiles(config, inputs, *paths, [&standardInput](const QString &path) {
            return readInput(path, standardInput);
        });
    }
    // One input: read once, and looked at for what it is.
    const Expected<InputText> input = readInput(paths->constFirst(), standardInput);
    if (!input)
        return input.error();
    if (!kind)
        kind = recognizeImport(input->data);
    if (kind)
        return loadImport(config, inputs, paths->constFirst(), *input, *kind);
    return loadBatchFiles(config, inputs, *paths, [&input](const QString &) { return input; });
}

Expected<> refuseOverwritingInputs(const CliConfig &config)
{
    if (config.outputPath.isEmpty() || config.outputPath == u"-")
        return {};
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
    return {};
}

} // namespace salvo::cli
