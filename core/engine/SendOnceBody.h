#pragma once

#include <QByteArray>
#include <QIODevice>

namespace salvo {

// The body of a request that must reach the server at most once (POST, PATCH). Qt 6.4
// sends any request again by itself when its connection closes before the answer, a POST
// included (QHttpNetworkConnectionChannel's reconnect attempts); it first rewinds the body
// with reset(), and stops with ContentReSendError when that fails. This device refuses to
// rewind, so Qt cannot send the request twice. It is not a QBuffer on purpose: Qt reads a
// QBuffer's bytes directly and never asks it.
class SendOnceBody final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendOnceBody)

public:
    explicit SendOnceBody(QByteArray bytes, QObject *parent = nullptr);

    qint64 size() const override { return m_bytes.size(); }
    bool reset() override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    QByteArray m_bytes;
};

} // namespace salvo
