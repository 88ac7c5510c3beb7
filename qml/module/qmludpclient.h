// UdpClient in QML: an EasyNet::UdpClient (a fresh one per activation) with
// host and port; each packet is one datagram.
#pragma once

#include "qmlabstractclient.h"

namespace EasyNetQml {

class QmlUdpClient : public QmlAbstractClient
{
    Q_OBJECT
    QML_NAMED_ELEMENT(UdpClient)
    Q_PROPERTY(QString host READ host WRITE setHost NOTIFY optionsChanged)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY optionsChanged)

public:
    explicit QmlUdpClient(QObject *parent = nullptr);

    QString host() const { return m_host; }
    void setHost(const QString &host) { setOption(m_host, host); }
    int port() const { return m_port; }
    void setPort(int port) { setOption(m_port, port); }

protected:
    EasyNet::AbstractClient *createClient() override;

private:
    QString m_host = QStringLiteral("localhost");
    int m_port = 0;
};

} // namespace EasyNetQml
