#pragma once

#include <QString>
#include <QStringList>

#include "StructuredText.h"

namespace salvo {

// An OpenAPI 3.x or Swagger 2.0 description as its operations are read from it: its `$ref`s
// followed inside the document, and example values made from its schemas.
class OpenApiDocument
{
public:
    explicit OpenApiDocument(StructuredTree root);

    const StructuredTree &root() const { return m_root; }
    bool isSwagger() const { return m_root.contains("swagger"); }

    // The node, or what its `$ref` (and theirs) points at in this document; null for a
    // reference to another file (noted in externalReferences()), a missing target or a loop.
    const StructuredTree &resolved(const StructuredTree &node);
    const QStringList &externalReferences() const { return m_external; }

    // A value for a schema: its example, default, const or first enum value; else one made
    // from its type and properties (0, false, "string", an object of its properties...).
    StructuredTree sampleOf(const StructuredTree &schema);

    // The example or default a parameter or schema gives, if any: what fills a path or query
    // parameter (a made-up "string" would be sent as if it meant something).
    std::optional<StructuredTree> givenValueOf(const StructuredTree &node);

private:
    StructuredTree sampleOf(const StructuredTree &schema, int depth);
    StructuredTree sampleOfType(const StructuredTree &schema, int depth);

    StructuredTree m_root;
    QStringList m_external;
    QStringList m_following; // the $refs being sampled, against a schema that holds itself
};

// A value as the text it is sent as: a string as it is, others as JSON.
QString treeText(const StructuredTree &value);
// A value as compact JSON; text that is not UTF-8 has U+FFFD where it breaks.
QByteArray treeJson(const StructuredTree &value);

} // namespace salvo
