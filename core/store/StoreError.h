#pragma once

#include <QMetaType>
#include <QString>

#include <variant>

#include "batch/Expected.h"

namespace salvo {

// Why the history could not do what was asked. The kind is for code (a test, a retry, a
// different message in the window); the message is a sentence for a person, naming the file.
enum class StoreErrorKind {
    CannotOpen, // no such folder, no permission, not a regular file
    NotADatabase, // the file is something else, or damaged beyond reading
    NewerSchema, // written by a newer Salvo: left untouched
    OlderSchema, // not yet upgraded, and this connection may not write
    ReadOnly, // the file or its folder cannot be written
    DiskFull, // the disk, or the history's size limit, is full
    Busy, // another program kept the file locked longer than the busy timeout
    NoSuchRun, // the run asked for is not in the history (deleted, or never there)
    StillRunning, // the run is being written by a live process, which has to end first
    Other,
};

struct StoreError
{
    StoreErrorKind kind = StoreErrorKind::Other;
    QString message;
};

// A value or a StoreError. StoreResult<> is the one for work that returns nothing.
template<typename T = std::monostate>
using StoreResult = Expected<T, StoreError>;

} // namespace salvo

Q_DECLARE_METATYPE(salvo::StoreError)
