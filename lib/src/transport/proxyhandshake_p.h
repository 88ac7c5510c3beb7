// ProxyHandshake: the client side of a proxy's tunnel set-up (SOCKS5 or HTTP
// CONNECT) as an I/O-free state machine, shared by both client forms and
// tested on bytes alone, the way the serializers are:
//
//   auto handshake = ProxyHandshake::create(proxy, host, port);
//   send(handshake->takeOutput());
//   while (handshake->status() == NeedMore) {
//       bytes = read();          // end of stream: handshake->endOfStream()
//       used = handshake->feed(bytes);
//       send(handshake->takeOutput());
//   }
//   Done: the tunnel is up; bytes after `used` already belong to it.
//
// feed() takes only what belongs to the proxy's replies, never more: a reader
// that can peek (MSG_PEEK) may take exactly `used` bytes off the socket.
#pragma once

#include <EasyNet/errors.h>

#include <QtCore/QByteArray>
#include <QtNetwork/QNetworkProxy>

#include <memory>

namespace EasyNet {

class ProxyHandshake
{
public:
    enum class Status { NeedMore, Done, Failed };

    virtual ~ProxyHandshake() = default;

    // The handshake through proxy (Socks5Proxy or HttpProxy) to host:port. A
    // host name goes to the proxy unresolved, an address literal as an address.
    static std::unique_ptr<ProxyHandshake> create(const QNetworkProxy &proxy, const QString &host,
                                                  quint16 port);

    // What to send to the proxy now (empty when nothing is due).
    QByteArray takeOutput() { return std::exchange(m_output, {}); }
    // Takes the bytes of input that belong to the proxy's replies; returns how
    // many. Only while status() is NeedMore.
    virtual qsizetype feed(QByteArrayView input) = 0;
    // The proxy closed the connection before the handshake was done.
    void endOfStream();

    Status status() const { return m_status; }
    // Set when status() is Failed.
    const Error &error() const { return m_error; }
    // "SOCKS5 proxy 127.0.0.1:1080", for messages.
    QString proxyName() const { return m_proxyName; }

protected:
    explicit ProxyHandshake(QString proxyName) : m_proxyName(std::move(proxyName)) { }
    void send(const QByteArray &bytes) { m_output += bytes; }
    void succeed() { m_status = Status::Done; }
    // Fails with code, the message prefixed with the proxy's name.
    void fail(ErrorCode code, const QString &message, int osErrno = 0);
    // A failure the proxy reports about the target (ErrorCause::Proxy).
    void failForTarget(ErrorCode code, const QString &message, int osErrno = 0);

private:
    QString m_proxyName;
    QByteArray m_output;
    Status m_status = Status::NeedMore;
    Error m_error;
};

} // namespace EasyNet
