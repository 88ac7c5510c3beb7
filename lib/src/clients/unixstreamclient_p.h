#pragma once

#include "abstractunixclient_p.h"

#include "endpoint/streamendpoint_p.h"
#include "writeshutdown_p.h"

#include <EasyNet/unixstreamclient.h>

namespace EasyNet {

class UnixStreamClientPrivate final : public AbstractUnixClientPrivate
{
public:
    UnixStreamClientPrivate();

    Error checkReadyToOpen() const override;
    QByteArray serializePacket(const QVariant &packet) override;
    void appendPacket(const QVariant &packet, QByteArray &out) override;
    ReadResult readPacket(QVariant &packet, Error &error, const ReadRequest &request) override;
    qsizetype takeDecodedPackets(QVariantList &packets, qsizetype max) override
    {
        return endpoint->takeDecodedPackets(packets, max);
    }

    void onSocketConnected() override;
    std::optional<Error> checkCanSend() const override;
    void onWriteQueueFlushed() override;
    void onAbort() override;

    StreamProtocol protocol;
    std::optional<StreamEndpoint> endpoint;
    WriteShutdown writeShutdown {*this, &engine};
};

} // namespace EasyNet
