#include "RequestTargets.h"

namespace salvo {

QList<QByteArray> takeRequestTargets(QByteArray &buffer)
{
    QList<QByteArray> targets;
    for (qsizetype end = buffer.indexOf("\r\n\r\n"); end >= 0; end = buffer.indexOf("\r\n\r\n")) {
        const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
        targets.append(requestLine.size() >= 2 ? requestLine.at(1) : QByteArrayLiteral("/"));
        buffer.remove(0, end + 4);
    }
    return targets;
}

} // namespace salvo
