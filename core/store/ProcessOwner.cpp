#include "ProcessOwner.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace salvo {
namespace {

struct ProcStat
{
    char state = 0; // 'Z' for a zombie: dead, not yet reaped
    qint64 startTicks = 0;
};

// Fields 3 and 22 of /proc/<pid>/stat; zeros where there is no /proc. The command name
// (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
ProcStat procStat(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = stat.readAll();
    const qsizetype nameEnd = text.lastIndexOf(')');
    if (nameEnd < 0)
        return {};
    const QList<QByteArray> fields = text.mid(nameEnd + 2).split(' ');
    constexpr int startTimeField = 22 - 3; // fields after the name start at number 3
    if (fields.size() <= startTimeField)
        return {};
    return {fields.at(0).isEmpty() ? char(0) : fields.at(0).at(0),
            fields.at(startTimeField).toLongLong()};
}

bool processExists(qint64 pid)
{
#ifdef Q_OS_UNIX
    if (pid <= 0)
        return false;
    // Signal 0 checks without sending; EPERM means it exists but belongs to someone else.
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#else
    Q_UNUSED(pid);
    return true;
#endif
}

} // namespace

ProcessOwner ProcessOwner::current()
{
    static const ProcessOwner owner = [] {
        ProcessOwner self;
        const QByteArray machine = QSysInfo::machineUniqueId();
        self.host = machine.isEmpty() ? QSysInfo::machineHostName() : QString::fromLatin1(machine);
        self.boot = QString::fromLatin1(QSysInfo::bootUniqueId());
        self.pid = QCoreApplication::applicationPid();
        self.startTicks = procStat(self.pid).startTicks;
        return self;
    }();
    return owner;
}

OwnerLiveness ownerLiveness(const ProcessOwner &owner)
{
    const ProcessOwner self = ProcessOwner::current();
    if (owner.host != self.host)
        return OwnerLiveness::Unknown;
    if (!owner.boot.isEmpty() && !self.boot.isEmpty() && owner.boot != self.boot)
        return OwnerLiveness::Gone;
    if (!processExists(owner.pid))
        return OwnerLiveness::Gone;
    const ProcStat stat = procStat(owner.pid);
    if (stat.state == 'Z')
        return OwnerLiveness::Gone;
    if (owner.startTicks != 0 && stat.startTicks != 0 && stat.startTicks != owner.startTicks)
        return OwnerLiveness::Gone;
    return OwnerLiveness::Alive;
}

} // namespace salvo
