#pragma once

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include "WebhookNotifier.h"
#include "compare/RunComparison.h"
#include "Expected.h"

namespace salvo {

// One address whose answer changed between two checks.
struct CheckChange
{
    QString url; // secrets of its query redacted
    QByteArray method;
    ComparedSide before;
    ComparedSide after;
    RowChanges changes;
    bool slower = false; // its time went over the threshold
    bool faster = false; // its time came back under it
};

// A server whose certificate runs out soon, as a check saw it.
struct ExpiringCertificate
{
    QString host; // host:port when not the scheme's own port
    QDate expires;
    int daysLeft = 0; // negative once expired
};

// What a scheduled check found against the check before it: the counts a person reads in a
// notification, and the first few changed addresses. A row that starts or stops meeting its
// expectations is news. Body and extracted value changes are counted but are not news on
// their own: many answers carry a time, a price or a request id that changes every time.
struct CheckReport
{
    QString scheduleName;
    RunNotice notice; // the check's own run
    qint64 previousRunId = 0; // 0: nothing to compare with (the first check, or it was deleted)
    QString noPreviousReason; // why there was nothing to compare with, when there was a check
    qint64 latencyThresholdMs = 0;
    int statusChanges = 0;
    int errorChanges = 0;
    int bodyChanges = 0;
    int stoppedMeeting = 0; // rows that met their expectations before and no longer do
    int startedMeeting = 0; // ... that did not and now do
    int valueChanges = 0; // rows with another extracted value (not news on its own)
    int newRows = 0; // addresses the previous check did not have
    int goneRows = 0; // addresses this check no longer has
    int slowerRows = 0;
    int fasterRows = 0;
    int changedRows = 0; // rows with any change that counts (body changes do not)
    QList<CheckChange> changes; // at most maxListedChanges, in the run's row order
    // Servers whose certificate expires within the schedule's warning days: news on every check
    // until it is renewed. The soonest first.
    QList<ExpiringCertificate> expiringCertificates;

    static constexpr int maxListedChanges = 20;
    static constexpr int maxNamedInSentence = 3;

    bool differs() const { return changedRows > 0; }
    // Worth a notification: something changed, or a certificate runs out soon.
    bool isNews() const { return differs() || !expiringCertificates.isEmpty(); }
    // One sentence: "No change since run 12.", "3 rows changed since run 12: 3 changed
    // status. https://a.example/: 200 → 503; ...; and 1 more."
    // Then each certificate that runs out soon: "The certificate of a.example expires in 9
    // days (2027-01-06)."
    QString sentence() const;
    // The first `atMost` changed addresses and what changed for each, then how many more.
    QString changesNamed(int atMost) const;
    // The webhook's document: the run's summary (RunNotice) with event "check_changed" or
    // "check_finished", the schedule's name, the counts and the listed changes. Like the run's
    // notice it names nothing on this machine.
    QJsonObject toJson() const;

private:
    QString changeSentence() const;
};

// Compares the check run `runId` with `previousRunId` (0: none) in the history. A previous run
// that is no longer there (deleted, or pruned by the retention setting) makes this check the
// new baseline rather than an error. Reads both runs: run it on a worker thread.
// `certificateWarningDays`: a certificate that expires within so many days is listed; 0: none.
Expected<CheckReport> reportCheck(const QString &historyPath, const QString &scheduleName,
                                  qint64 previousRunId, qint64 runId, qint64 latencyThresholdMs,
                                  int certificateWarningDays = 0);

} // namespace salvo

Q_DECLARE_METATYPE(salvo::CheckReport)
