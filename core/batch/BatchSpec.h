#pragma once

// core/batch owns what a batch is before it runs: the rows to request, what to send with
// them, and the parsing of URL lists, CSV files and URL templates into those rows.

#include <memory>

#include "BatchRows.h"
#include "RequestSpec.h"
#include "inspect/InspectionPlan.h"
#include "network/RunAccess.h"

namespace salvo {

// The whole batch: rows, plus what every row sends unless the row says otherwise.
struct BatchSpec
{
    BatchRows rows;
    QByteArray method = QByteArrayLiteral("GET");
    HeaderList headers;
    QByteArray body;
    // What is checked and read in every answer; null or empty for nothing.
    std::shared_ptr<const InspectionPlan> inspection;
    // How the rows reach their endpoints: proxy, certificates, sign-in. Null: the system's
    // proxy settings, the system's certificate authorities and no sign-in.
    std::shared_ptr<const RunAccess> access;
    // The header values or the body hold `{name}`s each row fills (rowVariable()).
    bool rowVariables = false;
    // An id list's: the names that stand for the row's id.
    QStringList idVariables;

    QByteArray methodFor(const RequestSpec &row) const
    {
        return row.method.isEmpty() ? method : row.method;
    }
    QByteArray bodyFor(const RequestSpec &row) const { return row.body.value_or(body); }
};

} // namespace salvo
