#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace salvo::ui {

// Texts that many rows share (content types, methods, error sentences), each kept once and
// named by a small number: a million rows of "application/json" cost one string.
class InternedTexts
{
public:
    // At most this many texts; past it, id() answers 0 (no text) for new ones.
    explicit InternedTexts(quint32 capacity);

    // The number of `text`, 0 for the empty text.
    quint32 id(const QString &text);
    const QString &text(quint32 id) const { return m_texts.at(qsizetype(id)); }
    qsizetype count() const { return m_texts.size(); }
    // Every text by its number: shared with a worker, which reads a copy.
    const QList<QString> &texts() const { return m_texts; }
    qsizetype bytesHeld() const { return m_bytes; }
    void clear();

private:
    quint32 m_capacity;
    QHash<QString, quint32> m_ids;
    QList<QString> m_texts;
    qsizetype m_bytes = 0;
};

} // namespace salvo::ui
