#include <EasyNet/ipv6socketaddress.h>

#include "socketaddressparsing_p.h"

#include <QtCore/QHashFunctions>
#include <QtNetwork/QNetworkInterface>

namespace EasyNet {

namespace {

// A scope as written after '%': a number, or the name of an existing interface.
std::optional<quint32> parseScope(QStringView scope)
{
    if (scope.isEmpty())
        return std::nullopt;
    if (const auto number = SocketAddressParsing::parseDecimal(scope, 10, 0xffffffffu))
        return number;
    for (QChar c : scope) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == QLatin1Char('%'))
            return std::nullopt;
    }
    const int index = QNetworkInterface::interfaceIndexFromName(scope.toString());
    if (index <= 0)
        return std::nullopt;
    return quint32(index);
}

} // namespace

IPv6SocketAddress::IPv6SocketAddress(const QHostAddress &host, quint16 port, quint32 flowInfo,
                                     quint32 scopeId)
{
    if (host.protocol() != QAbstractSocket::IPv6Protocol)
        return;
    m_host = host;
    m_port = port;
    m_flowInfo = flowInfo;
    m_scopeId = scopeId;
    const QString hostScope = host.scopeId();
    if (!hostScope.isEmpty()) {
        if (m_scopeId == 0)
            m_scopeId = parseScope(hostScope).value_or(0);
        m_host.setScopeId(QString());
    }
}

QString IPv6SocketAddress::toString() const
{
    if (isNull())
        return QString();
    QString text = QLatin1Char('[') + m_host.toString();
    if (m_scopeId != 0)
        text += QLatin1Char('%') + QString::number(m_scopeId);
    return text + QStringLiteral("]:") + QString::number(m_port);
}

IPv6SocketAddress IPv6SocketAddress::fromString(QStringView text, bool *ok)
{
    if (ok)
        *ok = false;
    if (!text.startsWith(QLatin1Char('[')))
        return {};
    const qsizetype close = text.indexOf(QStringLiteral("]:"));
    if (close < 0)
        return {};
    const auto port = SocketAddressParsing::parsePort(text.sliced(close + 2));
    if (!port)
        return {};

    QStringView host = text.sliced(1, close - 1);
    quint32 scopeId = 0;
    if (const qsizetype percent = host.indexOf(QLatin1Char('%')); percent >= 0) {
        const auto scope = parseScope(host.sliced(percent + 1));
        if (!scope)
            return {};
        scopeId = *scope;
        host = host.first(percent);
    }
    // QHostAddress is lenient (it trims spaces, takes IPv4 too): allow only what an
    // IPv6 address is made of, and check that it is one.
    if (host.isEmpty())
        return {};
    for (QChar c : host) {
        if (!(c.isDigit() && c.unicode() < 0x80) && c != QLatin1Char(':') && c != QLatin1Char('.')
            && !(c >= QLatin1Char('a') && c <= QLatin1Char('f'))
            && !(c >= QLatin1Char('A') && c <= QLatin1Char('F')))
            return {};
    }
    QHostAddress address;
    if (!address.setAddress(host.toString())
        || address.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    if (ok)
        *ok = true;
    return IPv6SocketAddress(address, *port, 0, scopeId);
}

size_t qHash(const IPv6SocketAddress &address, size_t seed) noexcept
{
    return qHashMulti(seed, address.host(), address.port(), address.flowInfo(),
                      address.scopeId());
}

QDebug operator<<(QDebug debug, const IPv6SocketAddress &address)
{
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "EasyNet::IPv6SocketAddress(";
    if (address.isNull()) {
        debug << "null";
    } else {
        debug << address.toString();
        if (address.flowInfo() != 0)
            debug << ", flowInfo " << address.flowInfo();
    }
    debug << ')';
    return debug;
}

} // namespace EasyNet
