#pragma once

#include <QString>
#include <QTextDocument>

namespace salvo::ui {

// Text from outside (a server's answer, an address from someone's file, a path) as a tooltip
// or a message box shows it: as the characters it is made of. Qt shows a tooltip as rich text
// whenever it looks like HTML (Qt::mightBeRichText), which would lay out "<b>", load
// "<img src=...>" from the disk, or hide text after "<": such text is escaped into a rich-text
// paragraph that keeps its spaces and line breaks; any other text stays as it is.
inline QString plainToolTip(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped()
            + QStringLiteral("</p>");
}

} // namespace salvo::ui
