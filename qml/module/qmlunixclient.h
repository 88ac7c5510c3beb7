// QmlUnixClient: what UnixStreamClient and UnixDatagramClient add in QML:
// address ("/path" or "@abstract"), passCredentials, sendWithFiles(value,
// [paths]) passing the opened files' descriptors with the packet, and
// receivedCredentials ({pid, uid, gid} of the sender of the packet being
// delivered, or null), set before each packetReceived.
#pragma once

#include "qmlabstractclient.h"

#include <EasyNet/socketancillary.h>
#include <EasyNet/unixsocketaddress.h>

namespace EasyNetQml {

class QmlUnixClient : public QmlAbstractClient
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(QString address READ address WRITE setAddress NOTIFY optionsChanged)
    Q_PROPERTY(
        bool passCredentials READ passCredentials WRITE setPassCredentials NOTIFY optionsChanged)
    Q_PROPERTY(
        QVariant receivedCredentials READ receivedCredentials NOTIFY receivedCredentialsChanged)

public:
    QString address() const { return m_address; }
    void setAddress(const QString &address) { setOption(m_address, address); }
    bool passCredentials() const { return m_passCredentials; }
    void setPassCredentials(bool enabled) { setOption(m_passCredentials, enabled); }
    QVariant receivedCredentials() const { return m_receivedCredentials; }

    // Sends value with the descriptors of the files at paths (opened read-only,
    // closed once sent). Returns whether it was queued.
    Q_INVOKABLE bool sendWithFiles(const QJSValue &value, const QStringList &paths);

Q_SIGNALS:
    void receivedCredentialsChanged();

protected:
    explicit QmlUnixClient(QObject *parent);

    // Applies address and passCredentials to a new client of either kind, and
    // takes its sendPacket() and recvPacket() with ancillary data.
    template<typename Client>
    Client *configured(Client *client)
    {
        client->setAddress(EasyNet::UnixSocketAddress::fromString(m_address));
        client->setPassCredentials(m_passCredentials);
        m_sendPacket = [](EasyNet::AbstractClient &base, const QVariant &packet,
                          const EasyNet::SocketAncillary &ancillary) {
            return static_cast<Client &>(base).sendPacket(packet, ancillary);
        };
        m_receivePacket
            = [](EasyNet::AbstractClient &base, const EasyNet::SocketAncillary &ancillary) {
                  return static_cast<Client &>(base).recvPacket(ancillary);
              };
        return client;
    }

    QFuture<QVariant> receive(EasyNet::AbstractClient &client) override;
    void packetArriving() override;

private:
    QString m_address;
    bool m_passCredentials = false;
    QVariant m_receivedCredentials;
    QFuture<void> (*m_sendPacket)(EasyNet::AbstractClient &, const QVariant &,
                                  const EasyNet::SocketAncillary &)
        = nullptr;
    QFuture<QVariant> (*m_receivePacket)(EasyNet::AbstractClient &,
                                         const EasyNet::SocketAncillary &)
        = nullptr;
    // Shared with the receive in progress: it fills this one.
    EasyNet::SocketAncillary m_received;
};

} // namespace EasyNetQml
