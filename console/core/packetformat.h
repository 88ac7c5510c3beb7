// PacketFormat: how the console shows packets and bytes as text: a decoded
// value as JSON (byte strings as Base64, as the --cli output and the session
// export write them), bytes as hex ("7b 22 61 22") and as printable text with
// escapes ("{\"a\":1}\n" -> {"a":1}\n).
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonValue>
#include <QtCore/QString>
#include <QtCore/QVariant>

namespace EasyNetConsole::PacketFormat {

// The value as JSON: maps, lists, strings, numbers, booleans, null; byte
// strings as Base64 strings; other values through their string form.
QJsonValue toJson(const QVariant &value);
// toJson() written compactly, on one line.
QString toJsonText(const QVariant &value);
// Lower-case hex bytes separated by spaces.
QString toHex(const QByteArray &bytes);
// Printable ASCII as is, "\n", "\r", "\t", "\\" and every other byte as "\xHH":
// the form Composer's text mode reads back.
QString toEscapedText(const QByteArray &bytes);

} // namespace EasyNetConsole::PacketFormat
