#include "OpenApiDocument.h"

#include <QRegularExpression>

namespace salvo {
namespace {

// Deeper than this, a made-up example stops: the schema is recursive or merely huge.
constexpr int deepestSample = 8;
// A `$ref` that points at a `$ref` ... this many times is a loop.
constexpr int longestReferenceChain = 32;

const StructuredTree &nullTree()
{
    static const StructuredTree none;
    return none;
}

StructuredTree sampleOfFormat(const std::string &format)
{
    if (format == "date-time")
        return "2024-01-01T00:00:00Z";
    if (format == "date")
        return "2024-01-01";
    if (format == "email")
        return "user@example.com";
    if (format == "uuid")
        return "00000000-0000-0000-0000-000000000000";
    if (format == "uri" || format == "url")
        return "https://example.com/";
    if (format == "binary")
        return nullptr; // a file's bytes: nothing to make up
    return "string";
}

} // namespace

QString treeText(const StructuredTree &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return {};
    return QString::fromUtf8(treeJson(value));
}

QByteArray treeJson(const StructuredTree &value)
{
    return QByteArray::fromStdString(
            value.dump(-1, ' ', false, StructuredTree::error_handler_t::replace));
}

OpenApiDocument::OpenApiDocument(StructuredTree root)
    : m_root(std::move(root))
{ }

const StructuredTree &OpenApiDocument::resolved(const StructuredTree &node)
{
    const StructuredTree *current = &node;
    for (int hops = 0; current->is_object() && current->contains("$ref"); ++hops) {
        const StructuredTree &reference = (*current)["$ref"];
        if (!reference.is_string() || hops >= longestReferenceChain)
            return nullTree();
        const std::string &target = reference.get_ref<const std::string &>();
        if (!target.starts_with('#')) {
            if (const QString named = QString::fromStdString(target); !m_external.contains(named))
                m_external.append(named);
            return nullTree();
        }
        try {
            current = &m_root.at(StructuredTree::json_pointer(target.substr(1)));
        } catch (const nlohmann::json::exception &) {
            return nullTree();
        }
    }
    return *current;
}

std::optional<StructuredTree> OpenApiDocument::givenValueOf(const StructuredTree &given)
{
    const StructuredTree &node = resolved(given);
    if (!node.is_object())
        return std::nullopt;
    for (const char *key : {"example", "x-example", "default"})
        if (node.contains(key) && !node[key].is_null())
            return node[key];
    if (node.contains("examples") && node["examples"].is_object()) { // a parameter's, by name
        for (const auto &[name, example] : node["examples"].items())
            if (const StructuredTree &value = resolved(example); value.contains("value"))
                return value["value"];
    }
    if (node.contains("schema"))
        return givenValueOf(node["schema"]);
    return std::nullopt;
}

StructuredTree OpenApiDocument::sampleOf(const StructuredTree &schema)
{
    m_following.clear();
    return sampleOf(schema, 0);
}

StructuredTree OpenApiDocument::sampleOf(const StructuredTree &given, int depth)
{
    QString reference;
    if (given.is_object() && given.contains("$ref") && given["$ref"].is_string()) {
        reference = QString::fromStdString(given["$ref"].get<std::string>());
        if (m_following.contains(reference))
            return nullptr; // a schema holding itself: its example ends here
    }
    const StructuredTree &schema = resolved(given);
    if (!schema.is_object() || depth > deepestSample)
        return nullptr;
    for (const char *key : {"example", "default", "const"})
        if (schema.contains(key))
            return schema[key];
    for (const char *key : {"examples", "enum"}) // 3.1's schema examples are a list
        if (schema.contains(key) && schema[key].is_array() && !schema[key].empty())
            return schema[key][0];
    if (!reference.isEmpty())
        m_following.append(reference);
    StructuredTree sample = sampleOfType(schema, depth);
    if (!reference.isEmpty())
        m_following.removeLast();
    return sample;
}

StructuredTree OpenApiDocument::sampleOfType(const StructuredTree &schema, int depth)
{
    if (schema.contains("allOf") && schema["allOf"].is_array()) {
        StructuredTree merged = StructuredTree::object();
        for (const StructuredTree &part : schema["allOf"])
            if (StructuredTree each = sampleOf(part, depth + 1); each.is_object())
                merged.update(each);
        return merged;
    }
    for (const char *key : {"oneOf", "anyOf"})
        if (schema.contains(key) && schema[key].is_array() && !schema[key].empty())
            return sampleOf(schema[key][0], depth + 1);
    std::string type;
    if (const StructuredTree &given = schema.value("type", StructuredTree()); given.is_string())
        type = given.get<std::string>();
    else if (given.is_array()) // 3.1: ["string", "null"]
        for (const StructuredTree &each : given)
            if (each.is_string() && each != "null" && type.empty())
                type = each.get<std::string>();
    if (type == "object" || (type.empty() && schema.contains("properties"))) {
        StructuredTree object = StructuredTree::object();
        if (schema.contains("properties") && schema["properties"].is_object())
            for (const auto &[name, property] : schema["properties"].items())
                object[name] = sampleOf(property, depth + 1);
        return object;
    }
    if (type == "array") {
        StructuredTree list = StructuredTree::array();
        if (schema.contains("items"))
            list.push_back(sampleOf(schema["items"], depth + 1));
        return list;
    }
    if (type == "integer" || type == "number")
        return 0;
    if (type == "boolean")
        return false;
    if (type == "string") {
        const StructuredTree &format = schema.value("format", StructuredTree());
        return sampleOfFormat(format.is_string() ? format.get<std::string>() : std::string());
    }
    return nullptr;
}

} // namespace salvo
