#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "Expected.h"

namespace salvo {

// One thing a person expects of every answer (or of one row's, from its CSV columns). A row
// passes when all of its expectations hold.
struct Expectation
{
    enum class Kind {
        Status, // `200`, `2xx`, `301|302`
        FinalUrl, // the address after redirects equals
        FinalUrlPrefix, // ... starts with
        BodyContains,
        BodyLacks,
        Json, // a jq expression that must be true (a plain path: must be neither false nor null)
        Header, // exists, equals or contains
        ContentType,
        MaxTimeMs,
        MinBytes, // more than
        MaxBytes, // fewer than
        Refused, // written so it cannot be checked: always fails, with `text` saying why
    };
    enum class HeaderTest { Exists, Equals, Contains };

    Kind kind = Kind::Status;
    QString text; // as the person wrote it (the value of a header test, for Header)
    QByteArray headerName;
    HeaderTest headerTest = HeaderTest::Exists;
    qint64 limit = 0; // ms or bytes
    QList<std::pair<int, int>> statuses; // inclusive ranges
    QString written; // what parse() was given: what files and the history keep

    // One of a kind as a person writes it (what parse() takes for each kind is what the
    // factories below take); `written` keeps the text.
    static Expected<Expectation> parse(Kind kind, const QString &text);

    // `200`, `2xx`, `301|302` (also with commas or spaces), or a reason it is not one.
    static Expected<Expectation> status(const QString &text);
    // `Name` (exists), `Name: value` (equals), `Name: *part*` (contains).
    static Expected<Expectation> header(const QString &text);
    // A number of ms or bytes, at least 0.
    static Expected<Expectation> limitOf(Kind kind, const QString &text);
    static Expectation textOf(Kind kind, const QString &text);
    // An expectation a row asked for that cannot be read; the row fails it with `reason`.
    static Expectation refused(const QString &reason);

    // The expectation as a person would write it: `status 2xx`, `header Server`.
    QString describe() const;
};

// What an answer that is being checked brought. Views into the Result: it outlives this.
struct Answer
{
    int status = 0;
    QString finalUrl;
    QByteArray location; // of a redirect that was not followed
    const QList<std::pair<QByteArray, QByteArray>> *headers = nullptr;
    const QByteArray *body = nullptr;
    QString contentType;
    qint64 elapsedMs = 0;
    qint64 bytes = 0;
};

// Checks every kind but Json (which needs the JSON and maybe jq: see AnswerInspector). The
// sentence saying what was expected and what came, or an empty string when it holds.
QString unmetExpectation(const Expectation &expectation, const Answer &answer);

} // namespace salvo
