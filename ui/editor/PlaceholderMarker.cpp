#include "PlaceholderMarker.h"

#include "batch/Variables.h"

namespace salvo::ui {

PlaceholderMarker::PlaceholderMarker(QTextDocument *document)
    : QSyntaxHighlighter(document)
{ }

void PlaceholderMarker::setUndefined(const QStringList &names)
{
    if (names == m_undefined)
        return;
    m_undefined = names;
    rehighlight();
}

void PlaceholderMarker::highlightBlock(const QString &text)
{
    if (m_undefined.isEmpty() || !text.contains(u'{'))
        return;
    QTextCharFormat undefined;
    undefined.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    undefined.setUnderlineColor(QColor(0xc0, 0x1c, 0x28));
    undefined.setToolTip(tr("Nothing defines this variable: choose an environment that does, "
                            "or add it to one"));
    for (const PlaceholderSpan &span : placeholderSpansIn(text)) {
        if (m_undefined.contains(span.name))
            setFormat(int(span.start), int(span.length), undefined);
    }
}

} // namespace salvo::ui
