// packetToCborValue(): a packet of the value model as a QCborValue, for the keys
// and values of the maps the decoders keep as a QCborMap (non-string keys, or
// MapForm::OrderedCborMap).
#pragma once

#include <EasyNet/mapform.h>

#include <QtCore/QCborValue>
#include <QtCore/QList>
#include <QtCore/QVariant>

#include <utility>

namespace EasyNet {

// quint64 above INT64_MAX becomes a double (QCborValue holds no larger integer).
QCborValue packetToCborValue(const QVariant &packet);

// The packet of a decoded map in the given form (see mapform.h): with
// MapForm::VariantMap a QVariantMap when every key is a string, else (and always
// with MapForm::OrderedCborMap) a QCborMap holding every entry as it came.
QVariant packetFromMapEntries(const QList<std::pair<QVariant, QVariant>> &entries, MapForm form);

} // namespace EasyNet
