#pragma once

#include <QByteArray>
#include <QString>

#include "Expected.h"

namespace salvo {

// A column read out of every answer: a name, and an expression of one of four kinds.
struct Extractor
{
    enum class Kind { Jq, XPath, Regex, Header };

    QString name;
    Kind kind = Kind::Jq;
    QString expression; // for Header, the header's name

    // `NAME=EXPR`, where EXPR is `jq:…` (the default when there is no prefix), `xpath:…`,
    // `re:…` or `header:Name`. Only the form is checked here; whether the expression itself
    // compiles is for the one who runs it (ExpressionCheck).
    static Expected<Extractor> parse(const QString &text);
    // The EXPR part as written, with its prefix: `jq:.price`.
    QString spec() const;
};

QString extractorKindName(Extractor::Kind kind); // jq, xpath, re, header

} // namespace salvo
