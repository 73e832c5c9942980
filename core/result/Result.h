#pragma once

// core/result owns what a run produces: one Result per input row, the closed ErrorKind
// with its human sentences, and the batches in which results travel between threads.

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "ConnectionFacts.h"
#include "ErrorKind.h"

namespace salvo {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// Whether an answer met what was expected of it.
enum class Verdict : quint8 {
    NotChecked, // the run expected nothing of this row
    Passed, // every expectation held
    Failed, // at least one did not, or no answer came to check
};

// What became of one input row. A compact value: it crosses threads by copy.
struct Result
{
    int index = -1; // 0-based among the rows of the batch
    int line = 0; // 1-based line in the input it came from
    QString url; // as the row gave it (for an invalid row: the text of the line)
    QByteArray method;

    int status = 0; // HTTP status of the final answer; 0 when no answer came
    ErrorKind error = ErrorKind::None;
    TimeoutKind timeout = TimeoutKind::None;
    QString message; // a sentence for a person; empty when there is no error
    QString detail; // the technical detail behind the sentence: the network layer's own words

    qint64 elapsedMs = 0;
    qint64 firstByteMs = -1; // time to the response headers of the final answer, -1 if none
    qint64 bytes = 0; // body bytes received, kept or not
    bool truncated = false; // more body arrived than was kept
    QString contentType;
    int attempts = 0;
    // Times a request of this row went out once more on a new connection because the one it
    // was sent on closed before any answer (idempotent methods only). Not an attempt: it
    // does not count against the retries.
    int resends = 0;
    QStringList redirects; // every Location followed, in order
    HeaderList headers; // of the final answer
    QByteArray body; // up to the body cap, when bodies are kept
    // The run had certificate checking off (--insecure): any https answer may come from
    // someone between Salvo and the server. Every result of such a run says so, wherever it
    // is shown or written (uncheckedCertificatesNote()).
    bool certificatesUnchecked = false;
    // The final answer's HTTP version, address, connection times and server certificate.
    ConnectionFacts connection;

    Verdict verdict = Verdict::NotChecked;
    QStringList failedExpectations; // one sentence each: what was expected, what came
    // The run's extracted columns, in order; a null QString where nothing was found.
    QStringList extracted;
    // Why a column could not be read on this answer (a bound reached, jq stopped).
    QStringList extractionProblems;
    // The input row's own cells (a CSV's sku, name, ...), in the order of the batch's column
    // names; fewer where the row's input had fewer columns.
    QStringList columns;

    // The row got an HTTP answer in the 2xx or 3xx range and nothing went wrong.
    bool ok() const { return error == ErrorKind::None && status >= 200 && status < 400; }
};

// Results travel in batches: one signal, one model insert, one store transaction each.
using ResultBatch = QList<Result>;

} // namespace salvo

Q_DECLARE_METATYPE(salvo::Result)
Q_DECLARE_METATYPE(salvo::ResultBatch)
