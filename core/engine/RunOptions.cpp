#include "RunOptions.h"

#include <QJsonObject>
#include <QThread>

#include <algorithm>

namespace salvo {

RunOptions RunOptions::normalized() const
{
    RunOptions options = *this;
    options.concurrency = std::clamp(concurrency, 1, maxConcurrency);
    options.perHostConcurrency = std::clamp(perHostConcurrency, 1, maxPerHostConcurrency);
    if (options.engineThreads <= 0)
        options.engineThreads
                = std::clamp(QThread::idealThreadCount(), 1, maxAutomaticEngineThreads);
    // A thread with no slot would sit idle.
    options.engineThreads = std::clamp(options.engineThreads, 1, options.concurrency);
    options.deadline = std::max(deadline, Milliseconds(1));
    options.inactivity = std::max(inactivity, Milliseconds(1));
    options.retries = std::clamp(retries, 0, 100);
    options.maxRedirects = std::clamp(maxRedirects, 0, 100);
    options.maxBodyBytes = std::max<qint64>(maxBodyBytes, 0);
    // Anything slower than one request an hour, or not a number, is no limit at all.
    const auto rate = [](double perSecond) {
        return perSecond >= 1.0 / 3600 && perSecond <= maxRatePerSecond ? perSecond
                : perSecond > maxRatePerSecond                          ? maxRatePerSecond
                                                                        : 0.0;
    };
    options.ratePerSecond = rate(ratePerSecond);
    options.ratePerHostPerSecond = rate(ratePerHostPerSecond);
    return options;
}

QJsonObject runOptionsToJson(const RunOptions &options)
{
    return QJsonObject{
            {QStringLiteral("concurrency"), options.concurrency},
            {QStringLiteral("per_host_concurrency"), options.perHostConcurrency},
            {QStringLiteral("engine_threads"), options.engineThreads},
            {QStringLiteral("deadline_ms"), qint64(options.deadline.count())},
            {QStringLiteral("inactivity_ms"), qint64(options.inactivity.count())},
            {QStringLiteral("retries"), options.retries},
            {QStringLiteral("retry_base_delay_ms"), qint64(options.retryBaseDelay.count())},
            {QStringLiteral("retry_max_delay_ms"), qint64(options.retryMaxDelay.count())},
            {QStringLiteral("follow_redirects"), options.followRedirects},
            {QStringLiteral("max_redirects"), options.maxRedirects},
            {QStringLiteral("max_body_bytes"), options.maxBodyBytes},
            {QStringLiteral("keep_bodies"), options.keepBodies},
            {QStringLiteral("keep_headers"), options.keepHeaders},
            {QStringLiteral("verify_tls"), options.verifyTls},
            {QStringLiteral("keep_cookies"), options.keepCookies},
            {QStringLiteral("rate_per_second"), options.ratePerSecond},
            {QStringLiteral("rate_per_host_per_second"), options.ratePerHostPerSecond},
            {QStringLiteral("yield_to_caller"), options.yieldToCaller},
    };
}

RunOptions runOptionsFromJson(const QJsonObject &json)
{
    RunOptions options;
    auto readInt = [&](const char *key, int &field) {
        field = json.value(QLatin1String(key)).toInt(field);
    };
    auto readInt64 = [&](const char *key, qint64 &field) {
        field = json.value(QLatin1String(key)).toInteger(field);
    };
    auto readMs = [&](const char *key, Milliseconds &field) {
        field = Milliseconds(json.value(QLatin1String(key)).toInteger(field.count()));
    };
    auto readBool = [&](const char *key, bool &field) {
        field = json.value(QLatin1String(key)).toBool(field);
    };
    readInt("concurrency", options.concurrency);
    readInt("per_host_concurrency", options.perHostConcurrency);
    readInt("engine_threads", options.engineThreads);
    readMs("deadline_ms", options.deadline);
    readMs("inactivity_ms", options.inactivity);
    readInt("retries", options.retries);
    readMs("retry_base_delay_ms", options.retryBaseDelay);
    readMs("retry_max_delay_ms", options.retryMaxDelay);
    readBool("follow_redirects", options.followRedirects);
    readInt("max_redirects", options.maxRedirects);
    readInt64("max_body_bytes", options.maxBodyBytes);
    readBool("keep_bodies", options.keepBodies);
    readBool("keep_headers", options.keepHeaders);
    readBool("verify_tls", options.verifyTls);
    readBool("keep_cookies", options.keepCookies);
    options.ratePerSecond = json.value(QLatin1String("rate_per_second")).toDouble(0);
    options.ratePerHostPerSecond
            = json.value(QLatin1String("rate_per_host_per_second")).toDouble(0);
    readBool("yield_to_caller", options.yieldToCaller);
    return options;
}

} // namespace salvo
