// packetToCborValue(): a packet of the value model as a QCborValue, for the keys
// and values of maps with non-string keys (kept as a QCborMap by the decoders).
#pragma once

#include <QtCore/QCborValue>
#include <QtCore/QList>
#include <QtCore/QVariant>

#include <utility>

namespace EasyNet {

// quint64 above INT64_MAX becomes a double (QCborValue holds no larger integer).
QCborValue packetToCborValue(const QVariant &packet);

// The packet of a decoded map: a QVariantMap when every key is a string, else
// a QCborMap holding the keys and values as they came.
QVariant packetFromMapEntries(const QList<std::pair<QVariant, QVariant>> &entries);

} // namespace EasyNet
