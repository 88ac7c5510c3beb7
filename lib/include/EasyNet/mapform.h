/// \file
/// EasyNet::MapForm: how the map-capable serializers (JsonSerializer,
/// CborSerializer, MsgPackSerializer) give the maps (JSON objects) they read.
#pragma once

#include <EasyNet/easynetglobal.h>

namespace EasyNet {

/// The form of a decoded map; the writers take both forms whatever is chosen.
///
/// The trade-off: a QVariantMap is the handiest value in Qt (value.toMap()["key"],
/// QML objects), but it sorts its keys and holds one value per key, so the order
/// the peer sent and any repeated key are lost, and writing the packet again does
/// not give the peer's bytes. A QCborMap keeps both, as the reference's dicts keep
/// their order, at the price of QCborValue lookups (map.value(u"key"_s)) and of
/// QCborValue's value model inside it.
enum class MapForm {
    /// A QVariantMap when every key is a string (keys sorted, a repeated key keeps
    /// its last value); a QCborMap when a key is not a string (CBOR). The default.
    VariantMap,
    /// Always a QCborMap: keys in the order they came, repeated keys kept, so that
    /// serializing the packet again writes the keys in the peer's order. Inside it
    /// everything is a QCborValue: nested maps are QCborMap, arrays QCborArray,
    /// null is QCborValue::Null, and integers above INT64_MAX become double
    /// (QCborValue holds no larger integer). Values outside any map (a top-level
    /// array, scalars) are as with VariantMap.
    OrderedCborMap,
};

} // namespace EasyNet
