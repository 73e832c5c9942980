#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "JsonTree.h"

namespace salvo::ui {

// A JSON body read once, in document order, for both JSON views: QJsonObject sorts its keys
// and keeps one of two equal ones, so it cannot be the model of what a server sent.
struct JsonReading
{
    enum class Outcome : quint8 { Read, TooDeep, Invalid };

    Outcome outcome = Outcome::Invalid;
    JsonTree tree; // when Read
    // When Read: indented by four spaces per level, UTF-8; numbers as the document wrote
    // them (an integer that fits in 64 bits as its digits). Cut short past the text limit.
    QByteArray indented;
    QString error; // when Invalid: what is wrong, in the parser's words
    qint64 errorOffset = 0; // when Invalid: how many bytes were read when it failed
};

// Reads a JSON document of any kind (RFC 8259) without recursion, on any thread. A document
// nested deeper than maxDepth arrays and objects is TooDeep; the indented text stops growing
// once it is longer than maxIndentedBytes.
JsonReading readJson(QByteArrayView json, int maxDepth, qsizetype maxIndentedBytes);

} // namespace salvo::ui
