#include "qmlechoserver.h"

#include <echoserver.h>

#include <QtCore/QFile>

namespace EasyNetQml {

using EasyNetConsole::EchoServer;

QmlEchoServer::QmlEchoServer(QObject *parent) : QObject(parent) { }

QmlEchoServer::~QmlEchoServer()
{
    if (m_server)
        disconnect(m_server.get(), nullptr, this, nullptr);
}

void QmlEchoServer::setTransport(Transport transport)
{
    if (m_transport == transport)
        return;
    m_transport = transport;
    Q_EMIT transportChanged();
    restart();
}

QString QmlEchoServer::address() const
{
    return isListening() ? m_server->address() : m_address;
}

void QmlEchoServer::setAddress(const QString &address)
{
    if (m_address == address)
        return;
    m_address = address;
    Q_EMIT addressChanged();
    restart();
}

int QmlEchoServer::port() const
{
    return isListening() ? m_server->port() : 0;
}

void QmlEchoServer::setProtocol(QmlAbstractProtocol *protocol)
{
    if (!QmlAbstractProtocol::follow(m_protocol, protocol, this, &QmlEchoServer::restart))
        return;
    Q_EMIT protocolChanged();
    restart();
}

bool QmlEchoServer::isListening() const
{
    return m_server && m_server->isListening();
}

void QmlEchoServer::setListening(bool listening)
{
    if (m_wantListening == listening)
        return;
    m_wantListening = listening;
    restart();
}

void QmlEchoServer::setMaxPacketSize(qsizetype bytes)
{
    if (bytes <= 0 || m_maxPacketSize == bytes)
        return;
    m_maxPacketSize = bytes;
    if (m_server)
        m_server->setMaxPacketSize(bytes);
    Q_EMIT maxPacketSizeChanged();
}

int QmlEchoServer::clientCount() const
{
    return m_server ? m_server->clientCount() : 0;
}

void QmlEchoServer::componentComplete()
{
    m_complete = true;
    restart();
}

void QmlEchoServer::restart()
{
    if (!m_complete)
        return;
    const bool wasListening = isListening();
    if (m_server) {
        disconnect(m_server.get(), nullptr, this, nullptr);
        m_server.reset();
    }
    if (m_wantListening) {
        setErrorString({});
        m_server = EchoServer::create(
            m_transport, m_protocol ? m_protocol->streamProtocol() : EasyNet::StreamProtocol());
        m_server->setMaxPacketSize(m_maxPacketSize);
        connect(m_server.get(), &EchoServer::listeningChanged, this,
                &QmlEchoServer::listeningChanged);
        connect(m_server.get(), &EchoServer::listeningChanged, this,
                &QmlEchoServer::addressChanged);
        connect(m_server.get(), &EchoServer::clientCountChanged, this,
                &QmlEchoServer::clientCountChanged);
        connect(m_server.get(), &EchoServer::errorOccurred, this, &QmlEchoServer::setErrorString);
        connect(m_server.get(), &EchoServer::fileDescriptorsReceived, this,
                &QmlEchoServer::fileDescriptorsReceived);
        const QString where = m_address.isEmpty() && !EchoServer::isUnixTransport(m_transport)
            ? QStringLiteral("127.0.0.1:0")
            : m_address;
        m_server->listen(where);
        exportCertificate();
    }
    if (wasListening != isListening()) {
        Q_EMIT listeningChanged();
        Q_EMIT addressChanged();
    }
}

void QmlEchoServer::exportCertificate()
{
    m_certificatePath.clear();
    if (!m_server || m_server->certificate().isNull() || !m_server->isListening()
        || !m_certificateDir.isValid())
        return;
    QFile file(m_certificateDir.filePath(QStringLiteral("certificate.pem")));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(m_server->certificate().toPem()) < 0) {
        setErrorString(tr("cannot write the certificate: %1").arg(file.errorString()));
        return;
    }
    m_certificatePath = file.fileName();
}

void QmlEchoServer::setErrorString(const QString &message)
{
    if (m_errorString == message)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}

} // namespace EasyNetQml
