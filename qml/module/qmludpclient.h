// UdpClient in QML: an EasyNet::UdpClient (a fresh one per activation) with
// host, port and the grouped tls { ... } (QmlTlsOptions: DTLS); each packet
// is one datagram.
#pragma once

#include "qmlabstractclient.h"
#include "qmltlsoptions.h"

namespace EasyNetQml {

class QmlUdpClient : public QmlAbstractClient
{
    Q_OBJECT
    QML_NAMED_ELEMENT(UdpClient)
    Q_PROPERTY(QString host READ host WRITE setHost NOTIFY optionsChanged)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY optionsChanged)
    Q_PROPERTY(EasyNetQml::QmlTlsOptions *tls READ tls CONSTANT)

public:
    explicit QmlUdpClient(QObject *parent = nullptr);

    QString host() const { return m_host; }
    void setHost(const QString &host) { setOption(m_host, host); }
    int port() const { return m_port; }
    void setPort(int port) { setOption(m_port, port); }
    QmlTlsOptions *tls() const { return m_tls; }

protected:
    EasyNet::AbstractClient *createClient() override;

private:
    QString m_host = QStringLiteral("localhost");
    int m_port = 0;
    QmlTlsOptions *m_tls;
};

} // namespace EasyNetQml
