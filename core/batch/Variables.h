#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

#include "Expected.h"

namespace salvo {

// `{name}` in a batch's addresses, header values and body: filled from the row (an id list's
// id, a CSV's columns) or from the chosen environment. A name is a letter or _ followed by
// letters, digits, _, - and .; `{+name}` is the same name. Other braces (a JSON body's) are
// text.

// A name from elsewhere (a Postman variable, an API's parameter) as a `{name}` Salvo fills:
// each character a name cannot hold as _, and _ first when it does not start with a letter.
QString asVariableName(QString name);

// The names written in `text`, in order of first appearance, as written.
QStringList placeholdersIn(QStringView text);
// Each placeholder of `text`, where it is: what an editor marks.
struct PlaceholderSpan
{
    qsizetype start = 0;
    qsizetype length = 0; // braces included
    QString name;
};
QList<PlaceholderSpan> placeholderSpansIn(QStringView text);

// `text` with each placeholder `lookup` knows replaced by its value as it is; the others stay.
QString fillPlaceholders(QStringView text,
                         const std::function<std::optional<QString>(const QString &)> &lookup);

// A named set of variables: "staging" with its base_url and token.
struct Environment
{
    QString name;
    QHash<QString, QString> values;

    friend bool operator==(const Environment &, const Environment &) = default;
};

// An environments file: a JSON object of environments, each an object of string values,
// {"staging": {"base_url": "https://staging.example"}, "production": {...}}. A sentence naming
// the place when it is not one.
Expected<QList<Environment>> readEnvironments(const QByteArray &json);
QByteArray writeEnvironments(const QList<Environment> &environments);
// Where the window keeps the environments, beside its settings; salvo-cli's --env reads it.
QString defaultEnvironmentsPath();
// The environments in a file: none when there is no file yet; a sentence naming the file when
// it cannot be read or is not an environments file.
Expected<QList<Environment>> readEnvironmentsFile(const QString &path);
// The environment of that name in the file, or a sentence naming the file and what it has.
Expected<Environment> findEnvironment(const QString &path, const QString &name);

// `text` with the environment's variables filled in (as they are, not encoded).
QString withEnvironment(const QString &text, const Environment &environment);
QByteArray withEnvironment(const QByteArray &utf8, const Environment &environment);

// The variable names used but not defined, for the sentence that refuses a run: "The variable
// {token} is not defined: ...".
QString undefinedVariablesSentence(const QStringList &names, const QString &environmentName);

class BatchRows;
struct BatchSpec;
struct RequestSpec;

// Fills the environment's variables into the batch's header values and body, and notes which
// placeholders are left for each row to fill (BatchSpec::rowVariables): a CSV's columns by
// name, and for an id list (`idTemplate`, the URL template already filled from the environment)
// its id, as {id} or as any name its template uses. Returns the names none of these defines.
QStringList fillBatchVariables(BatchSpec &spec, const Environment &environment,
                               const QString &idTemplate);

// The `{name}`s left in the rows' addresses (a list's, after the environment's were filled).
QStringList placeholdersInRows(const BatchRows &rows);

// Both of the above for a batch read from `data`, as one sentence naming every name left
// undefined; the rows are read again only when `data` has a brace.
Expected<> fillOrRefuseVariables(BatchSpec &spec, const QByteArray &data,
                                 const Environment &environment, const QString &idTemplate);

// The value of `name` for `row` of `spec`: one of its own columns, or its id.
std::optional<QString> rowVariable(const BatchSpec &spec, const RequestSpec &row,
                                   const QString &name);

} // namespace salvo
