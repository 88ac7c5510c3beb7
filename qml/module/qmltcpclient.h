// TcpClient in QML: an EasyNet::TcpClient (a fresh one per activation) with
// host, port and the grouped tls { ... } (QmlTlsOptions) and proxy { ... }
// (QmlProxyOptions) options.
#pragma once

#include "qmlabstractclient.h"
#include "qmlproxyoptions.h"
#include "qmltlsoptions.h"

namespace EasyNetQml {

class QmlTcpClient : public QmlAbstractClient
{
    Q_OBJECT
    QML_NAMED_ELEMENT(TcpClient)
    Q_PROPERTY(QString host READ host WRITE setHost NOTIFY optionsChanged)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY optionsChanged)
    Q_PROPERTY(EasyNetQml::QmlTlsOptions *tls READ tls CONSTANT)
    Q_PROPERTY(EasyNetQml::QmlProxyOptions *proxy READ proxy CONSTANT)

public:
    explicit QmlTcpClient(QObject *parent = nullptr);

    QString host() const { return m_host; }
    void setHost(const QString &host) { setOption(m_host, host); }
    int port() const { return m_port; }
    void setPort(int port) { setOption(m_port, port); }
    QmlTlsOptions *tls() const { return m_tls; }
    QmlProxyOptions *proxy() const { return m_proxy; }

protected:
    EasyNet::AbstractClient *createClient() override;

private:
    QString m_host = QStringLiteral("localhost");
    int m_port = 0;
    QmlTlsOptions *m_tls;
    QmlProxyOptions *m_proxy;
};

} // namespace EasyNetQml
