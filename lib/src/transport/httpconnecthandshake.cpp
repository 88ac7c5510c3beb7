#include "transport/httpconnecthandshake_p.h"

#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>

#include <cerrno>

namespace EasyNet {

namespace {

constexpr QByteArrayView StatusPrefix = "HTTP/";

} // namespace

HttpConnectHandshake::HttpConnectHandshake(const QNetworkProxy &proxy, const QString &host,
                                           quint16 port)
    : ProxyHandshake(QStringLiteral("HTTP proxy %1:%2").arg(proxy.hostName()).arg(proxy.port()))
{
    const QHostAddress literal(host);
    const QByteArray name = literal.protocol() == QAbstractSocket::IPv6Protocol
        ? '[' + literal.toString().toLatin1() + ']'
        : QUrl::toAce(host);
    if (name.isEmpty() || name.contains('\r') || name.contains('\n') || name.contains(' ')) {
        fail(ErrorCode::InvalidArgument,
             QStringLiteral("the host name \"%1\" cannot be sent").arg(host));
        return;
    }
    const QByteArray authority = name + ':' + QByteArray::number(port);
    QByteArray request = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    if (!proxy.user().isEmpty()) {
        m_sentCredentials = true;
        request += "Proxy-Authorization: Basic "
            + (proxy.user() + u':' + proxy.password()).toUtf8().toBase64() + "\r\n";
    }
    send(request + "\r\n");
}

qsizetype HttpConnectHandshake::feed(QByteArrayView input)
{
    qsizetype used = 0;
    while (status() == Status::NeedMore && used < input.size()) {
        m_header += input.at(used++);
        const qsizetype known = qMin(m_header.size(), StatusPrefix.size());
        if (QByteArrayView(m_header).first(known) != StatusPrefix.first(known)) {
            fail(ErrorCode::ProxyProtocolError,
                 QStringLiteral("the answer is not HTTP (it starts with %1)")
                     .arg(QString::fromLatin1(m_header.toPercentEncoding())));
            break;
        }
        if (m_header.endsWith("\r\n\r\n") || m_header.endsWith("\n\n"))
            onHeader();
        else if (m_header.size() >= MaxHeaderSize)
            fail(ErrorCode::ProxyProtocolError,
                 QStringLiteral("the answer's header is longer than %1 bytes").arg(MaxHeaderSize));
    }
    return used;
}

void HttpConnectHandshake::onHeader()
{
    // "HTTP/1.1 200 Connection established"
    const QByteArray statusLine = m_header.left(m_header.indexOf('\n')).trimmed();
    const QList<QByteArray> parts = statusLine.split(' ');
    bool isNumber = false;
    const int code = parts.size() >= 2 ? parts.at(1).toInt(&isNumber) : 0;
    if (!isNumber || code < 100 || code > 599) {
        fail(ErrorCode::ProxyProtocolError,
             QStringLiteral("no status in \"%1\"").arg(QString::fromLatin1(statusLine)));
        return;
    }
    if (code < 200) {
        // An interim answer (100 Continue, 102 Processing): the final one
        // follows, and a client must read past it (RFC 9110 15.2).
        m_header.clear();
        return;
    }
    const QString answer = QStringLiteral("\"%1\"").arg(QString::fromLatin1(statusLine));
    if (code < 300)
        succeed();
    else if (code == 407 || code == 401) // tinyproxy refuses credentials with 401
        fail(ErrorCode::ProxyAuthenticationRequired,
             (m_sentCredentials ? QStringLiteral("refused the user name and password: ")
                                : QStringLiteral("authentication required: "))
                 + answer);
    else if (code == 504)
        failForTarget(ErrorCode::Timeout, QStringLiteral("the target did not answer: ") + answer,
                      ETIMEDOUT);
    else if (code >= 500)
        failForTarget(ErrorCode::ConnectionError,
                      QStringLiteral("could not reach the target: ") + answer);
    else
        fail(ErrorCode::ProxyConnectionRefused, QStringLiteral("refused the tunnel: ") + answer);
}

} // namespace EasyNet
