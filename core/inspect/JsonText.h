#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QVarLengthArray>
#include <QString>

#include <optional>

namespace salvo {

// An answer's body read as jq 1.6 reads it, in place: checked once, then its values are found
// by walking its bytes, with no tree built (the cost of a tree, per answer, is most of what a
// simple expression costs). It claims only what jq surely agrees with: strict JSON (RFC 8259)
// no deeper than jq's limit, in valid UTF-8, without a lone surrogate, with numbers well inside
// a double's range, is Json; an empty body or one that begins like markup is NotJson; anything
// else is Unsure, and jq reads it.
class JsonText
{
public:
    enum class Kind { Json, NotJson, Unsure };
    enum class Type { Null, False, True, Number, String, Array, Object };

    // A value inside the text: where its bytes begin and end. Missing (begin -1) is null, as
    // a missing key is in jq.
    struct Value
    {
        qsizetype begin = -1;
        qsizetype end = -1;
    };

    // `body` must outlive the JsonText.
    static JsonText read(QByteArrayView body);

    Kind kind() const { return m_kind; }
    Value root() const { return m_root; }
    Type typeOf(Value value) const;

    // The last member named `key` (jq keeps the last of duplicate keys), or nothing.
    std::optional<Value> member(Value object, QByteArrayView key) const;
    // The element at `index`, counted from the end when negative, or nothing.
    std::optional<Value> element(Value array, qsizetype index) const;
    // An array's elements, or an object's distinct keys.
    qsizetype size(Value container) const;

    double number(Value value) const;
    QString string(Value value) const; // unescaped
    // A number's sign as written: jq keeps `-0`.
    bool isNegative(Value value) const { return m_text.at(value.begin) == '-'; }
    // A value's bytes as written.
    QByteArrayView written(Value value) const
    {
        return m_text.sliced(value.begin, value.end - value.begin);
    }

private:
    struct Member
    {
        QByteArrayView rawKey; // as written, between its quotes
        Value value;
    };

    using Members = QVarLengthArray<Member, 16>;
    const Members &rootMembers() const;
    bool keyMatches(QByteArrayView rawKey, qsizetype quoteAt, QByteArrayView key) const;
    qsizetype skipSpace(qsizetype at) const;
    qsizetype endOfValue(qsizetype at) const; // of a value known to be well formed
    qsizetype endOfString(qsizetype at) const;
    QString keyAt(qsizetype at) const;

    QByteArrayView m_text;
    Kind m_kind = Kind::Unsure;
    Value m_root;
    // The root object's members, listed at the first look into it: the several expressions of
    // a run mostly read keys of the root, and each look would otherwise walk all of it.
    mutable Members m_rootMembers;
    mutable bool m_rootListed = false;
};

} // namespace salvo
