#pragma once

// core/desktop owns the services the window needs and no widget does, in a library that links
// no Widgets (salvo_desktop), so they are tested without a screen: the person's preferences
// (RunDefaults), the keychain (SecretKeeper), batch files, past runs read for the table, and
// the scheduled re-checks.

#include <QtGlobal>

#include "engine/RunOptions.h"
#include "store/HistoryMaintenance.h"

class QSettings;

namespace salvo {

// Ranges a stored default is held to. Where the run bar has a box for the value they are the
// box's range, so a default always fits it; elsewhere the engine's own (RunOptions::normalized).
inline constexpr int minDefaultSeconds = 1;
inline constexpr int maxDefaultSeconds = 3600; // RunControls' timeout box
inline constexpr int maxDefaultRetries = 10; // RunControls' retries box
inline constexpr int maxDefaultRedirects = 100;
// The engine has no upper limit; a default above 1 GiB per answer is almost surely a typo.
inline constexpr qint64 maxDefaultBodyBytes = qint64(1) << 30;
// Requests a second, overall and per host (0: no limit): the Settings dialog's boxes.
inline constexpr double maxDefaultRate = 10'000;

// The defaults stored under the "defaults" group. A missing or unreadable value falls back
// to RunOptions' own; a number outside its range is clamped into it (a newer Salvo may allow
// more, and its nearest limit is closer to what was meant than the factory value). Fields
// not stored (threads, retry delays, yieldToCaller...) are RunOptions' own.
RunOptions loadRunDefaults(const QSettings &settings);
void saveRunDefaults(QSettings &settings, const RunOptions &options);

// `options` with every stored field held to the ranges above; the rest is untouched.
RunOptions clampedRunDefaults(RunOptions options);

// How much of the history to keep, under the "history" group: everything unless the person
// chose a number of runs or of days (0 or a missing value: no limit; above the maximum:
// held to it).
inline constexpr int maxRetentionRuns = 100'000;
inline constexpr int maxRetentionDays = 3650;
RetentionPolicy loadRetention(const QSettings &settings);
void saveRetention(QSettings &settings, const RetentionPolicy &policy);

// What happens when a run of the window ends, under the "notify" group: a desktop notification
// (on by default), and the run's summary posted to a webhook when one is set.
struct NotifySettings
{
    bool desktop = true;
    QString webhookUrl; // empty: none

    friend bool operator==(const NotifySettings &, const NotifySettings &) = default;
};
NotifySettings loadNotifySettings(const QSettings &settings);
void saveNotifySettings(QSettings &settings, const NotifySettings &notify);
// An http or https address with a host: what a webhook may be.
bool isWebhookUrl(const QString &url);

} // namespace salvo
