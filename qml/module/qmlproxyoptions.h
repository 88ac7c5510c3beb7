// QmlProxyOptions: TcpClient's grouped property proxy { ... }, named
// NetworkProxy in QML for its enum (not "Proxy": JavaScript's global Proxy
// would hide it), and not creatable on its own:
//   type      NetworkProxy.System (default: the application's proxy, as
//             QTcpSocket's DefaultProxy), NetworkProxy.None (direct),
//             NetworkProxy.Socks5 or NetworkProxy.Http (HTTP CONNECT)
//   host, port  the proxy; needed by Socks5 and Http (port 1-65535)
//   user, password  credentials, if the proxy wants them
#pragma once

#include <QtCore/QObject>
#include <QtNetwork/QNetworkProxy>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace EasyNetQml {

class QmlProxyOptions : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(NetworkProxy)
    QML_UNCREATABLE("NetworkProxy is TcpClient's grouped property proxy { ... }")
    Q_PROPERTY(Type type MEMBER m_type NOTIFY changed)
    Q_PROPERTY(QString host MEMBER m_host NOTIFY changed)
    Q_PROPERTY(int port MEMBER m_port NOTIFY changed)
    Q_PROPERTY(QString user MEMBER m_user NOTIFY changed)
    Q_PROPERTY(QString password MEMBER m_password NOTIFY changed)

public:
    enum Type { None, System, Socks5, Http };
    Q_ENUM(Type)

    explicit QmlProxyOptions(QObject *parent = nullptr);

    // The proxy of these options, or nullopt with *error set when Socks5 or
    // Http lacks a host or a valid port.
    std::optional<QNetworkProxy> proxy(QString *error) const;

Q_SIGNALS:
    void changed();

private:
    Type m_type = System;
    QString m_host;
    int m_port = 0;
    QString m_user;
    QString m_password;
};

} // namespace EasyNetQml
