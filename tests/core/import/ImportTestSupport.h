#pragma once

// What the importers' tests share: their data files read whole, and a request as one line of
// text, so that a failed comparison shows which part differs.

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include "import/ImportedRequest.h"

inline QByteArray readTestData(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

inline QString describeRequest(const salvo::ImportedRequest &request)
{
    QStringList headers;
    for (const auto &[name, value] : request.headers)
        headers.append(QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value));
    return QStringLiteral("%1 %2 [%3] %4")
            .arg(QString::fromLatin1(request.method), request.url,
                 headers.join(QStringLiteral(" | ")),
                 request.body ? QString::fromUtf8(*request.body) : QStringLiteral("(none)"));
}

// A request as the generator scripts write them: method, url, headers as [name, value]
// pairs, body or null.
inline salvo::ImportedRequest requestFromJson(const QJsonObject &json)
{
    salvo::ImportedRequest request{.method = json[QStringLiteral("method")].toString().toLatin1(),
                                   .url = json[QStringLiteral("url")].toString()};
    for (const QJsonValue &header : json[QStringLiteral("headers")].toArray())
        request.headers.append({header[0].toString().toLatin1(), header[1].toString().toUtf8()});
    if (!json[QStringLiteral("body")].isNull())
        request.body = json[QStringLiteral("body")].toString().toUtf8();
    return request;
}
