#pragma once

#include <memory>

#include <QByteArray>
#include <QImage>
#include <QString>

#include "JsonTree.h"

namespace salvo::ui {

// The text views show at most this much; QPlainTextEdit takes it in tens of milliseconds.
inline constexpr qsizetype textDisplayCap = qsizetype(1024) * 1024;
// 16 bytes make a 79-character line: 64 KiB of hex is 320 KB of text.
inline constexpr qsizetype hexDisplayCap = qsizetype(64) * 1024;
// A line longer than this is broken for display: laying out a single line of a megabyte
// with wrapping takes QPlainTextEdit minutes; broken into lines, milliseconds.
inline constexpr qsizetype maxLineChars = 4096;
// JSON nested deeper than this shows as text, as it did when QJsonDocument (which stops
// there in Qt 6.4) read it; the reader stops there too.
inline constexpr int jsonNestingLimit = 1024;

// What the worker hands back: the body made ready to show, and what the notes need.
struct PreparedBody
{
    enum class Kind : quint8 { Empty, Json, Text, Hex, Image };
    enum class JsonProblem : quint8 { None, TooDeep, Cut, Invalid };

    Kind kind = Kind::Empty;
    std::shared_ptr<const JsonTree> tree;
    QString text; // the text, the indented JSON (keys as sent) or the hex dump, as shown
    QImage image; // a QImage, not a QPixmap: only the GUI thread may make pixmaps

    qint64 keptBytes = 0;
    qint64 receivedBytes = 0;
    bool truncated = false;
    qint64 shownBytes = -1; // when a display cap cut the view: how much of it is shown
    bool linesBroken = false;
    bool imageFailed = false;
    JsonProblem jsonProblem = JsonProblem::None;
    QString jsonError;
    qint64 jsonErrorOffset = 0;
};

// "application/json" from "Application/JSON; charset=utf-8".
QString mimeTypeOf(const QString &contentType);

// Reads a response body as the inspector shows it: an image, JSON (as a tree and indented),
// text, or a hex dump; capped for display. Pure and thread-safe: the inspector runs it on a
// worker for a large body, and the fuzzer feeds it whatever a server could send.
PreparedBody prepareBody(const QByteArray &body, const QString &contentType, bool truncated,
                         qint64 receivedBytes);

} // namespace salvo::ui
