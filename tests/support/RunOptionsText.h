#pragma once

// RunOptions as one line of text, so a failed comparison in a test shows which field
// differs.

#include <QString>

#include "engine/RunOptions.h"

inline QString describeRunOptions(const salvo::RunOptions &options)
{
    return QStringLiteral("concurrency=%1 perHost=%2 deadlineMs=%3 inactivityMs=%4 retries=%5 "
                          "follow=%6 maxRedirects=%7 maxBody=%8 keepBodies=%9")
                   .arg(options.concurrency)
                   .arg(options.perHostConcurrency)
                   .arg(options.deadline.count())
                   .arg(options.inactivity.count())
                   .arg(options.retries)
                   .arg(options.followRedirects)
                   .arg(options.maxRedirects)
                   .arg(options.maxBodyBytes)
                   .arg(options.keepBodies)
            + QStringLiteral(" verifyTls=%1 keepCookies=%2 rate=%3 ratePerHost=%4")
                      .arg(options.verifyTls)
                      .arg(options.keepCookies)
                      .arg(options.ratePerSecond)
                      .arg(options.ratePerHostPerSecond);
}
