// HostileProxy: the scripted SOCKS5 / HTTP CONNECT peer of hostileproxy.h. The
// parsers accept what a correct client sends, in any fragmentation; every
// byte in and out is recorded for observed().
#include "hostileproxy.h"

#include <QtCore/QtEndian>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpSocket>

namespace EasyNetTest {

namespace {

constexpr quint8 Socks5Version = 0x05;
constexpr quint8 NoAuthentication = 0x00;
constexpr quint8 UserPassword = 0x02;
constexpr quint8 NoAcceptableMethod = 0xff;
constexpr quint8 UserPasswordVersion = 0x01;

QByteArray bytes(std::initializer_list<quint8> values)
{
    QByteArray out;
    for (const quint8 value : values)
        out.append(char(value));
    return out;
}

quint8 at(const QByteArray &buffer, qsizetype index)
{
    return quint8(buffer.at(index));
}

QByteArray reasonOf(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 407: return "Proxy Authentication Required";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Error";
    }
}

} // namespace

HostileProxy::HostileProxy(const Script &script, QObject *parent)
    : QObject(parent), m_script(script)
{
    m_server.setProxy(QNetworkProxy::NoProxy); // whatever the application proxy is
    if (m_server.listen(QHostAddress(QHostAddress::LocalHost)))
        m_port = m_server.serverPort();
    else
        qWarning("HostileProxy: cannot listen on 127.0.0.1: %s",
                 qPrintable(m_server.errorString()));
    connect(&m_server, &QTcpServer::newConnection, this, &HostileProxy::accept);
}

HostileProxy::~HostileProxy()
{
    for (const auto &c : m_connections) {
        c->socket->disconnect(this);
        c->socket->abort();
    }
}

QNetworkProxy HostileProxy::proxy() const
{
    return QNetworkProxy(m_script.protocol == Protocol::Socks5 ? QNetworkProxy::Socks5Proxy
                                                               : QNetworkProxy::HttpProxy,
                         QStringLiteral("127.0.0.1"), m_port, m_script.user, m_script.password);
}

HostileProxy::Observed HostileProxy::observed() const
{
    const std::lock_guard lock(m_mutex);
    return m_observed;
}

QByteArray HostileProxy::defaultGarbage()
{
    return QByteArrayLiteral("\xde\xad\xbe\xef not a proxy\r\n\r\n");
}

QString HostileProxy::describe(const Script &script)
{
    QString name
        = script.protocol == Protocol::Socks5 ? QStringLiteral("socks5") : QStringLiteral("http");
    if (!script.user.isEmpty())
        name += QStringLiteral(" auth");
    switch (script.behaviour) {
    case Behaviour::Tunnel: name += QStringLiteral(" tunnel"); break;
    case Behaviour::Stall: name += QStringLiteral(" stall"); break;
    case Behaviour::Garbage: name += QStringLiteral(" garbage"); break;
    case Behaviour::CloseMidReply: name += QStringLiteral(" close mid-reply"); break;
    case Behaviour::Refuse:
        if (script.protocol == Protocol::Http)
            name += QStringLiteral(" refuse %1").arg(script.httpStatus);
        else if (script.stage == Stage::Request)
            name += QStringLiteral(" refuse 0x%1").arg(script.socksReply, 2, 16, QLatin1Char('0'));
        else
            name += QStringLiteral(" refuse");
        break;
    }
    if (script.protocol == Protocol::Socks5 && script.behaviour != Behaviour::Tunnel) {
        switch (script.stage) {
        case Stage::Greeting: name += QStringLiteral(" at greeting"); break;
        case Stage::Authentication: name += QStringLiteral(" at authentication"); break;
        case Stage::Request: name += QStringLiteral(" at request"); break;
        }
    }
    return name;
}

void HostileProxy::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (int(m_connections.size()) >= m_script.connections) { // refused
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto &c = *m_connections.emplace_back(std::make_unique<Connection>());
        c.socket = socket;
        if (int(m_connections.size()) >= m_script.connections)
            m_server.close(); // later ones find the port closed
        {
            const std::lock_guard lock(m_mutex);
            const int connections = m_observed.connections + 1;
            m_observed = Observed(); // the new connection's
            m_observed.connections = connections;
        }
        ++m_open;
        connect(socket, &QTcpSocket::readyRead, this, [this, &c] { readAvailable(c); });
        connect(socket, &QTcpSocket::disconnected, this, [this] {
            const std::lock_guard lock(m_mutex);
            m_observed.ended = --m_open == 0;
        });
        readAvailable(c);
    }
}

void HostileProxy::readAvailable(Connection &c)
{
    const QByteArray data = c.socket->readAll();
    if (data.isEmpty())
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_observed.received += data;
    }
    if (c.state == State::Done)
        return;
    if (c.state == State::Tunnel) {
        send(c, data);
        return;
    }
    c.buffer += data;
    if (m_script.protocol == Protocol::Socks5)
        while (advanceSocks5(c)) { }
    else
        while (advanceHttp(c)) { }
}

// One SOCKS5 message from c.buffer, if whole: answers it and returns true.
bool HostileProxy::advanceSocks5(Connection &c)
{
    const bool authenticate = !m_script.user.isEmpty() || m_script.stage == Stage::Authentication;
    const bool misbehaving = m_script.behaviour != Behaviour::Tunnel;
    switch (c.state) {
    case State::Greeting: {
        // VER NMETHODS METHODS...
        if (c.buffer.size() < 2 || c.buffer.size() < 2 + at(c.buffer, 1))
            return false;
        const qsizetype length = 2 + at(c.buffer, 1);
        QList<quint8> methods;
        for (qsizetype i = 2; i < length; ++i)
            methods.append(at(c.buffer, i));
        c.buffer.remove(0, length);
        {
            const std::lock_guard lock(m_mutex);
            m_observed.methods = methods;
        }
        if (misbehaving && m_script.stage == Stage::Greeting) {
            if (m_script.behaviour == Behaviour::Refuse) {
                setPlayed();
                send(c, bytes({Socks5Version, NoAcceptableMethod}));
                closeConnection(c);
            } else {
                misbehave(c, bytes({Socks5Version}));
            }
            return false;
        }
        const quint8 method = authenticate ? UserPassword : NoAuthentication;
        if (!methods.contains(method)) {
            send(c, bytes({Socks5Version, NoAcceptableMethod}));
            closeConnection(c);
            return false;
        }
        send(c, bytes({Socks5Version, method}));
        c.state = authenticate ? State::Authentication : State::Request;
        return true;
    }
    case State::Authentication: {
        // VER ULEN UNAME PLEN PASSWD (RFC 1929)
        if (c.buffer.size() < 2)
            return false;
        const qsizetype userLength = at(c.buffer, 1);
        if (c.buffer.size() < 3 + userLength)
            return false;
        const qsizetype passwordLength = at(c.buffer, 2 + userLength);
        const qsizetype length = 3 + userLength + passwordLength;
        if (c.buffer.size() < length)
            return false;
        const QString user = QString::fromUtf8(c.buffer.mid(2, userLength));
        const QString password = QString::fromUtf8(c.buffer.mid(3 + userLength, passwordLength));
        c.buffer.remove(0, length);
        {
            const std::lock_guard lock(m_mutex);
            m_observed.user = user;
            m_observed.password = password;
        }
        if (misbehaving && m_script.stage == Stage::Authentication) {
            if (m_script.behaviour == Behaviour::Refuse) {
                setPlayed();
                send(c, bytes({UserPasswordVersion, 0x01}));
                closeConnection(c);
            } else {
                misbehave(c, bytes({UserPasswordVersion}));
            }
            return false;
        }
        if (user != m_script.user || password != m_script.password) {
            send(c, bytes({UserPasswordVersion, 0x01}));
            closeConnection(c);
            return false;
        }
        send(c, bytes({UserPasswordVersion, 0x00}));
        c.state = State::Request;
        return true;
    }
    case State::Request: {
        // VER CMD RSV ATYP DST.ADDR DST.PORT
        if (c.buffer.size() < 5)
            return false;
        const quint8 addressType = at(c.buffer, 3);
        qsizetype addressLength = 0;
        switch (addressType) {
        case 0x01: addressLength = 4; break;
        case 0x03: addressLength = 1 + at(c.buffer, 4); break;
        case 0x04: addressLength = 16; break;
        default: // 08: address type not supported
            send(c, bytes({Socks5Version, 0x08, 0x00, 0x01, 0, 0, 0, 0, 0, 0}));
            closeConnection(c);
            return false;
        }
        const qsizetype length = 4 + addressLength + 2;
        if (c.buffer.size() < length)
            return false;
        const QByteArray request = c.buffer.left(length);
        c.buffer.remove(0, length);
        QString host;
        if (addressType == 0x01)
            host = QHostAddress(qFromBigEndian<quint32>(request.constData() + 4)).toString();
        else if (addressType == 0x04)
            host = QHostAddress(reinterpret_cast<const quint8 *>(request.constData() + 4))
                       .toString();
        else
            host = QString::fromUtf8(request.mid(5, addressLength - 1));
        {
            const std::lock_guard lock(m_mutex);
            m_observed.request = request;
            m_observed.addressType = addressType;
            m_observed.host = host;
            m_observed.port = qFromBigEndian<quint16>(request.constData() + length - 2);
        }
        if (!misbehaving) {
            c.state = State::Tunnel;
            setPlayed();
            QByteArray reply = bytes({Socks5Version, 0x00, 0x00, 0x01, 127, 0, 0, 1});
            reply.append(char(m_port >> 8)).append(char(m_port & 0xff));
            send(c, reply + m_script.banner);
            if (!c.buffer.isEmpty()) // the client did not wait for the reply
                send(c, std::exchange(c.buffer, {}));
            return false;
        }
        if (m_script.behaviour == Behaviour::Refuse) {
            setPlayed();
            send(c, bytes({Socks5Version, m_script.socksReply, 0x00, 0x01, 0, 0, 0, 0, 0, 0}));
            closeConnection(c);
            return false;
        }
        misbehave(c, bytes({Socks5Version, 0x00, 0x00, 0x01, 127}));
        return false;
    }
    case State::Tunnel:
    case State::Done: return false;
    }
    return false;
}

// The HTTP CONNECT request, once its header is whole: answers it.
bool HostileProxy::advanceHttp(Connection &c)
{
    const qsizetype end = c.buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray header = c.buffer.left(end + 4);
    c.buffer.remove(0, end + 4);
    const QList<QByteArray> lines = header.split('\n');
    // CONNECT host:port HTTP/1.1, host possibly [an IPv6 address]
    const QList<QByteArray> words = lines.value(0).trimmed().split(' ');
    const QByteArray authority = words.value(1);
    const qsizetype colon = authority.lastIndexOf(':');
    QByteArray host = colon < 0 ? authority : authority.left(colon);
    if (host.startsWith('[') && host.endsWith(']'))
        host = host.mid(1, host.size() - 2);
    QString user;
    QString password;
    for (const QByteArray &line : lines) {
        const qsizetype separator = line.indexOf(':');
        if (separator < 0
            || line.left(separator).trimmed().toLower() != QByteArrayLiteral("proxy-authorization"))
            continue;
        const QList<QByteArray> value = line.mid(separator + 1).trimmed().split(' ');
        if (value.value(0).toLower() != QByteArrayLiteral("basic"))
            continue;
        const QByteArray decoded = QByteArray::fromBase64(value.value(1));
        const qsizetype split = decoded.indexOf(':');
        user = QString::fromUtf8(decoded.left(split));
        password = split < 0 ? QString() : QString::fromUtf8(decoded.mid(split + 1));
    }
    {
        const std::lock_guard lock(m_mutex);
        m_observed.request = header;
        m_observed.host = QString::fromUtf8(host);
        m_observed.port = colon < 0 ? 0 : quint16(authority.mid(colon + 1).toUInt());
        m_observed.user = user;
        m_observed.password = password;
    }
    if (!m_script.user.isEmpty() && (user != m_script.user || password != m_script.password)) {
        send(c, httpRefusal(407));
        closeConnection(c);
        return false;
    }
    switch (m_script.behaviour) {
    case Behaviour::Tunnel:
        c.state = State::Tunnel;
        setPlayed();
        send(c, QByteArrayLiteral("HTTP/1.1 200 Connection established\r\n\r\n") + m_script.banner);
        if (!c.buffer.isEmpty())
            send(c, std::exchange(c.buffer, {}));
        return false;
    case Behaviour::Refuse:
        setPlayed();
        send(c, httpRefusal(m_script.httpStatus));
        closeConnection(c);
        return false;
    case Behaviour::Stall:
    case Behaviour::Garbage:
    case Behaviour::CloseMidReply:
        misbehave(c, QByteArrayLiteral("HTTP/1.1 200 Conn"));
        return false;
    }
    return false;
}

void HostileProxy::misbehave(Connection &c, const QByteArray &defaultPartial)
{
    c.state = State::Done;
    setPlayed();
    switch (m_script.behaviour) {
    case Behaviour::Stall: return;
    case Behaviour::Garbage:
        send(c, m_script.payload.isEmpty() ? defaultGarbage() : m_script.payload);
        return;
    case Behaviour::CloseMidReply:
        send(c, m_script.payload.isEmpty() ? defaultPartial : m_script.payload);
        closeConnection(c);
        return;
    case Behaviour::Tunnel:
    case Behaviour::Refuse: return; // played by the callers, which know their stage
    }
}

QByteArray HostileProxy::httpRefusal(int status) const
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonOf(status)
        + "\r\nConnection: close\r\nContent-Length: 0\r\n";
    if (status == 407)
        response += "Proxy-Authenticate: Basic realm=\"EasyNet test\"\r\n";
    return response + "\r\n";
}

void HostileProxy::send(Connection &c, const QByteArray &data)
{
    {
        const std::lock_guard lock(m_mutex);
        m_observed.sent += data;
    }
    c.socket->write(data); // one write: Qt sends it in one send(c, ) when it can
}

// After what was written has gone (disconnectFromHost() flushes first).
void HostileProxy::closeConnection(Connection &c)
{
    c.state = State::Done;
    c.socket->disconnectFromHost();
}

void HostileProxy::setPlayed()
{
    const std::lock_guard lock(m_mutex);
    m_observed.played = true;
}

} // namespace EasyNetTest
