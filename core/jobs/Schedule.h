#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QTime>

#include <chrono>

#include "Expected.h"

namespace salvo {

// A saved batch checked again and again: every so long, or at set times of each day, while
// Salvo is open. Each check is a run in the history, compared with the check before it.
inline constexpr int defaultCertificateWarningDays = 14;

struct Schedule
{
    qint64 id = 0; // given by the scheduler; 0 until then
    QString name; // what lists and notifications call it
    QString batchPath; // the .salvo document checked
    std::chrono::seconds every{0}; // above 0: every so long
    QList<QTime> dailyAt; // otherwise: these local times of each day, ascending
    // A row's time crossing this (either way) between two checks is a change; 0: not watched.
    qint64 latencyThresholdMs = 0;
    // A server certificate that expires within this many days is news; 0: not watched.
    int certificateWarningDays = defaultCertificateWarningDays;
    bool enabled = true;
    QDateTime created; // UTC
    // What the last check left. Its start, so a slow check does not push the next one back.
    QDateTime lastCheck; // UTC; invalid: never checked
    qint64 lastRunId = 0; // the last check that ran to its end; the next one is compared with it
    qint64 comparedWithRunId = 0; // the check lastRunId was compared with; 0: none
    QString lastOutcome; // a sentence: what it found, or why it could not run

    friend bool operator==(const Schedule &, const Schedule &) = default;
};

// The shortest interval the window offers; the scheduler itself takes any (tests use seconds).
inline constexpr std::chrono::minutes minimumInterval{1};

// When the schedule's next check is due (UTC), possibly in the past: a check missed while Salvo
// was closed is due at once, once however many were missed. An interval schedule never checked
// is due at its creation; a daily one at its first time after it. Invalid when disabled or when
// it has no times.
QDateTime nextCheckTime(const Schedule &schedule);

// "every 10 min", "every day at 09:00 and 17:30": for lists and sentences.
QString describeWhen(const Schedule &schedule);

// "09:00, 17:30" and back; nullopt-like error for text that is not such a list.
Expected<QList<QTime>> parseTimesOfDay(const QString &text);
QString timesOfDayText(const QList<QTime> &times);

// The schedules file: a versioned JSON document. Reading refuses a newer version and anything
// that is not a schedules document, in words, so such a file is never half read.
inline constexpr int schedulesVersion = 1;
QByteArray writeSchedules(const QList<Schedule> &schedules);
Expected<QList<Schedule>> readSchedules(QByteArrayView document);

// Where the window keeps its schedules: beside the history, in Salvo's data folder.
QString defaultSchedulesPath();
// Reads the file; a file that does not exist yet is no schedule. Runs on a worker.
Expected<QList<Schedule>> loadScheduleFile(const QString &path);
// Replaces the file only once the whole document is written. Runs on a worker.
Expected<> saveScheduleFile(const QString &path, const QList<Schedule> &schedules);

} // namespace salvo

Q_DECLARE_METATYPE(salvo::Schedule)
