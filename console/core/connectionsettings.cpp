#include "connectionsettings.h"

#include <EasyNet/sslpemfiles.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixsocketaddress.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QMetaEnum>
#include <QtCore/QSettings>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCertificate>

#include <chrono>

using namespace EasyNet;
using std::chrono::milliseconds;

namespace EasyNetConsole {

namespace {

struct Scheme
{
    ConnectionSettings::Transport transport;
    QLatin1StringView name;
};

// "unix-dgram" before "unix" would not matter (the ':' ends the scheme), but
// the order is the one url() writes.
constexpr Scheme schemes[] = {
    {ConnectionSettings::Transport::Tcp, QLatin1StringView("tcp")},
    {ConnectionSettings::Transport::Tls, QLatin1StringView("tls")},
    {ConnectionSettings::Transport::Udp, QLatin1StringView("udp")},
    {ConnectionSettings::Transport::Dtls, QLatin1StringView("dtls")},
    {ConnectionSettings::Transport::UnixStream, QLatin1StringView("unix")},
    {ConnectionSettings::Transport::UnixDatagram, QLatin1StringView("unix-dgram")},
};

// "host:port", "[v6]:port", ":port" or "host" (port optional) -> parts; false on bad input.
bool splitHostPort(QStringView text, QString &host, int &port, bool portRequired)
{
    QStringView portText;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        host = text.mid(1, close - 1).toString();
        const QStringView rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return false;
            portText = rest.mid(1);
        }
    } else if (const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
               colon >= 0 && text.indexOf(QLatin1Char(':')) == colon) {
        host = text.left(colon).toString();
        portText = text.mid(colon + 1);
    } else {
        host = text.toString(); // no port, or a bare IPv6 literal
    }
    if (portText.isNull()) {
        port = 0;
        return !portRequired;
    }
    bool ok = false;
    port = portText.toInt(&ok);
    return ok && port >= 0 && port <= 65535 && (!portRequired || port > 0);
}

// A Unix socket address the console accepts: an absolute path or "@name"
// (a relative path would depend on the directory the console was started in).
bool isUnixAddress(const QString &text)
{
    bool ok = false;
    UnixSocketAddress::fromString(text, &ok);
    return ok && (text.startsWith(QLatin1Char('/')) || text.startsWith(QLatin1Char('@')));
}

} // namespace

QString ConnectionSettings::formatHostPort(const QString &host, int port)
{
    const bool v6 = host.contains(QLatin1Char(':'));
    return (v6 ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':')
        + QString::number(port);
}

ConnectionSettings::ConnectionSettings(QObject *parent)
    : QObject(parent), m_protocol(new ProtocolSettings(this))
{
    connect(m_protocol, &ProtocolSettings::changed, this, &ConnectionSettings::changed);
}

ConnectionSettings::~ConnectionSettings() = default;

template<typename T>
void ConnectionSettings::update(T &member, const T &value)
{
    if (member == value)
        return;
    member = value;
    Q_EMIT changed();
}

void ConnectionSettings::setTransport(Transport transport)
{
    update(m_transport, transport);
}
void ConnectionSettings::setHost(const QString &host)
{
    update(m_host, host);
}
void ConnectionSettings::setPort(int port)
{
    update(m_port, port);
}
void ConnectionSettings::setUnixAddress(const QString &address)
{
    update(m_unixAddress, address);
}
void ConnectionSettings::setBindAddress(const QString &address)
{
    update(m_bindAddress, address);
}
void ConnectionSettings::setCaFile(const QString &path)
{
    update(m_caFile, path);
}
void ConnectionSettings::setCertificateFile(const QString &path)
{
    update(m_certificateFile, path);
}
void ConnectionSettings::setKeyFile(const QString &path)
{
    update(m_keyFile, path);
}
void ConnectionSettings::setServerName(const QString &name)
{
    update(m_serverName, name);
}
void ConnectionSettings::setAcceptInvalidCertificate(bool accept)
{
    update(m_acceptInvalidCertificate, accept);
}

QString ConnectionSettings::invalidCertificateOption()
{
    return tr("Accept an invalid certificate");
}

QString ConnectionSettings::invalidCertificateQuestion()
{
    return tr("Accept an invalid certificate?");
}

QString ConnectionSettings::invalidCertificateWarning()
{
    return tr("The peer's certificate will not be verified: anyone between you and the server "
              "can read and change what you send. Use this only to inspect a test server.");
}

void ConnectionSettings::setConnectTimeout(int milliseconds)
{
    update(m_connectTimeout, milliseconds);
}
void ConnectionSettings::setHappyEyeballsDelay(int milliseconds)
{
    update(m_happyEyeballsDelay, milliseconds);
}
void ConnectionSettings::setTlsHandshakeTimeout(int milliseconds)
{
    update(m_tlsHandshakeTimeout, milliseconds);
}
void ConnectionSettings::setPassCredentials(bool enabled)
{
    update(m_passCredentials, enabled);
}
void ConnectionSettings::setProxyType(ProxyType type)
{
    update(m_proxyType, type);
}
void ConnectionSettings::setProxyHost(const QString &host)
{
    update(m_proxyHost, host);
}
void ConnectionSettings::setProxyPort(int port)
{
    update(m_proxyPort, port);
}
void ConnectionSettings::setProxyUser(const QString &user)
{
    update(m_proxyUser, user);
}
void ConnectionSettings::setProxyPassword(const QString &password)
{
    update(m_proxyPassword, password);
}
void ConnectionSettings::setTrustedCertificates(const QList<QSslCertificate> &certificates)
{
    update(m_trustedCertificates, certificates);
}

bool ConnectionSettings::isUnixTransport(Transport transport)
{
    return transport == Transport::UnixStream || transport == Transport::UnixDatagram;
}

bool ConnectionSettings::isProxyTransport(Transport transport)
{
    return transport == Transport::Tcp || transport == Transport::Tls;
}

QVariantList ConnectionSettings::transportChoices()
{
    const auto choice = [](Transport value, const QString &text) {
        return QVariantMap {{QStringLiteral("value"), int(value)}, {QStringLiteral("text"), text}};
    };
    return {choice(Transport::Tcp, tr("TCP")),
            choice(Transport::Tls, tr("TLS")),
            choice(Transport::Udp, tr("UDP")),
            choice(Transport::UnixStream, tr("Unix stream")),
            choice(Transport::UnixDatagram, tr("Unix datagram")),
            choice(Transport::Dtls, tr("DTLS"))};
}

QVariantList ConnectionSettings::proxyChoices()
{
    const auto choice = [](ProxyType value, const QString &text) {
        return QVariantMap {{QStringLiteral("value"), int(value)}, {QStringLiteral("text"), text}};
    };
    return {choice(ProxyType::None, tr("None (direct)")),
            choice(ProxyType::System, tr("System/application proxy")),
            choice(ProxyType::Socks5, tr("SOCKS5")), choice(ProxyType::Http, tr("HTTP (CONNECT)"))};
}

bool ConnectionSettings::isUnixTransport() const
{
    return isUnixTransport(m_transport);
}

bool ConnectionSettings::isStreamTransport() const
{
    return m_transport != Transport::Udp && m_transport != Transport::Dtls
        && m_transport != Transport::UnixDatagram;
}

bool ConnectionSettings::isSecureTransport() const
{
    return m_transport == Transport::Tls || m_transport == Transport::Dtls;
}

QString ConnectionSettings::url() const
{
    QLatin1StringView scheme;
    for (const Scheme &entry : schemes)
        if (entry.transport == m_transport)
            scheme = entry.name;
    if (isUnixTransport())
        return m_unixAddress.startsWith(QLatin1Char('@'))
            ? scheme + QLatin1Char(':') + m_unixAddress
            : scheme + QStringLiteral("://") + m_unixAddress;
    return scheme + QStringLiteral("://") + formatHostPort(m_host, m_port);
}

bool ConnectionSettings::setUrl(const QString &url, QString *error)
{
    const auto fail = [error, &url](const QString &reason) {
        if (error)
            *error = tr("%1: %2").arg(url, reason);
        return false;
    };
    const qsizetype colon = url.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return fail(tr("not a URL (tcp://host:port, tls://, udp://, unix:///path, unix:@name, "
                       "unix-dgram://...)"));
    const QString schemeName = url.left(colon).toLower();
    const Scheme *scheme = nullptr;
    for (const Scheme &entry : schemes)
        if (entry.name == schemeName)
            scheme = &entry;
    if (!scheme)
        return fail(tr("unknown scheme \"%1\" (tcp, tls, udp, unix, unix-dgram)").arg(schemeName));
    QStringView rest = QStringView(url).mid(colon + 1);
    if (isUnixTransport(scheme->transport)) {
        if (rest.startsWith(QStringLiteral("//")))
            rest = rest.mid(2); // unix:///path -> /path
        const QString address = rest.toString();
        if (!isUnixAddress(address))
            return fail(tr("not a Unix socket path or @name"));
        const QSignalBlocker blocker(this);
        m_transport = scheme->transport;
        m_unixAddress = address;
    } else {
        if (!rest.startsWith(QStringLiteral("//")))
            return fail(tr("expected //host:port after the scheme"));
        QString host;
        int port = 0;
        if (!splitHostPort(rest.mid(2), host, port, true) || host.isEmpty())
            return fail(tr("expected host:port with a port from 1 to 65535"));
        const QSignalBlocker blocker(this);
        m_transport = scheme->transport;
        m_host = host;
        m_port = port;
    }
    Q_EMIT changed();
    return true;
}

QString ConnectionSettings::applyUrl(const QString &url)
{
    QString error;
    setUrl(url, &error);
    return error;
}

bool ConnectionSettings::setProxyUrl(const QString &url, QString *error)
{
    // The reason alone: the URL may hold the password.
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    const auto setType = [this](ProxyType type) {
        setProxyType(type);
        return true;
    };
    if (url.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return setType(ProxyType::None);
    if (url.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0)
        return setType(ProxyType::System);
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return fail(tr("not a proxy URL (socks5://[user[:password]@]host[:port], "
                       "http://[user[:password]@]host[:port], none, system)"));
    ProxyType type = ProxyType::Socks5;
    int defaultPort = 1080;
    if (parsed.scheme() == QLatin1String("http")) {
        type = ProxyType::Http;
        defaultPort = 8080;
    } else if (parsed.scheme() != QLatin1String("socks5")) {
        return fail(tr("unknown proxy scheme \"%1\" (socks5, http)").arg(parsed.scheme()));
    }
    if ((!parsed.path().isEmpty() && parsed.path() != QLatin1String("/")) || parsed.hasQuery()
        || parsed.hasFragment())
        return fail(tr("a proxy URL has no path, query or fragment"));
    const int port = parsed.port(defaultPort);
    if (port <= 0)
        return fail(tr("the proxy port must be from 1 to 65535"));
    {
        const QSignalBlocker blocker(this);
        m_proxyType = type;
        m_proxyHost = parsed.host();
        m_proxyPort = port;
        m_proxyUser = parsed.userName(QUrl::FullyDecoded);
        m_proxyPassword = parsed.password(QUrl::FullyDecoded);
    }
    Q_EMIT changed();
    return true;
}

QString ConnectionSettings::describeProxy(const QNetworkProxy &proxy)
{
    switch (proxy.type()) {
    case QNetworkProxy::Socks5Proxy:
        return tr("SOCKS5 proxy %1").arg(formatHostPort(proxy.hostName(), proxy.port()));
    case QNetworkProxy::HttpProxy:
        return tr("HTTP proxy %1").arg(formatHostPort(proxy.hostName(), proxy.port()));
    default: return {};
    }
}

QNetworkProxy ConnectionSettings::networkProxy() const
{
    switch (m_proxyType) {
    case ProxyType::None: return QNetworkProxy(QNetworkProxy::NoProxy);
    case ProxyType::System: return QNetworkProxy(QNetworkProxy::DefaultProxy);
    case ProxyType::Socks5:
    case ProxyType::Http:
        return QNetworkProxy(m_proxyType == ProxyType::Socks5 ? QNetworkProxy::Socks5Proxy
                                                              : QNetworkProxy::HttpProxy,
                             m_proxyHost, quint16(m_proxyPort), m_proxyUser, m_proxyPassword);
    }
    Q_UNREACHABLE();
}

QString ConnectionSettings::proxyError() const
{
    if (!isProxyTransport() || (m_proxyType != ProxyType::Socks5 && m_proxyType != ProxyType::Http))
        return {};
    if (m_proxyHost.isEmpty())
        return tr("the proxy host is empty");
    if (m_proxyPort <= 0 || m_proxyPort > 65535)
        return tr("the proxy port must be from 1 to 65535");
    return {};
}

QString ConnectionSettings::addressError() const
{
    if (isUnixTransport()) {
        if (!isUnixAddress(m_unixAddress))
            return tr("the Unix socket address must be an absolute path or @name");
        if (!m_bindAddress.isEmpty() && !isUnixAddress(m_bindAddress))
            return tr("the local address must be an absolute path or @name");
        return {};
    }
    if (m_host.isEmpty())
        return tr("the host is empty");
    if (m_port <= 0 || m_port > 65535)
        return tr("the port must be from 1 to 65535");
    if (!m_bindAddress.isEmpty()) {
        QString host;
        int port = 0;
        if (!splitHostPort(m_bindAddress, host, port, false)
            || (!host.isEmpty() && QHostAddress(host).isNull()))
            return tr("the local address must be an IP address, optionally with :port");
    }
    return {};
}

QString ConnectionSettings::errorString() const
{
    QString error = addressError();
    if (error.isEmpty())
        error = proxyError();
    if (error.isEmpty())
        error = m_protocol->errorString();
    // The PEM files alone: sslConfiguration() also reads the system's CAs,
    // too slow for every change of a field as it is typed.
    if (error.isEmpty() && isSecureTransport())
        sslConfigurationWithPemFiles(QSslConfiguration(), {m_caFile}, m_certificateFile, m_keyFile,
                                     PemCaCertificates::ReplaceTrusted, &error);
    if (error.isEmpty()
        && (m_connectTimeout < 0 || m_happyEyeballsDelay <= 0 || m_tlsHandshakeTimeout <= 0))
        error = tr("timeouts must be positive");
    return error;
}

std::optional<QSslConfiguration> ConnectionSettings::sslConfiguration(QString *error) const
{
    const auto fail = [error](const QString &reason) -> std::optional<QSslConfiguration> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    QSslConfiguration base = QSslConfiguration::defaultConfiguration();
    if (!m_trustedCertificates.isEmpty())
        base.setCaCertificates(QSslConfiguration::systemCaCertificates() + m_trustedCertificates);
    QString reason;
    std::optional<QSslConfiguration> configuration = sslConfigurationWithPemFiles(
        base, {m_caFile}, m_certificateFile, m_keyFile, PemCaCertificates::AddToTrusted, &reason);
    if (!configuration)
        return fail(reason);
    if (m_acceptInvalidCertificate)
        configuration->setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

std::unique_ptr<AbstractClient> ConnectionSettings::createClient(QString *error) const
{
    if (const QString reason = errorString(); !reason.isEmpty()) {
        if (error)
            *error = reason;
        return nullptr;
    }
    const int maxPacketSize = m_protocol->maxPacketSize();
    QHostAddress bindHost;
    int bindPort = 0;
    if (!isUnixTransport() && !m_bindAddress.isEmpty()) {
        QString host;
        splitHostPort(m_bindAddress, host, bindPort, false);
        bindHost = QHostAddress(host);
    }
    const UnixSocketAddress unixAddress = UnixSocketAddress::fromString(m_unixAddress);
    const UnixSocketAddress unixBind = m_bindAddress.isEmpty()
        ? UnixSocketAddress()
        : UnixSocketAddress::fromString(m_bindAddress);
    const auto common = [this](AbstractClient &client) {
        if (m_connectTimeout > 0)
            client.setConnectTimeout(milliseconds(m_connectTimeout));
    };
    switch (m_transport) {
    case Transport::Tcp:
    case Transport::Tls: {
        auto client = std::make_unique<TcpClient>();
        common(*client);
        client->setHost(m_host);
        client->setPort(quint16(m_port));
        client->setProtocol(*m_protocol->streamProtocol());
        client->setMaxPacketSize(maxPacketSize);
        client->setHappyEyeballsDelay(milliseconds(m_happyEyeballsDelay));
        client->setProxy(networkProxy());
        if (!m_bindAddress.isEmpty()) {
            client->setBindAddress(bindHost);
            client->setBindPort(quint16(bindPort));
        }
        if (m_transport == Transport::Tls) {
            client->setSslConfiguration(*sslConfiguration());
            client->setSslHandshakeTimeout(milliseconds(m_tlsHandshakeTimeout));
            if (!m_serverName.isEmpty())
                client->setServerHostname(m_serverName);
        }
        return client;
    }
    case Transport::Udp:
    case Transport::Dtls: {
        auto client = std::make_unique<UdpClient>();
        if (m_transport == Transport::Dtls) {
            common(*client); // the handshake is connecting
            client->setSslConfiguration(*sslConfiguration());
            client->setSslHandshakeTimeout(milliseconds(m_tlsHandshakeTimeout));
            if (!m_serverName.isEmpty())
                client->setServerHostname(m_serverName);
        }
        client->setHost(m_host);
        client->setPort(quint16(m_port));
        client->setProtocol(*m_protocol->datagramProtocol());
        client->setMaxDatagramSize(maxPacketSize);
        if (!m_bindAddress.isEmpty()) {
            client->setBindAddress(bindHost);
            client->setBindPort(quint16(bindPort));
        }
        return client;
    }
    case Transport::UnixStream: {
        auto client = std::make_unique<UnixStreamClient>();
        common(*client);
        client->setAddress(unixAddress);
        client->setProtocol(*m_protocol->streamProtocol());
        client->setMaxPacketSize(maxPacketSize);
        client->setPassCredentials(m_passCredentials);
        if (!unixBind.isNull())
            client->setBindAddress(unixBind);
        return client;
    }
    case Transport::UnixDatagram: {
        auto client = std::make_unique<UnixDatagramClient>();
        client->setAddress(unixAddress);
        client->setProtocol(*m_protocol->datagramProtocol());
        client->setMaxDatagramSize(maxPacketSize);
        client->setPassCredentials(m_passCredentials);
        if (!unixBind.isNull())
            client->setBindAddress(unixBind);
        return client;
    }
    }
    return nullptr;
}

void ConnectionSettings::assign(const ConnectionSettings &other)
{
    {
        const QSignalBlocker blocker(this);
        m_transport = other.m_transport;
        m_host = other.m_host;
        m_port = other.m_port;
        m_unixAddress = other.m_unixAddress;
        m_bindAddress = other.m_bindAddress;
        m_caFile = other.m_caFile;
        m_certificateFile = other.m_certificateFile;
        m_keyFile = other.m_keyFile;
        m_serverName = other.m_serverName;
        m_acceptInvalidCertificate = other.m_acceptInvalidCertificate;
        m_connectTimeout = other.m_connectTimeout;
        m_happyEyeballsDelay = other.m_happyEyeballsDelay;
        m_tlsHandshakeTimeout = other.m_tlsHandshakeTimeout;
        m_passCredentials = other.m_passCredentials;
        m_proxyType = other.m_proxyType;
        m_proxyHost = other.m_proxyHost;
        m_proxyPort = other.m_proxyPort;
        m_proxyUser = other.m_proxyUser;
        m_proxyPassword = other.m_proxyPassword;
        m_trustedCertificates = other.m_trustedCertificates;
        m_protocol->assign(*other.m_protocol);
    }
    Q_EMIT changed();
}

void ConnectionSettings::save(QSettings &settings) const
{
    // Every stored Q_PROPERTY that can be written, by name (not the proxy
    // password); the protocol as its spec.
    const QMetaObject *meta = metaObject();
    for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i) {
        const QMetaProperty property = meta->property(i);
        if (!property.isWritable() || !property.isStored())
            continue;
        const QVariant value = property.read(this);
        // Enums as numbers: QSettings cannot store an enum's QVariant portably.
        settings.setValue(QLatin1StringView(property.name()),
                          property.isEnumType() ? QVariant(value.toInt()) : value);
    }
    settings.setValue(QStringLiteral("protocol"), m_protocol->spec());
    settings.setValue(QStringLiteral("maxPacketSize"), m_protocol->maxPacketSize());
}

void ConnectionSettings::load(QSettings &settings)
{
    {
        const QSignalBlocker blocker(this);
        const QMetaObject *meta = metaObject();
        for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i) {
            const QMetaProperty property = meta->property(i);
            if (!property.isWritable() || !property.isStored())
                continue;
            const QVariant value = settings.value(QLatin1StringView(property.name()));
            if (value.isValid()) {
                QVariant converted = value;
                if (property.isEnumType())
                    converted = QVariant(value.toInt());
                property.write(this, converted);
            }
        }
        m_protocol->setSpec(
            settings.value(QStringLiteral("protocol"), m_protocol->spec()).toString());
        m_protocol->setMaxPacketSize(
            settings.value(QStringLiteral("maxPacketSize"), m_protocol->maxPacketSize()).toInt());
    }
    Q_EMIT changed();
}

} // namespace EasyNetConsole
