#pragma once

// Postman collections written as Postman exports them (v2.1), for the tests that import one
// through salvo-cli and the window.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <utility>

namespace salvo::test {

// A collection whose requests sign in with the bearer token of its variable `token`.
inline QJsonObject bearerCollection(const QString &name,
                                    const QList<std::pair<QString, QString>> &variables,
                                    const QJsonArray &items)
{
    QJsonArray variableList;
    for (const auto &[key, value] : variables)
        variableList.append(
                QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("value"), value}});
    const QJsonArray token{QJsonObject{{QStringLiteral("key"), QStringLiteral("token")},
                                       {QStringLiteral("value"), QStringLiteral("{{token}}")}}};
    return QJsonObject{
            {QStringLiteral("info"),
             QJsonObject{{QStringLiteral("name"), name},
                         {QStringLiteral("schema"),
                          QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/"
                                         "collection.json")}}},
            {QStringLiteral("auth"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("bearer")},
                         {QStringLiteral("bearer"), token}}},
            {QStringLiteral("variable"), variableList},
            {QStringLiteral("item"), items}};
}

// A folder of a collection, or a request item in one.
inline QJsonObject postmanFolder(const QString &name, const QJsonArray &items)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("item"), items}};
}

inline QJsonObject postmanRequest(const QString &name, const QJsonObject &request)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("request"), request}};
}

} // namespace salvo::test
