// Out-of-line destructors anchor the vtables of the abstract protocol classes.
#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/abstractpacketconverter.h>
#include <EasyNet/abstractpacketserializer.h>

namespace EasyNet {

AbstractPacketSerializer::~AbstractPacketSerializer() = default;
AbstractPacketConverter::~AbstractPacketConverter() = default;

void AbstractIncrementalPacketSerializer::incrementalSerializeTo(const QVariant &packet,
                                                                 QByteArray &out) const
{
    out.append(incrementalSerialize(packet));
}

} // namespace EasyNet
