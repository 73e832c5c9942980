#include "CurlImport.h"

#include <QCoreApplication>
#include <QHash>
#include <QUrl>

#include "ShellWords.h"

namespace salvo {
namespace {

using namespace Qt::StringLiterals;

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::CurlImport", text);
}

// What each option does to the request; the names as curl writes them, long and short.
enum class Option {
    Method,
    Header,
    Data,
    DataRaw,
    DataBinary,
    DataUrlEncode,
    Json,
    User,
    Cookie,
    UserAgent,
    Referer,
    Bearer,
    Head,
    Get,
    Url,
    Compressed,
    Insecure, // understood: Salvo decompresses by itself; certificates, see below
    NoEffect, // changes nothing that is sent: -s, -v, -L, -o FILE, ...
    NoEffectWithValue,
};

struct OptionInfo
{
    Option option;
    bool takesValue;
};

const QHash<QString, OptionInfo> &options()
{
    static const QHash<QString, OptionInfo> table{
            {u"-X"_s, {Option::Method, true}},
            {u"--request"_s, {Option::Method, true}},
            {u"-H"_s, {Option::Header, true}},
            {u"--header"_s, {Option::Header, true}},
            {u"-d"_s, {Option::Data, true}},
            {u"--data"_s, {Option::Data, true}},
            {u"--data-ascii"_s, {Option::Data, true}},
            {u"--data-raw"_s, {Option::DataRaw, true}},
            {u"--data-binary"_s, {Option::DataBinary, true}},
            {u"--data-urlencode"_s, {Option::DataUrlEncode, true}},
            {u"--json"_s, {Option::Json, true}},
            {u"-u"_s, {Option::User, true}},
            {u"--user"_s, {Option::User, true}},
            {u"-b"_s, {Option::Cookie, true}},
            {u"--cookie"_s, {Option::Cookie, true}},
            {u"-A"_s, {Option::UserAgent, true}},
            {u"--user-agent"_s, {Option::UserAgent, true}},
            {u"--oauth2-bearer"_s, {Option::Bearer, true}},
            {u"-e"_s, {Option::Referer, true}},
            {u"--referer"_s, {Option::Referer, true}},
            {u"-I"_s, {Option::Head, false}},
            {u"--head"_s, {Option::Head, false}},
            {u"-G"_s, {Option::Get, false}},
            {u"--get"_s, {Option::Get, false}},
            {u"--url"_s, {Option::Url, true}},
            {u"--compressed"_s, {Option::Compressed, false}},
            {u"-k"_s, {Option::Insecure, false}},
            {u"--insecure"_s, {Option::Insecure, false}},
            {u"-s"_s, {Option::NoEffect, false}},
            {u"--silent"_s, {Option::NoEffect, false}},
            {u"-S"_s, {Option::NoEffect, false}},
            {u"--show-error"_s, {Option::NoEffect, false}},
            {u"-v"_s, {Option::NoEffect, false}},
            {u"--verbose"_s, {Option::NoEffect, false}},
            {u"-i"_s, {Option::NoEffect, false}},
            {u"--include"_s, {Option::NoEffect, false}},
            {u"-L"_s, {Option::NoEffect, false}},
            {u"--location"_s, {Option::NoEffect, false}},
            {u"-f"_s, {Option::NoEffect, false}},
            {u"--fail"_s, {Option::NoEffect, false}},
            {u"-g"_s, {Option::NoEffect, false}},
            {u"--globoff"_s, {Option::NoEffect, false}},
            {u"-N"_s, {Option::NoEffect, false}},
            {u"--no-buffer"_s, {Option::NoEffect, false}},
            {u"-#"_s, {Option::NoEffect, false}},
            {u"--progress-bar"_s, {Option::NoEffect, false}},
            {u"--http1.1"_s, {Option::NoEffect, false}},
            {u"--http2"_s, {Option::NoEffect, false}},
            {u"-o"_s, {Option::NoEffectWithValue, true}},
            {u"--output"_s, {Option::NoEffectWithValue, true}},
            {u"-w"_s, {Option::NoEffectWithValue, true}},
            {u"--write-out"_s, {Option::NoEffectWithValue, true}},
    };
    return table;
}

// curl's options that take a value and that an import leaves out: named in the warning,
// their value never taken for an address.
bool takesValueNotUnderstood(const QString &name)
{
    static const QStringList names{u"-F"_s,
                                   u"--form"_s,
                                   u"--form-string"_s,
                                   u"-E"_s,
                                   u"--cert"_s,
                                   u"--key"_s,
                                   u"--cacert"_s,
                                   u"--capath"_s,
                                   u"--cert-type"_s,
                                   u"--key-type"_s,
                                   u"--pass"_s,
                                   u"-x"_s,
                                   u"--proxy"_s,
                                   u"-U"_s,
                                   u"--proxy-user"_s,
                                   u"--noproxy"_s,
                                   u"-m"_s,
                                   u"--max-time"_s,
                                   u"--connect-timeout"_s,
                                   u"--retry"_s,
                                   u"--retry-delay"_s,
                                   u"--retry-max-time"_s,
                                   u"-T"_s,
                                   u"--upload-file"_s,
                                   u"-r"_s,
                                   u"--range"_s,
                                   u"-c"_s,
                                   u"--cookie-jar"_s,
                                   u"-D"_s,
                                   u"--dump-header"_s,
                                   u"--resolve"_s,
                                   u"--connect-to"_s,
                                   u"--limit-rate"_s,
                                   u"-z"_s,
                                   u"--time-cond"_s,
                                   u"--interface"_s,
                                   u"-C"_s,
                                   u"--continue-at"_s,
                                   u"-K"_s,
                                   u"--config"_s,
                                   u"--max-redirs"_s,
                                   u"--max-filesize"_s,
                                   u"-y"_s,
                                   u"-Y"_s,
                                   u"--aws-sigv4"_s,
                                   u"--variable"_s,
                                   u"--url-query"_s,
                                   u"--trace"_s,
                                   u"--trace-ascii"_s,
                                   u"--stderr"_s,
                                   u"--ciphers"_s,
                                   u"--tls-max"_s};
    return names.contains(name);
}

// One command read: the request curl would make of it, and what could not be taken.
struct CommandReading
{
    QByteArray method;
    bool head = false;
    bool get = false;
    bool json = false;
    HeaderList headers;
    QList<QByteArray> data; // joined with & (or, for --json, as they are)
    QStringList urls;
    QStringList notUnderstood;
    QStringList notes;
};

QByteArray urlEncodedData(const QString &value)
{
    // name=content: only the content is encoded; =content and content: all of it.
    const qsizetype equals = value.indexOf(u'=');
    if (equals > 0)
        return value.first(equals).toUtf8() + '='
                + QUrl::toPercentEncoding(value.sliced(equals + 1));
    return QUrl::toPercentEncoding(equals == 0 ? value.sliced(1) : value);
}

void addHeader(CommandReading &reading, const QString &value)
{
    const qsizetype colon = value.indexOf(u':');
    if (colon <= 0) {
        // "Name;" is curl's way to send a header with no value.
        if (value.endsWith(u';'))
            reading.headers.append({value.chopped(1).trimmed().toLatin1(), {}});
        else
            reading.notes.append(tr("the header \"%1\" has no colon and was left out").arg(value));
        return;
    }
    const QString name = value.first(colon).trimmed();
    const QString content = value.sliced(colon + 1).trimmed();
    if (content.isEmpty()) // "Name:" removes a header curl adds itself: nothing to send
        return;
    reading.headers.append({name.toLatin1(), content.toUtf8()});
}

void apply(CommandReading &reading, Option option, const QString &value)
{
    switch (option) {
    case Option::Method:
        reading.method = value.trimmed().toUpper().toLatin1();
        break;
    case Option::Header:
        addHeader(reading, value);
        break;
    case Option::Data:
    case Option::DataBinary:
        if (value.startsWith(u'@')) {
            reading.notes.append(
                    tr("its body is the file %1, which was not read").arg(value.sliced(1)));
            break;
        }
        reading.data.append(option == Option::Data
                                    ? value.toUtf8().replace("\r", "").replace("\n", "")
                                    : value.toUtf8());
        break;
    case Option::DataRaw:
        reading.data.append(value.toUtf8());
        break;
    case Option::DataUrlEncode:
        reading.data.append(urlEncodedData(value));
        break;
    case Option::Json:
        reading.json = true;
        reading.data.append(value.toUtf8());
        break;
    case Option::User: {
        if (!value.contains(u':'))
            reading.notes.append(tr("-u gives no password: curl would ask for one"));
        reading.headers.append({"Authorization", "Basic " + value.toUtf8().toBase64()});
        break;
    }
    case Option::Cookie:
        if (value.contains(u'='))
            reading.headers.append({"Cookie", value.toUtf8()});
        else
            reading.notes.append(
                    tr("its cookies are in the file %1, which was not read").arg(value));
        break;
    case Option::UserAgent:
        reading.headers.append({"User-Agent", value.toUtf8()});
        break;
    case Option::Referer:
        reading.headers.append({"Referer", value.toUtf8()});
        break;
    case Option::Bearer:
        reading.headers.append({"Authorization", "Bearer " + value.toUtf8()});
        break;
    case Option::Head:
        reading.head = true;
        break;
    case Option::Get:
        reading.get = true;
        break;
    case Option::Url:
        reading.urls.append(value);
        break;
    case Option::Insecure:
        reading.notes.append(tr("-k turns certificate checks off; Salvo keeps them on unless "
                                "you turn them off for the run"));
        break;
    case Option::Compressed:
    case Option::NoEffect:
    case Option::NoEffectWithValue:
        break;
    }
}

// Reads the words after "curl"; a value-taking option at the end is not understood.
void readWords(CommandReading &reading, const QStringList &words)
{
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &word = words.at(i);
        if (!word.startsWith(u'-') || word == u"-") {
            reading.urls.append(word);
            continue;
        }
        // --name=value, and -Xvalue or -sSL for short options.
        QString name = word;
        std::optional<QString> attached;
        if (word.startsWith(u"--")) {
            if (const qsizetype equals = word.indexOf(u'='); equals > 0) {
                name = word.first(equals);
                attached = word.sliced(equals + 1);
            }
        } else if (word.size() > 2) {
            name = word.first(2);
            const auto found = options().constFind(name);
            if (found != options().cend() && !found->takesValue) {
                // Flags written together: each letter on its own.
                QStringList letters;
                for (const QChar letter : word.sliced(1))
                    letters.append(u'-' + letter);
                readWords(reading, QStringList{QString()} + letters);
                continue;
            }
            attached = word.sliced(2);
        }
        const auto found = options().constFind(name);
        if (found == options().cend()) {
            reading.notUnderstood.append(name);
            if (!attached && takesValueNotUnderstood(name) && i + 1 < words.size())
                ++i; // its value
            continue;
        }
        if (!found->takesValue) {
            apply(reading, found->option, {});
            continue;
        }
        if (!attached && i + 1 >= words.size()) {
            reading.notUnderstood.append(name);
            continue;
        }
        apply(reading, found->option, attached ? *attached : words.at(++i));
    }
}

QString withScheme(const QString &url)
{
    // curl's own default: an address without a scheme is http.
    return url.contains(u"://") ? url : QStringLiteral("http://") + url;
}

QList<ImportedRequest> requestsOf(const CommandReading &reading)
{
    QByteArray body = reading.data.join(reading.json ? QByteArray() : QByteArray("&"));
    const bool hasData = !reading.data.isEmpty();
    QByteArray method = reading.head ? QByteArrayLiteral("HEAD")
            : reading.get            ? QByteArrayLiteral("GET")
            : hasData                ? QByteArrayLiteral("POST")
                                     : QByteArrayLiteral("GET");
    if (!reading.method.isEmpty())
        method = reading.method;
    HeaderList headers = reading.headers;
    const auto hasHeader = [&headers](const char *name) {
        return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    if (reading.json) {
        if (!hasHeader("Content-Type"))
            headers.emplaceBack("Content-Type", "application/json");
        if (!hasHeader("Accept"))
            headers.emplaceBack("Accept", "application/json");
    } else if (hasData && !reading.get && !hasHeader("Content-Type")) {
        headers.emplaceBack("Content-Type", "application/x-www-form-urlencoded");
    }
    QList<ImportedRequest> requests;
    for (const QString &written : reading.urls) {
        ImportedRequest request{.method = method, .url = withScheme(written), .headers = headers};
        if (reading.get && hasData)
            request.url += (request.url.contains(u'?') ? u'&' : u'?') + QString::fromUtf8(body);
        else if (hasData)
            request.body = body;
        requests.append(request);
    }
    return requests;
}

} // namespace

bool looksLikeCurlCommands(QStringView text)
{
    const QStringView start = text.trimmed();
    return start.startsWith(u"curl ") || start.startsWith(u"curl.exe ")
            || start.startsWith(u"curl\t") || start.startsWith(u"curl^");
}

ImportedRequests importCurlCommands(QStringView text)
{
    ImportedRequests imported;
    const QList<ShellCommand> commands = splitShellCommands(text, guessShellStyle(text));
    for (qsizetype n = 0; n < commands.size(); ++n) {
        const ShellCommand &command = commands.at(n);
        const QString where = tr("command %1 (line %2)").arg(n + 1).arg(command.line);
        const QString program = command.words.value(0);
        if (program != u"curl" && program.compare(u"curl.exe", Qt::CaseInsensitive) != 0) {
            imported.skipped.append(
                    {where,
                     tr("it is not a curl command (it starts with \"%1\")").arg(program.left(40))});
            continue;
        }
        if (!command.problem.isEmpty()) {
            imported.skipped.append({where, tr("it cannot be read: %1").arg(command.problem)});
            continue;
        }
        CommandReading reading;
        readWords(reading, command.words);
        if (reading.urls.isEmpty()) {
            imported.skipped.append({where, tr("it has no address")});
            continue;
        }
        imported.requests.append(requestsOf(reading));
        if (!reading.notUnderstood.isEmpty())
            imported.warnings.append(tr("%1: these options were not understood and were left "
                                        "out: %2")
                                             .arg(where, reading.notUnderstood.join(u", ")));
        for (const QString &note : std::as_const(reading.notes))
            imported.warnings.append(tr("%1: %2").arg(where, note));
    }
    return imported;
}

} // namespace salvo
