// What the window tests share: the real window, offscreen, with a loopback test server and a
// folder of files of its own, and the helpers that use the window as a person does (choose
// the kind of input, type lines and run them, fill a header, select a row) and wait for what
// it shows, every wait with a deadline.
//
// A test class derives from QObject and from WindowTestFixture, and lists its own init() and
// cleanup() among its private slots, calling setUp() and tearDown(): Qt Test runs the slots
// of the class it is given, and the fixture has none.
//
// main() turns on QStandardPaths' test mode before anything reads QSettings, so the
// settings, the history and the checks are files under ~/.qttest, never the user's.

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTableView>
#include <QTemporaryDir>
#include <QWidget>
#include <QtGlobal>

#include <memory>
#include <optional>

#include "MainWindow.h"
#include "TestServer.h"
#include "editor/BatchEditor.h"
#include "result/Result.h"
#include "results/ResultsModel.h"

// The window's history file, removed (with its WAL): the test starts from no runs.
QString freshHistoryPath();

// A widget's class and object name (or that of the nearest named parent), for a message.
QString describeWidget(const QWidget *widget);

// Whether one of the widget's parents inherits className.
bool isInside(const QWidget *widget, const char *className);

// What a screen reader would announce without a name: an input with no accessible name, or
// a button with neither text nor accessible name.
bool isUnnamedInput(const QWidget *widget);

class WindowTestFixture
{
    Q_DISABLE_COPY_MOVE(WindowTestFixture)

protected:
    WindowTestFixture() = default;
    ~WindowTestFixture() = default;

    // From no settings and no checks: a test server, a folder and a window shown.
    void setUp();
    // The window, the server and the folder gone; the settings and the checks cleared.
    void tearDown();

    void createWindow();
    // A new window whose Settings tell the test server's /hook, and no desktop notification.
    void reopenWithWebhook();
    template<typename T>
    T *child(const QString &name) const
    {
        auto *found = m_window->findChild<T *>(name);
        if (!found)
            qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return found;
    }
    QTableView *table() const { return child<QTableView>(QStringLiteral("resultsTable")); }
    salvo::ui::BatchEditor *editor() const
    {
        return child<salvo::ui::BatchEditor>(QStringLiteral("batchEditor"));
    }
    const salvo::ui::ResultsModel *model() const;
    // What the table keeps of an input row: a Result without its answer.
    salvo::Result resultOfInputRow(int index) const;
    // The whole result of an input row, answer included, read where the window keeps it (the
    // history, or memory) as the inspector reads it; nullopt when it is not kept or the read
    // did not end in time.
    std::optional<salvo::Result> answerOfInputRow(int index);
    void chooseInputKind(const QString &text);
    void showBatchTab(int index);
    void typeLines(const QStringList &lines);
    void typeAndRun(const QStringList &lines);
    void typeIntoHeaderCell(int row, int column, const QString &text);
    void selectInputRow(int index);
    bool waitForRows(int count, int timeoutMs = 15000);
    bool waitUntilFinished(int timeoutMs = 15000);
    // A CompareWindow opened, read its runs and names run `runId` in its title; then closed.
    void verifyComparisonShown(qint64 runId);
    void writeFile(const QString &path, const QByteArray &contents);
    // A template on the test server, as typed: QUrl would write the braces as %7B and %7D.
    QString templateFor(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_http->url({}).port()).arg(path);
    }

    std::unique_ptr<TestServer> m_http;
    std::unique_ptr<salvo::ui::MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_files;
};
