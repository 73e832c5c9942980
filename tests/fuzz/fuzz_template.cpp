// A URL template (the first line) and the ids that fill it (the rest).

#include "FuzzTarget.h"

#include <QHash>
#include <QString>

#include "batch/UrlTemplate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [firstLine, rest] = salvo::fuzz::splitFirstLine(salvo::fuzz::bytesOf(data, size));
    const QString written = QString::fromUtf8(firstLine);

    if (const auto urlTemplate = salvo::UrlTemplate::parse(written)) {
        const QString value = QString::fromUtf8(rest);
        QHash<QString, QString> values;
        for (const QString &name : urlTemplate->placeholderNames())
            values.insert(name, value);
        salvo::fuzz::require(urlTemplate->fill(values) == urlTemplate->fillAll(value),
                             "filling every placeholder alike matches filling them all");
    }

    if (const auto rows = salvo::expandIdList(written, rest))
        salvo::fuzz::checkRows(*rows);
    return 0;
}
