// Out-of-line destructors anchor the vtables of the abstract protocol classes.
#include <EasyNet/abstractpacketconverter.h>
#include <EasyNet/abstractpacketserializer.h>

namespace EasyNet {

AbstractPacketSerializer::~AbstractPacketSerializer() = default;
AbstractPacketConverter::~AbstractPacketConverter() = default;

} // namespace EasyNet
