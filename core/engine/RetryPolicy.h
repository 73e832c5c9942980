#pragma once

#include <QByteArrayView>
#include <QDateTime>

#include <optional>

#include "RunOptions.h"
#include "result/Result.h"

namespace salvo {

// Whether a finished attempt is worth another: a refused or reset connection, a timeout,
// or an answer of 429 (too many requests) or 503 (unavailable).
bool isRetryable(const Result &result);

// How long a Retry-After header asks to wait: delta-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT"), measured from `now`. Nothing when it cannot be read.
std::optional<Milliseconds> retryAfterDelay(QByteArrayView header, const QDateTime &now);

// The wait before attempt `attempt + 1`: exponential backoff from options.retryBaseDelay
// with jitter over its upper half, or what Retry-After asks if that is longer, never more
// than options.retryMaxDelay. `unitRandom` is uniform in [0, 1).
Milliseconds retryDelay(const RunOptions &options, int attempt,
                        std::optional<Milliseconds> retryAfter, double unitRandom);

} // namespace salvo
