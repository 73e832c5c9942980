#pragma once

// Splitting one batch across machines (salvo-cli --shard I/N): which input rows a shard
// requests, and the tag a shard's output carries so that `salvo-cli import` can put the
// shards back together. The only place that knows how rows are dealt out to shards.

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

#include "BatchSpec.h"
#include "Expected.h"

namespace salvo {

// Slice `index` of `count`: index counts from 0, as Kubernetes' JOB_COMPLETION_INDEX does.
struct Shard
{
    int index = 0;
    int count = 1;

    friend bool operator==(const Shard &, const Shard &) = default;
};

// "1/4", as --shard takes it.
QString shardText(Shard shard);
// Reads "I/N"; an error in plain words when it is not two whole numbers with 0 <= I < N.
Expected<Shard> shardFromText(QStringView text);

// The input rows of a batch of rowCount rows that belong to the shard, ascending: interleaved,
// I, I+N, I+2N, ..., so every shard meets every part of the list (the slow hosts at its end
// too) and the shards' sizes differ by one row at most.
QList<int> shardRows(int rowCount, Shard shard);

// The shard's part of a whole batch: its rows, and which input row each is (RunRequest's
// inputRows), so every result keeps the index and line it has in the whole input.
struct ShardSelection
{
    BatchSpec batch;
    QList<int> inputRows;
};
ShardSelection selectShard(const BatchSpec &whole, Shard shard);

// What every JSON record of a shard's output carries besides the result: "shard" ("1/4") and
// "input_rows" (the rows of the whole input), so an import can tell a missing shard from a
// short input, and shards of one batch from shards of another.
struct ShardTag
{
    Shard shard;
    int inputRows = 0;

    friend bool operator==(const ShardTag &, const ShardTag &) = default;
};
QJsonObject shardTagFields(const ShardTag &tag);
// Nothing when the record has no tag (a run that was not sharded); an error in words when its
// tag is not one salvo-cli writes ("its \"shard\" is not written I/N", to follow "this line
// is not a result:").
Expected<std::optional<ShardTag>> shardTagOf(const QJsonObject &record);

} // namespace salvo
