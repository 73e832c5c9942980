#include "BatchAdvice.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

#include "TextLines.h"
#include "Translate.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::BatchAdvice")

// Enough of a list to see what it holds, without reading a large one.
constexpr qsizetype leadingBytes = 64 * 1024;
constexpr int leadingRows = 100;

QStringList leadingRowLines(QByteArrayView data)
{
    QStringList rows;
    for (const QString &line :
         splitInputLines(decodeInputText(data.first(std::min(data.size(), leadingBytes))))) {
        const QString trimmed = line.trimmed();
        if (isRowLine(trimmed))
            rows.append(trimmed);
        if (rows.size() == leadingRows)
            break;
    }
    return rows;
}

bool looksLikeWebAddress(const QString &text)
{
    return text.startsWith(u"http://", Qt::CaseInsensitive)
            || text.startsWith(u"https://", Qt::CaseInsensitive)
            || text.startsWith(u"www.", Qt::CaseInsensitive);
}

std::optional<QString> idsThatAreAddresses(const BatchInput &input)
{
    if (input.kind != InputKind::IdList)
        return std::nullopt;
    const QStringList rows = leadingRowLines(input.data);
    const auto address = std::find_if(rows.cbegin(), rows.cend(), looksLikeWebAddress);
    if (address == rows.cend())
        return std::nullopt;
    return tr("The ids look like web addresses (such as %1). Each id is put into the template "
              "as text, so it becomes part of another address. To request the addresses "
              "themselves, choose \"Web addresses\".")
            .arg(address->left(80));
}

bool hasHeader(const HeaderList &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

std::optional<QString> bodyWithoutBodyMethod(const BatchInput &input)
{
    const QByteArray method = input.method.toUpper();
    if (input.body.trimmed().isEmpty() || (method != "GET" && method != "HEAD"))
        return std::nullopt;
    return tr("The Body tab has text, and the method is %1: the text is sent with every %1, and "
              "most servers ignore it. Choose POST, PUT or PATCH to send it, or empty the Body "
              "tab.")
            .arg(QString::fromLatin1(method));
}

std::optional<QString> bodyThatIsNotJson(const BatchInput &input)
{
    if (input.body.trimmed().isEmpty() || hasHeader(input.headers, "Content-Type"))
        return std::nullopt;
    QJsonParseError error;
    QJsonDocument::fromJson(input.body, &error);
    if (error.error == QJsonParseError::NoError)
        return std::nullopt;
    const QByteArray trimmed = input.body.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const QByteArray before = input.body.left(error.offset);
        return tr("The body looks like JSON but is not valid JSON (%1, line %2), so it is sent "
                  "as plain text. Correct it, or add a Content-Type header that says what it is.")
                .arg(error.errorString())
                .arg(before.count('\n') + 1);
    }
    return tr("The body is not JSON, so it is sent as plain text (text/plain). If the server "
              "expects something else, add a Content-Type header that says what it is.");
}

} // namespace

QStringList adviceBeforeRun(const BatchInput &input)
{
    QStringList advice;
    for (const auto &check : {idsThatAreAddresses, bodyWithoutBodyMethod, bodyThatIsNotJson}) {
        if (std::optional<QString> sentence = check(input))
            advice.append(*sentence);
    }
    return advice;
}

} // namespace salvo
