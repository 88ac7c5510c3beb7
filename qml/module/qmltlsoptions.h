// QmlTlsOptions: the grouped property tls { ... } of TcpClient (TLS) and
// UdpClient (DTLS):
//   enabled        use TLS / DTLS (default false)
//   caCertificates PEM files (paths or file: URLs) trusted instead of the
//                  system CAs; empty: the system CAs
//   clientCertificate, privateKey  PEM files of a client certificate (then
//                  the intermediate CAs above it) and of its RSA, EC or DSA key
//   serverName     the name the certificate must match (default: host)
//   peerVerify     verify the peer's certificate (default true)
#pragma once

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtNetwork/QSslConfiguration>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace EasyNetQml {

class QmlTlsOptions : public QObject
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(bool enabled MEMBER m_enabled NOTIFY changed)
    Q_PROPERTY(QStringList caCertificates MEMBER m_caCertificates NOTIFY changed)
    Q_PROPERTY(QString clientCertificate MEMBER m_clientCertificate NOTIFY changed)
    Q_PROPERTY(QString privateKey MEMBER m_privateKey NOTIFY changed)
    Q_PROPERTY(QString serverName MEMBER m_serverName NOTIFY changed)
    Q_PROPERTY(bool peerVerify MEMBER m_peerVerify NOTIFY changed)

public:
    explicit QmlTlsOptions(QObject *parent = nullptr);

    bool isEnabled() const { return m_enabled; }
    QString serverName() const { return m_serverName; }
    // The configuration of these options, or nullopt with *error set when a
    // file cannot be read.
    std::optional<QSslConfiguration> configuration(QString *error) const;
    // Sets these options on client (an EasyNet TcpClient or UdpClient) when
    // enabled; false with *error set when a file cannot be read.
    template<typename Client>
    bool applyTo(Client &client, QString *error) const
    {
        if (!m_enabled)
            return true;
        const std::optional<QSslConfiguration> tls = configuration(error);
        if (!tls)
            return false;
        client.setSslConfiguration(*tls);
        if (!m_serverName.isEmpty())
            client.setServerHostname(m_serverName);
        return true;
    }

Q_SIGNALS:
    void changed();

private:
    bool m_enabled = false;
    QStringList m_caCertificates;
    QString m_clientCertificate;
    QString m_privateKey;
    QString m_serverName;
    bool m_peerVerify = true;
};

} // namespace EasyNetQml
