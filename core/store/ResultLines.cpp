#include "ResultLines.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "Translate.h"
#include "result/ResultReader.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::ResultLines")

QByteArray digestOf(const QJsonObject &record)
{
    // Compact JSON of an object lists its keys sorted: the same record gives the same bytes.
    return QCryptographicHash::hash(QJsonDocument(record).toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha256);
}

} // namespace

ResultLines::ResultLines(QString path)
    : m_path(std::move(path))
    , m_name(QDir::toNativeSeparators(m_path))
    , m_file(m_path)
{ }

Expected<> ResultLines::open()
{
    if (QFileInfo(m_path).isDir())
        return Error{ErrorCode::CannotOpen,
                     tr("%1 is a folder, not a file of results.").arg(m_name)};
    if (!m_file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::CannotOpen,
                     tr("cannot read %1: %2.").arg(m_name, m_file.errorString())};
    return {};
}

std::optional<Expected<ResultLine>> ResultLines::next()
{
    while (!m_file.atEnd()) {
        QByteArray line = m_file.readLine();
        ++m_lineNumber;
        const bool cutShort = !line.endsWith('\n');
        if (line.trimmed().isEmpty())
            continue; // blank lines carry no result, wherever they are
        return readLine(line, m_lineNumber, cutShort && m_file.atEnd());
    }
    if (m_file.error() != QFileDevice::NoError)
        return Expected<ResultLine>(
                Error{ErrorCode::CannotOpen,
                      tr("cannot read %1: %2.").arg(m_name, m_file.errorString())});
    return std::nullopt;
}

Expected<ResultLine> ResultLines::readLine(const QByteArray &line, int lineNumber,
                                           bool cutShort) const
{
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parsed);
    if (parsed.error != QJsonParseError::NoError || !document.isObject()) {
        // A last line without its newline that opens an object is one whose writing stopped.
        if (cutShort && line.trimmed().startsWith('{'))
            return Error{ErrorCode::Input,
                         tr("the last line of %1 (line %2) is cut short: the run that wrote it "
                            "did not finish. Run it again, or its shard, and import the new "
                            "file.")
                                 .arg(m_name, QString::number(lineNumber))};
        if (lineNumber == 1)
            return Error{ErrorCode::Input,
                         tr("%1 is not what salvo-cli writes: its first line is not a JSON "
                            "object. Import reads salvo-cli's JSON Lines output (-f jsonl, its "
                            "default).")
                                 .arg(m_name)};
        return lineError(lineNumber, tr("it is not a JSON object"));
    }
    const QJsonObject record = document.object();
    Expected<Result> result = resultFromJson(record);
    if (!result)
        return lineError(lineNumber, result.error().message);
    Expected<std::optional<ShardTag>> tag = shardTagOf(record);
    if (!tag)
        return lineError(lineNumber, tag.error().message);
    return ResultLine{lineNumber, std::move(*result), *tag, digestOf(record)};
}

Error ResultLines::lineError(int lineNumber, const QString &why) const
{
    return Error{
            ErrorCode::Input,
            tr("line %1 of %2 is not a salvo-cli result: %3.").arg(lineNumber).arg(m_name, why)};
}

} // namespace salvo
