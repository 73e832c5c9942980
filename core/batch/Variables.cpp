#include "Variables.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QJsonDocument>
#include <QJsonObject>

#include "BatchSpec.h"

namespace salvo {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::Variables", text);
}

bool isNameStart(QChar c)
{
    return (c.unicode() < 128 && c.isLetter()) || c == u'_';
}

bool isNamePart(QChar c)
{
    return (c.unicode() < 128 && c.isLetterOrNumber()) || c == u'_' || c == u'-' || c == u'.';
}

// Where the placeholder at `open` ends (its '}'), and its name; -1 when it is not one.
qsizetype placeholderAt(QStringView text, qsizetype open, QStringView &name)
{
    qsizetype start = open + 1;
    if (start < text.size() && text.at(start) == u'+')
        ++start;
    if (start >= text.size() || !isNameStart(text.at(start)))
        return -1;
    qsizetype end = start + 1;
    while (end < text.size() && isNamePart(text.at(end)))
        ++end;
    if (end >= text.size() || text.at(end) != u'}')
        return -1;
    name = text.sliced(start, end - start);
    return end;
}

} // namespace

QList<PlaceholderSpan> placeholderSpansIn(QStringView text)
{
    QList<PlaceholderSpan> spans;
    for (qsizetype open = text.indexOf(u'{'); open >= 0; open = text.indexOf(u'{', open + 1)) {
        QStringView name;
        if (const qsizetype close = placeholderAt(text, open, name); close >= 0)
            spans.append({open, close + 1 - open, name.toString()});
    }
    return spans;
}

QString asVariableName(QString name)
{
    name = name.trimmed();
    for (QChar &c : name)
        if (!isNamePart(c))
            c = u'_';
    if (name.isEmpty() || !isNameStart(name.front()))
        name.prepend(u'_');
    return name;
}

QStringList placeholdersIn(QStringView text)
{
    QStringList names;
    for (const PlaceholderSpan &span : placeholderSpansIn(text)) {
        if (!names.contains(span.name))
            names.append(span.name);
    }
    return names;
}

QString fillPlaceholders(QStringView text,
                         const std::function<std::optional<QString>(const QString &)> &lookup)
{
    QString filled;
    qsizetype copied = 0;
    for (qsizetype open = text.indexOf(u'{'); open >= 0; open = text.indexOf(u'{', open + 1)) {
        QStringView name;
        const qsizetype close = placeholderAt(text, open, name);
        if (close < 0)
            continue;
        const std::optional<QString> value = lookup(name.toString());
        if (!value)
            continue;
        filled += text.sliced(copied, open - copied);
        filled += *value;
        copied = close + 1;
        open = close;
    }
    if (copied == 0)
        return text.toString();
    filled += text.sliced(copied);
    return filled;
}

Expected<QList<Environment>> readEnvironments(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return inputError(tr("The environments file is not JSON (at character %1: %2).")
                                  .arg(error.offset)
                                  .arg(error.errorString()));
    if (!document.isObject())
        return inputError(tr("The environments file must be an object of environments: "
                             "{\"staging\": {\"base_url\": \"https://...\"}}."));
    QList<Environment> environments;
    const QJsonObject all = document.object();
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (!it->isObject())
            return inputError(
                    tr("The environment \"%1\" must be an object of variables.").arg(it.key()));
        Environment environment{it.key(), {}};
        const QJsonObject values = it->toObject();
        for (auto value = values.begin(); value != values.end(); ++value) {
            if (value->isObject() || value->isArray() || value->isNull())
                return inputError(tr("The variable \"%1\" of the environment \"%2\" must be "
                                     "text or a number.")
                                          .arg(value.key(), it.key()));
            environment.values.insert(value.key(),
                                      value->isString() ? value->toString()
                                                        : value->toVariant().toString());
        }
        environments.append(environment);
    }
    return environments;
}

QByteArray writeEnvironments(const QList<Environment> &environments)
{
    QJsonObject all;
    for (const Environment &environment : environments) {
        QJsonObject values;
        for (auto it = environment.values.cbegin(); it != environment.values.cend(); ++it)
            values.insert(it.key(), it.value());
        all.insert(environment.name, values);
    }
    return QJsonDocument(all).toJson(QJsonDocument::Indented);
}

QString defaultEnvironmentsPath()
{
    return QFileInfo(QSettings().fileName()).absolutePath() + QStringLiteral("/environments.json");
}

Expected<QList<Environment>> readEnvironmentsFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QList<Environment>();
    if (!file.open(QIODevice::ReadOnly))
        return inputError(tr("Cannot read the environments in %1: %2")
                                  .arg(QDir::toNativeSeparators(path), file.errorString()));
    Expected<QList<Environment>> environments = readEnvironments(file.readAll());
    if (!environments)
        return inputError(
                tr("%1: %2").arg(QDir::toNativeSeparators(path), environments.error().message));
    return environments;
}

Expected<Environment> findEnvironment(const QString &path, const QString &name)
{
    const Expected<QList<Environment>> environments = readEnvironmentsFile(path);
    if (!environments)
        return environments.error();
    QStringList names;
    for (const Environment &environment : *environments) {
        if (environment.name == name)
            return environment;
        names.append(environment.name);
    }
    return inputError(
            tr("%1 has no environment \"%2\"; it has %3.")
                    .arg(QDir::toNativeSeparators(path), name,
                         names.isEmpty() ? tr("none") : names.join(QStringLiteral(", "))));
}

QString withEnvironment(const QString &text, const Environment &environment)
{
    if (environment.values.isEmpty() || !text.contains(u'{'))
        return text;
    return fillPlaceholders(text, [&environment](const QString &name) -> std::optional<QString> {
        const auto value = environment.values.constFind(name);
        return value == environment.values.cend() ? std::nullopt : std::optional(*value);
    });
}

QByteArray withEnvironment(const QByteArray &utf8, const Environment &environment)
{
    if (environment.values.isEmpty() || !utf8.contains('{'))
        return utf8;
    return withEnvironment(QString::fromUtf8(utf8), environment).toUtf8();
}

QStringList fillBatchVariables(BatchSpec &spec, const Environment &environment,
                               const QString &idTemplate)
{
    QStringList left;
    for (auto &[name, value] : spec.headers) {
        const QString filled = withEnvironment(QString::fromUtf8(value), environment);
        value = filled.toUtf8();
        left += placeholdersIn(filled);
    }
    const QString body = withEnvironment(QString::fromUtf8(spec.body), environment);
    spec.body = body.toUtf8();
    left += placeholdersIn(body);
    left.removeDuplicates();

    spec.idVariables.clear();
    if (!idTemplate.isEmpty())
        spec.idVariables = placeholdersIn(idTemplate) << QStringLiteral("id");
    QStringList undefined;
    for (const QString &name : std::as_const(left)) {
        if (!spec.idVariables.contains(name) && !spec.rows.columnNames().contains(name))
            undefined.append(name);
    }
    spec.rowVariables = !left.isEmpty();
    return undefined;
}

QStringList placeholdersInRows(const BatchRows &rows)
{
    QStringList names;
    for (qsizetype index = 0; index < rows.size(); ++index) {
        const WrittenRow row = rows.written(index);
        if (row.text.contains(u'{'))
            names += placeholdersIn(row.text);
    }
    names.removeDuplicates();
    return names;
}

Expected<> fillOrRefuseVariables(BatchSpec &spec, const QByteArray &data,
                                 const Environment &environment, const QString &idTemplate)
{
    QStringList undefined;
    // Only a text with a brace can leave one in an address: a long list is not read twice.
    if (data.contains('{'))
        undefined = placeholdersInRows(spec.rows);
    undefined += fillBatchVariables(spec, environment, idTemplate);
    undefined.removeDuplicates();
    if (undefined.isEmpty())
        return {};
    return inputError(undefinedVariablesSentence(undefined, environment.name));
}

std::optional<QString> rowVariable(const BatchSpec &spec, const RequestSpec &row,
                                   const QString &name)
{
    const qsizetype column = spec.rows.columnNames().indexOf(name);
    if (column >= 0)
        return column < row.columns.size() ? row.columns.at(column) : QString();
    if (spec.idVariables.contains(name))
        return row.id;
    return std::nullopt;
}

QString undefinedVariablesSentence(const QStringList &names, const QString &environmentName)
{
    QStringList written;
    for (const QString &name : names)
        written.append(u'{' + name + u'}');
    const QString where = environmentName.isEmpty()
            ? tr("choose an environment that defines it, or fill it from a CSV column")
            : tr("the environment \"%1\" does not define it, nor does a column of the input")
                      .arg(environmentName);
    return names.size() == 1
            ? tr("The variable %1 is not defined: %2.").arg(written.constFirst(), where)
            : tr("The variables %1 are not defined: %2.")
                      .arg(written.join(QStringLiteral(", ")), where);
}

} // namespace salvo
