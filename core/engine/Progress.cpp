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

} // namespace salvo
