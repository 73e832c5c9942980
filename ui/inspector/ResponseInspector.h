#pragma once

// ui/inspector owns the Response inspector: one result in full (body, headers, timing,
// request), with large bodies parsed and formatted off the GUI thread.

#include <QFuture>
#include <QThreadPool>
#include <QWidget>

#include "result/Result.h"

class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTreeView;

namespace salvo::ui {

class ErrorBanner;
class JsonTreeModel;
struct PreparedBody;

// Tabs for the selected result. The body is shown as a JSON tree and indented text, as
// text, as an image or as a hex dump; a body above a few kilobytes is prepared on a worker
// thread, and a preparation that finishes after another result was shown is dropped.
class ResponseInspector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseInspector)

public:
    explicit ResponseInspector(QWidget *parent = nullptr);
    ~ResponseInspector() override;

    void showResult(const salvo::Result &result);
    // What the table knows of a row while its answer is read from the history.
    void showLoading(const salvo::Result &summary);
    // What the table knows of a row whose answer is not kept, and why, in a sentence.
    void showUnavailable(const salvo::Result &summary, const QString &reason);
    void clear();
    // Shows the Body tab and puts the keyboard in the answer's view, to read and scroll it;
    // an answer still loading gets the keyboard when it arrives.
    void focusAnswer();
    // What every request of the run sent besides its method and address, for the Request
    // tab.
    void setSentRequest(const salvo::HeaderList &headers, const QByteArray &body);

    // A body is being prepared on the worker (the Body tab says so meanwhile).
    bool isPreparingBody() const { return m_pendingPreparations > 0; }
    // The answer is being read from the history (the Body tab says so meanwhile).
    bool isLoading() const { return m_loading; }

signals:
    // The body of the result last given to showResult() is on screen.
    void bodyShown();

private:
    QWidget *createBodyTab();
    QPlainTextEdit *createTextView(const QString &objectName, const QString &accessibleName);
    void showBodyMessage(const QString &message);
    void showPreparedBody(const PreparedBody &body);
    // Everything but the body; `whole`: the result has its answer (not a summary).
    void showAllButBody(const salvo::Result &result, bool whole);
    void showHeaders(const salvo::Result &result);
    void showTiming(const salvo::Result &result, bool whole);
    void showRequest(const salvo::Result &result);
    void releaseBodyViews(QWidget *keep);
    // The answer asked to be focused while it loaded is on screen now.
    void focusIfAsked();

    ErrorBanner *m_errorBanner;
    QTabWidget *m_tabs;
    QLabel *m_bodyNote;
    QStackedWidget *m_bodyStack;
    QLabel *m_bodyMessage;
    QTabWidget *m_jsonTabs;
    QTreeView *m_bodyTree;
    JsonTreeModel *m_jsonModel;
    QPlainTextEdit *m_bodyPretty;
    QPlainTextEdit *m_bodyText;
    QPlainTextEdit *m_bodyHex;
    QScrollArea *m_bodyImageArea;
    QLabel *m_bodyImage;
    QTableWidget *m_headersTable;
    QPlainTextEdit *m_timingText;
    QPlainTextEdit *m_requestText;
    salvo::HeaderList m_sentHeaders;
    QByteArray m_sentBody;

    // Each showResult() or clear() starts a generation; a preparation reports back only if
    // its generation is still the current one.
    quint64 m_generation = 0;
    int m_pendingPreparations = 0;
    bool m_loading = false; // showLoading() was the last word: the answer is on its way
    bool m_focusWhenShown = false; // focusAnswer() came while it was

    QFuture<void> m_preparation; // the latest, cancelled when it is no longer wanted
    QThreadPool m_pool; // one thread: preparations queue rather than compete with the run
};

} // namespace salvo::ui
