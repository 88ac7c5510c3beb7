// ConnectionSettings: everything the console needs to open one connection:
// the transport (TCP, TLS, UDP, Unix stream, Unix datagram), where to connect
// (host and port, or a Unix socket path or "@abstract" name), the local
// address to bind, the TLS options, the proxy (TCP and TLS), the timeouts and
// the protocol (ProtocolSettings). createClient() turns them into a configured,
// unopened EasyNet client.
//
// The URL form (the command line's --connect and the recent connections):
//   tcp://host:port   tls://host:port   udp://host:port   ([::1] for IPv6)
//   unix:///path/to/socket   unix:@name   (a Unix stream socket)
//   unix-dgram:///path       unix-dgram:@name
// "unix:/path" and "unix-dgram:/path" are accepted too.
//
// The proxy's URL form (the command line's --proxy):
//   socks5://[user[:password]@]host[:port]   (port 1080 when absent)
//   http://[user[:password]@]host[:port]     (HTTP CONNECT; port 8080 when absent)
//   none (direct)   system (the application's proxy, QNetworkProxy's DefaultProxy)
// with the user and the password percent-encoded.
//
// save() writes every stored property but the proxy password, which is kept
// for this run only (as the password of a QNetworkProxy): the settings file
// never holds it, and the URL form (the recent connections) has no proxy.
//
// A QObject with properties so that both consoles (Widgets and QML) bind to it.
#pragma once

#include "protocolsettings.h"

#include <EasyNet/abstractclient.h>

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QVariantList>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QSslConfiguration>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConnectionSettings : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Transport transport READ transport WRITE setTransport NOTIFY changed)
    Q_PROPERTY(QString host READ host WRITE setHost NOTIFY changed)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY changed)
    Q_PROPERTY(QString unixAddress READ unixAddress WRITE setUnixAddress NOTIFY changed)
    Q_PROPERTY(QString bindAddress READ bindAddress WRITE setBindAddress NOTIFY changed)
    Q_PROPERTY(QString caFile READ caFile WRITE setCaFile NOTIFY changed)
    Q_PROPERTY(QString certificateFile READ certificateFile WRITE setCertificateFile NOTIFY changed)
    Q_PROPERTY(QString keyFile READ keyFile WRITE setKeyFile NOTIFY changed)
    Q_PROPERTY(QString serverName READ serverName WRITE setServerName NOTIFY changed)
    Q_PROPERTY(bool acceptInvalidCertificate READ acceptInvalidCertificate WRITE
                   setAcceptInvalidCertificate NOTIFY changed)
    Q_PROPERTY(int connectTimeout READ connectTimeout WRITE setConnectTimeout NOTIFY changed)
    Q_PROPERTY(
        int happyEyeballsDelay READ happyEyeballsDelay WRITE setHappyEyeballsDelay NOTIFY changed)
    Q_PROPERTY(int tlsHandshakeTimeout READ tlsHandshakeTimeout WRITE setTlsHandshakeTimeout NOTIFY
                   changed)
    Q_PROPERTY(bool passCredentials READ passCredentials WRITE setPassCredentials NOTIFY changed)
    Q_PROPERTY(ProxyType proxyType READ proxyType WRITE setProxyType NOTIFY changed)
    Q_PROPERTY(QString proxyHost READ proxyHost WRITE setProxyHost NOTIFY changed)
    Q_PROPERTY(int proxyPort READ proxyPort WRITE setProxyPort NOTIFY changed)
    Q_PROPERTY(QString proxyUser READ proxyUser WRITE setProxyUser NOTIFY changed)
    // Not STORED: save() leaves it out.
    Q_PROPERTY(
        QString proxyPassword READ proxyPassword WRITE setProxyPassword NOTIFY changed STORED false)
    Q_PROPERTY(EasyNetConsole::ProtocolSettings *protocol READ protocol CONSTANT)
    Q_PROPERTY(QString url READ url NOTIFY changed)
    Q_PROPERTY(bool unixTransport READ isUnixTransport NOTIFY changed)
    Q_PROPERTY(bool streamTransport READ isStreamTransport NOTIFY changed)
    Q_PROPERTY(QString errorString READ errorString NOTIFY changed)

public:
    // Appended to, never reordered: settings store the number.
    enum class Transport { Tcp, Tls, Udp, UnixStream, UnixDatagram, Dtls };
    Q_ENUM(Transport)
    // None: direct; System: the application's proxy (DefaultProxy, as
    // QTcpSocket's default); Socks5 and Http (CONNECT) tunnel through
    // proxyHost:proxyPort.
    enum class ProxyType { None, System, Socks5, Http };
    Q_ENUM(ProxyType)

    explicit ConnectionSettings(QObject *parent = nullptr);
    ~ConnectionSettings() override;

    Transport transport() const { return m_transport; }
    void setTransport(Transport transport);
    // IP transports: a host name or address literal, and a port (1-65535).
    QString host() const { return m_host; }
    void setHost(const QString &host);
    int port() const { return m_port; }
    void setPort(int port);
    // Unix transports: "/path/to/socket" or "@abstract".
    QString unixAddress() const { return m_unixAddress; }
    void setUnixAddress(const QString &address);
    // The local address to bind before connecting; empty: none. IP transports
    // take "address", "address:port" or ":port" ("[::1]:0"); Unix transports a path or
    // "@name".
    QString bindAddress() const { return m_bindAddress; }
    void setBindAddress(const QString &address);

    // TLS: PEM files (a CA added to the system's, a client certificate and its
    // key), the name the certificate is checked against instead of the host,
    // and whether to accept a certificate that does not verify (the console
    // asks before turning that on).
    QString caFile() const { return m_caFile; }
    void setCaFile(const QString &path);
    QString certificateFile() const { return m_certificateFile; }
    void setCertificateFile(const QString &path);
    QString keyFile() const { return m_keyFile; }
    void setKeyFile(const QString &path);
    QString serverName() const { return m_serverName; }
    void setServerName(const QString &name);
    bool acceptInvalidCertificate() const { return m_acceptInvalidCertificate; }
    void setAcceptInvalidCertificate(bool accept);
    // The words both consoles use for acceptInvalidCertificate: the option,
    // and the question and the warning they ask before turning it on.
    Q_INVOKABLE static QString invalidCertificateOption();
    Q_INVOKABLE static QString invalidCertificateQuestion();
    Q_INVOKABLE static QString invalidCertificateWarning();

    // Milliseconds; 0 for connectTimeout: the operating system's own.
    int connectTimeout() const { return m_connectTimeout; }
    void setConnectTimeout(int milliseconds);
    int happyEyeballsDelay() const { return m_happyEyeballsDelay; }
    void setHappyEyeballsDelay(int milliseconds);
    int tlsHandshakeTimeout() const { return m_tlsHandshakeTimeout; }
    void setTlsHandshakeTimeout(int milliseconds);
    // Unix transports: SO_PASSCRED (receive the peer's credentials).
    bool passCredentials() const { return m_passCredentials; }
    void setPassCredentials(bool enabled);

    // TCP and TLS: the proxy to connect through, its host and port (1-65535,
    // needed by Socks5 and Http) and the credentials, if it wants any.
    ProxyType proxyType() const { return m_proxyType; }
    void setProxyType(ProxyType type);
    QString proxyHost() const { return m_proxyHost; }
    void setProxyHost(const QString &host);
    int proxyPort() const { return m_proxyPort; }
    void setProxyPort(int port);
    QString proxyUser() const { return m_proxyUser; }
    void setProxyUser(const QString &user);
    QString proxyPassword() const { return m_proxyPassword; }
    void setProxyPassword(const QString &password);
    // Reads the proxy from its URL form; false (nothing changed, *error set)
    // on bad input.
    bool setProxyUrl(const QString &url, QString *error = nullptr);
    // "host:port", "[v6]:port".
    static QString formatHostPort(const QString &host, int port);
    // How a client's proxy is shown: "SOCKS5 proxy 127.0.0.1:1080", "HTTP
    // proxy [::1]:8080"; empty for one that does not tunnel.
    static QString describeProxy(const QNetworkProxy &proxy);

    ProtocolSettings *protocol() const { return m_protocol; }

    bool isUnixTransport() const;
    bool isStreamTransport() const;
    // Whether the transport goes through proxyType() (TCP and TLS).
    bool isProxyTransport() const { return isProxyTransport(m_transport); }
    // TLS or DTLS: the certificate options apply.
    bool isSecureTransport() const;
    static bool isUnixTransport(Transport transport);
    static bool isProxyTransport(Transport transport);

    // Every transport as a chooser lists it, for both consoles: maps with
    // "value" (the Transport, as an int) and "text" (its translated name).
    Q_INVOKABLE static QVariantList transportChoices();
    // The same for every ProxyType.
    Q_INVOKABLE static QVariantList proxyChoices();

    // The URL form of transport and address ("tcp://127.0.0.1:9000").
    QString url() const;
    // Reads transport and address from the URL form; false (nothing changed,
    // *error set) on bad input.
    bool setUrl(const QString &url, QString *error = nullptr);
    // The same for QML: an empty string on success, else the reason.
    Q_INVOKABLE QString applyUrl(const QString &url);

    // Why no client can be made (empty when one can): a missing host or port,
    // an invalid Unix address, an unreadable TLS file, a proxy without host or
    // port (TCP and TLS), invalid protocol options.
    QString errorString() const;

    // Certificates trusted besides the system's and the CA file's, for this
    // run only (the built-in TLS echo server's own); not saved.
    QList<QSslCertificate> trustedCertificates() const { return m_trustedCertificates; }
    void setTrustedCertificates(const QList<QSslCertificate> &certificates);

    // The TLS configuration of the TLS options; nothing with *error set when a
    // file cannot be read.
    std::optional<QSslConfiguration> sslConfiguration(QString *error = nullptr) const;
    // A client configured with every option, not opened yet; null with *error
    // set when the settings are invalid (errorString()).
    std::unique_ptr<EasyNet::AbstractClient> createClient(QString *error = nullptr) const;

    // Copies every option of other, the protocol's included.
    void assign(const ConnectionSettings &other);
    // Stored under the settings' current group (the console's last connection),
    // the proxy password left out.
    void save(QSettings &settings) const;
    void load(QSettings &settings);

Q_SIGNALS:
    void changed();

private:
    template<typename T>
    void update(T &member, const T &value);
    QString addressError() const;
    QString proxyError() const;
    QNetworkProxy networkProxy() const;

    Transport m_transport = Transport::Tcp;
    QString m_host = QStringLiteral("127.0.0.1");
    int m_port = 0;
    QString m_unixAddress;
    QString m_bindAddress;
    QString m_caFile;
    QString m_certificateFile;
    QString m_keyFile;
    QString m_serverName;
    bool m_acceptInvalidCertificate = false;
    int m_connectTimeout = 10000;
    int m_happyEyeballsDelay = 250;
    int m_tlsHandshakeTimeout = 10000;
    bool m_passCredentials = false;
    ProxyType m_proxyType = ProxyType::System;
    QString m_proxyHost;
    int m_proxyPort = 0;
    QString m_proxyUser;
    QString m_proxyPassword;
    QList<QSslCertificate> m_trustedCertificates;
    ProtocolSettings *m_protocol;
};

} // namespace EasyNetConsole
