#include "Shard.h"

#include <QCoreApplication>
#include <QJsonValue>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::Shard")

const QString shardKey = QStringLiteral("shard");
const QString inputRowsKey = QStringLiteral("input_rows");

std::optional<int> wholeNumber(QStringView text)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

} // namespace

QString shardText(Shard shard)
{
    return QStringLiteral("%1/%2").arg(shard.index).arg(shard.count);
}

Expected<Shard> shardFromText(QStringView text)
{
    const qsizetype slash = text.indexOf(u'/');
    const std::optional<int> index = slash > 0 ? wholeNumber(text.left(slash)) : std::nullopt;
    const std::optional<int> count = slash > 0 ? wholeNumber(text.mid(slash + 1)) : std::nullopt;
    if (!index || !count)
        return inputError(tr("a shard is written I/N, two whole numbers such as 0/4 (the first of "
                             "four slices), not \"%1\".")
                                  .arg(text));
    if (*count < 1)
        return inputError(tr("in \"%1\" the number of shards (N) is %2; it must be 1 or more.")
                                  .arg(text)
                                  .arg(*count));
    if (*index < 0 || *index >= *count)
        return inputError(tr("in \"%1\" the shard (I) is %2, but shards count from 0: with %3 of "
                             "them, I goes from 0 to %4.")
                                  .arg(text)
                                  .arg(*index)
                                  .arg(*count)
                                  .arg(*count - 1));
    return Shard{*index, *count};
}

QList<int> shardRows(int rowCount, Shard shard)
{
    QList<int> rows;
    if (shard.count < 1 || shard.index < 0 || shard.index >= rowCount)
        return rows;
    // In 64 bits: a count near INT_MAX would overflow the rounding up.
    rows.reserve(qsizetype((qint64(rowCount) - shard.index + shard.count - 1) / shard.count));
    for (qint64 row = shard.index; row < rowCount; row += shard.count)
        rows.append(int(row));
    return rows;
}

ShardSelection selectShard(const BatchSpec &whole, Shard shard)
{
    ShardSelection selection{.batch = whole, .inputRows = shardRows(int(whole.rows.size()), shard)};
    // A view on the whole batch's rows: each is read only when the engine takes it.
    selection.batch.rows = whole.rows.picked(selection.inputRows);
    return selection;
}

QJsonObject shardTagFields(const ShardTag &tag)
{
    return {{shardKey, shardText(tag.shard)}, {inputRowsKey, tag.inputRows}};
}

Expected<std::optional<ShardTag>> shardTagOf(const QJsonObject &record)
{
    const QJsonValue shard = record.value(shardKey);
    const QJsonValue inputRows = record.value(inputRowsKey);
    if (shard.isUndefined() && inputRows.isUndefined())
        return std::optional<ShardTag>();
    const Expected<Shard> read = shardFromText(shard.toString());
    if (!shard.isString() || !read)
        return Error{ErrorCode::Other, tr("its \"shard\" is not written I/N")};
    if (!inputRows.isDouble() || inputRows.toInteger(-1) <= read->index)
        return Error{ErrorCode::Other,
                     tr("its \"input_rows\" is not the number of rows its shard came from")};
    return std::optional(ShardTag{*read, int(inputRows.toInteger())});
}

} // namespace salvo
