#include "ResponseInspector.h"

#include <algorithm>
#include <memory>
#include <utility>

#include <QApplication>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "ErrorBanner.h"
#include "JsonTreeModel.h"
#include "PreparedBody.h"
#include "result/ErrorMessages.h"

namespace salvo::ui {

namespace {

// Bodies up to this size are prepared at once: it takes less than a frame, and spares the
// "Preparing" flash.
constexpr qsizetype synchronousLimit = qsizetype(16) * 1024;

QString headerText(const QByteArray &bytes)
{
    // Header values are bytes; most are ASCII, some UTF-8, the rest read as Latin-1.
    return bytes.isValidUtf8() ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

} // namespace

ResponseInspector::ResponseInspector(QWidget *parent)
    : QWidget(parent)
    , m_errorBanner(new ErrorBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_bodyNote(new QLabel(this))
    , m_bodyStack(new QStackedWidget(this))
    , m_bodyMessage(new QLabel(this))
    , m_jsonTabs(new QTabWidget(this))
    , m_bodyTree(new QTreeView(this))
    , m_jsonModel(new JsonTreeModel(this))
    , m_bodyPretty(createTextView(QStringLiteral("bodyPretty"), tr("Body as indented JSON")))
    , m_bodyText(createTextView(QStringLiteral("bodyText"), tr("Body as text")))
    , m_bodyHex(createTextView(QStringLiteral("bodyHex"), tr("Body as hexadecimal")))
    , m_bodyImageArea(new QScrollArea(this))
    , m_bodyImage(new QLabel(this))
    , m_headersTable(new QTableWidget(this))
    , m_timingText(createTextView(QStringLiteral("timingText"), tr("Timing")))
    , m_requestText(createTextView(QStringLiteral("requestText"), tr("Request")))
{
    m_pool.setMaxThreadCount(1);

    m_tabs->setObjectName(QStringLiteral("inspectorTabs"));
    m_tabs->setAccessibleName(tr("Response inspector"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createBodyTab(), tr("Body"));

    m_headersTable->setObjectName(QStringLiteral("headersTable"));
    m_headersTable->setAccessibleName(tr("Response headers"));
    m_headersTable->setColumnCount(2);
    m_headersTable->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headersTable->horizontalHeader()->setStretchLastSection(true);
    m_headersTable->verticalHeader()->setVisible(false);
    m_headersTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headersTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headersTable->setWordWrap(false);
    m_tabs->addTab(m_headersTable, tr("Headers"));

    m_timingText->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tabs->addTab(m_timingText, tr("Timing"));

    m_requestText->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tabs->addTab(m_requestText, tr("Request"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_errorBanner);
    layout->addWidget(m_tabs);

    clear();
}

ResponseInspector::~ResponseInspector()
{
    // The pool waits for a preparation still running; its result goes nowhere.
    ++m_generation;
    m_preparation.cancel();
}

QPlainTextEdit *ResponseInspector::createTextView(const QString &objectName,
                                                  const QString &accessibleName)
{
    auto *view = new QPlainTextEdit(this);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    view->setUndoRedoEnabled(false);
    return view;
}

QWidget *ResponseInspector::createBodyTab()
{
    auto *tab = new QWidget(this);
    tab->setObjectName(QStringLiteral("bodyTab"));

    m_bodyNote->setObjectName(QStringLiteral("bodyNote"));
    m_bodyNote->setAccessibleName(tr("Body note"));
    m_bodyNote->setWordWrap(true);
    m_bodyNote->setTextFormat(Qt::PlainText);
    m_bodyNote->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_bodyMessage->setObjectName(QStringLiteral("bodyMessage"));
    m_bodyMessage->setAlignment(Qt::AlignCenter);
    m_bodyMessage->setTextFormat(Qt::PlainText);
    m_bodyMessage->setWordWrap(true); // why an answer is not kept takes a sentence or two
    m_bodyMessage->setEnabled(false); // greyed: it is about the body, not the body

    m_bodyTree->setObjectName(QStringLiteral("bodyTree"));
    m_bodyTree->setAccessibleName(tr("Body as a JSON tree"));
    m_bodyTree->setModel(m_jsonModel);
    m_bodyTree->setUniformRowHeights(true); // a 100,000-element array scrolls smoothly
    m_bodyTree->setAlternatingRowColors(true);
    m_bodyTree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_bodyTree->header()->setStretchLastSection(true);
    m_bodyTree->setColumnWidth(JsonTreeModel::KeyColumn, 200);

    // Bodies read best in a fixed font; indented JSON and hex keep their columns unwrapped.
    for (QPlainTextEdit *view : {m_bodyPretty, m_bodyText, m_bodyHex})
        view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_bodyPretty->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_bodyHex->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_jsonTabs->setObjectName(QStringLiteral("jsonTabs"));
    m_jsonTabs->setAccessibleName(tr("JSON views"));
    m_jsonTabs->setTabPosition(QTabWidget::South);
    m_jsonTabs->setDocumentMode(true);
    m_jsonTabs->addTab(m_bodyTree, tr("Tree"));
    m_jsonTabs->addTab(m_bodyPretty, tr("Pretty"));

    m_bodyImage->setObjectName(QStringLiteral("bodyImage"));
    m_bodyImage->setAccessibleName(tr("Body as an image"));
    m_bodyImage->setAlignment(Qt::AlignCenter);
    m_bodyImageArea->setObjectName(QStringLiteral("bodyImageArea"));
    m_bodyImageArea->setWidget(m_bodyImage);
    m_bodyImageArea->setWidgetResizable(true);

    m_bodyStack->setObjectName(QStringLiteral("bodyStack"));
    for (QWidget *page : {static_cast<QWidget *>(m_bodyMessage), static_cast<QWidget *>(m_jsonTabs),
                          static_cast<QWidget *>(m_bodyText), static_cast<QWidget *>(m_bodyHex),
                          static_cast<QWidget *>(m_bodyImageArea)})
        m_bodyStack->addWidget(page);

    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bodyNote);
    layout->addWidget(m_bodyStack, 1);
    return tab;
}

void ResponseInspector::focusAnswer()
{
    m_focusWhenShown = m_loading;
    m_tabs->setCurrentIndex(0);
    QWidget *view = m_bodyStack->currentWidget();
    if (auto *tabs = qobject_cast<QTabWidget *>(view))
        view = tabs->currentWidget();
    // A message in place of a body takes no focus: the tabs do, and lead on to the rest.
    if (view && view->focusPolicy() != Qt::NoFocus)
        view->setFocus(Qt::ShortcutFocusReason);
    else
        m_tabs->tabBar()->setFocus(Qt::ShortcutFocusReason);
}

void ResponseInspector::clear()
{
    m_loading = false;
    m_focusWhenShown = false;
    ++m_generation;
    m_preparation.cancel();
    showBodyMessage(tr("Select a result to see its response."));
    m_errorBanner->hide();
    m_headersTable->setRowCount(0);
    m_timingText->clear();
    m_requestText->clear();
}

void ResponseInspector::setSentRequest(const salvo::HeaderList &headers, const QByteArray &body)
{
    m_sentHeaders = headers;
    m_sentBody = body;
}

void ResponseInspector::showResult(const salvo::Result &result)
{
    m_loading = false;
    const quint64 generation = ++m_generation;
    m_preparation.cancel(); // skipped if it has not started; dropped if it has
    showAllButBody(result, true);

    const bool image = mimeTypeOf(result.contentType).startsWith(u"image/");
    if (result.body.size() <= synchronousLimit && !image) {
        showPreparedBody(
                prepareBody(result.body, result.contentType, result.truncated, result.bytes));
        return;
    }

    showBodyMessage(tr("Preparing the body\u2026"));
    auto *watcher = new QFutureWatcher<PreparedBody>(this);
    ++m_pendingPreparations;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        --m_pendingPreparations;
        watcher->deleteLater();
        if (generation != m_generation || watcher->isCanceled()
            || !watcher->future().isResultReadyAt(0))
            return; // another result was shown meanwhile
        showPreparedBody(watcher->result());
    });
    const QFuture<PreparedBody> future = QtConcurrent::run(
            &m_pool, prepareBody, result.body, result.contentType, result.truncated, result.bytes);
    watcher->setFuture(future);
    m_preparation = future;
}

void ResponseInspector::showAllButBody(const salvo::Result &result, bool whole)
{
    m_errorBanner->showResult(result);
    showHeaders(result);
    showTiming(result, whole);
    showRequest(result);
}

void ResponseInspector::showLoading(const salvo::Result &summary)
{
    m_loading = true;
    ++m_generation;
    m_preparation.cancel();
    showAllButBody(summary, false);
    showBodyMessage(tr("Loading the answer from the history\u2026"));
}

void ResponseInspector::showUnavailable(const salvo::Result &summary, const QString &reason)
{
    m_loading = false;
    m_focusWhenShown = false;
    ++m_generation;
    m_preparation.cancel();
    showAllButBody(summary, false);
    showBodyMessage(reason);
    emit bodyShown(); // all there is to show of this row
}

void ResponseInspector::showBodyMessage(const QString &message)
{
    m_bodyNote->clear();
    m_bodyNote->hide();
    m_bodyMessage->setText(message);
    m_bodyStack->setCurrentWidget(m_bodyMessage);
    releaseBodyViews(m_bodyMessage);
}

// Empties the views the new body does not use, so a large body is not kept twice.
void ResponseInspector::releaseBodyViews(QWidget *keep)
{
    if (keep != m_jsonTabs) {
        m_jsonModel->clear();
        if (!m_bodyPretty->document()->isEmpty())
            m_bodyPretty->clear();
    }
    for (QPlainTextEdit *view : {m_bodyText, m_bodyHex}) {
        if (view != keep && !view->document()->isEmpty())
            view->clear();
    }
    if (keep != m_bodyImageArea)
        m_bodyImage->clear();
}

void ResponseInspector::showPreparedBody(const PreparedBody &body)
{
    const QLocale locale;
    QStringList notes;
    if (body.truncated && body.keptBytes == 0) {
        notes.append(tr("The body's %1 bytes were counted, not kept.")
                             .arg(locale.toString(body.receivedBytes)));
    } else if (body.truncated) {
        notes.append(
                tr("Showing the first %1 of %2 bytes; the rest was counted, not kept.")
                        .arg(locale.toString(body.keptBytes), locale.toString(body.receivedBytes)));
    }
    switch (body.jsonProblem) {
    case PreparedBody::JsonProblem::None:
        break;
    case PreparedBody::JsonProblem::TooDeep:
        notes.append(tr("The JSON nests deeper than %1 levels, too deep to show as a tree; "
                        "shown as text.")
                             .arg(locale.toString(jsonNestingLimit)));
        break;
    case PreparedBody::JsonProblem::Cut:
        notes.append(tr("The JSON was cut before its end, so it cannot be shown as a tree; "
                        "shown as text."));
        break;
    case PreparedBody::JsonProblem::Invalid:
        notes.append(tr("Not valid JSON (%1 at byte %2); shown as text.")
                             .arg(body.jsonError, locale.toString(body.jsonErrorOffset)));
        break;
    }
    if (body.imageFailed)
        notes.append(tr("The image could not be decoded; shown as bytes."));
    if (body.shownBytes >= 0) {
        notes.append(body.kind == PreparedBody::Kind::Hex
                             ? tr("The hex view shows the first %1 bytes.")
                                       .arg(locale.toString(body.shownBytes))
                             : tr("The view shows the first %1 bytes of the text.")
                                       .arg(locale.toString(body.shownBytes)));
    }
    if (body.linesBroken) {
        notes.append(tr("Lines longer than %1 characters are broken for display.")
                             .arg(locale.toString(maxLineChars)));
    }

    QWidget *page = m_bodyMessage;
    switch (body.kind) {
    case PreparedBody::Kind::Empty:
        m_bodyMessage->setText(tr("No body"));
        break;
    case PreparedBody::Kind::Json:
        page = m_jsonTabs;
        m_jsonModel->setTree(body.tree);
        if (body.tree && body.tree->size() <= 200)
            m_bodyTree->expandAll();
        m_bodyPretty->setPlainText(body.text);
        break;
    case PreparedBody::Kind::Text:
        page = m_bodyText;
        m_bodyText->setPlainText(body.text);
        break;
    case PreparedBody::Kind::Hex:
        page = m_bodyHex;
        m_bodyHex->setPlainText(body.text);
        break;
    case PreparedBody::Kind::Image:
        page = m_bodyImageArea;
        m_bodyImage->setPixmap(QPixmap::fromImage(body.image));
        m_bodyImage->setToolTip(tr("%1 \u00d7 %2 pixels")
                                        .arg(locale.toString(body.image.width()),
                                             locale.toString(body.image.height())));
        break;
    }
    releaseBodyViews(page);
    m_bodyStack->setCurrentWidget(page);
    m_bodyNote->setText(notes.join(u'\n'));
    m_bodyNote->setVisible(!notes.isEmpty());
    focusIfAsked();
    emit bodyShown();
}

void ResponseInspector::focusIfAsked()
{
    // Only while the keyboard is still here: a person who moved on keeps it where they are.
    if (std::exchange(m_focusWhenShown, false) && isAncestorOf(QApplication::focusWidget()))
        focusAnswer();
}

void ResponseInspector::showHeaders(const salvo::Result &result)
{
    m_headersTable->setRowCount(int(result.headers.size()));
    for (int row = 0; row < int(result.headers.size()); ++row) {
        const auto &[name, value] = result.headers.at(row);
        m_headersTable->setItem(row, 0, new QTableWidgetItem(headerText(name)));
        m_headersTable->setItem(row, 1, new QTableWidgetItem(headerText(value)));
    }
    m_headersTable->resizeColumnToContents(0);
}

namespace {

// How the answer came: protocol, address, the connection's phases and the certificate.
QStringList connectionLines(const ConnectionFacts &facts)
{
    const QLocale locale;
    QStringList lines;
    if (!facts.httpVersion.isEmpty())
        lines.append(ResponseInspector::tr("Protocol: %1").arg(facts.httpVersion));
    if (!facts.remoteAddress.isEmpty())
        lines.append(ResponseInspector::tr("Server address: %1").arg(facts.remoteAddress));
    const auto phase = [&](const char *label, int ms) {
        if (ms >= 0)
            lines.append(ResponseInspector::tr(label).arg(locale.toString(ms)));
    };
    phase(QT_TR_NOOP("Looking the name up: %1 ms"), facts.dnsMs);
    phase(QT_TR_NOOP("Connecting: %1 ms"), facts.connectMs);
    phase(QT_TR_NOOP("Secure handshake (TLS): %1 ms"), facts.tlsMs);
    if (!facts.httpVersion.isEmpty() && facts.connectMs < 0)
        lines.append(ResponseInspector::tr("Connection: one an earlier request had opened"));
    if (facts.certificateExpires.isValid()) {
        const int days = facts.certificateDaysLeft(QDate::currentDate());
        lines.append(ResponseInspector::tr("Certificate: %1").arg(facts.certificateSubject));
        lines.append(ResponseInspector::tr("Issued by: %1").arg(facts.certificateIssuer));
        lines.append(days < 0 ? ResponseInspector::tr("Expired on %1")
                                        .arg(locale.toString(facts.certificateExpires))
                              : ResponseInspector::tr("Expires on %1, in %2 days")
                                        .arg(locale.toString(facts.certificateExpires))
                                        .arg(days));
    }
    return lines;
}

} // namespace

void ResponseInspector::showTiming(const salvo::Result &result, bool whole)
{
    const QLocale locale;
    const auto milliseconds = [&](qint64 ms) { return tr("%1 ms").arg(locale.toString(ms)); };
    QStringList lines;
    lines.append(result.status > 0 ? tr("Status: %1").arg(result.status) : tr("Status: no answer"));
    lines.append(tr("Total time: %1").arg(milliseconds(result.elapsedMs)));
    if (whole) { // a summary does not keep it
        lines.append(tr("Time until the answer began: %1")
                             .arg(result.firstByteMs >= 0 ? milliseconds(result.firstByteMs)
                                                          : tr("not measured")));
        lines += connectionLines(result.connection);
    }
    lines.append(tr("Attempts: %1").arg(locale.toString(result.attempts)));
    if (result.resends > 0)
        lines.append(resentSentence(result.resends));
    lines.append(tr("Body: %1 bytes received").arg(locale.toString(result.bytes)));
    if (!result.contentType.isEmpty())
        lines.append(tr("Content type: %1").arg(result.contentType));
    if (result.redirects.isEmpty()) {
        lines.append(tr("Redirects: none"));
    } else {
        lines.append(tr("Redirects (%1):").arg(locale.toString(result.redirects.size())));
        for (const QString &url : result.redirects)
            lines.append(QStringLiteral("    ") + url);
    }
    if (result.error != ErrorKind::None) {
        lines.append(QString());
        lines.append(tr("Error: %1").arg(errorKindLabel(result.error)));
        if (!result.message.isEmpty())
            lines.append(result.message);
        switch (result.timeout) {
        case TimeoutKind::None:
            break;
        case TimeoutKind::Deadline:
            lines.append(tr("Timeout: the whole request took longer than the time allowed."));
            break;
        case TimeoutKind::Inactivity:
            lines.append(tr("Timeout: nothing arrived for longer than the time allowed."));
            break;
        }
    }
    m_timingText->setPlainText(lines.join(u'\n'));
}

void ResponseInspector::showRequest(const salvo::Result &result)
{
    QStringList lines;
    const QString method = QString::fromLatin1(result.method);
    lines.append(method.isEmpty() ? result.url : method + u' ' + result.url);
    if (result.line > 0)
        lines.append(tr("Line %1 of the input").arg(QLocale().toString(result.line)));
    lines.append(QString());
    if (m_sentHeaders.isEmpty())
        lines.append(tr("Headers: none added; Salvo sends the usual ones (Host, User-Agent, "
                        "Accept-Encoding, \u2026)"));
    for (const auto &[name, value] : std::as_const(m_sentHeaders))
        lines.append(headerText(name) + QStringLiteral(": ") + headerText(value));
    if (!m_sentBody.isEmpty()) {
        // A few kilobytes say what was sent; the whole body is in the Body tab of the batch.
        constexpr qsizetype shownBodyBytes = 4096;
        lines.append(QString());
        lines.append(tr("Body: %1 bytes").arg(QLocale().toString(m_sentBody.size())));
        lines.append(
                QString::fromUtf8(m_sentBody.first(std::min(m_sentBody.size(), shownBodyBytes))));
    }
    m_requestText->setPlainText(lines.join(u'\n'));
}

} // namespace salvo::ui
