#include "OpenApiImport.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

#include "FormBody.h"
#include "OpenApiDocument.h"
#include "batch/Variables.h"

namespace salvo {
namespace {

using namespace Qt::StringLiterals;
using Tree = StructuredTree;

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::OpenApiImport", text);
}

QString textOf(const std::string &text)
{
    return QString::fromStdString(text);
}

// A member of an object, or null: descriptions leave out what they do not need.
const Tree &member(const Tree &node, const char *key)
{
    static const Tree none;
    if (!node.is_object())
        return none;
    const auto found = node.find(key);
    return found == node.end() ? none : *found;
}

// What a list a description left out is walked as.
const Tree &emptyList()
{
    static const Tree none = Tree::array();
    return none;
}

QString stringOf(const Tree &node, const char *key)
{
    const Tree &value = member(node, key);
    return value.is_string() ? textOf(value.get<std::string>()) : QString();
}

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "{}"));
}

bool isJsonType(const QString &type)
{
    return type == u"application/json" || type.endsWith(u"+json") || type.contains(u"json");
}

// What one operation sends, gathered from its parameters before it becomes rows.
struct OperationParts
{
    QString path;
    QStringList query;
    HeaderList headers;
    QStringList cookies;
    FormFields form; // Swagger 2.0's formData
    const Tree *bodySchema = nullptr; // Swagger 2.0's body parameter
};

class DescriptionReader
{
public:
    explicit DescriptionReader(OpenApiDocument &document)
        : m_document(document)
    { }

    ImportedRequests read()
    {
        const Tree &root = m_document.root();
        m_imported.title = stringOf(member(root, "info"), "title");
        const QStringList servers = m_document.isSwagger() ? swaggerServers(root)
                                                           : serversOf(member(root, "servers"));
        const Tree &paths = member(root, "paths");
        if (!paths.is_object()) {
            m_imported.skipped.append({tr("the description"), tr("it has no paths")});
            return std::move(m_imported);
        }
        for (const auto &[path, given] : paths.items()) {
            if (const QString elsewhere = stringOf(given, "$ref");
                !elsewhere.isEmpty() && !elsewhere.startsWith(u'#'))
                m_imported.skipped.append(
                        {textOf(path),
                         tr("it is in another file (%1), which Salvo does not read")
                                 .arg(elsewhere)});
            else
                readPath(textOf(path), m_document.resolved(given), servers);
        }
        settleSignIn();
        sayWhatWasLeft();
        return std::move(m_imported);
    }

private:
    OpenApiDocument &m_document;
    ImportedRequests m_imported;
    QStringList m_securityOfRows; // each row's security scheme; empty: none
    bool m_serverUnnamed = false;
    QStringList m_bodiesWithoutExample;
    QStringList m_fileFields;

    void addVariable(const QString &name, const QString &value)
    {
        const bool known = std::any_of(m_imported.variables.cbegin(), m_imported.variables.cend(),
                                       [&name](const auto &each) { return each.first == name; });
        if (!known)
            m_imported.variables.emplaceBack(name, value);
    }

    // OpenAPI 3's servers: their variables as `{name}`s, with their defaults as variables.
    QStringList serversOf(const Tree &servers)
    {
        QStringList urls;
        for (const Tree &server : servers.is_array() ? servers : emptyList()) {
            const QString url = stringOf(server, "url").trimmed();
            if (url.isEmpty())
                continue;
            for (const auto &[name, variable] : member(server, "variables").items())
                addVariable(textOf(name), treeText(member(variable, "default")));
            urls.append(baseAddress(url));
        }
        if (urls.isEmpty())
            urls.append(baseAddress(QString()));
        return urls;
    }

    // Swagger 2.0's one server: its scheme (https when offered), host and basePath.
    QStringList swaggerServers(const Tree &root)
    {
        const QString host = stringOf(root, "host");
        const QString basePath = stringOf(root, "basePath");
        if (host.isEmpty())
            return {baseAddress(basePath)};
        QString scheme = u"https"_s;
        const Tree &schemes = member(root, "schemes");
        if (schemes.is_array() && !schemes.empty() && schemes[0].is_string()
            && std::find(schemes.begin(), schemes.end(), "https") == schemes.end())
            scheme = textOf(schemes[0].get<std::string>());
        return {baseAddress(scheme + u"://" + host + basePath)};
    }

    // A server's address without its last slash; a relative one after {baseUrl}, said.
    QString baseAddress(QString url)
    {
        if (url.startsWith(u"//"))
            url.prepend(u"https:"_s);
        if (!url.contains(u"://")) {
            m_serverUnnamed = true;
            url.prepend(u"{baseUrl}"_s + (url.startsWith(u'/') || url.isEmpty() ? u""_s : u"/"_s));
        }
        while (url.endsWith(u'/'))
            url.chop(1);
        return url;
    }

    // A path's or operation's own servers, which replace those above it; else those.
    QStringList ownServersOr(const Tree &node, const QStringList &above)
    {
        return member(node, "servers").is_array() ? serversOf(member(node, "servers")) : above;
    }

    void readPath(const QString &path, const Tree &item, const QStringList &rootServers)
    {
        if (!item.is_object()) {
            m_imported.skipped.append({path, tr("it is not a path item")});
            return;
        }
        const QStringList servers = ownServersOr(item, rootServers);
        static const QStringList methods{u"get"_s,     u"put"_s,  u"post"_s,  u"delete"_s,
                                         u"options"_s, u"head"_s, u"patch"_s, u"trace"_s};
        for (const auto &[key, operation] : item.items()) {
            const QString method = textOf(key);
            if (!methods.contains(method))
                continue;
            const QString where = method.toUpper() + u' ' + path;
            if (!operation.is_object()) {
                m_imported.skipped.append({where, tr("it is not an operation")});
                continue;
            }
            readOperation(path, method, operation, member(item, "parameters"),
                          ownServersOr(operation, servers));
        }
    }

    void readOperation(const QString &path, const QString &method, const Tree &operation,
                       const Tree &pathParameters, const QStringList &servers)
    {
        const QString where = method.toUpper() + u' ' + path;
        OperationParts parts{.path = path};
        for (const Tree *parameter : parametersOf(pathParameters, member(operation, "parameters")))
            addParameter(*parameter, parts);
        ImportedRequest row{.name = stringOf(operation, "operationId"),
                            .group = {},
                            .method = method.toUpper().toLatin1(),
                            .url = {},
                            .headers = parts.headers,
                            .body = {}};
        if (row.name.isEmpty())
            row.name = stringOf(operation, "summary");
        if (row.name.isEmpty())
            row.name = where;
        if (const Tree &tags = member(operation, "tags"); tags.is_array() && !tags.empty())
            row.group = treeText(tags[0]);
        if (!parts.cookies.isEmpty())
            row.headers.append({"Cookie", parts.cookies.join(u"; "_s).toUtf8()});
        if (m_document.isSwagger())
            readSwaggerBody(operation, parts, row, where);
        else
            readRequestBody(operation, row, where);
        const QString query = parts.query.isEmpty() ? QString() : u'?' + parts.query.join(u'&');
        const QString security = securityOf(operation);
        for (const QString &server : servers) {
            row.url = server + parts.path + query;
            m_imported.requests.append(row);
            m_securityOfRows.append(security);
        }
    }

    // The path's parameters and the operation's, resolved; the operation's own win.
    QList<const Tree *> parametersOf(const Tree &pathLevel, const Tree &operationLevel)
    {
        QList<const Tree *> parameters;
        for (const Tree *level : {&pathLevel, &operationLevel}) {
            for (const Tree &given : level->is_array() ? *level : emptyList()) {
                const Tree &parameter = m_document.resolved(given);
                if (!parameter.is_object())
                    continue;
                parameters.removeIf([&parameter](const Tree *each) {
                    return member(*each, "name") == member(parameter, "name")
                            && member(*each, "in") == member(parameter, "in");
                });
                parameters.append(&parameter);
            }
        }
        return parameters;
    }

    void addParameter(const Tree &parameter, OperationParts &parts)
    {
        const QString name = stringOf(parameter, "name");
        const QString place = stringOf(parameter, "in");
        if (name.isEmpty())
            return;
        if (place == u"body") {
            parts.bodySchema = &member(parameter, "schema");
            return;
        }
        if (place == u"formData" && stringOf(parameter, "type") == u"file") {
            m_fileFields.append(name);
            return;
        }
        const std::optional<Tree> given = m_document.givenValueOf(parameter);
        const bool required = member(parameter, "required") == true || place == u"path";
        if (!given && !required) // optional and without a value: left out, as a person would
            return;
        const QString placeholder = u'{' + asVariableName(name) + u'}';
        QStringList values;
        if (given && given->is_array())
            for (const Tree &each : *given)
                values.append(treeText(each));
        else
            values.append(given ? treeText(*given) : placeholder);
        if (place == u"path") {
            parts.path.replace(u'{' + name + u'}',
                               given ? encoded(values.join(u',')) : placeholder);
        } else if (place == u"query") {
            for (const QString &value : values)
                parts.query.append(encoded(name) + u'=' + encoded(value));
        } else if (place == u"header") {
            static const QStringList described{u"accept"_s, u"content-type"_s, u"authorization"_s};
            if (!described.contains(name.toLower()))
                parts.headers.append({name.toLatin1(), values.join(u',').toUtf8()});
        } else if (place == u"cookie") {
            parts.cookies.append(name + u'=' + values.join(u','));
        } else if (place == u"formData") {
            parts.form.emplaceBack(name, values.join(u','));
        }
    }

    static void setContentType(ImportedRequest &row, const QByteArray &type)
    {
        row.headers.removeIf([](const auto &header) {
            return header.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
        });
        row.headers.append({"Content-Type", type});
    }

    // The body as the media type sends it: JSON, a form, or an example's own text.
    void setBody(ImportedRequest &row, const QString &type, const Tree &value, const QString &where)
    {
        if (isJsonType(type)) {
            row.body = value.is_string() ? treeText(value).toUtf8() : treeJson(value);
        } else if (type == u"application/x-www-form-urlencoded" || type == u"multipart/form-data") {
            FormFields fields;
            if (value.is_object())
                for (const auto &[name, field] : value.items())
                    fields.emplaceBack(textOf(name), treeText(field));
            const bool multipart = type == u"multipart/form-data";
            row.body = multipart ? multipartForm(fields) : urlEncodedForm(fields);
            setContentType(row, multipart ? multipartFormType() : type.toLatin1());
            return;
        } else if (value.is_string()) {
            row.body = treeText(value).toUtf8();
        } else {
            m_bodiesWithoutExample.append(where);
            return;
        }
        setContentType(row, type.toLatin1());
    }

    // OpenAPI 3's requestBody: JSON when offered, its example or one made from its schema.
    void readRequestBody(const Tree &operation, ImportedRequest &row, const QString &where)
    {
        const Tree &body = m_document.resolved(member(operation, "requestBody"));
        const Tree &content = member(body, "content");
        if (!content.is_object() || content.empty())
            return;
        auto chosen = content.begin();
        for (auto each = content.begin(); each != content.end(); ++each)
            if (isJsonType(textOf(each.key()))) {
                chosen = each;
                break;
            }
        const QString type = textOf(chosen.key());
        const Tree &media = chosen.value();
        if (const std::optional<Tree> example = exampleOf(media))
            setBody(row, type, *example, where);
        else
            setBody(row, type, m_document.sampleOf(member(media, "schema")), where);
    }

    std::optional<Tree> exampleOf(const Tree &media)
    {
        if (media.contains("example"))
            return media["example"];
        for (const auto &[name, example] : member(media, "examples").items())
            if (const Tree &value = m_document.resolved(example); value.contains("value"))
                return value["value"];
        return std::nullopt;
    }

    // Swagger 2.0: the body parameter's schema, or the formData parameters as a form.
    void readSwaggerBody(const Tree &operation, const OperationParts &parts, ImportedRequest &row,
                         const QString &where)
    {
        const Tree &consumes = member(operation, "consumes").is_array()
                ? member(operation, "consumes")
                : member(m_document.root(), "consumes");
        QStringList types;
        for (const Tree &each : consumes.is_array() ? consumes : emptyList())
            types.append(treeText(each));
        if (parts.bodySchema) {
            const auto json = std::find_if(types.cbegin(), types.cend(), isJsonType);
            const QString type = json != types.cend()
                    ? *json
                    : (types.isEmpty() ? u"application/json"_s : types.first());
            setBody(row, type, m_document.sampleOf(*parts.bodySchema), where);
        } else if (!parts.form.isEmpty()) {
            const bool multipart = types.contains(u"multipart/form-data"_s)
                    && !types.contains(u"application/x-www-form-urlencoded"_s);
            row.body = multipart ? multipartForm(parts.form) : urlEncodedForm(parts.form);
            setContentType(row,
                           multipart ? multipartFormType()
                                     : QByteArray("application/x-www-form-urlencoded"));
        }
    }

    // The name of the security scheme the operation signs in with; empty: none.
    QString securityOf(const Tree &operation)
    {
        const Tree &security = operation.contains("security")
                ? operation["security"]
                : member(m_document.root(), "security");
        for (const Tree &requirement : security.is_array() ? security : emptyList())
            if (requirement.is_object() && !requirement.empty())
                return textOf(requirement.begin().key());
        return {};
    }

    void settleSignIn();
    SignIn signInOf(const QString &schemeName, QString &described);
    void sayWhatWasLeft();
};

SignIn DescriptionReader::signInOf(const QString &schemeName, QString &described)
{
    const Tree &root = m_document.root();
    const Tree &schemes = m_document.isSwagger()
            ? member(root, "securityDefinitions")
            : member(member(root, "components"), "securitySchemes");
    const Tree &scheme = m_document.resolved(member(schemes, schemeName.toUtf8().constData()));
    const QString type = stringOf(scheme, "type");
    const QString httpScheme = stringOf(scheme, "scheme").toLower();
    if (type == u"basic" || (type == u"http" && httpScheme == u"basic")) {
        described = tr("a user name and password");
        return {.kind = SignInKind::Basic};
    }
    if (type == u"apiKey" && stringOf(scheme, "in") != u"cookie") {
        described = tr("an API key");
        return {.kind = SignInKind::ApiKey,
                .apiKeyName = stringOf(scheme, "name"),
                .apiKeyPlace
                = stringOf(scheme, "in") == u"query" ? ApiKeyPlace::Query : ApiKeyPlace::Header};
    }
    const Tree &clientFlow = member(member(scheme, "flows"), "clientCredentials");
    if (type == u"oauth2"
        && (clientFlow.is_object() || stringOf(scheme, "flow") == u"application")) {
        described = tr("an OAuth2 client id and secret");
        return {.kind = SignInKind::OAuth2ClientCredentials,
                .tokenUrl = stringOf(clientFlow.is_object() ? clientFlow : scheme, "tokenUrl")};
    }
    if ((type == u"http" && httpScheme == u"bearer") || type == u"oauth2"
        || type == u"openIdConnect") {
        described = tr("a bearer token");
        return {.kind = SignInKind::Bearer};
    }
    described = tr("\"%1\", which Salvo cannot sign in with").arg(type + u' ' + httpScheme);
    return {};
}

// The scheme most rows use is the batch's sign-in; its secrets are the person's to give.
void DescriptionReader::settleSignIn()
{
    QMap<QString, int> uses;
    for (const QString &scheme : std::as_const(m_securityOfRows))
        if (!scheme.isEmpty())
            ++uses[scheme];
    if (uses.isEmpty())
        return;
    const auto most = std::max_element(uses.cbegin(), uses.cend());
    QString described;
    m_imported.signIn = signInOf(most.key(), described);
    m_imported.warnings.append(
            tr("The API signs in with \"%1\": give %2 in the Sign-in tab, or to salvo-cli.")
                    .arg(most.key(), described));
    const qsizetype otherwise = m_securityOfRows.size() - most.value();
    if (otherwise > 0)
        m_imported.warnings.append(
                tr("%1 of the %2 requests sign in otherwise, or not at all, in the description; "
                   "Salvo signs a whole batch in one way.")
                        .arg(otherwise)
                        .arg(m_securityOfRows.size()));
}

void DescriptionReader::sayWhatWasLeft()
{
    if (m_serverUnnamed)
        m_imported.warnings.append(
                tr("The description names no server address: the addresses start with "
                   "{baseUrl}, to give in the environment."));
    if (!m_bodiesWithoutExample.isEmpty())
        m_imported.warnings.append(tr("%1: the body has no example Salvo can send, and is left "
                                      "out.")
                                           .arg(m_bodiesWithoutExample.join(u", "_s)));
    if (!m_fileFields.isEmpty())
        m_imported.warnings.append(tr("File fields (%1) are left out: Salvo sends no files.")
                                           .arg(m_fileFields.join(u", "_s)));
    if (!m_document.externalReferences().isEmpty())
        m_imported.warnings.append(tr("References to other files are not followed: %1.")
                                           .arg(m_document.externalReferences().join(u", "_s)));
}

} // namespace

bool looksLikeOpenApi(QByteArrayView text)
{
    static const QRegularExpression key(uR"((^|[\n{,])\s*["']?(openapi|swagger)["']?\s*:)"_s);
    const QByteArrayView start = text.first(std::min<qsizetype>(text.size(), 4096));
    return key.match(QString::fromUtf8(start)).hasMatch();
}

ImportedRequests importOpenApi(QByteArrayView text)
{
    ImportedRequests imported;
    Expected<StructuredTree> tree = readStructuredText(text);
    if (!tree) {
        imported.skipped.append({tr("the file"), tree.error().message});
        return imported;
    }
    const QString openapi = stringOf(*tree, "openapi");
    const QString swagger = stringOf(*tree, "swagger");
    if (!openapi.startsWith(u"3.") && swagger != u"2.0") {
        imported.skipped.append({tr("the file"),
                                 tr("it is not an OpenAPI 3 or Swagger 2.0 description: it "
                                    "has no \"openapi: 3...\" or \"swagger: 2.0\"")});
        return imported;
    }
    OpenApiDocument document(std::move(*tree));
    return DescriptionReader(document).read();
}

} // namespace salvo
