#include "Expectation.h"

#include <QRegularExpression>

#include "Translate.h"
#include "result/HttpToken.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::Expectation")

// Long texts are cut in sentences, so one row's line stays readable.
QString shortened(const QString &text, qsizetype at = 80)
{
    return text.size() <= at ? text : text.left(at - 1) + QChar(0x2026);
}

const QByteArray *headerValue(const Answer &answer, const QByteArray &name)
{
    if (!answer.headers)
        return nullptr;
    for (const auto &[headerName, value] : *answer.headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return &value;
    }
    return nullptr;
}

// The media type, without its parameters. Views, not copies: this runs for every answer.
QStringView mediaType(QStringView contentType)
{
    const qsizetype semicolon = contentType.indexOf(u';');
    return (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed();
}

bool contentTypeMatches(const QString &expected, const QString &got)
{
    const QStringView wanted = QStringView(expected).trimmed();
    if (wanted.contains(u';'))
        return got.simplified().toLower() == expected.trimmed().toLower().simplified();
    if (wanted.contains(u'/'))
        return mediaType(got).compare(wanted, Qt::CaseInsensitive) == 0;
    // `json` matches application/problem+json
    return mediaType(got).contains(wanted, Qt::CaseInsensitive);
}

QString whatCame(const Answer &answer)
{
    if (!answer.location.isEmpty())
        return tr("%1 to %2").arg(answer.status).arg(QString::fromUtf8(answer.location));
    return QString::number(answer.status);
}

QString unmetHeader(const Expectation &expectation, const Answer &answer)
{
    const QString name = QString::fromLatin1(expectation.headerName);
    const QByteArray *value = headerValue(answer, expectation.headerName);
    if (!value)
        return tr("Expected header %1, the answer has none").arg(name);
    const QString got = QString::fromUtf8(*value);
    switch (expectation.headerTest) {
    case Expectation::HeaderTest::Exists:
        return {};
    case Expectation::HeaderTest::Equals:
        if (got == expectation.text)
            return {};
        return tr("Expected header %1: %2, got %3")
                .arg(name, shortened(expectation.text), shortened(got));
    case Expectation::HeaderTest::Contains:
        if (got.contains(expectation.text, Qt::CaseInsensitive))
            return {};
        return tr("Expected header %1 to contain \"%2\", got %3")
                .arg(name, shortened(expectation.text), shortened(got));
    }
    return {};
}

} // namespace

Expected<Expectation> Expectation::parse(Kind kind, const QString &text)
{
    Expected<Expectation> parsed = [&]() -> Expected<Expectation> {
        switch (kind) {
        case Kind::Status:
            return status(text);
        case Kind::Header:
            return header(text);
        case Kind::MaxTimeMs:
        case Kind::MinBytes:
        case Kind::MaxBytes:
            return limitOf(kind, text);
        case Kind::Refused:
            return refused(text);
        default:
            return textOf(kind, text);
        }
    }();
    if (parsed)
        parsed->written = text;
    return parsed;
}

Expected<Expectation> Expectation::status(const QString &text)
{
    Expectation expectation{.kind = Kind::Status, .text = text.trimmed()};
    static const QRegularExpression separators(QStringLiteral("[|,\\s]+"));
    const QStringList parts = expectation.text.split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool number = false;
        const int code = part.toInt(&number);
        if (number && code >= 100 && code <= 599) {
            expectation.statuses.append({code, code});
            continue;
        }
        const QString lower = part.toLower();
        if (lower.size() == 3 && lower.endsWith(QStringLiteral("xx")) && lower.at(0) >= u'1'
            && lower.at(0) <= u'5') {
            const int hundred = (lower.at(0).unicode() - u'0') * 100;
            expectation.statuses.append({hundred, hundred + 99});
            continue;
        }
        return inputError(tr("\"%1\" is not a status: write a code such as 200, a class "
                             "such as 2xx, or several joined with |, as in 301|302.")
                                  .arg(part));
    }
    if (expectation.statuses.isEmpty())
        return inputError(tr("No status given: write a code such as 200, a class such as "
                             "2xx, or several joined with |, as in 301|302."));
    return expectation;
}

Expected<Expectation> Expectation::header(const QString &text)
{
    Expectation expectation{.kind = Kind::Header};
    const qsizetype colon = text.indexOf(u':');
    const QString name = (colon < 0 ? text : text.left(colon)).trimmed();
    if (!isHttpToken(name.toLatin1()))
        return inputError(tr("\"%1\" is not a header name: write Name, Name: value, or "
                             "Name: *part* for a value that contains part.")
                                  .arg(name));
    expectation.headerName = name.toLatin1();
    if (colon < 0)
        return expectation;
    QString value = text.mid(colon + 1).trimmed();
    if (value.size() >= 2 && value.startsWith(u'*') && value.endsWith(u'*')) {
        expectation.headerTest = HeaderTest::Contains;
        value = value.mid(1, value.size() - 2);
    } else {
        expectation.headerTest = HeaderTest::Equals;
    }
    expectation.text = value;
    return expectation;
}

Expected<Expectation> Expectation::limitOf(Kind kind, const QString &text)
{
    bool number = false;
    const qint64 limit = text.trimmed().toLongLong(&number);
    if (!number || limit < 0)
        return inputError(tr("\"%1\" is not a whole number of %2.")
                                  .arg(text.trimmed(),
                                       kind == Kind::MaxTimeMs ? tr("milliseconds") : tr("bytes")));
    return Expectation{.kind = kind, .text = text.trimmed(), .limit = limit};
}

Expectation Expectation::textOf(Kind kind, const QString &text)
{
    return Expectation{.kind = kind, .text = text};
}

Expectation Expectation::refused(const QString &reason)
{
    return Expectation{.kind = Kind::Refused, .text = reason};
}

QString Expectation::describe() const
{
    switch (kind) {
    case Kind::Status:
        return tr("status %1").arg(text);
    case Kind::FinalUrl:
        return tr("final address %1").arg(text);
    case Kind::FinalUrlPrefix:
        return tr("final address starting with %1").arg(text);
    case Kind::BodyContains:
        return tr("body contains \"%1\"").arg(text);
    case Kind::BodyLacks:
        return tr("body does not contain \"%1\"").arg(text);
    case Kind::Json:
        return tr("JSON %1").arg(text);
    case Kind::Header:
        switch (headerTest) {
        case HeaderTest::Exists:
            return tr("header %1").arg(QString::fromLatin1(headerName));
        case HeaderTest::Equals:
            return tr("header %1: %2").arg(QString::fromLatin1(headerName), text);
        case HeaderTest::Contains:
            return tr("header %1 contains \"%2\"").arg(QString::fromLatin1(headerName), text);
        }
        break;
    case Kind::ContentType:
        return tr("content type %1").arg(text);
    case Kind::MaxTimeMs:
        return tr("time under %1 ms").arg(limit);
    case Kind::MinBytes:
        return tr("size above %1 bytes").arg(limit);
    case Kind::MaxBytes:
        return tr("size below %1 bytes").arg(limit);
    case Kind::Refused:
        return text;
    }
    return text;
}

QString unmetExpectation(const Expectation &expectation, const Answer &answer)
{
    using Kind = Expectation::Kind;
    const QByteArray noBody;
    const QByteArray &body = answer.body ? *answer.body : noBody;
    switch (expectation.kind) {
    case Kind::Status:
        for (const auto &[low, high] : expectation.statuses) {
            if (answer.status >= low && answer.status <= high)
                return {};
        }
        return tr("Expected status %1, got %2").arg(expectation.text, whatCame(answer));
    case Kind::FinalUrl:
        if (answer.finalUrl == expectation.text)
            return {};
        return tr("Expected the final address %1, got %2").arg(expectation.text, answer.finalUrl);
    case Kind::FinalUrlPrefix:
        if (answer.finalUrl.startsWith(expectation.text))
            return {};
        return tr("Expected the final address to start with %1, got %2")
                .arg(expectation.text, answer.finalUrl);
    case Kind::BodyContains:
        if (body.contains(expectation.text.toUtf8()))
            return {};
        return tr("Expected the body to contain \"%1\", it does not")
                .arg(shortened(expectation.text));
    case Kind::BodyLacks:
        if (!body.contains(expectation.text.toUtf8()))
            return {};
        return tr("Expected the body not to contain \"%1\", it does")
                .arg(shortened(expectation.text));
    case Kind::Header:
        return unmetHeader(expectation, answer);
    case Kind::ContentType:
        if (contentTypeMatches(expectation.text, answer.contentType))
            return {};
        return tr("Expected content type %1, got %2")
                .arg(expectation.text,
                     answer.contentType.isEmpty() ? tr("none") : answer.contentType);
    case Kind::MaxTimeMs:
        if (answer.elapsedMs < expectation.limit)
            return {};
        return tr("Expected an answer in under %1 ms, it took %2 ms")
                .arg(expectation.limit)
                .arg(answer.elapsedMs);
    case Kind::MinBytes:
        if (answer.bytes > expectation.limit)
            return {};
        return tr("Expected more than %1 bytes, got %2").arg(expectation.limit).arg(answer.bytes);
    case Kind::MaxBytes:
        if (answer.bytes < expectation.limit)
            return {};
        return tr("Expected fewer than %1 bytes, got %2").arg(expectation.limit).arg(answer.bytes);
    case Kind::Refused:
        return expectation.text;
    case Kind::Json:
        break; // AnswerInspector's
    }
    return {};
}

} // namespace salvo
