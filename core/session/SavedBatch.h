#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

#include "batch/BatchInput.h"
#include "Expected.h"
#include "engine/RunOptions.h"

namespace salvo {

// A batch a person saved to run again or share: a .salvo JSON document holding what was
// asked (the list, template, method, headers, body), what to check and read in each answer
// (its expectations and columns) and how (the run options). Values of
// secret headers (Authorization, cookies, tokens) are never written: the document names
// them, and whoever opens it supplies the values again.
struct SavedBatch
{
    QString name;
    BatchInput input;
    RunOptions options;
    QList<QByteArray> withheldHeaders; // secret headers named in the file without a value
};

// Version 2 added expectations and extracted columns ("inspect"), version 3 the sign-in, the
// proxy and the environment; a batch without them is written as the version before.
inline constexpr int savedBatchVersion = 3;
inline constexpr auto savedBatchSuffix = "salvo";

// The document for a batch, with secret header values left out (their names are kept).
QByteArray writeSavedBatch(const SavedBatch &batch);

// A batch from a document. An input error in plain words for text that is not a Salvo batch,
// and for a version newer than this Salvo knows (such a file is never half read); older
// versions are upgraded as they are read.
Expected<SavedBatch> readSavedBatch(QByteArrayView document);

} // namespace salvo
