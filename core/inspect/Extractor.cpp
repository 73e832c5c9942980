#include "Extractor.h"

#include "Translate.h"
#include "result/HttpToken.h"

namespace salvo {
namespace {

SALVO_FILE_TR("salvo::Extractor")

} // namespace

QString extractorKindName(Extractor::Kind kind)
{
    switch (kind) {
    case Extractor::Kind::Jq:
        return QStringLiteral("jq");
    case Extractor::Kind::XPath:
        return QStringLiteral("xpath");
    case Extractor::Kind::Regex:
        return QStringLiteral("re");
    case Extractor::Kind::Header:
        return QStringLiteral("header");
    }
    return {};
}

Expected<Extractor> Extractor::parse(const QString &text)
{
    const qsizetype equals = text.indexOf(u'=');
    if (equals < 0)
        return inputError(tr("\"%1\" is not a column: write NAME=EXPRESSION, as in "
                             "price=.data.price or title=xpath://title.")
                                  .arg(text));
    Extractor extractor;
    extractor.name = text.left(equals).trimmed();
    if (extractor.name.isEmpty())
        return inputError(tr("\"%1\" has no column name before the =.").arg(text));
    QString expression = text.mid(equals + 1);
    for (const Kind kind : {Kind::Jq, Kind::XPath, Kind::Regex, Kind::Header}) {
        const QString prefix = extractorKindName(kind) + u':';
        if (expression.startsWith(prefix)) {
            extractor.kind = kind;
            expression = expression.mid(prefix.size());
            break;
        }
    }
    if (extractor.kind == Kind::Header)
        expression = expression.trimmed();
    if (expression.trimmed().isEmpty())
        return inputError(tr("The column %1 has no expression after the =.").arg(extractor.name));
    if (extractor.kind == Kind::Header) {
        if (!isHttpToken(expression.toLatin1()))
            return inputError(tr("The column %1: \"%2\" is not a header name.")
                                      .arg(extractor.name, expression));
    }
    extractor.expression = expression;
    return extractor;
}

QString Extractor::spec() const
{
    return extractorKindName(kind) + u':' + expression;
}

} // namespace salvo
