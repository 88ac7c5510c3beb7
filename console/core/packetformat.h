// PacketFormat: how the console shows packets and bytes as text: a decoded
// value as JSON (byte strings as Base64, as the --cli output and the session
// export write them; maps in their own order, so that an ordered map, a
// QCborMap, shows its keys as typed or as they came), bytes as hex
// ("7b 22 61 22") and as printable text with escapes ("{\"a\":1}\n" -> {"a":1}\n),
// and a value's readable type name and members, for a tree of it.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QCborValue>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QVariant>

#include <optional>
#include <utility>

namespace EasyNetConsole::PacketFormat {

// The members of a map (QVariantMap, QVariantHash, QCborMap, a QCborValue
// holding one) or of a list (QVariantList, QCborArray, any iterable sequence),
// in the container's order: a QCborMap's as it was built (typed or received),
// a QVariantMap's sorted. Map keys as text (a non-text key as its JSON text),
// list items keyed by their index.
struct Members
{
    bool isMap = false;
    QList<std::pair<QString, QVariant>> entries;
};
// The members, or nothing for a scalar (bytes and strings included).
std::optional<Members> members(const QVariant &value);

// A QCborValue as the value model holds it, containers kept as QCborMap and
// QCborArray (QCborValue::toVariant() would sort a map).
QVariant fromCbor(const QCborValue &value);
// The value as compact JSON text on one line: maps (in their order), lists,
// strings, numbers, booleans, null; byte strings as Base64 strings; other
// values through their string form.
QString toJsonText(const QVariant &value);
// A readable, translated name of the value's type: object, array, text,
// integer, number, bytes, boolean, null (the C++ type name for anything else).
QString typeName(const QVariant &value);
// Lower-case hex bytes separated by spaces.
QString toHex(const QByteArray &bytes);
// Printable ASCII as is, "\n", "\r", "\t", "\\" and every other byte as "\xHH":
// the form Composer's text mode reads back.
QString toEscapedText(const QByteArray &bytes);

} // namespace EasyNetConsole::PacketFormat
