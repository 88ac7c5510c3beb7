// EchoServer in QML: the console core's packet-aware echo server
// (EasyNetConsole::EchoServer) for any transport:
//   EchoServer { id: server; transport: EchoServer.Tcp; protocol: JsonProtocol {};
//                listening: true }
//   TcpClient { port: server.port; ... }
// address is where to listen ("127.0.0.1:0" by default: a free port; a Unix
// path or "@abstract" name for the Unix transports); once listening it reads
// back the server's actual address. listening (default false) starts the
// server once the component is complete; changing transport, address or
// protocol while listening restarts it. Tls and Dtls serve a fresh
// self-signed certificate for localhost, which clients do not trust unless
// told to: certificatePath is a PEM file of it, for a client's
// tls.caCertificates.
#pragma once

#include "qmlabstractprotocol.h"

#include <echoserver.h>

#include <QtCore/QPointer>
#include <QtCore/QTemporaryDir>
#include <QtQml/QQmlParserStatus>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace EasyNetQml {

class QmlEchoServer : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(EchoServer)
    QML_EXTENDED_NAMESPACE(EasyNetConsole::EchoServer)
    Q_PROPERTY(EasyNetConsole::EchoServer::Transport transport READ transport WRITE setTransport
                   NOTIFY transportChanged)
    Q_PROPERTY(QString address READ address WRITE setAddress NOTIFY addressChanged)
    Q_PROPERTY(int port READ port NOTIFY addressChanged)
    Q_PROPERTY(EasyNetQml::QmlAbstractProtocol *protocol READ protocol WRITE setProtocol NOTIFY
                   protocolChanged)
    Q_PROPERTY(bool listening READ isListening WRITE setListening NOTIFY listeningChanged)
    // The largest packet the server decodes (64 KiB by default).
    Q_PROPERTY(qsizetype maxPacketSize READ maxPacketSize WRITE setMaxPacketSize NOTIFY
                   maxPacketSizeChanged)
    Q_PROPERTY(int clientCount READ clientCount NOTIFY clientCountChanged)
    Q_PROPERTY(QString certificatePath READ certificatePath NOTIFY listeningChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)

public:
    using Transport = EasyNetConsole::EchoServer::Transport;

    explicit QmlEchoServer(QObject *parent = nullptr);
    ~QmlEchoServer() override;

    Transport transport() const { return m_transport; }
    void setTransport(Transport transport);
    QString address() const;
    void setAddress(const QString &address);
    int port() const;
    QmlAbstractProtocol *protocol() const { return m_protocol; }
    void setProtocol(QmlAbstractProtocol *protocol);
    bool isListening() const;
    void setListening(bool listening);
    qsizetype maxPacketSize() const { return m_maxPacketSize; }
    void setMaxPacketSize(qsizetype bytes);
    int clientCount() const;
    QString certificatePath() const { return m_certificatePath; }
    QString errorString() const { return m_errorString; }

    void classBegin() override { }
    void componentComplete() override;

Q_SIGNALS:
    void transportChanged();
    void addressChanged();
    void protocolChanged();
    void listeningChanged();
    void maxPacketSizeChanged();
    void clientCountChanged();
    void errorStringChanged();
    // What Unix clients passed along with their packets.
    void fileDescriptorsReceived(const QString &peer, int count);

private:
    void restart();
    void setErrorString(const QString &message);
    void exportCertificate();

    Transport m_transport = Transport::Tcp;
    QString m_address;
    QPointer<QmlAbstractProtocol> m_protocol;
    qsizetype m_maxPacketSize = EasyNet::AbstractIncrementalPacketSerializer::DefaultMaxPacketSize;
    bool m_wantListening = false;
    bool m_complete = false;
    std::unique_ptr<EasyNetConsole::EchoServer> m_server;
    QString m_errorString;
    QTemporaryDir m_certificateDir;
    QString m_certificatePath;
};

} // namespace EasyNetQml
