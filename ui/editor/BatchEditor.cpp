#include "BatchEditor.h"

#include <utility>

#include <QFutureWatcher>
#include <QHelpEvent>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPromise>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlockUserData>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <QtMath>

#include "batch/RowAddress.h"
#include "batch/TextLines.h"

namespace salvo::ui {

// The gutter beside the text: line numbers, and a marker on lines that cannot be requested.
class LineNumberGutter final : public QWidget
{
public:
    explicit LineNumberGutter(BatchEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    { }

    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }

    bool event(QEvent *event) override
    {
        if (event->type() != QEvent::ToolTip)
            return QWidget::event(event);
        const auto *help = static_cast<QHelpEvent *>(event);
        if (!m_editor->showLineToolTip(m_editor->blockAtY(help->pos().y()), help->globalPos(),
                                       this)) {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }

private:
    BatchEditor *m_editor;
};

// A line's verdict, cached on its block; stale once its generation is not the editor's.
class LineVerdict final : public QTextBlockUserData
{
public:
    LineVerdict(quint64 madeIn, bool isInvalid, QString why)
        : generation(madeIn)
        , invalid(isInvalid)
        , reason(std::move(why))
    { }

    const quint64 generation;
    const bool invalid;
    // Why the line cannot be requested; for a valid line, how it was read when that differs
    // from what was written (a note), or empty.
    const QString reason;
};

namespace {

using LineKind = BatchEditor::LineKind;

struct LineCheck
{
    bool invalid = false;
    QString text; // the reason, or for a valid line its note
};

// The same verdict the batch's parsers give the line. Nothing for a line that can be
// requested as written, or is not a row.
std::optional<LineCheck> checkLine(QStringView trimmed, int lineNumber, LineKind kind,
                                   const std::optional<UrlTemplate> &urlTemplate)
{
    switch (kind) {
    case LineKind::Address: {
        const RequestSpec row = requestForAddress(trimmed.toString(), lineNumber);
        if (row.isRunnable() && row.inputNote.isEmpty())
            return std::nullopt;
        if (row.isRunnable())
            return LineCheck{false, row.inputNote};
        return LineCheck{true, row.inputErrorMessage};
    }
    case LineKind::Id: {
        if (!urlTemplate)
            return std::nullopt;
        const RequestSpec row
                = requestForAddress(urlTemplate->fillAll(trimmed.toString()), lineNumber);
        if (row.isRunnable())
            return std::nullopt;
        // The message speaks of an address; with ids, show the address this id made.
        return LineCheck{true,
                         BatchEditor::tr("%1\nThe address made from this id: %2")
                                 .arg(row.inputErrorMessage, row.text)};
    }
    case LineKind::CsvRecord:
        return std::nullopt;
    }
    return std::nullopt;
}

struct LineTally
{
    int invalid = 0;
    int rows = 0;
};

// Runs on a worker over a snapshot of the text; gives up as soon as an edit cancels it.
void countInvalidLines(QPromise<LineTally> &promise, const QString &text, LineKind kind,
                       const std::optional<UrlTemplate> &urlTemplate)
{
    LineTally tally;
    const QStringView all(text);
    const qsizetype size = all.size();
    qsizetype start = 0;
    int lineNumber = 0;
    for (qsizetype i = 0; i <= size; ++i) {
        if (i < size && all[i] != u'\n' && all[i] != u'\r')
            continue;
        ++lineNumber;
        const QStringView trimmed = all.mid(start, i - start).trimmed();
        if (isRowLine(trimmed)) {
            ++tally.rows;
            const std::optional<LineCheck> check
                    = checkLine(trimmed, lineNumber, kind, urlTemplate);
            if (check && check->invalid)
                ++tally.invalid;
        }
        if (i + 1 < size && all[i] == u'\r' && all[i + 1] == u'\n')
            ++i;
        start = i + 1;
        if (lineNumber % 1024 == 0 && promise.isCanceled())
            return;
    }
    promise.addResult(tally);
}

// Lines as splitInputLines counts them, in a few linear passes rather than one list: a
// 50 MB paste is counted in milliseconds.
template<typename View, typename Char>
qsizetype countLines(View text, Char lf, Char cr, View crlf)
{
    if (text.isEmpty())
        return 0;
    qsizetype breaks = text.count(lf);
    if (const qsizetype crs = text.count(cr))
        breaks += crs - text.count(crlf);
    const auto last = text.back();
    return breaks + (last == lf || last == cr ? 0 : 1);
}

qsizetype countLines(QByteArrayView text)
{
    return countLines(text, '\n', '\r', QByteArrayView("\r\n"));
}

qsizetype countLines(QStringView text)
{
    return countLines(text, QChar(u'\n'), QChar(u'\r'), QStringView(u"\r\n"));
}

// Edits spanning more blocks than this start a new verdict generation instead of a walk.
constexpr int blockWalkLimit = 256;
// How long a line being typed may stay unmarked after the last keystroke.
constexpr int typingPauseMs = 700;

} // namespace

BatchEditor::BatchEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new LineNumberGutter(this))
    , m_heldPanel(new QWidget(viewport()))
    , m_heldNote(new QLabel(m_heldPanel))
    , m_clearButton(new QPushButton(tr("Clear"), m_heldPanel))
{
    m_gutter->setObjectName(QStringLiteral("lineNumberGutter"));
    m_gutter->setAccessibleName(tr("Line numbers"));

    m_heldPanel->setObjectName(QStringLiteral("largeInputPanel"));
    m_heldPanel->setCursor(Qt::ArrowCursor); // the viewport's I-beam would suggest editing
    // Opaque, so the caller's placeholder text under it stays the caller's to set.
    m_heldPanel->setBackgroundRole(QPalette::Base);
    m_heldPanel->setAutoFillBackground(true);
    m_heldPanel->hide();
    m_heldNote->setObjectName(QStringLiteral("largeInputNote"));
    m_heldNote->setWordWrap(true);
    m_heldNote->setTextFormat(Qt::PlainText); // it names a file
    m_clearButton->setObjectName(QStringLiteral("clearLargeInputButton"));
    m_clearButton->setAccessibleName(tr("Clear the loaded list"));
    m_clearButton->setToolTip(tr("Removes the loaded list so that you can type or paste another"));
    auto *panelLayout = new QVBoxLayout(m_heldPanel);
    const int margin = qRound(document()->documentMargin());
    panelLayout->setContentsMargins(margin, margin, margin, margin);
    panelLayout->addWidget(m_heldNote);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_clearButton);
    buttonRow->addStretch();
    panelLayout->addLayout(buttonRow);
    panelLayout->addStretch();
    connect(m_clearButton, &QPushButton::clicked, this, [this] {
        clearBatch();
        setFocus(); // the button is gone; keyboard users land where they can type
    });

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &BatchEditor::refreshMarks);
    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(typingPauseMs);
    connect(&m_typingPause, &QTimer::timeout, this, [this] {
        m_typingBlock = QTextBlock();
        scheduleRefresh();
    });
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(countDelayMs);
    connect(&m_countTimer, &QTimer::timeout, this, &BatchEditor::startCount);
    m_countPool.setMaxThreadCount(1);

    connect(this, &QPlainTextEdit::blockCountChanged, this, &BatchEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &BatchEditor::handleUpdateRequest);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &BatchEditor::handleCursorMoved);
    connect(document(), &QTextDocument::contentsChange, this, &BatchEditor::handleContentsChanged);
    // A jump of many lines scrolls by repainting, without an updateRequest carrying dy.
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &BatchEditor::scheduleRefresh);
    updateGutterWidth();
}

BatchEditor::~BatchEditor()
{
    // The pool waits for a count still running; its result goes nowhere.
    ++m_countGeneration;
    m_counting.cancel();
}

void BatchEditor::setLineKind(LineKind kind)
{
    if (kind == m_lineKind)
        return;
    m_lineKind = kind;
    invalidateVerdicts();
    scheduleRefresh();
    scheduleCount();
}

void BatchEditor::setUrlTemplate(const QString &urlTemplate)
{
    if (urlTemplate == m_urlTemplateText)
        return;
    m_urlTemplateText = urlTemplate;
    Expected<UrlTemplate> parsed = UrlTemplate::parse(urlTemplate);
    m_urlTemplate = parsed ? std::optional<UrlTemplate>(*parsed) : std::nullopt;
    invalidateVerdicts();
    scheduleRefresh();
    scheduleCount();
}

void BatchEditor::setHoldThreshold(qsizetype bytes, qsizetype lines)
{
    m_holdBytes = bytes;
    m_holdLines = lines;
}

void BatchEditor::setBatchSource(const QByteArray &utf8)
{
    // Counting is linear and fast even at 50 MB; the note says how many lines were held.
    const qsizetype lines = countLines(QByteArrayView(utf8));
    if (utf8.size() > m_holdBytes || lines > m_holdLines) {
        hold(utf8, lines);
        return;
    }
    releaseHold();
    setPlainText(decodeInputText(utf8));
}

QByteArray BatchEditor::batchBytes() const
{
    return m_holding ? m_heldBytes : toPlainText().toUtf8();
}

void BatchEditor::clearBatch()
{
    releaseHold();
    clear();
}

bool BatchEditor::isLineMarkedInvalid(int lineNumber) const
{
    return m_marks.contains(lineNumber);
}

QString BatchEditor::invalidReason(int lineNumber) const
{
    return m_marks.value(lineNumber);
}

QString BatchEditor::lineNote(int lineNumber) const
{
    return m_notes.value(lineNumber);
}

bool BatchEditor::canInsertFromMimeData(const QMimeData *source) const
{
    // Not source->text(): for another application's clipboard that converts all of it, and
    // this is asked on every drag move.
    return !m_holding && !isReadOnly() && source && source->hasText();
}

void BatchEditor::insertFromMimeData(const QMimeData *source)
{
    if (m_holding || isReadOnly() || !source)
        return;
    const QString text = source->text(); // once: each call may convert the clipboard again
    if (text.isEmpty())
        return;
    if (const QByteArray utf8 = text.toUtf8(); const auto kind = recognizeImport(utf8)) {
        emit importPasted(utf8, *kind);
        return;
    }

    const QTextCursor cursor = textCursor();
    const qsizetype selected = cursor.selectionEnd() - cursor.selectionStart();
    const qsizetype kept = document()->characterCount() - 1 - selected;
    // A UTF-16 unit is at least one UTF-8 byte, so the size decides before any counting.
    const bool large = kept + text.size() > m_holdBytes
            || (kept > 0 ? blockCount() : 0) + countLines(QStringView(text)) > m_holdLines;
    if (!large) {
        insertPlainText(text);
        ensureCursorVisible();
        return;
    }

    QByteArray bytes;
    if (kept > 0) {
        // The paste goes where the cursor is, as it would have in the document.
        const QString current = toPlainText();
        bytes = current.left(cursor.selectionStart()).toUtf8() + text.toUtf8()
                + current.mid(cursor.selectionEnd()).toUtf8();
    } else {
        bytes = text.toUtf8();
    }
    const qsizetype lines = countLines(QByteArrayView(bytes));
    hold(std::move(bytes), lines);
}

void BatchEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
    scheduleRefresh();
}

void BatchEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
        updateGutterWidth();
        m_gutter->update();
        scheduleRefresh();
        break;
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
        // The marks' colours follow the palette.
        m_gutter->update();
        scheduleRefresh();
        break;
    default:
        break;
    }
}

bool BatchEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        layoutHeldPanel();
    } else if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (showLineToolTip(blockAtY(help->pos().y()), help->globalPos(), viewport()))
            return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

// ---- Gutter -------------------------------------------------------------------------------

int BatchEditor::gutterWidth() const
{
    if (m_holding)
        return 0;
    int digits = 2; // 1 to 99 in the same width, so the text does not shift at line 10
    for (int count = blockCount(); count >= 100; count /= 10)
        ++digits;
    QFont bold = font();
    bold.setBold(true);
    const int digitWidth = qMax(fontMetrics().horizontalAdvance(u'9'),
                                QFontMetrics(bold).horizontalAdvance(u'9'));
    const int padding = qMax(3, fontMetrics().averageCharWidth() / 2);
    const int marker = fontMetrics().height() / 2;
    return padding + marker + padding + digits * digitWidth + 2 * padding;
}

void BatchEditor::updateGutterWidth()
{
    const int width = gutterWidth();
    if (viewportMargins().left() != width)
        setViewportMargins(width, 0, 0, 0);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), width, area.height()));
    m_gutter->setVisible(!m_holding);
}

void BatchEditor::handleUpdateRequest(const QRect &rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void BatchEditor::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    const QPalette &colors = palette();
    painter.fillRect(event->rect(), colors.color(QPalette::Window));
    painter.setPen(colors.color(QPalette::Mid));
    painter.drawLine(m_gutter->width() - 1, event->rect().top(), m_gutter->width() - 1,
                     event->rect().bottom());
    if (m_holding)
        return;

    const QFont normal = font();
    QFont bold = normal;
    bold.setBold(true);
    const int lineHeight = fontMetrics().height();
    const int padding = qMax(3, fontMetrics().averageCharWidth() / 2);
    const qreal markerSize = lineHeight / 2.0;
    const int numberRight = m_gutter->width() - 2 * padding;
    const QColor error = errorColor();
    const QTextBlock current = textCursor().block();
    painter.setRenderHint(QPainter::Antialiasing);

    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (block.isVisible() && bottom >= event->rect().top()) {
            const QString number = QString::number(block.blockNumber() + 1);
            const QRectF numberRect(0, top, numberRight, lineHeight);
            const QRectF marker(padding, top + (lineHeight - markerSize) / 2, markerSize,
                                markerSize);
            if (isShownInvalid(block)) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(error);
                painter.drawEllipse(marker);
                painter.setFont(bold);
                painter.setPen(error);
            } else {
                if (isShownNoted(block)) {
                    // A ring, not a dot: the line runs, read a little differently.
                    painter.setPen(QPen(colors.color(QPalette::Link), 1.5));
                    painter.setBrush(Qt::NoBrush);
                    painter.drawEllipse(marker.adjusted(1, 1, -1, -1));
                }
                painter.setFont(normal);
                painter.setPen(colors.color(block == current ? QPalette::Text
                                                             : QPalette::PlaceholderText));
            }
            painter.drawText(numberRect, Qt::AlignRight | Qt::AlignVCenter, number);
        }
        block = block.next();
        top = bottom;
    }
}

QTextBlock BatchEditor::blockAtY(int y) const
{
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= y) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (block.isVisible() && y < bottom)
            return block;
        block = block.next();
        top = bottom;
    }
    return {};
}

bool BatchEditor::showLineToolTip(const QTextBlock &block, const QPoint &globalPos, QWidget *over)
{
    if (!block.isValid() || (!isShownInvalid(block) && !isShownNoted(block)))
        return false;
    // The tip closes when the pointer leaves the line, not at some distance.
    const QRectF line = blockBoundingGeometry(block).translated(contentOffset());
    const QRect area(0, qFloor(line.top()), over->width(), qCeil(line.height()));
    QToolTip::showText(
            globalPos,
            tr("Line %1: %2").arg(block.blockNumber() + 1).arg(verdictFor(block)->reason), over,
            area);
    return true;
}

// ---- Marks --------------------------------------------------------------------------------

bool BatchEditor::marksLines() const
{
    return m_lineKind == LineKind::Address || (m_lineKind == LineKind::Id && m_urlTemplate);
}

void BatchEditor::handleContentsChanged(int position, int charsRemoved, int charsAdded)
{
    Q_UNUSED(charsRemoved)
    if (m_holding) {
        if (document()->isEmpty())
            return; // hold() emptying the document
        releaseHold(); // the caller set text of its own, which replaces what was held
    }

    const QTextBlock first = document()->findBlock(position);
    const QTextBlock last = document()->findBlock(position + charsAdded);
    if (!first.isValid() || !last.isValid()
        || last.blockNumber() - first.blockNumber() > blockWalkLimit) {
        invalidateVerdicts(); // O(1) for a paste or setPlainText of any size
        m_typingBlock = QTextBlock();
    } else {
        const bool typing = first == last && charsAdded <= 1;
        // As last shown: between keystrokes no refresh may have run.
        const bool wasShown = m_marks.contains(first.blockNumber() + 1);
        for (QTextBlock block = first; block.isValid(); block = block.next()) {
            block.setUserData(nullptr);
            if (block == last)
                break;
        }
        // A line already marked stays marked while it is being fixed; a new one waits.
        if (typing && !wasShown) {
            m_typingBlock = first;
            m_typingPause.start();
        } else {
            m_typingBlock = QTextBlock();
        }
    }
    scheduleRefresh();
    scheduleCount();
}

void BatchEditor::handleCursorMoved()
{
    // Leaving the line being typed is as good as a pause.
    if (m_typingBlock.isValid() && textCursor().block() != m_typingBlock) {
        m_typingBlock = QTextBlock();
        m_typingPause.stop();
    }
    scheduleRefresh(); // the current line's number is drawn brighter
    m_gutter->update();
}

void BatchEditor::invalidateVerdicts()
{
    ++m_verdictGeneration;
}

void BatchEditor::scheduleRefresh()
{
    m_refreshTimer.start();
}

void BatchEditor::refreshMarks()
{
    QList<QTextEdit::ExtraSelection> selections;
    QHash<int, QString> marks;
    QHash<int, QString> notes;
    if (!m_holding && marksLines()) {
        const auto visit = [&](const QTextBlock &block) {
            const LineVerdict *verdict = verdictFor(block);
            if (isShownNoted(block))
                notes.insert(block.blockNumber() + 1, verdict->reason);
            if (!verdict->invalid || !isShownInvalid(block))
                return;
            selections.append(selectionsFor(block));
            marks.insert(block.blockNumber() + 1, verdict->reason);
        };
        // Only what is on screen: the document may hold hundreds of thousands of lines.
        const int viewportBottom = viewport()->rect().bottom();
        QTextBlock block = firstVisibleBlock();
        const int firstNumber = block.blockNumber();
        int lastNumber = firstNumber;
        qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
        while (block.isValid() && top <= viewportBottom) {
            if (block.isVisible())
                visit(block);
            lastNumber = block.blockNumber();
            top += blockBoundingRect(block).height();
            block = block.next();
        }
        const QTextBlock edited = textCursor().block();
        if (edited.blockNumber() < firstNumber || edited.blockNumber() > lastNumber)
            visit(edited);
    }
    m_marks = std::move(marks);
    m_notes = std::move(notes);
    setExtraSelections(selections);
    m_gutter->update();
}

const LineVerdict *BatchEditor::verdictFor(const QTextBlock &block)
{
    if (const LineVerdict *cached = currentVerdict(block))
        return cached;
    const QString text = block.text();
    const QStringView trimmed = QStringView(text).trimmed();
    std::optional<LineCheck> check;
    if (isRowLine(trimmed))
        check = checkLine(trimmed, block.blockNumber() + 1, m_lineKind, m_urlTemplate);
    auto *verdict = new LineVerdict(m_verdictGeneration, check && check->invalid,
                                    check ? check->text : QString());
    QTextBlock(block).setUserData(verdict); // the block owns it
    return verdict;
}

const LineVerdict *BatchEditor::currentVerdict(const QTextBlock &block) const
{
    const auto *verdict = static_cast<const LineVerdict *>(block.userData());
    return verdict && verdict->generation == m_verdictGeneration ? verdict : nullptr;
}

bool BatchEditor::isShownInvalid(const QTextBlock &block) const
{
    if (m_holding || (block == m_typingBlock && m_typingPause.isActive()))
        return false;
    const LineVerdict *verdict = currentVerdict(block);
    return verdict && verdict->invalid;
}

bool BatchEditor::isShownNoted(const QTextBlock &block) const
{
    if (m_holding || (block == m_typingBlock && m_typingPause.isActive()))
        return false;
    const LineVerdict *verdict = currentVerdict(block);
    return verdict && !verdict->invalid && !verdict->reason.isEmpty();
}

QList<QTextEdit::ExtraSelection> BatchEditor::selectionsFor(const QTextBlock &block) const
{
    const QColor error = errorColor();
    // A tint across the whole line, found at a glance; a full-width selection must not
    // select text, so the wavy underline under the text is a second one.
    QTextEdit::ExtraSelection line;
    line.cursor = QTextCursor(block);
    QColor tint = error;
    tint.setAlpha(palette().color(QPalette::Base).lightnessF() < 0.5 ? 60 : 32);
    line.format.setBackground(tint);
    line.format.setProperty(QTextFormat::FullWidthSelection, true);

    QTextEdit::ExtraSelection text;
    text.cursor = QTextCursor(block);
    text.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    text.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    text.format.setUnderlineColor(error);
    return {line, text};
}

QColor BatchEditor::errorColor() const
{
    // QPalette has no error role: a red that reads on a light base and on a dark one.
    return palette().color(QPalette::Base).lightnessF() < 0.5 ? QColor(0xff, 0x7b, 0x72)
                                                              : QColor(0xc0, 0x1c, 0x28);
}

// ---- Whole-text count ---------------------------------------------------------------------

void BatchEditor::scheduleCount()
{
    // Whatever is counting now counts text that no longer exists.
    ++m_countGeneration;
    m_counting.cancel();
    m_countTimer.start();
}

void BatchEditor::startCount()
{
    const quint64 generation = ++m_countGeneration;
    m_counting.cancel();
    if (m_holding || !marksLines() || document()->characterCount() > liveCountCharacterLimit) {
        reportCount(-1, -1);
        return;
    }
    auto *watcher = new QFutureWatcher<LineTally>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_countGeneration || watcher->isCanceled()
            || !watcher->future().isResultReadyAt(0))
            return; // an edit came after this count started
        const LineTally tally = watcher->result();
        reportCount(tally.invalid, tally.rows);
    });
    const QFuture<LineTally> future = QtConcurrent::run(&m_countPool, countInvalidLines,
                                                        toPlainText(), m_lineKind, m_urlTemplate);
    watcher->setFuture(future);
    m_counting = future;
}

void BatchEditor::reportCount(int invalid, int rows)
{
    if (invalid == m_lastInvalid && rows == m_lastRows)
        return;
    m_lastInvalid = invalid;
    m_lastRows = rows;
    emit invalidLineCountChanged(invalid, rows);
}

// ---- Held input ---------------------------------------------------------------------------

void BatchEditor::hold(QByteArray bytes, qsizetype lines)
{
    const bool wasHolding = m_holding;
    if (!wasHolding)
        m_readOnlyBeforeHold = isReadOnly();
    m_holding = true;
    m_heldBytes = std::move(bytes);
    if (!document()->isEmpty())
        clear();
    setReadOnly(true);

    const QString size
            = locale().formattedDataSize(m_heldBytes.size(), 0, QLocale::DataSizeSIFormat);
    m_heldNote->setText(
            lines == 1 ? tr("A list of one line (%1) is loaded. It is too large to edit here; "
                            "Run uses it as it is.")
                                 .arg(size)
                       : tr("A list of %1 lines (%2) is loaded. It is too large to edit here; "
                            "Run uses it as it is.")
                                 .arg(locale().toString(qlonglong(lines)), size));
    layoutHeldPanel();
    m_heldPanel->show();
    updateGutterWidth();

    m_typingBlock = QTextBlock();
    m_marks.clear();
    m_notes.clear();
    setExtraSelections({});
    m_countTimer.stop();
    ++m_countGeneration;
    m_counting.cancel();
    reportCount(-1, -1);
    if (!wasHolding)
        emit largeInputHeldChanged(true);
}

void BatchEditor::releaseHold()
{
    if (!m_holding)
        return;
    m_holding = false;
    m_heldBytes = QByteArray();
    m_heldPanel->hide();
    setReadOnly(m_readOnlyBeforeHold);
    updateGutterWidth();
    scheduleRefresh();
    scheduleCount();
    emit largeInputHeldChanged(false);
}

void BatchEditor::layoutHeldPanel()
{
    m_heldPanel->setGeometry(viewport()->rect());
}

} // namespace salvo::ui
