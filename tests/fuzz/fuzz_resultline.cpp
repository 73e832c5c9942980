// A line of a file given to `salvo-cli import`, which may be anyone's: one that reads as a
// result (and its shard's tag) reads back the same once Salvo writes it again.

#include <QJsonDocument>
#include <QJsonObject>

#include "FuzzTarget.h"

#include "batch/Shard.h"
#include "result/ResultReader.h"
#include "result/ResultWriter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document
            = QJsonDocument::fromJson(salvo::fuzz::bytesOf(data, size).toByteArray());
    if (!document.isObject())
        return 0;
    const QJsonObject record = document.object();
    (void)salvo::shardTagOf(record);
    const salvo::Expected<salvo::Result> result = salvo::resultFromJson(record);
    if (!result)
        return 0;
    salvo::fuzz::require(result->index >= 0 && result->line >= 0, "rows read are numbered from 0");
    const QJsonObject written = salvo::resultToJson(*result, true);
    const salvo::Expected<salvo::Result> reread = salvo::resultFromJson(written);
    salvo::fuzz::require(reread.hasValue(), "a result Salvo wrote reads again");
    salvo::fuzz::require(salvo::resultToJson(*reread, true) == written,
                         "writing, reading and writing again gives the same record");
    return 0;
}
