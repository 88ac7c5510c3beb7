// Out-of-line destructors anchor the vtables of the abstract protocol classes;
// the defaults of their optional virtual functions.
#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/abstractpacketconverter.h>
#include <EasyNet/abstractpacketserializer.h>

namespace EasyNet {

AbstractPacketSerializer::~AbstractPacketSerializer() = default;
AbstractPacketConverter::~AbstractPacketConverter() = default;

QMetaType AbstractPacketConverter::gadgetType() const
{
    return {};
}

bool AbstractPacketSerializer::writesGadgets() const
{
    return false;
}

std::unique_ptr<StreamDecoder>
AbstractIncrementalPacketSerializer::createGadgetDecoder(QMetaType, qsizetype) const
{
    return nullptr;
}

void AbstractIncrementalPacketSerializer::incrementalSerializeTo(const QVariant &packet,
                                                                 QByteArray &out) const
{
    out.append(incrementalSerialize(packet));
}

} // namespace EasyNet
