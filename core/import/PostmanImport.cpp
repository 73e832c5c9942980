#include "PostmanImport.h"

#include "FormBody.h"
#include "batch/Variables.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace salvo {
namespace {

using namespace Qt::StringLiterals;

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("salvo::PostmanImport", text, nullptr, n);
}

// Nested deeper than this, a folder is a malformed (or hostile) file, not a collection.
constexpr int deepestFolder = 64;

QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble() || value.isBool())
        return value.toVariant().toString();
    return {};
}

// The collection's items, read into rows with what was not taken said.
class CollectionReader
{
public:
    ImportedRequests imported;

    void readCollection(const QJsonObject &collection)
    {
        imported.title = collection.value(u"info"_s)[u"name"_s].toString();
        for (const QJsonValue &variable : collection.value(u"variable"_s).toArray()) {
            if (variable[u"disabled"_s].toBool() || variable[u"key"_s].toString().isEmpty())
                continue;
            imported.variables.emplaceBack(asVariableName(variable[u"key"_s].toString()),
                                           salvoText(textOf(variable[u"value"_s])));
        }
        noteScripts(collection, tr("the collection"));
        readItems(collection.value(u"item"_s).toArray(), {}, collection.value(u"auth"_s), 0);
        settleSignIn();
        sayWhatWasLeft();
    }

private:
    QList<QJsonValue> m_auths; // each request's own, inherited as Postman does
    QStringList m_scripted;
    QSet<QString> m_dynamic;
    QMap<QString, int> m_unsupportedAuth;
    QStringList m_fileBodies;

    // `{{name}}` written as Salvo's `{name}`; Postman's dynamic `{{$name}}` as it is.
    QString salvoText(const QString &text)
    {
        static const QRegularExpression variable(u"\\{\\{([^{}]+)\\}\\}"_s);
        QString result;
        qsizetype last = 0;
        for (const QRegularExpressionMatch &match : variable.globalMatch(text)) {
            result += QStringView(text).sliced(last, match.capturedStart() - last);
            const QString name = match.captured(1).trimmed();
            if (name.startsWith(u'$')) {
                m_dynamic.insert(name);
                result += match.captured();
            } else {
                result += u'{' + asVariableName(name) + u'}';
            }
            last = match.capturedEnd();
        }
        return result + QStringView(text).sliced(last);
    }

    void noteScripts(const QJsonObject &item, const QString &name)
    {
        for (const QJsonValue &event : item.value(u"event"_s).toArray()) {
            const QJsonValue exec = event[u"script"_s][u"exec"_s];
            const QString code = exec.isArray()
                    ? exec.toVariant().toStringList().join(QString()).trimmed()
                    : exec.toString().trimmed();
            if (!code.isEmpty() && !event[u"disabled"_s].toBool() && !m_scripted.contains(name))
                m_scripted.append(name);
        }
    }

    void readItems(const QJsonArray &items, const QString &group, const QJsonValue &auth, int depth)
    {
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonObject item = items.at(i).toObject();
            const QString name = item.value(u"name"_s).toString();
            QString where = name.isEmpty()
                    ? tr("item %1 of %2").arg(i + 1).arg(group.isEmpty() ? tr("the top") : group)
                    : u'"' + name + u'"';
            if (!name.isEmpty() && !group.isEmpty())
                where += tr(" in %1").arg(group);
            // An item's auth of null, or none at all, is its folder's.
            const QJsonValue ownAuth
                    = item.value(u"auth"_s).isObject() ? item.value(u"auth"_s) : auth;
            noteScripts(item, u'"' + (name.isEmpty() ? where : name) + u'"');
            if (item.value(u"item"_s).isArray()) {
                if (depth >= deepestFolder) {
                    imported.skipped.append(
                            {where,
                             tr("its folders are nested deeper than %1").arg(deepestFolder)});
                    continue;
                }
                const QString folder = group.isEmpty() ? name : group + u'/' + name;
                readItems(item.value(u"item"_s).toArray(), folder, ownAuth, depth + 1);
            } else if (item.contains(u"request"_s)) {
                readRequest(item, group, ownAuth, where);
            } else {
                imported.skipped.append({where, tr("it is neither a request nor a folder")});
            }
        }
    }

    void readRequest(const QJsonObject &item, const QString &group, const QJsonValue &auth,
                     const QString &where)
    {
        const QJsonValue given = item.value(u"request"_s);
        const QJsonObject request = given.isString()
                ? QJsonObject{{u"url"_s, given}, {u"method"_s, u"GET"_s}}
                : given.toObject();
        QString url = urlOf(request.value(u"url"_s));
        if (url.trimmed().isEmpty()) {
            imported.skipped.append({where, tr("it has no address")});
            return;
        }
        const QString method = request.value(u"method"_s).toString(u"GET"_s).trimmed().toUpper();
        static const QRegularExpression token(u"^[A-Z0-9!#$%&'*+.^_`|~-]+$"_s);
        if (!token.match(method).hasMatch()) {
            imported.skipped.append({where, tr("its method \"%1\" is not one").arg(method)});
            return;
        }
        ImportedRequest row{.name = item.value(u"name"_s).toString(),
                            .group = group,
                            .method = method.toLatin1(),
                            .url = url.trimmed(),
                            .headers = headersOf(request.value(u"header"_s)),
                            .body = {}};
        readBody(request.value(u"body"_s).toObject(), row, where);
        imported.requests.append(std::move(row));
        m_auths.append(request.value(u"auth"_s).isObject() ? request.value(u"auth"_s) : auth);
    }

    QString urlOf(const QJsonValue &url)
    {
        if (!url.isObject())
            return withScheme(withPathVariables(salvoText(url.toString()), {}));
        const QJsonObject parts = url.toObject();
        QString text = parts.value(u"raw"_s).toString();
        if (text.isEmpty())
            text = builtUrl(parts);
        QHash<QString, QString> pathValues;
        for (const QJsonValue &variable : parts.value(u"variable"_s).toArray())
            pathValues.insert(variable[u"key"_s].toString(),
                              salvoText(textOf(variable[u"value"_s])));
        return withScheme(withPathVariables(salvoText(text), pathValues));
    }

    static QString joined(const QJsonValue &parts, QStringView separator)
    {
        if (!parts.isArray())
            return parts.toString();
        QStringList words;
        for (const QJsonValue &part : parts.toArray())
            words.append(part.isObject() ? textOf(part[u"value"_s]) : textOf(part));
        return words.join(separator);
    }

    // An address from its parts, for a collection written without url.raw.
    static QString builtUrl(const QJsonObject &parts)
    {
        QString text = joined(parts.value(u"host"_s), u".");
        if (const QString protocol = parts.value(u"protocol"_s).toString(); !protocol.isEmpty())
            text.prepend(protocol + u"://");
        if (const QString port = textOf(parts.value(u"port"_s)); !port.isEmpty())
            text += u':' + port;
        if (const QString path = joined(parts.value(u"path"_s), u"/"); !path.isEmpty())
            text += u'/' + path;
        QStringList query;
        for (const QJsonValue &pair : parts.value(u"query"_s).toArray())
            if (!pair[u"disabled"_s].toBool())
                query.append(pair[u"key"_s].toString() + u'=' + textOf(pair[u"value"_s]));
        if (!query.isEmpty())
            text += u'?' + query.join(u'&');
        if (const QString hash = parts.value(u"hash"_s).toString(); !hash.isEmpty())
            text += u'#' + hash;
        return text;
    }

    // Each `/:name` segment as its value, or as `{name}` for the rows to fill.
    static QString withPathVariables(const QString &url, const QHash<QString, QString> &values)
    {
        static const QRegularExpression segment(u"/:([A-Za-z_][A-Za-z0-9_.-]*)(?=[/?#]|$)"_s);
        QString result;
        qsizetype last = 0;
        for (const QRegularExpressionMatch &match : segment.globalMatch(url)) {
            const QString name = match.captured(1);
            const QString value = values.value(name);
            result += QStringView(url).sliced(last, match.capturedStart() - last) + u'/'
                    + (value.isEmpty() ? u'{' + asVariableName(name) + u'}' : value);
            last = match.capturedEnd();
        }
        return result + QStringView(url).sliced(last);
    }

    // Postman sends an address without a scheme as http://, as curl does.
    static QString withScheme(const QString &url)
    {
        const QString trimmed = url.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'{') || trimmed.contains(u"://"))
            return trimmed;
        return u"http://"_s + trimmed;
    }

    HeaderList headersOf(const QJsonValue &given)
    {
        HeaderList headers;
        if (given.isString()) { // v2.0 also allows the headers as one text
            for (const QString &line : given.toString().split(u'\n', Qt::SkipEmptyParts)) {
                const qsizetype colon = line.indexOf(u':');
                if (colon > 0)
                    headers.append({line.first(colon).trimmed().toLatin1(),
                                    salvoText(line.sliced(colon + 1).trimmed()).toUtf8()});
            }
            return headers;
        }
        for (const QJsonValue &header : given.toArray()) {
            const QString name = header[u"key"_s].toString().trimmed();
            if (name.isEmpty() || header[u"disabled"_s].toBool())
                continue;
            headers.append({name.toLatin1(), salvoText(textOf(header[u"value"_s])).toUtf8()});
        }
        return headers;
    }

    static bool hasHeader(const HeaderList &headers, QByteArrayView name)
    {
        return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0;
        });
    }

    static void setContentType(ImportedRequest &row, const QByteArray &type, bool replace = false)
    {
        if (replace)
            row.headers.removeIf([](const auto &header) {
                return header.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
            });
        if (!hasHeader(row.headers, "Content-Type"))
            row.headers.append({QByteArrayLiteral("Content-Type"), type});
    }

    void readBody(const QJsonObject &body, ImportedRequest &row, const QString &where)
    {
        if (body.isEmpty() || body.value(u"disabled"_s).toBool())
            return;
        const QString mode = body.value(u"mode"_s).toString();
        if (mode == u"raw") {
            const QString raw = body.value(u"raw"_s).toString();
            if (raw.isEmpty())
                return;
            row.body = salvoText(raw).toUtf8();
            static const QHash<QString, QByteArray> types{
                    {u"json"_s, "application/json"},
                    {u"xml"_s, "application/xml"},
                    {u"html"_s, "text/html"},
                    {u"text"_s, "text/plain"},
                    {u"javascript"_s, "application/javascript"}};
            const QString language
                    = body.value(u"options"_s)[u"raw"_s][u"language"_s].toString().toLower();
            if (types.contains(language))
                setContentType(row, types.value(language));
        } else if (mode == u"urlencoded") {
            FormFields fields;
            for (const QJsonValue &field : body.value(u"urlencoded"_s).toArray())
                if (!field[u"disabled"_s].toBool())
                    fields.emplaceBack(salvoText(field[u"key"_s].toString()),
                                       salvoText(textOf(field[u"value"_s])));
            row.body = urlEncodedForm(fields);
            setContentType(row, "application/x-www-form-urlencoded");
        } else if (mode == u"formdata") {
            readForm(body.value(u"formdata"_s).toArray(), row, where);
        } else if (mode == u"graphql") {
            const QJsonObject graphql = body.value(u"graphql"_s).toObject();
            QJsonObject sent{{u"query"_s, graphql.value(u"query"_s).toString()}};
            const QJsonDocument variables
                    = QJsonDocument::fromJson(graphql.value(u"variables"_s).toString().toUtf8());
            sent.insert(u"variables"_s, variables.isObject() ? variables.object() : QJsonObject());
            row.body = salvoText(QString::fromUtf8(
                                         QJsonDocument(sent).toJson(QJsonDocument::Compact)))
                               .toUtf8();
            setContentType(row, "application/json");
        } else if (mode == u"file") {
            m_fileBodies.append(where);
        }
    }

    // Form-data's text fields as a multipart body; a file field is not read.
    void readForm(const QJsonArray &given, ImportedRequest &row, const QString &where)
    {
        FormFields fields;
        for (const QJsonValue &field : given) {
            if (field[u"disabled"_s].toBool())
                continue;
            if (field[u"type"_s].toString() == u"file") {
                if (!m_fileBodies.contains(where))
                    m_fileBodies.append(where);
                continue;
            }
            fields.emplaceBack(salvoText(field[u"key"_s].toString()),
                               salvoText(textOf(field[u"value"_s])));
        }
        if (fields.isEmpty())
            return;
        row.body = multipartForm(fields);
        setContentType(row, multipartFormType(), true);
    }

    QString authParam(const QJsonObject &auth, const QString &kind, const QString &key)
    {
        const QJsonValue block = auth.value(kind);
        if (block.isObject()) // v2.0 writes each kind's fields as an object
            return salvoText(textOf(block[key]));
        for (const QJsonValue &pair : block.toArray())
            if (pair[u"key"_s].toString() == key)
                return salvoText(textOf(pair[u"value"_s]));
        return {};
    }

    // The sign-in an auth block says; none for a kind Salvo does not have (counted).
    std::optional<SignIn> signInOf(const QJsonValue &given)
    {
        const QJsonObject auth = given.toObject();
        const QString kind = auth.value(u"type"_s).toString();
        SignIn signIn;
        if (kind.isEmpty() || kind == u"noauth")
            return signIn;
        if (kind == u"basic") {
            signIn = {.kind = SignInKind::Basic,
                      .user = authParam(auth, kind, u"username"_s),
                      .password = authParam(auth, kind, u"password"_s)};
        } else if (kind == u"bearer") {
            signIn = {.kind = SignInKind::Bearer, .token = authParam(auth, kind, u"token"_s)};
        } else if (kind == u"apikey") {
            signIn = {.kind = SignInKind::ApiKey,
                      .apiKeyName = authParam(auth, kind, u"key"_s),
                      .apiKeyValue = authParam(auth, kind, u"value"_s),
                      .apiKeyPlace = authParam(auth, kind, u"in"_s) == u"query"
                              ? ApiKeyPlace::Query
                              : ApiKeyPlace::Header};
        } else if (kind == u"oauth2"
                   && authParam(auth, kind, u"grant_type"_s) == u"client_credentials") {
            signIn = {.kind = SignInKind::OAuth2ClientCredentials,
                      .tokenUrl = authParam(auth, kind, u"accessTokenUrl"_s),
                      .clientId = authParam(auth, kind, u"clientId"_s),
                      .clientSecret = authParam(auth, kind, u"clientSecret"_s),
                      .scope = authParam(auth, kind, u"scope"_s)};
        } else if (kind == u"oauth2" && !authParam(auth, kind, u"accessToken"_s).isEmpty()) {
            signIn = {.kind = SignInKind::Bearer, .token = authParam(auth, kind, u"accessToken"_s)};
        } else {
            return std::nullopt;
        }
        return signIn;
    }

    // One sign-in for the batch when every request has the same; else each request's own.
    void settleSignIn()
    {
        QList<std::optional<SignIn>> signIns;
        for (qsizetype i = 0; i < m_auths.size(); ++i) {
            signIns.append(signInOf(m_auths.at(i)));
            if (!signIns.last())
                ++m_unsupportedAuth[m_auths.at(i)[u"type"_s].toString()];
        }
        if (signIns.isEmpty())
            return;
        if (std::all_of(signIns.cbegin(), signIns.cend(),
                        [&](const auto &each) { return each == signIns.first(); })) {
            imported.signIn = signIns.first().value_or(SignIn());
            return;
        }
        QStringList unsent;
        for (qsizetype i = 0; i < signIns.size(); ++i) {
            if (signIns.at(i) && !signInAsOwn(*signIns.at(i), imported.requests[i]))
                unsent.append(u'"' + imported.requests.at(i).name + u'"');
        }
        if (!unsent.isEmpty())
            imported.warnings.append(
                    tr("The requests sign in in different ways, and Salvo signs a whole batch in "
                       "one way: %1 %2 sent without their sign-in. Import them on their own to "
                       "give them theirs.")
                            .arg(shortList(unsent), unsent.size() == 1 ? tr("is") : tr("are")));
    }

    // The request's sign-in as its own header or query parameter, where it can be one.
    static bool signInAsOwn(const SignIn &signIn, ImportedRequest &row)
    {
        switch (signIn.kind) {
        case SignInKind::None:
            return true;
        case SignInKind::Bearer:
            row.headers.append({"Authorization", "Bearer " + signIn.token.toUtf8()});
            return true;
        case SignInKind::Basic:
            if (signIn.user.contains(u'{') || signIn.password.contains(u'{'))
                return false; // encoded before the variables are filled
            row.headers.append(
                    {"Authorization",
                     "Basic " + (signIn.user + u':' + signIn.password).toUtf8().toBase64()});
            return true;
        case SignInKind::ApiKey:
            if (signIn.apiKeyPlace == ApiKeyPlace::Header) {
                row.headers.append({signIn.apiKeyName.toLatin1(), signIn.apiKeyValue.toUtf8()});
            } else {
                row.url += (row.url.contains(u'?') ? u'&' : u'?') + signIn.apiKeyName + u'='
                        + signIn.apiKeyValue;
            }
            return true;
        case SignInKind::OAuth2ClientCredentials:
            return false;
        }
        return false;
    }

    static QString shortList(const QStringList &names)
    {
        const qsizetype shown = 3;
        QString list = names.first(std::min(shown, names.size())).join(u", "_s);
        if (names.size() > shown)
            list += tr(" and %n more", int(names.size() - shown));
        return list;
    }

    void sayWhatWasLeft()
    {
        for (auto kind = m_unsupportedAuth.cbegin(); kind != m_unsupportedAuth.cend(); ++kind)
            imported.warnings.append(
                    (kind.value() == 1 ? tr("Salvo cannot sign in with Postman's \"%1\" auth: "
                                            "the request using it is sent without it.")
                                       : tr("Salvo cannot sign in with Postman's \"%1\" auth: "
                                            "the %2 requests using it are sent without it.")
                                                 .arg(u"%1"_s, QString::number(kind.value())))
                            .arg(kind.key()));
        if (!m_scripted.isEmpty())
            imported.warnings.append(tr("Salvo runs no scripts: the pre-request and test "
                                        "scripts of %1 were not run.")
                                             .arg(shortList(m_scripted)));
        if (!m_dynamic.isEmpty()) {
            QStringList names = m_dynamic.values();
            names.sort();
            imported.warnings.append(
                    tr("Postman's dynamic variables (%1) are left as written: Salvo does not "
                       "make up values.")
                            .arg(u"{{"_s + names.join(u"}}, {{"_s) + u"}}"_s));
        }
        if (!m_fileBodies.isEmpty())
            imported.warnings.append(tr("Salvo does not read the files a collection names: "
                                        "%1 %2 sent without their file body or fields.")
                                             .arg(shortList(m_fileBodies),
                                                  m_fileBodies.size() == 1 ? tr("is") : tr("are")));
    }
};

} // namespace

bool looksLikePostmanCollection(QByteArrayView text)
{
    const QByteArrayView trimmed = text.trimmed();
    const QByteArrayView start = trimmed.first(std::min<qsizetype>(trimmed.size(), 4096));
    return start.startsWith("{")
            && (start.contains("schema.getpostman.com") || start.contains("\"_postman_id\""));
}

ImportedRequests importPostman(QByteArrayView text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &error);
    ImportedRequests imported;
    if (error.error != QJsonParseError::NoError) {
        imported.skipped.append({tr("the file"),
                                 tr("it is not JSON (at character %1: %2)")
                                         .arg(error.offset)
                                         .arg(error.errorString())});
        return imported;
    }
    const QJsonObject collection = document.object();
    if (collection.contains(u"requests"_s) && !collection.contains(u"item"_s)) {
        imported.skipped.append({tr("the file"),
                                 tr("it is a Postman collection v1: export it again from "
                                    "Postman, which writes v2.1")});
        return imported;
    }
    if (!collection.value(u"item"_s).isArray()) {
        imported.skipped.append({tr("the file"),
                                 tr("it has no items: a Postman collection is "
                                    "exported with Postman's Export")});
        return imported;
    }
    CollectionReader reader;
    reader.readCollection(collection);
    return std::move(reader.imported);
}

} // namespace salvo
