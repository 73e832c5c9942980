#pragma once

// What the kernel says listens on a TCP port of this machine: the local addresses of the
// sockets in state LISTEN, read from /proc/net/tcp and /proc/net/tcp6 (Linux). A server's own
// idea of where it listens is what the test would check otherwise; this is the socket itself.

#include <QFile>
#include <QHostAddress>
#include <QList>
#include <QtEndian>

#include <array>

namespace salvo::test {

// Empty where /proc/net is not there (not Linux) or nothing listens on the port.
inline QList<QHostAddress> listeningAddresses(quint16 port)
{
    QList<QHostAddress> addresses;
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            continue;
        file.readLine(); // the column names
        while (!file.atEnd()) {
            // "  0: 0100007F:A1B2 00000000:0000 0A ...": local address:port, remote, state.
            const QList<QByteArray> fields = file.readLine().simplified().split(' ');
            if (fields.size() < 4 || fields.at(3) != "0A") // 0A: TCP_LISTEN
                continue;
            const QList<QByteArray> local = fields.at(1).split(':');
            bool ok = false;
            if (local.size() != 2 || local.at(1).toUShort(&ok, 16) != port || !ok)
                continue;
            const QByteArray hex = QByteArray::fromHex(local.at(0));
            if (hex.size() == 4) {
                // Four bytes in the kernel's (little-endian on x86) word order.
                addresses.append(QHostAddress(qFromLittleEndian<quint32>(hex.constData())));
            } else if (hex.size() == 16) {
                std::array<quint8, 16> bytes{};
                for (int word = 0; word < 4; ++word) {
                    for (int i = 0; i < 4; ++i)
                        bytes[word * 4 + i] = quint8(hex.at(word * 4 + 3 - i));
                }
                addresses.append(QHostAddress(bytes.data()));
            }
        }
    }
    return addresses;
}

} // namespace salvo::test
