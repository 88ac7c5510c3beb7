#include "transport/socks5handshake_p.h"

#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>

#include <cerrno>
#include <initializer_list>

namespace EasyNet {

namespace {

constexpr char Version = 5;
constexpr char AuthenticationVersion = 1; // RFC 1929
constexpr char NoAuthentication = 0;
constexpr char UserPassword = 2;
constexpr char NoAcceptableMethod = char(0xff);
constexpr char Connect = 1;
enum AddressType : char { IPv4 = 1, DomainName = 3, IPv6 = 4 };

// The replies' sizes up to the bound address: VER REP RSV ATYP, then the
// address's first byte (a domain name's length).
constexpr qsizetype ReplyHead = 5;

QByteArray bytes(std::initializer_list<char> list)
{
    return QByteArray(list.begin(), qsizetype(list.size()));
}

void appendPort(QByteArray &out, quint16 port)
{
    out += char(port >> 8);
    out += char(port & 0xff);
}

QString replyText(int reply)
{
    switch (reply) {
    case 1: return QStringLiteral("general SOCKS server failure");
    case 2: return QStringLiteral("connection not allowed by ruleset");
    case 3: return QStringLiteral("network unreachable");
    case 4: return QStringLiteral("host unreachable");
    case 5: return QStringLiteral("connection refused");
    case 6: return QStringLiteral("TTL expired");
    case 7: return QStringLiteral("command not supported");
    case 8: return QStringLiteral("address type not supported");
    default: return QStringLiteral("unknown reply");
    }
}

} // namespace

Socks5Handshake::Socks5Handshake(const QNetworkProxy &proxy, const QString &host, quint16 port)
    : ProxyHandshake(QStringLiteral("SOCKS5 proxy %1:%2").arg(proxy.hostName()).arg(proxy.port()))
    , m_user(proxy.user().toUtf8())
    , m_password(proxy.password().toUtf8())
{
    if (m_user.size() > 255 || m_password.size() > 255) {
        fail(ErrorCode::InvalidArgument,
             QStringLiteral("a user name or password longer than 255 bytes cannot be sent"));
        return;
    }
    m_connectRequest = bytes({Version, Connect, 0});
    const QHostAddress literal(host);
    if (literal.protocol() == QAbstractSocket::IPv4Protocol) {
        m_connectRequest += IPv4;
        const quint32 address = literal.toIPv4Address();
        for (int shift = 24; shift >= 0; shift -= 8)
            m_connectRequest += char((address >> shift) & 0xff);
    } else if (literal.protocol() == QAbstractSocket::IPv6Protocol) {
        m_connectRequest += IPv6;
        const Q_IPV6ADDR address = literal.toIPv6Address();
        m_connectRequest.append(reinterpret_cast<const char *>(address.c), 16);
    } else {
        // The proxy resolves the name: the client may not be able to.
        const QByteArray name = QUrl::toAce(host);
        if (name.isEmpty() || name.size() > 255) {
            fail(ErrorCode::InvalidArgument,
                 QStringLiteral("the host name \"%1\" cannot be sent (empty, invalid or longer "
                                "than 255 bytes)")
                     .arg(host));
            return;
        }
        m_connectRequest += DomainName;
        m_connectRequest += char(name.size());
        m_connectRequest += name;
    }
    appendPort(m_connectRequest, port);

    if (m_user.isEmpty())
        send(bytes({Version, 1, NoAuthentication}));
    else
        send(bytes({Version, 2, NoAuthentication, UserPassword}));
}

qsizetype Socks5Handshake::feed(QByteArrayView input)
{
    qsizetype used = 0;
    while (status() == Status::NeedMore && used < input.size()) {
        // The size wanted before the bytes arrive: replySize() grows with
        // m_reply (VER REP, then the head, then the bound address), so asking
        // it again after the append would skip a step.
        const qsizetype wanted = replySize();
        const qsizetype take = qMin(wanted - m_reply.size(), input.size() - used);
        m_reply.append(input.sliced(used, take));
        used += take;
        if (m_reply.size() == wanted)
            onReply();
    }
    return used;
}

qsizetype Socks5Handshake::replySize() const
{
    if (m_stage != Stage::Connect)
        return 2;
    if (m_reply.size() < 2)
        return 2; // VER REP: a refusal is known from here on
    if (m_connectReplySize == 0)
        return ReplyHead; // the address type and a domain name's length tell the rest
    return m_connectReplySize;
}

void Socks5Handshake::onReply()
{
    switch (m_stage) {
    case Stage::Method: onMethodReply(); break;
    case Stage::Authentication: onAuthenticationReply(); break;
    case Stage::Connect: onConnectReply(); break;
    }
}

void Socks5Handshake::onMethodReply()
{
    if (m_reply.at(0) != Version) {
        fail(ErrorCode::ProxyProtocolError,
             QStringLiteral("the answer is not SOCKS5 (version byte %1)")
                 .arg(quint8(m_reply.at(0))));
        return;
    }
    const char method = m_reply.at(1);
    m_reply.clear();
    if (method == NoAuthentication) {
        m_stage = Stage::Connect;
        send(m_connectRequest);
    } else if (method == UserPassword && !m_user.isEmpty()) {
        m_stage = Stage::Authentication;
        QByteArray request = bytes({AuthenticationVersion, char(m_user.size())});
        request += m_user;
        request += char(m_password.size());
        request += m_password;
        send(request);
    } else if (method == NoAcceptableMethod) {
        fail(ErrorCode::ProxyAuthenticationRequired,
             m_user.isEmpty()
                 ? QStringLiteral("authentication required (no user name and password set)")
                 : QStringLiteral("accepts none of the offered authentication methods"));
    } else {
        fail(ErrorCode::ProxyProtocolError,
             QStringLiteral("chose authentication method %1, which was not offered")
                 .arg(quint8(method)));
    }
}

void Socks5Handshake::onAuthenticationReply()
{
    const char status = m_reply.at(1);
    m_reply.clear();
    if (status != 0) {
        fail(ErrorCode::ProxyAuthenticationRequired,
             QStringLiteral("refused the user name and password (status %1)").arg(quint8(status)));
        return;
    }
    m_stage = Stage::Connect;
    send(m_connectRequest);
}

void Socks5Handshake::onConnectReply()
{
    if (m_reply.at(0) != Version) {
        fail(ErrorCode::ProxyProtocolError,
             QStringLiteral("the answer is not SOCKS5 (version byte %1)")
                 .arg(quint8(m_reply.at(0))));
        return;
    }
    const int reply = quint8(m_reply.at(1));
    if (reply != 0) {
        const QString text
            = QStringLiteral("%1 (SOCKS5 reply %2)").arg(replyText(reply)).arg(reply);
        switch (reply) {
        case 2:
        case 7:
        case 8: fail(ErrorCode::ProxyConnectionRefused, text); return;
        case 3: failForTarget(ErrorCode::ConnectionError, text, ENETUNREACH); return;
        case 4: failForTarget(ErrorCode::ConnectionError, text, EHOSTUNREACH); return;
        case 5: failForTarget(ErrorCode::ConnectionRefused, text, ECONNREFUSED); return;
        case 6: failForTarget(ErrorCode::Timeout, text, ETIMEDOUT); return;
        case 1: failForTarget(ErrorCode::ConnectionError, text); return;
        default: fail(ErrorCode::ProxyProtocolError, text); return;
        }
    }
    if (m_reply.size() == ReplyHead) {
        switch (m_reply.at(3)) {
        case IPv4: m_connectReplySize = 4 + 4 + 2; break;
        case IPv6: m_connectReplySize = 4 + 16 + 2; break;
        case DomainName: m_connectReplySize = ReplyHead + quint8(m_reply.at(4)) + 2; break;
        default:
            fail(ErrorCode::ProxyProtocolError,
                 QStringLiteral("unknown address type %1 in the reply").arg(quint8(m_reply.at(3))));
            return;
        }
        if (m_reply.size() < m_connectReplySize)
            return; // the rest of the bound address
    }
    if (m_reply.size() == m_connectReplySize)
        succeed();
}

} // namespace EasyNet
