#include "packetlogentry.h"

#include "packetformat.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace EasyNetConsole {

QString PacketLogEntry::valueText() const
{
    if (isParseError || direction == Direction::Event)
        return message;
    return PacketFormat::toJsonText(value);
}

QString PacketLogEntry::directionName(Direction direction)
{
    switch (direction) {
    case Direction::Sent: return QStringLiteral("sent");
    case Direction::Received: return QStringLiteral("received");
    case Direction::Event: return QStringLiteral("event");
    }
    return {};
}

QByteArray PacketLogEntry::toJsonLine() const
{
    QJsonObject object {
        {QStringLiteral("time"), time.toString(Qt::ISODateWithMs)},
        {QStringLiteral("direction"), directionName(direction)},
    };
    if (!peer.isEmpty())
        object.insert(QStringLiteral("peer"), peer);
    if (direction != Direction::Event) {
        object.insert(QStringLiteral("size"), size());
        object.insert(QStringLiteral("raw"), QString::fromLatin1(raw.toBase64()));
    }
    if (!message.isEmpty())
        object.insert(QStringLiteral("message"), message);
    if (isError)
        object.insert(QStringLiteral("error"), true);
    if (isParseError)
        object.insert(QStringLiteral("parseError"),
                      QJsonObject {{QStringLiteral("offset"), errorOffset},
                                   {QStringLiteral("size"), errorSize},
                                   {QStringLiteral("streamWentOn"), streamWentOn}});
    if (!descriptors.isEmpty())
        object.insert(QStringLiteral("descriptors"), QJsonArray::fromStringList(descriptors));
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (direction != Direction::Event && !isParseError) {
        // Written by hand, as a QJsonObject would sort the keys of a map.
        line.chop(1); // "}"
        line += ",\"value\":" + PacketFormat::toJsonText(value).toUtf8() + '}';
    }
    return line;
}

} // namespace EasyNetConsole
