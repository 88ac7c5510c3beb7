#include "unixdatagramechoserver.h"

#include "unixmessage_p.h"

#include <cerrno>
#include <cstring>

#include <sys/socket.h>

namespace EasyNetConsole {

using namespace EasyNet;

namespace {

constexpr int DatagramsPerActivation = 64; // then let other events in

} // namespace

UnixDatagramEchoServer::UnixDatagramEchoServer(const DatagramProtocol &protocol, QObject *parent)
    : EchoServer(Transport::UnixDatagram, !protocol.isNull(), parent), m_protocol(protocol)
{
}

UnixDatagramEchoServer::~UnixDatagramEchoServer()
{
    close();
}

bool UnixDatagramEchoServer::listen(const QString &address)
{
    const UnixSocketAddress unixAddress = parseUnixAddress(address);
    return !unixAddress.isNull() && listen(unixAddress);
}

bool UnixDatagramEchoServer::listen(const UnixSocketAddress &address)
{
    if (!prepareListen())
        return false;
    QString error;
    if (!m_socket.open(
            SOCK_DGRAM, address, this, [this] { readDatagrams(); }, &error)) {
        reportError(error);
        return false;
    }
    setListening(address);
    return true;
}

void UnixDatagramEchoServer::close()
{
    m_socket.close();
    setStopped();
}

void UnixDatagramEchoServer::readDatagrams()
{
    for (int round = 0; round < DatagramsPerActivation && m_socket.isOpen(); ++round) {
        UnixMessage message;
        // MSG_TRUNC reports the full size: a datagram over the limit is seen as such.
        if (message.receive(m_socket.descriptor(), maxPacketSize(), true) < 0) {
            if (errno != EAGAIN)
                reportError(tr("Cannot receive on %1: %2")
                                .arg(address(), QString::fromLocal8Bit(std::strerror(errno))));
            return;
        }
        const QString peer = message.sender.toString();
        addClient(peer);
        if (message.credentials)
            noteCredentials(peer, *message.credentials);
        if (!message.fileDescriptors.isEmpty())
            Q_EMIT fileDescriptorsReceived(peer, int(message.fileDescriptors.size()));
        if (message.controlTruncated)
            reportError(
                tr("Datagram from %1: its ancillary data did not fit; the descriptors were closed")
                    .arg(peer));
        bool close = false;
        const QList<QByteArray> replies
            = answerDatagram(peer, m_protocol, message.data, message.size, &close);
        if (!m_socket.isOpen()) { // closed by a slot meanwhile
            closeDescriptors(message.fileDescriptors);
            return;
        }
        for (qsizetype i = 0; i < replies.size(); ++i)
            sendDatagram(peer, message.sender, replies[i],
                         i == 0 ? message.fileDescriptors : QList<int>());
        closeDescriptors(message.fileDescriptors);
        if (close)
            closePeer(peer);
    }
}

void UnixDatagramEchoServer::deliver(const QString &peer, const QByteArray &bytes)
{
    sendDatagram(peer, UnixSocketAddress::fromString(peer), bytes, {});
}

void UnixDatagramEchoServer::sendDatagram(const QString &peer, const UnixSocketAddress &address,
                                          const QByteArray &bytes,
                                          const QList<int> &fileDescriptors)
{
    if (address.isUnnamed())
        reportError(tr("Cannot answer %1: the sender has no address to answer to").arg(peer));
    else if (sendUnixMessage(m_socket.descriptor(), bytes, fileDescriptors, &address) < 0)
        reportError(
            tr("Cannot answer %1: %2").arg(peer, QString::fromLocal8Bit(std::strerror(errno))));
}

} // namespace EasyNetConsole
