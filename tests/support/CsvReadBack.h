#pragma once

// A CSV file read back as other programs read it: by Python's csv module (strict quoting, every
// row as wide as the header, cells of any length), run with a deadline.

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

#include "ProgramRun.h"

namespace salvo::test {

// The rows, each a JSON object of column to text; empty, with a warning, when Python could not
// read the file or a row's width differs from the header's. Debian's own Python: the python3
// first on PATH may be another one (pyenv) that cannot see the modules apt installs.
inline QJsonArray readCsvInPython(const QString &path)
{
    const ProgramRun python = runProgram(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"),
             QStringLiteral("import csv, json, sys\n"
                            "csv.field_size_limit(sys.maxsize)  # a cell as long as it is\n"
                            "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
                            "    rows = list(csv.reader(f, strict=True))\n"
                            "header = rows[0]\n"
                            "for row in rows[1:]:\n"
                            "    if len(row) != len(header):\n"
                            "        sys.exit(f'a row of {len(row)} fields, not {len(header)}')\n"
                            "print(json.dumps([dict(zip(header, row)) for row in rows[1:]]))\n"),
             path},
            {}, 60'000);
    if (!python.finished || python.exitCode != 0) {
        qWarning("python3 could not read %s: %s", qPrintable(path), python.report().constData());
        return {};
    }
    return QJsonDocument::fromJson(python.out).array();
}

} // namespace salvo::test
