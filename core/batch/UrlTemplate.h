#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "BatchSpec.h"
#include "Expected.h"

namespace salvo {

// A URL with placeholders, "https://api.example.com/items/{id}". A value put in `{name}`
// is percent-encoded (a '/' in an id stays inside its path segment); `{+name}` puts it in
// as written, as in RFC 6570.
class UrlTemplate
{
public:
    // An input error when the text has no placeholder or an unclosed brace. Braces written
    // %7B and %7D, as a browser's address bar copies them, count as braces.
    static Expected<UrlTemplate> parse(const QString &written);

    // Placeholder names in order of first appearance, lower-cased.
    QStringList placeholderNames() const;

    // Fills every placeholder from values keyed by lower-cased name; a missing key fills
    // as empty.
    QString fill(const QHash<QString, QString> &values) const;

    // Fills every placeholder with the same value (a list of ids).
    QString fillAll(const QString &value) const;

private:
    struct Part
    {
        QString literal; // text before the placeholder
        QString name; // empty for the trailing literal
        bool reserved = false;
    };
    QList<Part> m_parts;
};

// A template plus a list of ids, one per line (blank lines and '#' comments skipped).
Expected<QList<RequestSpec>> expandIdList(const QString &urlTemplate, QByteArrayView idList);

} // namespace salvo
