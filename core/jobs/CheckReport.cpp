#include "CheckReport.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QUrl>
#include <QStringList>

#include "Redaction.h"
#include "store/RunHistory.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::CheckReport")

// The changes that make a check worth telling about; a body change alone is not one.
// A row that starts or stops meeting its expectations is news; another extracted value is
// not on its own (a price or a count may change every time), like another body.
constexpr RowChanges newsworthy = RowChange::Status | RowChange::Error | RowChange::OnlyOlder
        | RowChange::OnlyNewer | RowChange::Verdict;

bool answered(const ComparedSide &side)
{
    return side.present() && side.status > 0 && side.error == ErrorKind::None;
}

QJsonValue sideToJson(const ComparedSide &side)
{
    if (!side.present())
        return QJsonValue::Null;
    QJsonObject object{{QStringLiteral("status"), side.status},
                       {QStringLiteral("time_ms"), side.elapsedMs}};
    if (side.error != ErrorKind::None)
        object.insert(QStringLiteral("error"), errorKindName(side.error));
    return object;
}

QJsonArray whatChanged(const CheckChange &change)
{
    QJsonArray what;
    const std::pair<RowChange, const char *> names[]
            = {{RowChange::Status, "status"},  {RowChange::Error, "error"},
               {RowChange::Body, "body"},      {RowChange::OnlyNewer, "new"},
               {RowChange::OnlyOlder, "gone"}, {RowChange::Verdict, "expectations"},
               {RowChange::Values, "values"}};
    for (const auto &[flag, name] : names) {
        if (change.changes.testFlag(flag))
            what.append(QLatin1String(name));
    }
    if (change.slower)
        what.append(QStringLiteral("slower"));
    if (change.faster)
        what.append(QStringLiteral("faster"));
    return what;
}

// "1 row" / "3 rows" and the like, without a translation catalogue's plural forms.
QString counted(int count, const char *one, const char *many)
{
    return (count == 1 ? tr(one) : tr(many)).arg(count);
}

// What one side answered, as a person reads it: "503", "No answer (Timed out)", "none".
QString sideText(const ComparedSide &side)
{
    if (!side.present())
        return tr("not checked");
    if (side.error != ErrorKind::None)
        return tr("no answer (%1)").arg(errorKindLabel(side.error));
    return QString::number(side.status);
}

// "https://a.example/health: 200 → 503", or what made the row news.
QString changeText(const CheckChange &change, qint64 thresholdMs)
{
    QString what;
    if (change.changes.testFlag(RowChange::OnlyNewer))
        what = tr("new, %1").arg(sideText(change.after));
    else if (change.changes.testFlag(RowChange::OnlyOlder))
        what = tr("no longer checked");
    else if (change.changes & (RowChange::Status | RowChange::Error))
        what = tr("%1 \u2192 %2").arg(sideText(change.before), sideText(change.after));
    else if (change.changes.testFlag(RowChange::Verdict))
        what = change.after.verdict == Verdict::Passed ? tr("meets its expectations again")
                                                       : tr("no longer meets its expectations");
    else if (change.slower)
        what = tr("%1 ms, over %2 ms").arg(change.after.elapsedMs).arg(thresholdMs);
    else
        what = tr("%1 ms, back under %2 ms").arg(change.after.elapsedMs).arg(thresholdMs);
    return tr("%1: %2").arg(change.url, what);
}

// The servers of the run whose certificate expires within `days`, one entry per host, the
// soonest first. Reads the run's results a page at a time.
Expected<QList<ExpiringCertificate>> expiringCertificates(RunHistory &history, qint64 runId,
                                                          int days)
{
    constexpr int pageSize = 5000;
    const QDate today = QDate::currentDate();
    QHash<QString, ExpiringCertificate> byHost;
    for (int offset = 0;; offset += pageSize) {
        Expected<QList<Result>> page = history.resultsPage(runId, offset, pageSize);
        if (!page)
            return page.error();
        for (const Result &result : std::as_const(*page)) {
            const QDate expires = result.connection.certificateExpires;
            if (!expires.isValid() || today.daysTo(expires) > days)
                continue;
            const QUrl url(result.redirects.isEmpty() ? result.url : result.redirects.constLast());
            const QString host
                    = url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
            byHost.insert(host, {host, expires, int(today.daysTo(expires))});
        }
        if (page->size() < pageSize)
            break;
    }
    QList<ExpiringCertificate> expiring = byHost.values();
    std::sort(expiring.begin(), expiring.end(), [](const auto &a, const auto &b) {
        return std::tie(a.expires, a.host) < std::tie(b.expires, b.host);
    });
    return expiring;
}

} // namespace

QString CheckReport::changesNamed(int atMost) const
{
    QStringList named;
    for (const CheckChange &change : changes) {
        if (named.size() == atMost)
            break;
        named.append(changeText(change, latencyThresholdMs));
    }
    const int others = changedRows - int(named.size());
    if (others > 0)
        named.append(counted(others, "and %1 more", "and %1 more"));
    return named.join(QStringLiteral("; "));
}

QString CheckReport::sentence() const
{
    QString said = changeSentence();
    for (const ExpiringCertificate &certificate : expiringCertificates) {
        said += u' '
                + (certificate.daysLeft < 0
                           ? tr("The certificate of %1 expired on %2.")
                                     .arg(certificate.host,
                                          certificate.expires.toString(Qt::ISODate))
                           : tr("The certificate of %1 expires in %2 (%3).")
                                     .arg(certificate.host,
                                          counted(certificate.daysLeft, "%1 day", "%1 days"),
                                          certificate.expires.toString(Qt::ISODate)));
    }
    return said;
}

QString CheckReport::changeSentence() const
{
    const qint64 runId = notice.run.id;
    if (previousRunId == 0) {
        if (!noPreviousReason.isEmpty())
            return tr("%1: this check (run %2) is the new baseline.")
                    .arg(noPreviousReason)
                    .arg(runId);
        return tr("First check, kept as run %1: the next one is compared with it.").arg(runId);
    }
    if (!differs()) {
        return tr("No change since run %1: %2 ok, %3 failed.")
                .arg(previousRunId)
                .arg(notice.run.okCount)
                .arg(notice.run.failedCount);
    }
    QStringList parts;
    if (statusChanges > 0)
        parts.append(tr("%1 changed status").arg(statusChanges));
    if (errorChanges > 0)
        parts.append(tr("%1 changed error").arg(errorChanges));
    if (stoppedMeeting > 0)
        parts.append(tr("%1 no longer meet their expectations").arg(stoppedMeeting));
    if (startedMeeting > 0)
        parts.append(tr("%1 meet their expectations again").arg(startedMeeting));
    if (newRows > 0)
        parts.append(tr("%1 new").arg(newRows));
    if (goneRows > 0)
        parts.append(tr("%1 gone").arg(goneRows));
    if (slowerRows > 0)
        parts.append(tr("%1 slower than %2 ms").arg(slowerRows).arg(latencyThresholdMs));
    if (fasterRows > 0)
        parts.append(tr("%1 back under %2 ms").arg(fasterRows).arg(latencyThresholdMs));
    // The addresses too: a notice that names none sends the person hunting for them.
    return tr("%1 changed since run %2: %3. %4.")
            .arg(counted(changedRows, "%1 row", "%1 rows"))
            .arg(previousRunId)
            .arg(parts.join(QStringLiteral(", ")), changesNamed(maxNamedInSentence));
}

QJsonObject CheckReport::toJson() const
{
    QJsonObject object = notice.toJson();
    object.insert(QStringLiteral("event"),
                  differs() ? QStringLiteral("check_changed") : QStringLiteral("check_finished"));
    object.insert(QStringLiteral("schedule"), scheduleName);
    object.insert(QStringLiteral("summary"), sentence());
    object.insert(QStringLiteral("compared_with_run_id"),
                  previousRunId > 0 ? QJsonValue(previousRunId) : QJsonValue());
    if (latencyThresholdMs > 0)
        object.insert(QStringLiteral("latency_threshold_ms"), latencyThresholdMs);
    object.insert(QStringLiteral("changes"),
                  QJsonObject{{QStringLiteral("rows"), changedRows},
                              {QStringLiteral("status"), statusChanges},
                              {QStringLiteral("error"), errorChanges},
                              {QStringLiteral("body"), bodyChanges},
                              {QStringLiteral("new"), newRows},
                              {QStringLiteral("gone"), goneRows},
                              {QStringLiteral("slower"), slowerRows},
                              {QStringLiteral("faster"), fasterRows},
                              {QStringLiteral("stopped_meeting_expectations"), stoppedMeeting},
                              {QStringLiteral("started_meeting_expectations"), startedMeeting},
                              {QStringLiteral("values"), valueChanges}});
    QJsonArray rows;
    for (const CheckChange &change : changes) {
        rows.append(QJsonObject{{QStringLiteral("url"), change.url},
                                {QStringLiteral("method"), QString::fromLatin1(change.method)},
                                {QStringLiteral("before"), sideToJson(change.before)},
                                {QStringLiteral("after"), sideToJson(change.after)},
                                {QStringLiteral("what"), whatChanged(change)}});
    }
    object.insert(QStringLiteral("changed_rows"), rows);
    QJsonArray expiring;
    for (const ExpiringCertificate &certificate : expiringCertificates) {
        expiring.append(
                QJsonObject{{QStringLiteral("host"), certificate.host},
                            {QStringLiteral("expires"), certificate.expires.toString(Qt::ISODate)},
                            {QStringLiteral("days_left"), certificate.daysLeft}});
    }
    object.insert(QStringLiteral("expiring_certificates"), expiring);
    if (!expiringCertificates.isEmpty() && !differs())
        object.insert(QStringLiteral("event"), QStringLiteral("certificate_expiring"));
    return object;
}

Expected<CheckReport> reportCheck(const QString &historyPath, const QString &scheduleName,
                                  qint64 previousRunId, qint64 runId, qint64 latencyThresholdMs,
                                  int certificateWarningDays)
{
    CheckReport report;
    report.scheduleName = scheduleName;
    report.latencyThresholdMs = latencyThresholdMs;
    {
        RunHistory history(historyPath);
        if (Expected<> opened = history.open(); !opened)
            return opened.error();
        Expected<RunSummary> run = history.run(runId);
        if (!run)
            return run.error();
        report.notice.run = *run;
        if (Expected<std::optional<LatencyPercentiles>> latency = history.latencyPercentiles(runId))
            report.notice.latency = *latency;
        if (certificateWarningDays > 0) {
            Expected<QList<ExpiringCertificate>> expiring
                    = expiringCertificates(history, runId, certificateWarningDays);
            if (!expiring)
                return expiring.error();
            report.expiringCertificates = *expiring;
        }
        if (previousRunId != 0) {
            Expected<RunSummary> previous = history.run(previousRunId);
            if (!previous && previous.error().code == ErrorCode::NoSuchRun) {
                report.noPreviousReason
                        = tr("Run %1, the check before, is no longer in the history")
                                  .arg(previousRunId);
                previousRunId = 0;
            } else if (!previous) {
                return previous.error();
            }
        }
    }
    report.notice.event = QStringLiteral("check_finished");
    if (previousRunId == 0)
        return report;

    Expected<RunComparison> comparison = compareRuns(historyPath, previousRunId, runId);
    if (!comparison)
        return comparison.error();
    report.previousRunId = previousRunId;
    const qint64 threshold = latencyThresholdMs;
    for (const ComparedRow &row : std::as_const(comparison->rows)) {
        const bool bothAnswered = answered(row.older) && answered(row.newer);
        const bool slower = threshold > 0 && bothAnswered && row.older.elapsedMs <= threshold
                && row.newer.elapsedMs > threshold;
        const bool faster = threshold > 0 && bothAnswered && row.older.elapsedMs > threshold
                && row.newer.elapsedMs <= threshold;
        report.statusChanges += row.changes.testFlag(RowChange::Status) ? 1 : 0;
        report.errorChanges += row.changes.testFlag(RowChange::Error) ? 1 : 0;
        report.bodyChanges += row.changes.testFlag(RowChange::Body) ? 1 : 0;
        report.newRows += row.changes.testFlag(RowChange::OnlyNewer) ? 1 : 0;
        report.goneRows += row.changes.testFlag(RowChange::OnlyOlder) ? 1 : 0;
        if (row.changes.testFlag(RowChange::Verdict)) {
            report.stoppedMeeting += row.newer.verdict == Verdict::Failed ? 1 : 0;
            report.startedMeeting += row.newer.verdict == Verdict::Passed ? 1 : 0;
        }
        report.valueChanges += row.changes.testFlag(RowChange::Values) ? 1 : 0;
        report.slowerRows += slower ? 1 : 0;
        report.fasterRows += faster ? 1 : 0;
        if (!(row.changes & newsworthy) && !slower && !faster)
            continue;
        ++report.changedRows;
        if (report.changes.size() < CheckReport::maxListedChanges) {
            report.changes.append({redactedUrl(row.url), row.method, row.older, row.newer,
                                   row.changes, slower, faster});
        }
    }
    return report;
}

} // namespace salvo
