#pragma once

// What every fuzz target shares: the libFuzzer entry point, a way to split one input into
// parts, and the checks that hold for any input, whoever wrote it.

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArrayView>
#include <QList>

#include "batch/BatchSpec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace salvo::fuzz {

inline QByteArrayView bytesOf(const uint8_t *data, size_t size)
{
    return {reinterpret_cast<const char *>(data), qsizetype(size)};
}

// The first line and the rest: a target that needs two inputs (a URL template and its ids)
// takes them from one.
struct FirstLineAndRest
{
    QByteArrayView firstLine;
    QByteArrayView rest;
};

inline FirstLineAndRest splitFirstLine(QByteArrayView input)
{
    const qsizetype end = input.indexOf('\n');
    if (end < 0)
        return {input, {}};
    return {input.first(end), input.sliced(end + 1)};
}

// A broken promise is a crash, so that libFuzzer keeps the input that broke it.
[[noreturn]] inline void fail(const char *promise)
{
    std::fprintf(stderr, "fuzz check failed: %s\n", promise);
    std::abort();
}

inline void require(bool kept, const char *promise)
{
    if (!kept)
        fail(promise);
}

// Every row either goes out to an http(s) address or carries its error in words.
inline void checkRows(const QList<RequestSpec> &rows)
{
    int previousLine = 0;
    for (const RequestSpec &row : rows) {
        require(row.line > previousLine, "rows keep the order of their lines");
        previousLine = row.line;
        if (row.isRunnable()) {
            require(row.url.isValid(), "a runnable row has a valid address");
            const QString scheme = row.url.scheme();
            require(scheme == u"http" || scheme == u"https", "only http and https are fetched");
            require(!row.url.host().isEmpty(), "a runnable row names a host");
        } else {
            require(!row.inputErrorMessage.isEmpty(), "a refused row says why in words");
        }
    }
}

} // namespace salvo::fuzz
