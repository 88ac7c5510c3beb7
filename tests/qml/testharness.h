// TestHarness: what the QML tests need that the module rightly does not offer,
// given to them as the context property "harness":
// - tempDir: a fresh directory for Unix socket paths, removed at exit;
// - peers that misbehave on purpose: prefixEchoTcp(bytes) and
//   prefixEchoUdp(bytes) start a server on 127.0.0.1 that sends bytes (an
//   ArrayBuffer, or a string as UTF-8) first, then echoes what it receives;
//   they return the port, or 0 when the server could not listen;
// - clientIdentity(): a fresh self-signed certificate and its private key as
//   PEM files in tempDir, {certificate: path, privateKey: path} ({} on failure).
// - tlsDataDir: tests/data/tls, the TLS material of every test (its README.md).
// - clientProxy(client): the proxy of the EasyNet::TcpClient a QML TcpClient
//   made when it was last activated, {type: "Socks5Proxy" (QNetworkProxy's
//   name), host, port, user, password} ({} before any), to check what the
//   grouped proxy { ... } gave the library.
#pragma once

#include <QtCore/QObject>
#include <QtCore/QTemporaryDir>
#include <QtCore/QVariantMap>

class TestHarness : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString tempDir READ tempDir CONSTANT)
    Q_PROPERTY(QString tlsDataDir READ tlsDataDir CONSTANT)

public:
    explicit TestHarness(QObject *parent = nullptr);

    QString tempDir() const { return m_dir.path(); }
    QString tlsDataDir() const { return QStringLiteral(EASYNET_TLS_DATA_DIR); }

    // TCP: bytes to each new connection, before echoing its data.
    Q_INVOKABLE int prefixEchoTcp(const QByteArray &bytes);
    // UDP: a datagram of bytes before the echo of each datagram received.
    Q_INVOKABLE int prefixEchoUdp(const QByteArray &bytes);
    Q_INVOKABLE QVariantMap clientIdentity();
    Q_INVOKABLE QVariantMap clientProxy(QObject *client) const;

private:
    // A new Peer (a server or socket) owned by the harness once bind(peer)
    // succeeds; nullptr (and no peer) when it fails.
    template<typename Peer, typename Bind>
    Peer *bound(Bind bind);

    QTemporaryDir m_dir;
};
