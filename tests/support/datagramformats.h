// Every datagram-capable format with a packet of its kind: what the DTLS
// tests send 10 000 times through each peer.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>

#include <QtCore/QList>
#include <QtCore/QVariant>

#include <functional>
#include <memory>

namespace EasyNetTest {

struct DatagramFormat
{
    const char *name;
    std::shared_ptr<EasyNet::AbstractIncrementalPacketSerializer> serializer;
    std::function<QVariant(int)> packetOf; // packet number i in this format
};

QList<DatagramFormat> datagramFormats();

} // namespace EasyNetTest
