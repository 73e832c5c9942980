#pragma once

#include <QStringList>
#include <QSyntaxHighlighter>

namespace salvo::ui {

// Underlines, in an editor's text, each {name} that nothing defines: neither the chosen
// environment, nor the row (an id, a CSV column). The run would be refused for it.
class PlaceholderMarker final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderMarker)

public:
    explicit PlaceholderMarker(QTextDocument *document);

    // Marks these names from now on; the text is looked at again only when they change.
    void setUndefined(const QStringList &names);

protected:
    void highlightBlock(const QString &text) override;

private:
    QStringList m_undefined;
};

} // namespace salvo::ui
