// packetToCborValue(): a packet of the value model as a QCborValue, for the keys
// and values of maps with non-string keys (kept as a QCborMap by the decoders).
#pragma once

#include <QtCore/QCborValue>
#include <QtCore/QVariant>

namespace EasyNet {

// quint64 above INT64_MAX becomes a double (QCborValue holds no larger integer).
QCborValue packetToCborValue(const QVariant &packet);

} // namespace EasyNet
