#include "StructuredText.h"

#include <QCoreApplication>

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace salvo {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("salvo::StructuredText", text);
}

// Past these a YAML's aliases are expanding into a bomb, not describing an API.
constexpr qsizetype mostNodes = 2'000'000;
constexpr int deepestNode = 256;

// A plain scalar as YAML 1.2's core schema reads it: null, a boolean, a number, or text.
StructuredTree scalarOf(const YAML::Node &node)
{
    const std::string &text = node.Scalar();
    if (node.Tag() != "?") // quoted, or tagged: text as written
        return text;
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
        return nullptr;
    if (text == "true" || text == "True" || text == "TRUE")
        return true;
    if (text == "false" || text == "False" || text == "FALSE")
        return false;
    const QByteArray bytes = QByteArray::fromStdString(text);
    bool isNumber = false;
    if (const qlonglong whole = bytes.toLongLong(&isNumber); isNumber)
        return whole;
    if (const double real = bytes.toDouble(&isNumber); isNumber && std::isfinite(real))
        return real;
    return text;
}

class YamlConverter
{
public:
    StructuredTree convert(const YAML::Node &node, int depth)
    {
        if (++m_nodes > mostNodes)
            throw std::length_error("too many nodes");
        if (depth > deepestNode)
            throw std::length_error("too deep");
        switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return scalarOf(node);
        case YAML::NodeType::Sequence: {
            StructuredTree list = StructuredTree::array();
            for (const YAML::Node &each : node)
                list.push_back(convert(each, depth + 1));
            return list;
        }
        case YAML::NodeType::Map: {
            StructuredTree map = StructuredTree::object();
            for (const auto &pair : node)
                map[pair.first.Scalar()] = convert(pair.second, depth + 1);
            return map;
        }
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
        }
        return nullptr;
    }

private:
    qsizetype m_nodes = 0;
};

} // namespace

Expected<StructuredTree> readStructuredText(QByteArrayView text)
{
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
            return StructuredTree::parse(trimmed.begin(), trimmed.end());
        } catch (const nlohmann::json::exception &error) {
            return inputError(tr("it is not JSON: %1").arg(QString::fromUtf8(error.what())));
        }
    }
    try {
        const YAML::Node document = YAML::Load(std::string(trimmed.data(), trimmed.size()));
        return YamlConverter().convert(document, 0);
    } catch (const YAML::Exception &error) {
        return inputError(tr("it is neither JSON nor YAML: %1 (line %2)")
                                  .arg(QString::fromStdString(error.msg))
                                  .arg(error.mark.line + 1));
    } catch (const std::length_error &) {
        return inputError(tr("its YAML aliases grow past what a description holds"));
    }
}

} // namespace salvo
