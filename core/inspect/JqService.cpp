#include "JqService.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <unistd.h>

#include "Logging.h"

namespace salvo {
namespace {

// How far ahead of jq the pipe is kept full: enough to hide the round trip.
constexpr int requestsAhead = 16;
constexpr qint64 bytesAhead = qint64(8) << 20;

JqService *theService = nullptr;

qint64 residentBytes(qint64 pid)
{
    QFile statm(QStringLiteral("/proc/%1/statm").arg(pid));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

// The time the process has spent computing (user time), in ms; 0 when it cannot be read. The
// time limit counts this, not the clock: a busy machine does not stop an expression early,
// and neither does one whose memory is slow to hand out (page faults are the kernel's time:
// a growing expression is the memory limit's).
qint64 computingMs(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // After the command's name in parentheses: state is the first field, utime the 12th.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 11 ? fields.at(11).toLongLong() * 1000 / sysconf(_SC_CLK_TCK) : 0;
}

JqOutcome outcomeOf(const jqwire::Answer &answer)
{
    using jqwire::AnswerKind;
    switch (answer.kind) {
    case AnswerKind::Value:
        return {JqOutcome::Kind::Value, QString::fromUtf8(answer.text)};
    case AnswerKind::Null:
        return {JqOutcome::Kind::Null, {}};
    case AnswerKind::Error:
        return {JqOutcome::Kind::Error, QString::fromUtf8(answer.text)};
    case AnswerKind::NotJson:
        return {JqOutcome::Kind::NotJson, {}};
    }
    return {};
}

// The object, in the calling thread, that resumes its coroutines; it ends with the thread.
QObject *resumerOfThisThread()
{
    static thread_local std::unique_ptr<QObject> resumer = std::make_unique<QObject>();
    return resumer.get();
}

// The same outcome for every program of a request: it was stopped, or never ran.
QList<JqOutcome> allStopped(const jqwire::Request &request, const QString &why)
{
    return QList<JqOutcome>(request.programs.size(), JqOutcome{JqOutcome::Kind::Stopped, why});
}

} // namespace

JqService &JqService::instance()
{
    static std::once_flag once;
    std::call_once(once, [] {
        theService = new JqService;
        // Ended while the application still exists: its thread and process go with it.
        qAddPostRoutine([] {
            delete theService;
            theService = nullptr;
        });
    });
    return *theService;
}

QString JqService::workerPath()
{
    const QString fromEnvironment = qEnvironmentVariable("SALVO_JQ_WORKER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QDir programDir(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {programDir.filePath(QStringLiteral("salvo-jq")),
          programDir.filePath(QStringLiteral("../bin/salvo-jq")),
          programDir.filePath(QStringLiteral("../libexec/salvo/salvo-jq")),
          QStringLiteral(SALVO_LIBEXEC_DIR "/salvo-jq")}) {
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    }
    return QStringLiteral(SALVO_LIBEXEC_DIR "/salvo-jq");
}

JqService::JqService()
{
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("salvo-jq"));
    moveToThread(m_thread);
    m_thread->start();
}

JqService::~JqService()
{
    // Runs on the application's thread at exit: the process and timer belong to m_thread.
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_closing = true;
                takeInbox();
                failAll(tr("Salvo is closing"));
                if (m_process) {
                    m_process->disconnect(this);
                    m_process->closeWriteChannel(); // salvo-jq ends at the end of its input
                    if (!m_process->waitForFinished(1000))
                        m_process->kill();
                    m_process->waitForFinished(1000);
                }
                delete m_process;
                m_process = nullptr;
                delete m_watchdog;
                m_watchdog = nullptr;
                m_thread->quit();
            },
            Qt::BlockingQueuedConnection);
    m_thread->wait();
    delete m_thread;
}

QFuture<JqOutcome> JqService::submit(jqwire::Op op, QByteArray program, QByteArray input)
{
    jqwire::Request request{.programs = {{.op = op, .text = std::move(program)}},
                            .input = std::move(input)};
    return submit(std::move(request)).then(QtFuture::Launch::Sync, [](QList<JqOutcome> outcomes) {
        return outcomes.value(0);
    });
}

QFuture<QList<JqOutcome>> JqService::submit(jqwire::Request request)
{
    auto promise = std::make_shared<QPromise<QList<JqOutcome>>>();
    promise->start();
    QFuture<QList<JqOutcome>> future = promise->future();
    post({.request = std::move(request), .promise = std::move(promise), .waiter = nullptr});
    return future;
}

void JqService::Answers::await_suspend(std::coroutine_handle<> coroutine)
{
    m_waiter.coroutine = coroutine;
    m_waiter.resumer = resumerOfThisThread();
    m_service.post({.request = std::move(m_request), .promise = {}, .waiter = &m_waiter});
}

void JqService::post(Pending pending)
{
    bool wasEmpty = false;
    {
        QMutexLocker lock(&m_inboxLock);
        wasEmpty = m_inbox.empty();
        m_inbox.push_back(std::move(pending));
    }
    // One event wakes the service for all that arrive before it runs.
    if (wasEmpty)
        QMetaObject::invokeMethod(this, &JqService::takeInbox, Qt::QueuedConnection);
}

void JqService::takeInbox()
{
    std::vector<Pending> taken;
    {
        QMutexLocker lock(&m_inboxLock);
        taken.swap(m_inbox);
    }
    for (Pending &pending : taken)
        m_waiting.push_back(std::move(pending));
    if (m_closing || m_waiting.empty())
        return;
    ensureProcess();
    sendMore();
}

void JqService::finish(Pending &pending, QList<JqOutcome> outcomes)
{
    if (pending.promise) {
        pending.promise->addResult(std::move(outcomes));
        pending.promise->finish();
        return;
    }
    if (m_closing)
        return; // its thread is gone or going: the coroutine stays suspended
    pending.waiter->outcomes = std::move(outcomes);
    m_toResume[pending.waiter->resumer].push_back(pending.waiter->coroutine);
}

void JqService::resumeFinished()
{
    for (auto it = m_toResume.begin(); it != m_toResume.end(); ++it) {
        QMetaObject::invokeMethod(
                it.key(),
                [coroutines = std::move(it.value())] {
                    for (const std::coroutine_handle<> &coroutine : coroutines)
                        coroutine.resume();
                },
                Qt::QueuedConnection);
    }
    m_toResume.clear();
}

void JqService::ensureProcess()
{
    if (m_process)
        return;
    if (!m_watchdog) {
        m_watchdog = new QTimer(this);
        m_watchdog->setInterval(25);
        connect(m_watchdog, &QTimer::timeout, this, &JqService::checkHead);
    }
    m_process = new QProcess(this);
    m_process->setStandardErrorFile(QProcess::nullDevice()); // jq's `debug` and `stderr`
    connect(m_process, &QProcess::readyReadStandardOutput, this, &JqService::readAnswers);
    connect(m_process, &QProcess::finished, this, &JqService::processEnded);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            processEnded();
    });
    m_process->start(workerPath(), {});
    m_buffer.clear();
    m_bytesInPipe = 0;
}

void JqService::sendMore()
{
    if (!m_process)
        return;
    while (!m_waiting.empty() && int(m_sent.size()) < requestsAhead && m_bytesInPipe < bytesAhead) {
        Pending pending = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (m_sent.empty())
            startHeadClock();
        m_bytesInPipe += pending.request.input.size();
        m_process->write(jqwire::encode(pending.request));
        m_sent.push_back(std::move(pending));
    }
    if (!m_sent.empty() && !m_watchdog->isActive())
        m_watchdog->start();
}

void JqService::readAnswers()
{
    m_buffer.append(m_process->readAllStandardOutput());
    while (!m_sent.empty()) {
        std::optional<QList<jqwire::Answer>> answers = jqwire::takeAnswers(m_buffer);
        if (!answers)
            break;
        Pending done = std::move(m_sent.front());
        m_sent.pop_front();
        m_bytesInPipe -= done.request.input.size();
        QList<JqOutcome> outcomes;
        outcomes.reserve(answers->size());
        for (const jqwire::Answer &answer : std::as_const(*answers))
            outcomes.append(outcomeOf(answer));
        if (outcomes.size() != done.request.programs.size())
            outcomes = allStopped(done.request, tr("jq answered out of step"));
        finish(done, std::move(outcomes));
        startHeadClock();
    }
    resumeFinished();
    if (m_sent.empty())
        m_watchdog->stop();
    sendMore();
}

void JqService::startHeadClock()
{
    m_headSince.start();
    m_headComputingMs = m_process ? computingMs(m_process->processId()) : 0;
}

void JqService::checkHead()
{
    if (m_sent.empty() || !m_process)
        return;
    const qint64 computed = computingMs(m_process->processId()) - m_headComputingMs;
    if (computed > timeLimit.count() || m_headSince.elapsed() > wallTimeLimit.count()) {
        stopHead(tr("the jq expression ran for more than %1 s on this answer and was stopped")
                         .arg(timeLimit.count() / 1000.0));
    } else if (residentBytes(m_process->processId()) > memoryLimitBytes) {
        stopHead(tr("the jq expression used more than %1 MB on this answer and was stopped")
                         .arg(memoryLimitBytes >> 20));
    }
}

void JqService::stopHead(const QString &why)
{
    qCWarning(lcEngine).noquote() << "jq stopped:" << why;
    Pending head = std::move(m_sent.front());
    m_sent.pop_front();
    finish(head, allStopped(head.request, why));
    resumeFinished();
    m_stopping = true;
    QProcess *stopped = m_process;
    stopped->kill();
    stopped->waitForFinished(1000); // killed: ends at once, and says so through processEnded
    if (m_process == stopped)
        processEnded();
}

void JqService::processEnded()
{
    if (!m_process)
        return;
    const bool failedToStart = m_process->error() == QProcess::FailedToStart;
    const bool onPurpose = std::exchange(m_stopping, false);
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;
    m_watchdog->stop();
    if (failedToStart) {
        failAll(tr("jq could not be started (%1 is missing or cannot run)").arg(workerPath()));
        return;
    }
    if (!onPurpose && !m_sent.empty()) {
        // jq died on the request it was working on: that one is its cause.
        Pending head = std::move(m_sent.front());
        m_sent.pop_front();
        finish(head,
               allStopped(head.request,
                          tr("jq stopped on this answer (it ran out of memory or crashed)")));
        resumeFinished();
    }
    // The others were only waiting: they go again, first, to a new jq.
    while (!m_sent.empty()) {
        m_waiting.push_front(std::move(m_sent.back()));
        m_sent.pop_back();
    }
    if (!m_waiting.empty()) {
        ensureProcess();
        sendMore();
    }
}

void JqService::failAll(const QString &why)
{
    for (auto *queue : {&m_sent, &m_waiting}) {
        for (Pending &pending : *queue)
            finish(pending, allStopped(pending.request, why));
        queue->clear();
    }
    resumeFinished();
}

} // namespace salvo
