#include "ImportedBatch.h"

#include <QCoreApplication>

#include "CurlImport.h"
#include "HarImport.h"
#include "OpenApiImport.h"
#include "PostmanImport.h"

namespace salvo {
namespace {

// A CSV cell that reads back as it was: quoted when it holds a comma, a quote or a new line.
QByteArray csvCell(QByteArrayView value)
{
    if (!value.contains(',') && !value.contains('"') && !value.contains('\n')
        && !value.contains('\r'))
        return value.toByteArray();
    QByteArray quoted = value.toByteArray();
    quoted.replace("\"", "\"\"");
    return '"' + quoted + '"';
}

// The headers every request sends with the same value, in the first request's order.
HeaderList sharedHeaders(const QList<ImportedRequest> &requests)
{
    HeaderList shared = requests.value(0).headers;
    for (const ImportedRequest &request : requests) {
        shared.removeIf([&request](const auto &header) {
            return !std::any_of(request.headers.cbegin(), request.headers.cend(),
                                [&header](const auto &own) {
                                    return own.first.compare(header.first, Qt::CaseInsensitive) == 0
                                            && own.second == header.second;
                                });
        });
    }
    return shared;
}

QByteArray ownHeadersCell(const HeaderList &headers, const HeaderList &shared)
{
    QByteArrayList lines;
    for (const auto &header : headers) {
        const bool isShared = std::any_of(shared.cbegin(), shared.cend(), [&](const auto &each) {
            return each.first.compare(header.first, Qt::CaseInsensitive) == 0;
        });
        if (!isShared)
            lines.append(header.first + ": " + header.second);
    }
    return lines.join('\n');
}

} // namespace

BatchInput importedBatch(const ImportedRequests &imported)
{
    const QList<ImportedRequest> &requests = imported.requests;
    BatchInput input{.kind = InputKind::Csv, .headers = sharedHeaders(requests)};
    input.signIn = imported.signIn;
    const auto any = [&requests](const auto &has) {
        return std::any_of(requests.cbegin(), requests.cend(), has);
    };
    const bool names = any([](const ImportedRequest &r) { return !r.name.isEmpty(); });
    const bool groups = any([](const ImportedRequest &r) { return !r.group.isEmpty(); });
    const bool methods = any([](const ImportedRequest &r) { return r.method != "GET"; });
    const bool bodies = any([](const ImportedRequest &r) { return r.body.has_value(); });
    const bool ownHeaders = any([&input](const ImportedRequest &r) {
        return !ownHeadersCell(r.headers, input.headers).isEmpty();
    });
    QByteArrayList columns;
    if (names)
        columns.append("name");
    if (groups)
        columns.append("group");
    columns.append("url");
    if (methods)
        columns.append("method");
    if (ownHeaders)
        columns.append("headers");
    if (bodies)
        columns.append("body");
    input.data = columns.join(',') + '\n';
    for (const ImportedRequest &request : requests) {
        QByteArrayList cells;
        if (names)
            cells.append(csvCell(request.name.toUtf8()));
        if (groups)
            cells.append(csvCell(request.group.toUtf8()));
        cells.append(csvCell(request.url.toUtf8()));
        if (methods)
            cells.append(csvCell(request.method));
        if (ownHeaders)
            cells.append(csvCell(ownHeadersCell(request.headers, input.headers)));
        if (bodies)
            cells.append(csvCell(request.body.value_or(QByteArray())));
        input.data += cells.join(',') + '\n';
    }
    return input;
}

Environment importedEnvironment(const ImportedRequests &imported)
{
    Environment environment{imported.title.trimmed(), {}};
    if (environment.name.isEmpty())
        environment.name = QCoreApplication::translate("salvo::ImportedBatch", "Imported");
    for (const auto &[name, value] : imported.variables)
        environment.values.insert(name, value);
    return environment;
}

void fillImportedVariables(ImportedRequests &imported, const Environment &over)
{
    const Environment own = importedEnvironment(imported);
    const auto lookup = [&](const QString &name) -> std::optional<QString> {
        if (over.values.contains(name))
            return over.values.value(name);
        if (own.values.contains(name))
            return own.values.value(name);
        return std::nullopt;
    };
    const auto filled = [&lookup](const QString &text) { return fillPlaceholders(text, lookup); };
    const auto filledBytes = [&filled](const QByteArray &utf8) {
        return filled(QString::fromUtf8(utf8)).toUtf8();
    };
    for (ImportedRequest &request : imported.requests) {
        request.url = filled(request.url);
        for (auto &header : request.headers)
            header.second = filledBytes(header.second);
        if (request.body)
            request.body = filledBytes(*request.body);
    }
    for (QString *field : signInTexts(imported.signIn))
        *field = filled(*field);
}

namespace {

constexpr std::pair<ImportKind, QStringView> importKinds[]{{ImportKind::Curl, u"curl"},
                                                           {ImportKind::Har, u"har"},
                                                           {ImportKind::Postman, u"postman"},
                                                           {ImportKind::OpenApi, u"openapi"}};

} // namespace

std::optional<ImportKind> importKindFromName(QStringView name)
{
    for (const auto &[kind, kindName] : importKinds)
        if (name == kindName)
            return kind;
    return std::nullopt;
}

QString importKindNames()
{
    QStringList names;
    for (const auto &[kind, name] : importKinds)
        names.append(name.toString());
    const QString last = names.takeLast();
    return QCoreApplication::translate("salvo::ImportedBatch", "%1 or %2")
            .arg(names.join(u", "), last);
}

std::optional<ImportKind> recognizeImport(QByteArrayView text)
{
    // A collection's schema address and a description's `openapi:` key are their own; a HAR
    // file is known only by a "log" key, which a description's schema may also have.
    if (looksLikePostmanCollection(text))
        return ImportKind::Postman;
    if (looksLikeOpenApi(text))
        return ImportKind::OpenApi;
    if (looksLikeHar(text))
        return ImportKind::Har;
    const QByteArrayView start = text.first(std::min<qsizetype>(text.size(), 4096));
    if (looksLikeCurlCommands(QString::fromUtf8(start)))
        return ImportKind::Curl;
    return std::nullopt;
}

ImportedRequests importAs(ImportKind kind, QByteArrayView text)
{
    switch (kind) {
    case ImportKind::Curl:
        return importCurlCommands(QString::fromUtf8(text));
    case ImportKind::Har:
        return importHar(text);
    case ImportKind::Postman:
        return importPostman(text);
    case ImportKind::OpenApi:
        return importOpenApi(text);
    }
    return {};
}

} // namespace salvo
