// The real window, offscreen, given input that is broken or huge: a binary file, a UTF-16
// file, a file of a million lines, an answer of a gigabyte. It refuses in plain words, reads,
// or holds and caps, without the window freezing. Only loopback servers; every wait has a
// deadline.

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

#include "FaultServer.h"
#include "MainWindow.h"
#include "NetworkIsolation.h"
#include "WindowTestFixture.h"
#include "editor/BatchEditor.h"

using salvo::ErrorKind;
using salvo::Result;
using salvo::RunOptions;
using salvo::TimeoutKind;

namespace {

// The longest stretch the GUI thread went without running a 1 ms timer: how long a person
// would have seen the window frozen.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer,
                         [this] { m_longestGapMs = std::max(m_longestGapMs, m_clock.restart()); });
        m_clock.start();
        m_timer.start();
    }

    qint64 longestGapMs() const { return std::max(m_longestGapMs, m_clock.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longestGapMs = 0;
};

// A FaultServer on a thread of its own, as a server on another machine would be: it writes
// as fast as the window reads, not at the pace of the test's waiting loop.
class FaultServerThread
{
    Q_DISABLE_COPY_MOVE(FaultServerThread)

public:
    FaultServerThread()
    {
        m_thread.start();
        m_anchor->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    }
    ~FaultServerThread()
    {
        QMetaObject::invokeMethod(
                m_anchor, [this] { m_server.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    bool start()
    {
        QMetaObject::invokeMethod(
                m_anchor,
                [this] {
                    m_server = std::make_unique<FaultServer>();
                    if (m_server->start())
                        m_base = m_server->url(QString());
                },
                Qt::BlockingQueuedConnection);
        return m_base.isValid();
    }
    QUrl url(const QString &path) const { return m_base.resolved(QUrl(path)); }

private:
    QThread m_thread;
    QObject *m_anchor = new QObject; // deleted on m_thread when it finishes
    std::unique_ptr<FaultServer> m_server; // created, used and deleted on m_thread
    QUrl m_base;
};

// A hang guard, not a speed target: a frame is 16 ms, but a loaded CI machine may stall any
// thread for a while. Two seconds without a timer tick is a window that froze.
constexpr qint64 hangGuardMs = 2000;

} // namespace

class TestMainWindowInputFiles final : public QObject, private WindowTestFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void binaryFileIsRefusedInPlainWords();
    void utf16FileOpensAsText();
    void millionLineFileIsHeldWithoutFreezing();
    void gigabyteBodyIsCappedWithoutFreezing();
};

void TestMainWindowInputFiles::binaryFileIsRefusedInPlainWords()
{
    const QString typed = m_http->url(QStringLiteral("/json/1")).toString();
    typeLines({typed});
    const QString before = editor()->toPlainText();
    auto *kind = child<QComboBox>(QStringLiteral("inputKindBox"));
    const QString kindBefore = kind->currentText();

    QImage image(32, 32, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    const QString path = m_files->filePath(QStringLiteral("picture.png"));
    QVERIFY(image.save(path, "PNG"));
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().contains('\0')); // what makes it binary

    auto *progress = child<QLabel>(QStringLiteral("progressText"));
    QVERIFY(progress);
    m_window->openFile(path, true);
    QTRY_VERIFY(progress->text().contains(u"is not a text file"));
    QVERIFY(progress->text().contains(u".txt"));
    QCOMPARE(editor()->toPlainText(), before);
    QCOMPARE(kind->currentText(), kindBefore);
    QVERIFY(!editor()->isHoldingLargeInput());
    QCOMPARE(model()->rowCount(), 0); // "and run" was not carried over to anything
}

void TestMainWindowInputFiles::utf16FileOpensAsText()
{
    // Windows' Notepad saves "Unicode" as UTF-16 with a byte order mark: full of NUL bytes,
    // and still a list.
    const QString text = m_http->url(QStringLiteral("/json/1")).toString() + u'\n'
            + m_http->url(QStringLiteral("/json/2")).toString() + u'\n';
    QByteArray utf16("\xFF\xFE", 2);
    for (const QChar c : text) {
        utf16.append(char(c.unicode() & 0xff));
        utf16.append(char(c.unicode() >> 8));
    }
    const QString path = m_files->filePath(QStringLiteral("notepad.txt"));
    writeFile(path, utf16);
    m_window->openFile(path, true);
    QVERIFY(waitForRows(2));
    QCOMPARE(resultOfInputRow(0).status, 200);
    QCOMPARE(resultOfInputRow(1).status, 200);
}

void TestMainWindowInputFiles::millionLineFileIsHeldWithoutFreezing()
{
    constexpr int lineCount = 1'000'000;
    QByteArray contents;
    const QByteArray prefix = m_http->url(QStringLiteral("/json/")).toEncoded();
    contents.reserve(lineCount * (prefix.size() + 8));
    for (int i = 0; i < lineCount; ++i)
        contents += prefix + QByteArray::number(i) + '\n';
    const QString path = m_files->filePath(QStringLiteral("million.txt"));
    writeFile(path, contents);

    const Heartbeat heartbeat;
    m_window->openFile(path); // opened, not run: a million requests are not this test's
    QTRY_VERIFY_WITH_TIMEOUT(editor()->isHoldingLargeInput(), 15000);
    const qint64 longestGap = heartbeat.longestGapMs();
    QVERIFY2(longestGap < hangGuardMs,
             qPrintable(QStringLiteral("the window froze for %1 ms").arg(longestGap)));

    auto *panel = editor()->findChild<QWidget *>(QStringLiteral("largeInputPanel"));
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    auto *note = editor()->findChild<QLabel *>(QStringLiteral("largeInputNote"));
    QVERIFY(note);
    QVERIFY2(note->text().contains(QLocale().toString(lineCount)), qPrintable(note->text()));
    QVERIFY(editor()->isReadOnly());
    QCOMPARE(editor()->batchBytes().size(), contents.size());
    QCOMPARE(model()->rowCount(), 0);
}

void TestMainWindowInputFiles::gigabyteBodyIsCappedWithoutFreezing()
{
    constexpr qint64 declared = qint64(1) << 30;
    constexpr int deadlineSeconds = 8;
    const qint64 cap = RunOptions().maxBodyBytes;
    // FaultServer's /stream writes the body as it is read, so neither side holds a gigabyte;
    // on a thread of its own, so the window reads as fast as it can. Fetcher keeps the first
    // maxBodyBytes and reads on, counting the rest; the deadline ends the row if the gigabyte
    // does not arrive in time.
    auto *timeout = child<QSpinBox>(QStringLiteral("timeoutBox"));
    QVERIFY(timeout);
    timeout->setValue(deadlineSeconds);

    FaultServerThread server;
    QVERIFY(server.start());

    const Heartbeat heartbeat;
    typeAndRun({server.url(QStringLiteral("/stream/%1").arg(declared)).toString()});
    QVERIFY(waitForRows(1, (deadlineSeconds + 10) * 1000));
    QVERIFY(waitUntilFinished());
    const std::optional<Result> answer = answerOfInputRow(0);
    QVERIFY(answer);
    const Result &result = *answer;
    QCOMPARE(result.status, 200);
    QVERIFY(result.truncated);
    QCOMPARE(result.body.size(), cap);
    QVERIFY2(result.bytes > cap, qPrintable(QString::number(result.bytes)));
    if (result.error == ErrorKind::None) {
        QCOMPARE(result.bytes, declared); // read to the end, all of it counted
    } else {
        QCOMPARE(result.error, ErrorKind::Timeout);
        QCOMPARE(result.timeout, TimeoutKind::Deadline);
        QVERIFY(result.bytes < declared);
    }

    // The Body tab says what was kept and what was only counted.
    selectInputRow(0);
    auto *note = child<QLabel>(QStringLiteral("bodyNote"));
    QVERIFY(note);
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), 10000);
    QVERIFY2(note->text().contains(QLocale().toString(cap)), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QLocale().toString(result.bytes)), qPrintable(note->text()));

    const qint64 longestGap = heartbeat.longestGapMs();
    QVERIFY2(longestGap < hangGuardMs,
             qPrintable(QStringLiteral("the window froze for %1 ms").arg(longestGap)));
}

int main(int argc, char *argv[])
{
    isolateNetwork();
    // Before anything reads QSettings: settings in a test location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestMainWindowInputFiles test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindowinputfiles.moc"
