#include "RunDefaults.h"

#include <algorithm>

#include <QSettings>
#include <QString>
#include <QUrl>
#include <QVariant>

namespace salvo {
namespace {

// Keys under the "defaults" group. Times are whole seconds, as the dialog shows them.
constexpr auto concurrencyKey = QLatin1StringView("defaults/concurrency");
constexpr auto perHostKey = QLatin1StringView("defaults/perHost");
constexpr auto timeoutKey = QLatin1StringView("defaults/timeoutSeconds");
constexpr auto inactivityKey = QLatin1StringView("defaults/inactivitySeconds");
constexpr auto retriesKey = QLatin1StringView("defaults/retries");
constexpr auto followRedirectsKey = QLatin1StringView("defaults/followRedirects");
constexpr auto maxRedirectsKey = QLatin1StringView("defaults/maxRedirects");
constexpr auto maxBodyBytesKey = QLatin1StringView("defaults/maxBodyBytes");
constexpr auto keepBodiesKey = QLatin1StringView("defaults/keepBodies");
constexpr auto verifyTlsKey = QLatin1StringView("defaults/verifyTls");
constexpr auto keepCookiesKey = QLatin1StringView("defaults/keepCookies");
constexpr auto rateKey = QLatin1StringView("defaults/ratePerSecond");
constexpr auto ratePerHostKey = QLatin1StringView("defaults/ratePerHostPerSecond");

// An INI file gives every value back as a string, a registry or plist as a number: both
// read, anything else (a list, "lots", an overflow) is `fallback`.
qint64 readNumber(const QSettings &settings, QLatin1StringView key, qint64 fallback, qint64 minimum,
                  qint64 maximum)
{
    const QVariant value = settings.value(key);
    if (!value.isValid())
        return fallback;
    bool ok = false;
    qint64 number = 0;
    if (value.typeId() == QMetaType::QString)
        number = value.toString().trimmed().toLongLong(&ok);
    else if (value.canConvert<qint64>())
        number = value.toLongLong(&ok);
    return ok ? std::clamp(number, minimum, maximum) : fallback;
}

// QVariant reads every non-empty string but "0" and "false" as true, even "no" and "off";
// only clear words count here, anything else is `fallback`.
bool readBool(const QSettings &settings, QLatin1StringView key, bool fallback)
{
    const QVariant value = settings.value(key);
    if (value.typeId() == QMetaType::Bool)
        return value.toBool();
    const QString text = value.toString().trimmed().toLower();
    if (text == u"true" || text == u"1" || text == u"yes" || text == u"on")
        return true;
    if (text == u"false" || text == u"0" || text == u"no" || text == u"off")
        return false;
    return fallback;
}

// Requests a second: 0 (no limit) when missing or unreadable.
double readRate(const QSettings &settings, QLatin1StringView key)
{
    bool ok = false;
    const double rate = settings.value(key).toString().trimmed().toDouble(&ok);
    return ok ? std::clamp(rate, 0.0, maxDefaultRate) : 0.0;
}

// Rounded up, so a saved timeout is never shorter than the one in use.
qint64 wholeSeconds(Milliseconds duration)
{
    const qint64 ms = duration.count();
    return ms / 1000 + (ms % 1000 > 0 ? 1 : 0);
}

Milliseconds fromSeconds(qint64 seconds)
{
    return Milliseconds(seconds * 1000);
}

} // namespace

RunOptions clampedRunDefaults(RunOptions options)
{
    options.concurrency = std::clamp(options.concurrency, 1, RunOptions::maxConcurrency);
    options.perHostConcurrency
            = std::clamp(options.perHostConcurrency, 1, RunOptions::maxPerHostConcurrency);
    options.deadline = fromSeconds(std::clamp<qint64>(wholeSeconds(options.deadline),
                                                      minDefaultSeconds, maxDefaultSeconds));
    options.inactivity = fromSeconds(std::clamp<qint64>(wholeSeconds(options.inactivity),
                                                        minDefaultSeconds, maxDefaultSeconds));
    options.retries = std::clamp(options.retries, 0, maxDefaultRetries);
    options.maxRedirects = std::clamp(options.maxRedirects, 0, maxDefaultRedirects);
    options.maxBodyBytes = std::clamp<qint64>(options.maxBodyBytes, 0, maxDefaultBodyBytes);
    options.ratePerSecond = std::clamp(options.ratePerSecond, 0.0, maxDefaultRate);
    options.ratePerHostPerSecond = std::clamp(options.ratePerHostPerSecond, 0.0, maxDefaultRate);
    return options;
}

RunOptions loadRunDefaults(const QSettings &settings)
{
    const RunOptions factory;
    RunOptions options;
    options.concurrency = int(readNumber(settings, concurrencyKey, factory.concurrency, 1,
                                         RunOptions::maxConcurrency));
    options.perHostConcurrency = int(readNumber(settings, perHostKey, factory.perHostConcurrency, 1,
                                                RunOptions::maxPerHostConcurrency));
    options.deadline = fromSeconds(readNumber(settings, timeoutKey, wholeSeconds(factory.deadline),
                                              minDefaultSeconds, maxDefaultSeconds));
    options.inactivity
            = fromSeconds(readNumber(settings, inactivityKey, wholeSeconds(factory.inactivity),
                                     minDefaultSeconds, maxDefaultSeconds));
    options.retries = int(readNumber(settings, retriesKey, factory.retries, 0, maxDefaultRetries));
    options.followRedirects = readBool(settings, followRedirectsKey, factory.followRedirects);
    options.maxRedirects = int(
            readNumber(settings, maxRedirectsKey, factory.maxRedirects, 0, maxDefaultRedirects));
    options.maxBodyBytes
            = readNumber(settings, maxBodyBytesKey, factory.maxBodyBytes, 0, maxDefaultBodyBytes);
    options.keepBodies = readBool(settings, keepBodiesKey, factory.keepBodies);
    options.verifyTls = readBool(settings, verifyTlsKey, factory.verifyTls);
    options.keepCookies = readBool(settings, keepCookiesKey, factory.keepCookies);
    options.ratePerSecond = readRate(settings, rateKey);
    options.ratePerHostPerSecond = readRate(settings, ratePerHostKey);
    return options;
}

void saveRunDefaults(QSettings &settings, const RunOptions &options)
{
    const RunOptions stored = clampedRunDefaults(options);
    settings.setValue(concurrencyKey, stored.concurrency);
    settings.setValue(perHostKey, stored.perHostConcurrency);
    settings.setValue(timeoutKey, wholeSeconds(stored.deadline));
    settings.setValue(inactivityKey, wholeSeconds(stored.inactivity));
    settings.setValue(retriesKey, stored.retries);
    settings.setValue(followRedirectsKey, stored.followRedirects);
    settings.setValue(maxRedirectsKey, stored.maxRedirects);
    settings.setValue(maxBodyBytesKey, stored.maxBodyBytes);
    settings.setValue(keepBodiesKey, stored.keepBodies);
    settings.setValue(verifyTlsKey, stored.verifyTls);
    settings.setValue(keepCookiesKey, stored.keepCookies);
    settings.setValue(rateKey, QString::number(stored.ratePerSecond));
    settings.setValue(ratePerHostKey, QString::number(stored.ratePerHostPerSecond));
}

RetentionPolicy loadRetention(const QSettings &settings)
{
    const auto limit = [&](const QString &key, int maximum) {
        bool ok = false;
        const int value = settings.value(key).toInt(&ok);
        return ok && value > 0 ? std::min(value, maximum) : 0;
    };
    return {limit(QStringLiteral("history/keepRuns"), maxRetentionRuns),
            limit(QStringLiteral("history/keepDays"), maxRetentionDays)};
}

void saveRetention(QSettings &settings, const RetentionPolicy &policy)
{
    settings.setValue(QStringLiteral("history/keepRuns"),
                      std::clamp(policy.keepRuns, 0, maxRetentionRuns));
    settings.setValue(QStringLiteral("history/keepDays"),
                      std::clamp(policy.keepDays, 0, maxRetentionDays));
}

NotifySettings loadNotifySettings(const QSettings &settings)
{
    NotifySettings notify;
    notify.desktop = settings.value(QStringLiteral("notify/desktop"), true).toBool();
    const QString url = settings.value(QStringLiteral("notify/webhook")).toString().trimmed();
    // A value edited by hand into something else is not used rather than posted to.
    notify.webhookUrl = isWebhookUrl(url) ? url : QString();
    return notify;
}

void saveNotifySettings(QSettings &settings, const NotifySettings &notify)
{
    settings.setValue(QStringLiteral("notify/desktop"), notify.desktop);
    settings.setValue(QStringLiteral("notify/webhook"), notify.webhookUrl.trimmed());
}

bool isWebhookUrl(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    return parsed.isValid() && (parsed.scheme() == u"http" || parsed.scheme() == u"https")
            && !parsed.host().isEmpty();
}

} // namespace salvo
