#pragma once

// ui/editor owns editing a batch before it runs: the list of rows the user types, pastes or
// loads (BatchEditor), the headers every request sends, the pane that holds them, and the
// batch as a file (BatchDocument: open, save, recent files).

#include <optional>

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QThreadPool>
#include <QTimer>

#include "batch/UrlTemplate.h"
#include "import/ImportedBatch.h"

class QLabel;
class QPushButton;

namespace salvo::ui {

class LineNumberGutter;
class LineVerdict;

// A QPlainTextEdit for a batch, one row per line. Only the lines on screen (and the one
// being edited) are checked on the GUI thread, each verdict cached on its block; the count
// for the whole text runs on a worker after a pause in typing. A paste or file above
// holdBytes or holdLines never enters the document: the editor keeps the bytes, turns
// read-only and says so, with a button to clear it.
class BatchEditor final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchEditor)

public:
    // What a line of the batch is; it decides which lines are marked.
    enum class LineKind {
        Address, // a web address
        Id, // a value put into the URL template
        CsvRecord, // a CSV record: checked when the CSV is parsed, never marked here
    };
    Q_ENUM(LineKind)

    // A QTextDocument of a million lines freezes the window for seconds (100,000 short
    // lines load in about 0.4 s); above either threshold the input is held as bytes.
    static constexpr qsizetype defaultHoldBytes = 4 * 1024 * 1024;
    static constexpr qsizetype defaultHoldLines = 100'000;
    // Above this many characters the whole-text count is not worth a snapshot per pause.
    static constexpr qsizetype liveCountCharacterLimit = 5 * 1000 * 1000;
    static constexpr int countDelayMs = 300;

    explicit BatchEditor(QWidget *parent = nullptr);
    ~BatchEditor() override;

    void setLineKind(LineKind kind);
    LineKind lineKind() const { return m_lineKind; }
    // Used in LineKind::Id; an invalid template marks nothing.
    void setUrlTemplate(const QString &urlTemplate);
    QString urlTemplate() const { return m_urlTemplateText; }

    void setHoldThreshold(qsizetype bytes, qsizetype lines);
    qsizetype holdBytes() const { return m_holdBytes; }
    qsizetype holdLines() const { return m_holdLines; }

    // Text from a file: loaded into the document, or held when it is too large. (The
    // inherited setPlainText() always loads.)
    void setBatchSource(const QByteArray &utf8);
    bool isHoldingLargeInput() const { return m_holding; }
    // The held bytes as given, or the document's text as UTF-8.
    QByteArray batchBytes() const;
    // Drops held input and empties the document.
    void clearBatch();

    // The marks on screen: only lines that are visible (or being edited) are checked.
    // lineNumber is 1-based.
    bool isLineMarkedInvalid(int lineNumber) const;
    QString invalidReason(int lineNumber) const;
    // How a valid line on screen was read when that differs from what it says ("https:// was
    // added"); empty otherwise.
    QString lineNote(int lineNumber) const;

signals:
    // rows: lines that become requests; invalid: those of them that cannot be requested.
    // Both are -1 when nothing is counted: CSV records, an invalid URL template, held
    // input, or text above liveCountCharacterLimit.
    void invalidLineCountChanged(int invalid, int rows);
    void largeInputHeldChanged(bool held);
    // Pasted text that is an import (curl commands, a HAR file, a Postman collection, an API
    // description): offered as one instead of being typed into the list.
    void importPasted(const QByteArray &text, salvo::ImportKind kind);

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    friend class LineNumberGutter;

    // Gutter
    int gutterWidth() const;
    void updateGutterWidth();
    void handleUpdateRequest(const QRect &rect, int dy);
    void handleCursorMoved();
    void paintGutter(QPaintEvent *event);
    QTextBlock blockAtY(int y) const;
    bool showLineToolTip(const QTextBlock &block, const QPoint &globalPos, QWidget *over);

    // Marks
    bool marksLines() const;
    void handleContentsChanged(int position, int charsRemoved, int charsAdded);
    void invalidateVerdicts();
    void scheduleRefresh();
    void refreshMarks();
    const LineVerdict *verdictFor(const QTextBlock &block);
    const LineVerdict *currentVerdict(const QTextBlock &block) const;
    bool isShownInvalid(const QTextBlock &block) const;
    bool isShownNoted(const QTextBlock &block) const;
    QList<QTextEdit::ExtraSelection> selectionsFor(const QTextBlock &block) const;
    QColor errorColor() const;

    // Whole-text count
    void scheduleCount();
    void startCount();
    void reportCount(int invalid, int rows);

    // Held input
    void hold(QByteArray bytes, qsizetype lines);
    void releaseHold();
    void layoutHeldPanel();

    LineNumberGutter *m_gutter;
    QWidget *m_heldPanel;
    QLabel *m_heldNote;
    QPushButton *m_clearButton;

    LineKind m_lineKind = LineKind::Address;
    QString m_urlTemplateText;
    std::optional<UrlTemplate> m_urlTemplate; // set when the text parses

    // A verdict cached on a block counts only if made in the current generation; a change
    // of kind or template, or an edit too large to walk, starts a new one.
    quint64 m_verdictGeneration = 1;
    QHash<int, QString> m_marks; // 1-based line -> reason, as last shown
    QHash<int, QString> m_notes; // 1-based line -> note, as last shown
    QTimer m_refreshTimer;
    // A line being typed that was not marked before stays unmarked until typing pauses, so
    // "h", "ht", "htt" do not flash red.
    QTextBlock m_typingBlock;
    QTimer m_typingPause;

    QTimer m_countTimer;
    quint64 m_countGeneration = 0; // a result counts only if no edit came after it started
    QFuture<void> m_counting; // the latest, cancelled when an edit makes it stale
    int m_lastInvalid = 0;
    int m_lastRows = 0;
    QThreadPool m_countPool; // one thread: counts queue rather than compete

    qsizetype m_holdBytes = defaultHoldBytes;
    qsizetype m_holdLines = defaultHoldLines;
    bool m_holding = false;
    QByteArray m_heldBytes;
    bool m_readOnlyBeforeHold = false;
};

} // namespace salvo::ui
