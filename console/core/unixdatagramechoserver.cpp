#include "unixdatagramechoserver.h"

#include "unixmessage_p.h"

#include <cerrno>
#include <cstring>

#include <sys/socket.h>

namespace EasyNetConsole {

using namespace EasyNet;

namespace {

constexpr int ReadsPerActivation = 64; // then let other events in

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
    for (int round = 0; round < ReadsPerActivation && m_socket.isOpen(); ++round) {
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
        const auto reply = echoDatagram(peer, m_protocol, message.data, message.size);
        if (!m_socket.isOpen()) { // closed by a slot meanwhile
            closeDescriptors(message.fileDescriptors);
            return;
        }
        if (reply && message.sender.isUnnamed()) {
            reportError(tr("Cannot echo to %1: the sender has no address to answer to").arg(peer));
        } else if (reply
                   && sendUnixMessage(m_socket.descriptor(), *reply, message.fileDescriptors,
                                      &message.sender)
                       < 0) {
            reportError(tr("Cannot echo to %1: %2")
                            .arg(peer, QString::fromLocal8Bit(std::strerror(errno))));
        }
        closeDescriptors(message.fileDescriptors);
    }
}

} // namespace EasyNetConsole
