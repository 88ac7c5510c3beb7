#include "unixstreamechoserver.h"

#include "unixmessage_p.h"

#include <EasyNet/streamreceiver.h>

#include <QtCore/QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <deque>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace EasyNetConsole {

using namespace EasyNet;

namespace {

constexpr qsizetype ReadSize = 64 * 1024;
constexpr int ReadsPerClientActivation = 16; // then let other clients and events in

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

struct UnixStreamEchoServer::Client
{
    struct Segment
    {
        QByteArray bytes;
        QList<int> fileDescriptors; // sent with the first byte, closed once sent
        qsizetype offset = 0;
    };

    // The notifiers are children of the server, so that none outlives it.
    Client(int descriptor, QString name, StreamReceiver streamReceiver, QObject *server)
        : fd(descriptor)
        , peer(std::move(name))
        , receiver(std::move(streamReceiver))
        , readNotifier(new QSocketNotifier(descriptor, QSocketNotifier::Read, server))
        , writeNotifier(new QSocketNotifier(descriptor, QSocketNotifier::Write, server))
    {
        writeNotifier->setEnabled(false);
    }
    ~Client()
    {
        // Notifiers may be what is running now: deleted later, disabled at once.
        for (QSocketNotifier *notifier : {readNotifier, writeNotifier}) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
        for (const Segment &segment : out)
            closeDescriptors(segment.fileDescriptors);
        closeDescriptors(heldFileDescriptors);
        ::close(fd);
    }
    Q_DISABLE_COPY_MOVE(Client)

    int fd;
    QString peer;
    StreamReceiver receiver;
    QSocketNotifier *readNotifier;
    QSocketNotifier *writeNotifier;
    std::deque<Segment> out;
    qsizetype queued = 0;
    QList<int> heldFileDescriptors; // received, waiting for an answer to go back with
    bool ended = false; // the client ended its stream: nothing more is read
    bool closing = false; // nothing more is read; closed once out is sent
};

UnixStreamEchoServer::UnixStreamEchoServer(const StreamProtocol &protocol, QObject *parent)
    : EchoServer(Transport::UnixStream, !protocol.isNull(), parent), m_protocol(protocol)
{
}

UnixStreamEchoServer::~UnixStreamEchoServer()
{
    close();
}

bool UnixStreamEchoServer::listen(const QString &address)
{
    const UnixSocketAddress unixAddress = parseUnixAddress(address);
    return !unixAddress.isNull() && listen(unixAddress);
}

bool UnixStreamEchoServer::listen(const UnixSocketAddress &address)
{
    if (!prepareListen())
        return false;
    QString error;
    if (!m_socket.open(
            SOCK_STREAM, address, this, [this] { acceptClients(); }, &error)) {
        reportError(error);
        return false;
    }
    setListening(address);
    return true;
}

void UnixStreamEchoServer::close()
{
    m_socket.close();
    while (!m_connections.empty())
        dropClient(m_connections.begin()->first);
    setStopped();
}

void UnixStreamEchoServer::acceptClients()
{
    while (m_socket.isOpen()) { // a slot may close the server
        sockaddr_un address {};
        socklen_t length = sizeof(address);
        const int fd = ::accept4(m_socket.descriptor(), reinterpret_cast<sockaddr *>(&address),
                                 &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
                reportError(
                    tr("Cannot accept a connection on %1: %2").arg(this->address(), systemError()));
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return;
        }
        const int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
        const QString peer = QStringLiteral("%1 #%2")
                                 .arg(UnixSocketAddress::fromSockAddr(address, length).toString())
                                 .arg(++m_accepted);
        auto client
            = std::make_shared<Client>(fd, peer, m_protocol.createReceiver(maxPacketSize()), this);
        connect(client->readNotifier, &QSocketNotifier::activated, this,
                [this, fd] { readFrom(fd); });
        connect(client->writeNotifier, &QSocketNotifier::activated, this,
                [this, fd] { writeTo(fd); });
        m_connections.emplace(fd, std::move(client));
        addClient(peer);
        ucred credentials {};
        socklen_t size = sizeof(credentials);
        if (hasClient(peer) && ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &size) == 0)
            noteCredentials(peer,
                            UnixCredentials(credentials.pid, credentials.uid, credentials.gid));
    }
}

void UnixStreamEchoServer::readFrom(int fd)
{
    const auto found = m_connections.find(fd);
    if (found == m_connections.end())
        return;
    const std::shared_ptr<Client> held = found->second;
    Client &client = *held;
    // The signals emitted below may run a slot that closes the server.
    const auto stillHere = [this, fd] { return m_connections.contains(fd); };
    for (int round = 0; round < ReadsPerClientActivation && stillHere() && !client.closing
         && !client.ended && client.queued < MaxQueuedBytes;
         ++round) {
        UnixMessage message;
        const qsizetype received = message.receive(fd, ReadSize, false);
        if (received < 0) {
            if (errno == EAGAIN)
                break;
            reportError(tr("Client %1: %2").arg(client.peer, systemError()));
            dropClient(fd);
            return;
        }
        if (message.credentials)
            noteCredentials(client.peer, *message.credentials);
        if (!message.fileDescriptors.isEmpty()) {
            Q_EMIT fileDescriptorsReceived(client.peer, int(message.fileDescriptors.size()));
            client.heldFileDescriptors += message.fileDescriptors;
        }
        if (message.controlTruncated)
            reportError(tr("Client %1: ancillary data did not fit; the descriptors were closed")
                            .arg(client.peer));
        if (received == 0) {
            client.ended = true;
            // Closed once the answers are sent, delayed ones too.
            client.closing = endStream(client.peer, client.receiver);
            break;
        }
        bool close = false;
        const QByteArray reply
            = answerStream(client.peer, m_protocol, client.receiver, message.data, &close);
        if (!stillHere())
            return;
        if (!reply.isEmpty())
            queue(client, reply);
        if (close) {
            closePeer(client.peer);
            return;
        }
    }
    writeTo(fd);
}

void UnixStreamEchoServer::writeTo(int fd)
{
    const auto found = m_connections.find(fd);
    if (found == m_connections.end())
        return;
    Client &client = *found->second;
    while (!client.out.empty()) {
        Client::Segment &segment = client.out.front();
        const qsizetype sent
            = sendUnixMessage(fd, QByteArrayView(segment.bytes).sliced(segment.offset),
                              segment.offset == 0 ? segment.fileDescriptors : QList<int>());
        if (sent < 0) {
            if (errno == EAGAIN)
                break;
            if (errno != EPIPE && errno != ECONNRESET)
                reportError(tr("Client %1: %2").arg(client.peer, systemError()));
            dropClient(fd);
            return;
        }
        segment.offset += sent;
        client.queued -= sent;
        if (segment.offset == segment.bytes.size()) {
            closeDescriptors(segment.fileDescriptors);
            client.out.pop_front();
        }
    }
    if (client.out.empty() && client.closing) {
        dropClient(fd);
        return;
    }
    client.writeNotifier->setEnabled(!client.out.empty());
    client.readNotifier->setEnabled(!client.closing && !client.ended
                                    && client.queued < MaxQueuedBytes);
}

void UnixStreamEchoServer::queue(Client &client, const QByteArray &bytes)
{
    client.out.push_back({bytes, std::exchange(client.heldFileDescriptors, {})});
    client.queued += bytes.size();
}

void UnixStreamEchoServer::deliver(const QString &peer, const QByteArray &bytes)
{
    const auto found = findPeer(m_connections, peer);
    if (found == m_connections.end() || found->second->closing)
        return;
    queue(*found->second, bytes);
    writeTo(found->first);
}

void UnixStreamEchoServer::closePeer(const QString &peer)
{
    const auto found = findPeer(m_connections, peer);
    if (found == m_connections.end())
        return;
    qCInfo(lcEchoServer) << "closing" << peer << "after its answers";
    found->second->closing = true;
    writeTo(found->first); // drops it once its queue is sent
}

void UnixStreamEchoServer::dropClient(int fd)
{
    const auto found = m_connections.find(fd);
    if (found == m_connections.end())
        return;
    const QString peer = found->second->peer;
    m_connections.erase(found);
    removeClient(peer);
}

} // namespace EasyNetConsole
