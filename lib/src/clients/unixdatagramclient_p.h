#pragma once

#include "abstractunixclient_p.h"

#include "endpoint/datagramendpoint_p.h"

#include <EasyNet/unixdatagramclient.h>

namespace EasyNet {

class UnixDatagramClientPrivate final : public AbstractUnixClientPrivate
{
public:
    UnixDatagramClientPrivate();

    Error checkReadyToOpen() const override;
    QByteArray serializePacket(const QVariant &packet) override;
    bool coalescesWrites() const override { return false; } // a datagram per packet
    ReadResult readPacket(QVariant &packet, Error &error, const ReadRequest &request) override;
    void onSocketConnected() override;

    DatagramProtocol protocol;
    std::optional<DatagramEndpoint> endpoint; // once connected
};

} // namespace EasyNet
