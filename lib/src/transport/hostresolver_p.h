// HostResolver: host name or literal -> the addresses to connect to, with the
// family filter, in Happy Eyeballs order (RFC 8305 section 4). The only place
// that turns a resolver answer into addresses or an Error, for the blocking
// clients (synchronous resolve()) and the event-driven ones (they run
// QHostInfo::lookupHost() themselves and pass the answer to fromLookup()).
#pragma once

#include <EasyNet/errors.h>

#include <QtCore/QList>
#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>

QT_FORWARD_DECLARE_CLASS(QHostInfo)

namespace EasyNet {

class HostResolver
{
public:
    struct Result
    {
        QList<QHostAddress> addresses; // never empty when error is NoError
        Error error;
    };

    // The address of a literal host ("127.0.0.1", "::1"); null for a name.
    static QHostAddress literal(const QString &host);
    // Resolves host synchronously (a literal without asking the resolver).
    static Result resolve(const QString &host,
                          QAbstractSocket::NetworkLayerProtocol family
                          = QAbstractSocket::AnyIPProtocol);
    // The result for an answer of QHostInfo::lookupHost() / fromName() about host.
    static Result fromLookup(const QString &host, const QHostInfo &info,
                             QAbstractSocket::NetworkLayerProtocol family
                             = QAbstractSocket::AnyIPProtocol);
    // Keeps the addresses of family (all for AnyIPProtocol), interleaved.
    // Errors: OSError EAFNOSUPPORT when none is of the family (or addresses is empty).
    static Result filter(const QString &host, const QList<QHostAddress> &addresses,
                         QAbstractSocket::NetworkLayerProtocol family);
};

} // namespace EasyNet
