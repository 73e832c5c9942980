#include "Progress.h"

#include <QCoreApplication>

#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::Progress")

} // namespace

QString progressCounts(const Progress &progress)
{
    QString counts = tr("%1 ok, %2 failed").arg(progress.ok).arg(progress.failed);
    if (progress.notSent > 0)
        counts += tr(", %1 not sent").arg(progress.notSent);
    return counts;
}

QString slowdownSentence(const QList<SlowedHost> &hosts)
{
    if (hosts.isEmpty())
        return {};
    QStringList each;
    for (const SlowedHost &host : hosts) {
        each.append(host.ratePerSecond >= 1 ? tr("%1 to %2 requests a second")
                                                      .arg(host.host)
                                                      .arg(host.ratePerSecond, 0, 'g', 3)
                                            : tr("%1 to one request each %2 s")
                                                      .arg(host.host)
                                                      .arg(1 / host.ratePerSecond, 0, 'g', 3));
    }
    return tr("Slowed down %1, after answers of 429 (too many requests) or 503.")
            .arg(each.join(QStringLiteral(", ")));
}

} // namespace salvo
