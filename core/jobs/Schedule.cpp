#include "Schedule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

#include "Translate.h"
#include "store/PrivateFiles.h"
#include "store/StoreCodec.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::Schedule")

const QString formatName = QStringLiteral("salvo-schedules");
const QString timeFormat = QStringLiteral("HH:mm");

QDateTime utcTime(const QJsonValue &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QJsonObject scheduleToJson(const Schedule &schedule)
{
    QJsonArray times;
    for (const QTime &time : schedule.dailyAt)
        times.append(time.toString(timeFormat));
    return {{QStringLiteral("id"), schedule.id},
            {QStringLiteral("name"), schedule.name},
            {QStringLiteral("batch"), schedule.batchPath},
            {QStringLiteral("everySeconds"), qint64(schedule.every.count())},
            {QStringLiteral("dailyAt"), times},
            {QStringLiteral("latencyThresholdMs"), schedule.latencyThresholdMs},
            {QStringLiteral("certificateWarningDays"), schedule.certificateWarningDays},
            {QStringLiteral("enabled"), schedule.enabled},
            {QStringLiteral("created"), timeOrNull(schedule.created)},
            {QStringLiteral("lastCheck"), timeOrNull(schedule.lastCheck)},
            {QStringLiteral("lastRunId"), schedule.lastRunId},
            {QStringLiteral("comparedWithRunId"), schedule.comparedWithRunId},
            {QStringLiteral("lastOutcome"), schedule.lastOutcome}};
}

Schedule scheduleFromJson(const QJsonObject &object)
{
    Schedule schedule;
    schedule.id = object.value(QStringLiteral("id")).toInteger();
    schedule.name = object.value(QStringLiteral("name")).toString();
    schedule.batchPath = object.value(QStringLiteral("batch")).toString();
    schedule.every = std::chrono::seconds(
            std::max<qint64>(0, object.value(QStringLiteral("everySeconds")).toInteger()));
    for (const QJsonValue &value : object.value(QStringLiteral("dailyAt")).toArray()) {
        const QTime time = QTime::fromString(value.toString(), timeFormat);
        if (time.isValid() && !schedule.dailyAt.contains(time))
            schedule.dailyAt.append(time);
    }
    std::sort(schedule.dailyAt.begin(), schedule.dailyAt.end());
    schedule.latencyThresholdMs
            = std::max<qint64>(0, object.value(QStringLiteral("latencyThresholdMs")).toInteger());
    schedule.certificateWarningDays
            = std::clamp(object.value(QStringLiteral("certificateWarningDays"))
                                 .toInt(defaultCertificateWarningDays),
                         0, 3650);
    schedule.enabled = object.value(QStringLiteral("enabled")).toBool(true);
    schedule.created = utcTime(object.value(QStringLiteral("created")));
    schedule.lastCheck = utcTime(object.value(QStringLiteral("lastCheck")));
    schedule.lastRunId = object.value(QStringLiteral("lastRunId")).toInteger();
    schedule.comparedWithRunId = object.value(QStringLiteral("comparedWithRunId")).toInteger();
    schedule.lastOutcome = object.value(QStringLiteral("lastOutcome")).toString();
    return schedule;
}

} // namespace

QDateTime nextCheckTime(const Schedule &schedule)
{
    if (!schedule.enabled)
        return {};
    const QDateTime created
            = schedule.created.isValid() ? schedule.created : QDateTime::currentDateTimeUtc();
    if (schedule.every.count() > 0) {
        if (!schedule.lastCheck.isValid())
            return created;
        return schedule.lastCheck.addSecs(schedule.every.count());
    }
    if (schedule.dailyAt.isEmpty())
        return {};
    // The first of the times, in local time, after the last check (or the creation).
    const QDateTime after
            = (schedule.lastCheck.isValid() ? schedule.lastCheck : created).toLocalTime();
    // A time that does not exist that day (skipped when clocks go forward) is left out; within
    // three days every time exists at least once.
    for (int day = 0; day <= 2; ++day) {
        for (const QTime &time : schedule.dailyAt) {
            const QDateTime candidate(after.date().addDays(day), time);
            if (candidate.isValid() && candidate > after)
                return candidate.toUTC();
        }
    }
    return {};
}

QString describeWhen(const Schedule &schedule)
{
    if (schedule.every.count() > 0) {
        const qint64 seconds = schedule.every.count();
        if (seconds % 3600 == 0)
            return tr("every %1 h").arg(seconds / 3600);
        if (seconds % 60 == 0)
            return tr("every %1 min").arg(seconds / 60);
        return tr("every %1 s").arg(seconds);
    }
    if (schedule.dailyAt.isEmpty())
        return tr("never");
    return tr("every day at %1").arg(timesOfDayText(schedule.dailyAt));
}

Expected<QList<QTime>> parseTimesOfDay(const QString &text)
{
    QList<QTime> times;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        QTime time = QTime::fromString(part, QStringLiteral("H:mm"));
        if (!time.isValid())
            time = QTime::fromString(part, QStringLiteral("H"));
        if (!time.isValid())
            return inputError(
                    tr("\"%1\" is not a time of day: write times such as 09:00, 17:30.").arg(part));
        if (!times.contains(time))
            times.append(time);
    }
    if (times.isEmpty())
        return inputError(tr("Write at least one time of day, such as 09:00."));
    std::sort(times.begin(), times.end());
    return times;
}

QString timesOfDayText(const QList<QTime> &times)
{
    QStringList parts;
    for (const QTime &time : times)
        parts.append(time.toString(timeFormat));
    return parts.join(QStringLiteral(", "));
}

QByteArray writeSchedules(const QList<Schedule> &schedules)
{
    QJsonArray list;
    for (const Schedule &schedule : schedules)
        list.append(scheduleToJson(schedule));
    const QJsonObject document{{QStringLiteral("format"), formatName},
                               {QStringLiteral("version"), schedulesVersion},
                               {QStringLiteral("schedules"), list}};
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

Expected<QList<Schedule>> readSchedules(QByteArrayView text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || root.value(QStringLiteral("format")).toString() != formatName)
        return inputError(tr("The schedules file is damaged: it is not a list of Salvo "
                             "schedules."));
    const int version = root.value(QStringLiteral("version")).toInt(0);
    if (version > schedulesVersion)
        return inputError(tr("The schedules were saved by a newer Salvo (format version %1; "
                             "this Salvo reads up to %2).")
                                  .arg(version)
                                  .arg(schedulesVersion));
    if (version < 1)
        return inputError(tr("The schedules file has no valid format version."));
    QList<Schedule> schedules;
    for (const QJsonValue &value : root.value(QStringLiteral("schedules")).toArray()) {
        Schedule schedule = scheduleFromJson(value.toObject());
        // One without an id or a batch could never run: it is dropped rather than shown broken.
        if (schedule.id > 0 && !schedule.batchPath.isEmpty())
            schedules.append(std::move(schedule));
    }
    return schedules;
}

QString defaultSchedulesPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    ensurePrivateFolder(folder);
    return folder + QStringLiteral("/schedules.json");
}

Expected<QList<Schedule>> loadScheduleFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QList<Schedule>();
    if (!file.open(QIODevice::ReadOnly))
        return inputError(tr("Cannot read the schedules in %1: %2").arg(path, file.errorString()));
    // A schedules file is a few kilobytes; anything far larger is not one.
    constexpr qint64 maxBytes = 16 * 1024 * 1024;
    if (file.size() > maxBytes)
        return inputError(tr("The schedules file is damaged: it is not a list of Salvo "
                             "schedules."));
    return readSchedules(file.readAll());
}

Expected<> saveScheduleFile(const QString &path, const QList<Schedule> &schedules)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorCode::CannotOpen,
                     tr("Cannot save the schedules in %1: %2").arg(path, file.errorString())};
    // The new file takes the place of the old with the mode set here: the owner's only.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(writeSchedules(schedules));
    if (!file.commit())
        return Error{ErrorCode::CannotOpen,
                     tr("Cannot save the schedules in %1: %2").arg(path, file.errorString())};
    return {};
}

} // namespace salvo
