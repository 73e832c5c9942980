#include "RetryPolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace salvo {

bool isRetryable(const Result &result)
{
    switch (result.error) {
    case ErrorKind::ConnectionRefused:
    case ErrorKind::ConnectionReset:
    case ErrorKind::Timeout:
        return true;
    case ErrorKind::None:
        return result.status == 429 || result.status == 503;
    default:
        return false;
    }
}

std::optional<Milliseconds> retryAfterDelay(QByteArrayView header, const QDateTime &now)
{
    const QString text = QString::fromLatin1(header).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt
                           : std::optional(Milliseconds(std::min<qint64>(seconds, 86'400) * 1000));

    // Qt 6.4's RFC2822Date parser refuses the "GMT" every HTTP-date ends with.
    QDateTime when
            = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    return Milliseconds(std::max<qint64>(now.msecsTo(when), 0));
}

Milliseconds retryDelay(const RunOptions &options, int attempt,
                        std::optional<Milliseconds> retryAfter, double unitRandom)
{
    const double ceilingMs = std::min(double(options.retryBaseDelay.count())
                                              * std::pow(2.0, std::max(attempt - 1, 0)),
                                      double(options.retryMaxDelay.count()));
    // Jitter over the upper half, so retries of many rows do not arrive together.
    const auto backoff = Milliseconds(
            qint64(ceilingMs / 2 + ceilingMs / 2 * std::clamp(unitRandom, 0.0, 1.0)));
    const Milliseconds asked
            = std::min(retryAfter.value_or(Milliseconds(0)), options.retryMaxDelay);
    return std::max(backoff, asked);
}

} // namespace salvo
