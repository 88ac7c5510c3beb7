#pragma once

#include "unixclient_p.h"

#include <EasyNet/unixstreamclient.h>

namespace EasyNet {

class UnixStreamClientPrivate final : public UnixClientPrivate
{
public:
    UnixStreamClientPrivate();

    Error checkReadyToOpen() const override;
    QByteArray serializePacket(const QVariant &packet) override;
    ReadResult readPacket(QVariant &packet, Error &error) override;

    void onSocketConnected() override;
    Error checkCanSend() const override;
    void onWriteQueueFlushed() override;
    void onAbort() override;

    void shutdownWriteSideIfFlushed();
    ReadResult endOfStream(Error &error);

    qsizetype maxRecvSize = UnixStreamClient::DefaultMaxRecvSize;
    qsizetype maxPacketSize = AbstractIncrementalPacketSerializer::DefaultMaxPacketSize;
    StreamProtocol protocol;
    std::optional<StreamReceiver> receiver;
    bool peerClosed = false;
    bool eofRequested = false;
    bool eofSent = false;
    std::deque<QPromise<void>> eofWaiters;
};

} // namespace EasyNet
