#pragma once

#include <QList>
#include <QStringList>

#include "Expected.h"

namespace salvo {

class SqlConnection;

// One step forward: the statements that take a file from `version` - 1 to `version`. Applied
// in one transaction together with the new PRAGMA user_version, so a file is always at
// exactly one version. A step never edits an earlier one: files in the wild are at every
// version that ever shipped.
struct Migration
{
    int version = 0;
    QStringList statements;
};

// Every step from an empty file (version 0) to the newest, in order: version 1, 2, ...
const QList<Migration> &schemaMigrations();

// The version this build writes.
int latestSchemaVersion();
// The oldest version the readers (RunHistory, HistoryMaintenance) still take as it is, since
// they never write and so never upgrade: a file of an earlier Salvo keeps showing its runs
// until the next run upgrades it. Where a step adds a column, the readers ask for it only
// from its version on; a step the readers cannot follow raises this to its own version.
int oldestReadableSchemaVersion();

// PRAGMA user_version: 0 for a new, empty file.
Expected<int> schemaVersion(SqlConnection &connection);

// Applies the steps of `migrations` above the file's version, up to targetVersion, one
// transaction each. Re-reads the version inside each transaction, so two processes opening
// the same old file upgrade it once. Tests pass an earlier target to make older files.
Expected<> migrate(SqlConnection &connection, const QList<Migration> &migrations,
                   int targetVersion);
Expected<> migrateToLatest(SqlConnection &connection);

} // namespace salvo
