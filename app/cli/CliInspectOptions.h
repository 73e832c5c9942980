#pragma once

// salvo-cli's options for what each answer must be (--expect-*) and what is read out of it
// (--extract), read into the run's InspectionPlan.

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

#include <memory>

#include "Expected.h"
#include "inspect/InspectionPlan.h"

namespace salvo::cli {

struct CliInspectOptions
{
    CliInspectOptions();

    QCommandLineOption expectStatus;
    QCommandLineOption expectUrl;
    QCommandLineOption expectUrlPrefix;
    QCommandLineOption expectText;
    QCommandLineOption expectNoText;
    QCommandLineOption expectJson;
    QCommandLineOption expectHeader;
    QCommandLineOption expectContentType;
    QCommandLineOption expectMaxTime;
    QCommandLineOption expectSizeAbove;
    QCommandLineOption expectSizeBelow;
    QCommandLineOption extract;

    QList<QCommandLineOption> all() const;
};

// The plan the options describe, every expression checked (jq in the jq process, XPath and
// regular expressions compiled); null when none was given. A mistake is a usage error that
// names the option, the reason and where in the expression.
Expected<std::shared_ptr<const InspectionPlan>> readInspection(const QCommandLineParser &parser,
                                                               const CliInspectOptions &options);

} // namespace salvo::cli
