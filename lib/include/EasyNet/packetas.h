/// \file
/// packetAs() and takePacketAs(): a received packet as the application type
/// the protocol's converter makes, e.g. the gadget of a GadgetConverter<T>
/// (whose packets are all Ts):
/// \code
///   connect(&client, &TcpClient::packetReceived, this, [](const QVariant &packet) {
///       if (const std::optional<Point> point = EasyNet::packetAs<Point>(packet))
///           qDebug() << point->x;
///   });
///   const Point point = co_await EasyNet::await(client.recvPacketAs<Point>());
/// \endcode
#pragma once

#include <EasyNet/exceptions.h>

#include <QtCore/QMetaType>
#include <QtCore/QVariant>

#include <optional>

namespace EasyNet {

/// The T that packet holds, or nullopt when it holds another type.
template<typename T>
std::optional<T> packetAs(const QVariant &packet)
{
    if (packet.metaType() != QMetaType::fromType<T>())
        return std::nullopt;
    return *static_cast<const T *>(packet.constData());
}

/// The T that packet holds, moved out of it. Throws ValueError
/// (ErrorCode::InvalidArgument) when it holds another type: the protocol has
/// no converter that makes Ts.
template<typename T>
T takePacketAs(QVariant &&packet)
{
    if (packet.metaType() != QMetaType::fromType<T>()) {
        throw ValueError(Error(ErrorCode::InvalidArgument,
                               QStringLiteral("the packet is a %1, not a %2: the protocol's "
                                              "converter does not make %2 packets")
                                   .arg(QLatin1StringView(packet.metaType().name()),
                                        QLatin1StringView(QMetaType::fromType<T>().name()))));
    }
    return std::move(*static_cast<T *>(packet.data()));
}

} // namespace EasyNet
