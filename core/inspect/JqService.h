#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>

#include <chrono>
#include <deque>
#include <memory>

#include "JqOutcome.h"
#include "JqWire.h"

class QProcess;
class QThread;
class QTimer;

namespace salvo {

// The one jq of the process: a salvo-jq process fed from a thread of its own, since jq 1.6
// is not safe from several threads at once. Any thread submits and awaits the future.
// Requests (one body, one or more programs) run one after another, in the order submitted,
// several in the pipe at once. One that runs past the time limit, or makes jq grow past the
// memory limit, is stopped (jq is restarted for the others) and each of its programs ends as
// Stopped; the run goes on.
class JqService final : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds timeLimit{2000};
    static constexpr qint64 memoryLimitBytes = qint64(512) << 20;

    // The process-wide service, started at first use and ended with the application.
    static JqService &instance();

    // Every program of the request on its input: one outcome per program, in order.
    QFuture<QList<JqOutcome>> submit(jqwire::Request request);
    QFuture<JqOutcome> submit(jqwire::Op op, QByteArray program, QByteArray input = {});

    // Where salvo-jq is looked for: $SALVO_JQ_WORKER, next to the program, in ../bin and in
    // Salvo's libexec folder.
    static QString workerPath();

private:
    struct Pending
    {
        jqwire::Request request;
        std::shared_ptr<QPromise<QList<JqOutcome>>> promise;
    };

    JqService();
    ~JqService() override;

    void enqueue(Pending pending);
    void ensureProcess();
    void sendMore();
    void readAnswers();
    void checkHead();
    void stopHead(const QString &why);
    void processEnded();
    void failAll(const QString &why);

    QThread *m_thread = nullptr;
    QProcess *m_process = nullptr;
    QTimer *m_watchdog = nullptr;
    std::deque<Pending> m_waiting; // not yet written
    std::deque<Pending> m_sent; // written, answers to come in this order
    qint64 m_bytesInPipe = 0;
    QByteArray m_buffer;
    QElapsedTimer m_headSince; // since the first of m_sent became jq's work
    bool m_stopping = false; // the process is being killed on purpose
};

} // namespace salvo
