#include "echoserver.h"

#include "dtlsechoserver.h"
#include "echoresponder.h"
#include "tcpechoserver.h"
#include "tlsechoserver.h"
#include "udpechoserver.h"
#include "unixdatagramechoserver.h"
#include "unixstreamechoserver.h"

#include <EasyNet/datagramprotocol.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/streamreceiver.h>

#include <QtCore/QTimer>

namespace EasyNetConsole {

Q_LOGGING_CATEGORY(lcEchoServer, "easynet.console.server")

using namespace EasyNet;

std::unique_ptr<EchoServer> EchoServer::create(Transport transport, const StreamProtocol &protocol,
                                               QObject *parent)
{
    const DatagramProtocol datagramProtocol = protocol.isNull()
        ? DatagramProtocol()
        : DatagramProtocol(protocol.serializer(), protocol.converter());
    switch (transport) {
    case Transport::Tcp: return std::make_unique<TcpEchoServer>(protocol, parent);
    case Transport::Tls: return std::make_unique<TlsEchoServer>(protocol, parent);
    case Transport::Udp: return std::make_unique<UdpEchoServer>(datagramProtocol, parent);
    case Transport::Dtls: return std::make_unique<DtlsEchoServer>(datagramProtocol, parent);
    case Transport::UnixStream: return std::make_unique<UnixStreamEchoServer>(protocol, parent);
    case Transport::UnixDatagram:
        return std::make_unique<UnixDatagramEchoServer>(datagramProtocol, parent);
    }
    Q_UNREACHABLE();
}

bool EchoServer::isUnixTransport(Transport transport) noexcept
{
    return transport == Transport::UnixStream || transport == Transport::UnixDatagram;
}

EchoServer::EchoServer(Transport transport, bool hasProtocol, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_hasProtocol(hasProtocol)
    , m_responder(std::make_unique<EchoResponder>())
    , m_maxPacketSize(AbstractIncrementalPacketSerializer::DefaultMaxPacketSize)
{
}

EchoServer::~EchoServer() = default;

QString EchoServer::address() const
{
    if (!m_listening)
        return {};
    return isUnixTransport(m_transport) ? m_unixAddress.toString() : inetPeerName(m_host, m_port);
}

void EchoServer::setMaxPacketSize(qsizetype size)
{
    if (size <= 0 || size == m_maxPacketSize)
        return;
    m_maxPacketSize = size;
    Q_EMIT maxPacketSizeChanged(size);
}

void EchoServer::setResponder(std::unique_ptr<ServerResponder> responder)
{
    Q_ASSERT(responder);
    m_responder = std::move(responder);
}

bool EchoServer::prepareListen()
{
    close();
    if (!m_hasProtocol)
        reportError(tr("No protocol: the server cannot decode packets"));
    return m_hasProtocol;
}

bool EchoServer::parseInetAddress(const QString &text, QHostAddress &host, quint16 &port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    QString hostText = text.left(colon);
    if (hostText.startsWith(QLatin1Char('[')) && hostText.endsWith(QLatin1Char(']')))
        hostText = hostText.mid(1, hostText.size() - 2);
    bool portOk = false;
    const uint portValue = text.mid(colon + 1).toUInt(&portOk);
    if (hostText.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        host = QHostAddress(QHostAddress::LocalHost);
    else
        host = QHostAddress(hostText);
    if (colon < 0 || !portOk || portValue > 65535 || host.isNull()) {
        reportError(
            tr("Invalid address \"%1\": expected host:port with a literal IP address").arg(text));
        return false;
    }
    port = quint16(portValue);
    return true;
}

UnixSocketAddress EchoServer::parseUnixAddress(const QString &text)
{
    bool ok = false;
    const UnixSocketAddress address = UnixSocketAddress::fromString(text, &ok);
    if (!ok || address.isUnnamed()) {
        reportError(tr("Invalid Unix socket address \"%1\": expected a path or @name").arg(text));
        return {};
    }
    return address;
}

void EchoServer::setListening(const QHostAddress &host, quint16 port)
{
    m_host = host;
    m_port = port;
    m_listening = true;
    qCInfo(lcEchoServer) << m_transport << "echo server listening on" << address();
    Q_EMIT listeningChanged();
    Q_EMIT started(address());
}

void EchoServer::setListening(const UnixSocketAddress &address)
{
    m_unixAddress = address;
    m_listening = true;
    qCInfo(lcEchoServer) << m_transport << "echo server listening on" << address;
    Q_EMIT listeningChanged();
    Q_EMIT started(this->address());
}

void EchoServer::setStopped()
{
    const QStringList clients = m_clients.keys();
    for (const QString &peer : clients)
        removeClient(peer);
    m_credentials.clear();
    if (!m_listening)
        return;
    m_listening = false;
    m_host.clear();
    m_port = 0;
    m_unixAddress = {};
    Q_EMIT listeningChanged();
    Q_EMIT stopped();
}

void EchoServer::reportError(const QString &message)
{
    qCWarning(lcEchoServer).noquote() << message;
    m_errorString = message;
    Q_EMIT errorOccurred(message);
}

void EchoServer::addClient(const QString &peer)
{
    if (m_clients.contains(peer))
        return;
    m_clients.insert(peer, ++m_clientSerial);
    Q_EMIT clientConnected(peer);
    Q_EMIT clientCountChanged(clientCount());
}

void EchoServer::removeClient(const QString &peer)
{
    if (!m_clients.remove(peer))
        return;
    m_credentials.remove(peer);
    m_delayedAnswers.remove(peer);
    m_endedStreams.remove(peer);
    m_responder->forgetPeer(peer);
    Q_EMIT clientDisconnected(peer);
    Q_EMIT clientCountChanged(clientCount());
}

template<typename Encode>
QList<QByteArray> EchoServer::respond(const QString &peer, const QVariant &packet, Encode encode,
                                      bool *closeAfter)
{
    Q_EMIT packetReceived(peer, packet);
    if (!hasClient(peer))
        return {}; // dropped (or the server closed) by a slot
    QString error;
    const std::optional<ServerResponder::Answer> answer = m_responder->answer(peer, packet, &error);
    if (!answer) {
        if (!error.isEmpty())
            reportError(tr("Cannot answer a packet from %1: %2").arg(peer, error));
        return {};
    }
    QList<QByteArray> chunks;
    try {
        for (const QVariant &reply : answer->replies)
            chunks.append(encode(reply));
    } catch (const Exception &e) {
        reportError(
            tr("Cannot answer a packet from %1: %2").arg(peer, QString::fromUtf8(e.what())));
        return {};
    }
    Q_EMIT packetAnswered(peer, packet, *answer);
    if (answer->delayMs > 0) {
        schedule(peer, chunks, answer->delayMs, answer->closeAfter);
        return {};
    }
    *closeAfter = *closeAfter || answer->closeAfter;
    return chunks;
}

void EchoServer::schedule(const QString &peer, const QList<QByteArray> &chunks, int delayMs,
                          bool close)
{
    const quint64 serial = m_clients.value(peer);
    const auto stillThere
        = [this, peer, serial] { return m_listening && m_clients.value(peer) == serial; };
    ++m_delayedAnswers[peer];
    QTimer::singleShot(delayMs, this, [this, peer, chunks, close, stillThere] {
        for (const QByteArray &chunk : chunks) {
            if (!stillThere())
                return;
            deliver(peer, chunk);
        }
        if (!stillThere())
            return;
        // A stream that ended waits for its last delayed answer to close.
        const bool last = --m_delayedAnswers[peer] == 0;
        if (close || (last && m_endedStreams.contains(peer)))
            closePeer(peer);
    });
}

void EchoServer::closePeer(const QString &peer)
{
    removeClient(peer);
}

QByteArray EchoServer::answerStream(const QString &peer, const StreamProtocol &protocol,
                                    StreamReceiver &receiver, QByteArrayView bytes,
                                    bool *closeAfter)
{
    receiver.feed(bytes);
    QByteArray reply;
    QVariant packet;
    ParseError error;
    *closeAfter = false;
    // A slot may close the server on any packet: then decoding stops there.
    while (m_listening && !*closeAfter) {
        const StreamDecoder::Status status = receiver.next(packet, error);
        if (status == StreamDecoder::Status::NeedMoreData)
            break;
        if (status == StreamDecoder::Status::Error) {
            Q_EMIT parseErrorOccurred(peer, error);
            continue;
        }
        const QList<QByteArray> chunks = respond(
            peer, packet,
            [&protocol](const QVariant &value) { return protocol.generateChunk(value); },
            closeAfter);
        for (const QByteArray &chunk : chunks)
            reply += chunk;
    }
    *closeAfter = *closeAfter || receiver.isBroken();
    return reply;
}

bool EchoServer::endStream(const QString &peer, StreamReceiver &receiver)
{
    const ParseError error = receiver.endOfStream();
    if (error.isError())
        Q_EMIT parseErrorOccurred(peer, error);
    if (m_delayedAnswers.value(peer) == 0)
        return true;
    m_endedStreams.insert(peer);
    return false;
}

QList<QByteArray> EchoServer::answerDatagram(const QString &peer, const DatagramProtocol &protocol,
                                             QByteArrayView datagram, qsizetype datagramSize,
                                             bool *closeAfter)
{
    *closeAfter = false;
    if (datagramSize > m_maxPacketSize) {
        Q_EMIT parseErrorOccurred(
            peer,
            ParseError(ParseError::Kind::TooLarge,
                       tr("datagram larger than %1 bytes").arg(m_maxPacketSize), 0, datagramSize,
                       true));
        return {};
    }
    ParseError error;
    const QVariant packet = protocol.buildPacketFromDatagram(datagram, error);
    if (error.isError()) {
        Q_EMIT parseErrorOccurred(peer, error);
        return {};
    }
    return respond(
        peer, packet, [&protocol](const QVariant &value) { return protocol.makeDatagram(value); },
        closeAfter);
}

void EchoServer::noteCredentials(const QString &peer, const UnixCredentials &credentials)
{
    const auto known = m_credentials.constFind(peer);
    if (known != m_credentials.constEnd() && *known == credentials)
        return;
    m_credentials.insert(peer, credentials);
    Q_EMIT credentialsReceived(peer, credentials);
}

QString EchoServer::inetPeerName(const QHostAddress &host, quint16 port)
{
    const QString text = host.toString();
    return host.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]:%2").arg(text).arg(port)
        : QStringLiteral("%1:%2").arg(text).arg(port);
}

QString EchoServer::fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace EasyNetConsole
