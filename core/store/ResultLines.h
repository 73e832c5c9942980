#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <optional>

#include "Expected.h"
#include "batch/Shard.h"
#include "result/Result.h"

namespace salvo {

// One line of salvo-cli's JSON Lines output, read back.
struct ResultLine
{
    int lineNumber = 0; // 1-based, in its file
    Result result;
    std::optional<ShardTag> tag; // the shard that wrote it, when one did
    // A hash of the whole record, run_id included: two copies of one line compare equal, and
    // two runs of one row (other times, another run id) do not.
    QByteArray digest;
};

// Reads a file salvo-cli wrote with -f jsonl (its default) one result at a time, for
// `salvo-cli import`. Every way a file can fail to be that output has a sentence naming the
// file, and the line where it applies: unreadable, empty, not JSON Lines, a line that is not
// a salvo-cli result, or a last line cut short (the run that wrote it did not finish).
class ResultLines final
{
    Q_DISABLE_COPY_MOVE(ResultLines)

public:
    explicit ResultLines(QString path);

    Expected<> open();
    // The next result; nothing at the end of the file; an error ends the reading.
    std::optional<Expected<ResultLine>> next();
    const QString &path() const { return m_path; }

private:
    Error lineError(int lineNumber, const QString &why) const;
    Expected<ResultLine> readLine(const QByteArray &line, int lineNumber, bool cutShort) const;

    QString m_path;
    QString m_name; // the path as said in messages
    QFile m_file;
    int m_lineNumber = 0;
};

} // namespace salvo
