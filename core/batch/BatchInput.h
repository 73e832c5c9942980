#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

#include "BatchSpec.h"
#include "Expected.h"
#include "Variables.h"
#include "network/NetworkAccess.h"

namespace salvo {

// How the text of one input becomes rows.
enum class InputKind {
    UrlList, // one address per line
    IdList, // one id per line, each filling a URL template
    Csv, // a header row, then records with a url column or columns for a template
};

// Each kind's stable name, as files and the history keep it ("url_list", "id_list", "csv").
QString inputKindName(InputKind kind);
std::optional<InputKind> inputKindFromName(QStringView name);

// The kind a file is read as: .csv files as CSV, others as ids when a template is given
// and as addresses when not.
InputKind inputKindForFile(const QString &path, bool hasTemplate);

// The rows of one input, read as `kind` says. An input error when the input as a whole
// cannot be read (no template for ids, a CSV without a url column or template, ...); a bad
// line is a row with its own error. Lists keep `data` (shared) and read each row from it
// when asked (LineRows).
// `{name}`s the environment defines are filled in the template and the input's text first. A
// placeholder left in a list's address is that row's input error; buildBatch() and salvo-cli
// refuse such a list before a run (refuseUndefinedInRows).
Expected<BatchRows> parseBatchInput(InputKind kind, const QByteArray &data,
                                    const QString &urlTemplate = {},
                                    const Environment &environment = {});

// Everything a person gave for a batch, before it is read: what the window hands to a
// worker thread to become a BatchSpec.
struct BatchInput
{
    InputKind kind = InputKind::UrlList;
    QString urlTemplate;
    QByteArray data;
    QByteArray method = QByteArrayLiteral("GET");
    HeaderList headers;
    QByteArray body;
    // What to check and read in every answer (the window's Expect tab, a saved batch's).
    InspectionPlan inspection;
    // How every request signs in (the window's Sign-in tab); its secrets are the keychain's.
    SignIn signIn;
    // This batch's proxy instead of the one in Settings; none: as in Settings.
    std::optional<ProxyMode> proxyMode;
    // The environment whose variables fill the {name}s; empty: none.
    QString environmentName;

    // The template this input is read with: none for a list of web addresses, whatever was
    // typed under another kind. What names the run and what a saved batch keeps.
    QString templateInUse() const { return kind == InputKind::UrlList ? QString() : urlTemplate; }

    friend bool operator==(const BatchInput &, const BatchInput &) = default;
};

// The batch to run, its `{name}`s filled from `environment` and, row by row, from each row's
// values (fillBatchVariables). A body sent without a Content-Type header gets one, as HTTP
// tools do: application/json when the body is JSON, text/plain otherwise.
Expected<BatchSpec> buildBatch(const BatchInput &input, const Environment &environment = {});

// The {name}s of the input that neither the environment nor its rows define, read quickly
// enough to run as the person types (a list's first bytes only): what the editor marks.
inline constexpr qsizetype undefinedScanBytes = 64 * 1024;
QStringList undefinedVariablesIn(const BatchInput &input, const Environment &environment);

} // namespace salvo
