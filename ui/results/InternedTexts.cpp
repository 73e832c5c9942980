#include "InternedTexts.h"

namespace salvo::ui {
namespace {

// What a QHash node and a QString's heap block cost beside the characters: an estimate for
// bytesHeld(), which tells how much a row costs, not what malloc did.
constexpr qsizetype overheadPerText = 64;

} // namespace

InternedTexts::InternedTexts(quint32 capacity)
    : m_capacity(capacity)
{
    clear();
}

void InternedTexts::clear()
{
    m_ids.clear();
    m_texts.clear();
    m_texts.append(QString()); // id 0
    m_bytes = 0;
}

quint32 InternedTexts::id(const QString &text)
{
    if (text.isEmpty())
        return 0;
    if (const auto found = m_ids.constFind(text); found != m_ids.cend())
        return *found;
    if (quint32(m_texts.size()) >= m_capacity)
        return 0;
    const auto id = quint32(m_texts.size());
    m_ids.insert(text, id);
    m_texts.append(text);
    m_bytes += text.size() * qsizetype(sizeof(QChar)) + overheadPerText;
    return id;
}

} // namespace salvo::ui
