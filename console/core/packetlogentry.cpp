#include "packetlogentry.h"

#include "packetformat.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
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

std::optional<PacketLogEntry> PacketLogEntry::fromJsonLine(QByteArrayView line, QString *error)
{
    const auto fail = [error](const QString &why) {
        *error = why;
        return std::nullopt;
    };
    EasyNet::ParseError parseError;
    // Ordered, so that the value's keys stay in the order they were written.
    const QVariant parsed
        = EasyNet::JsonSerializer::fromJson(line, parseError, EasyNet::MapForm::OrderedCborMap);
    if (parseError.isError())
        return fail(tr("not JSON: %1").arg(parseError.message()));
    if (parsed.typeId() != qMetaTypeId<QCborMap>())
        return fail(tr("not a JSON object"));
    const QCborMap object = parsed.value<QCborMap>();
    const auto member = [&object](const char *key) { return object.value(QLatin1String(key)); };

    PacketLogEntry entry;
    entry.time = QDateTime::fromString(member("time").toString(), Qt::ISODateWithMs);
    if (!entry.time.isValid())
        return fail(tr("\"time\" is not an ISO 8601 date and time"));
    const QString direction = member("direction").toString();
    if (direction == directionName(Direction::Sent))
        entry.direction = Direction::Sent;
    else if (direction == directionName(Direction::Received))
        entry.direction = Direction::Received;
    else if (direction == directionName(Direction::Event))
        entry.direction = Direction::Event;
    else
        return fail(tr("\"direction\" is not sent, received or event"));
    entry.peer = member("peer").toString();
    entry.message = member("message").toString();
    entry.isError = member("error").toBool();
    if (entry.direction != Direction::Event) {
        const auto raw = QByteArray::fromBase64Encoding(member("raw").toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
        if (!member("raw").isString() || !raw)
            return fail(tr("\"raw\" is not Base64"));
        entry.raw = *raw;
        if (const QCborValue size = member("size");
            !size.isUndefined() && (!size.isInteger() || size.toInteger() != entry.size()))
            return fail(
                tr("\"size\" is %1, but \"raw\" holds %n byte(s)", nullptr, int(entry.size()))
                    .arg(size.toInteger()));
    }
    if (const QCborValue parse = member("parseError"); parse.isMap()) {
        entry.isParseError = true;
        entry.errorOffset = parse[QLatin1String("offset")].toInteger(-1);
        entry.errorSize = parse[QLatin1String("size")].toInteger();
        entry.streamWentOn = parse[QLatin1String("streamWentOn")].toBool();
    }
    for (const QCborValue descriptor : member("descriptors").toArray())
        entry.descriptors.append(descriptor.toString());
    if (entry.direction != Direction::Event && !entry.isParseError)
        entry.value = PacketFormat::fromCbor(member("value"));
    return entry;
}

} // namespace EasyNetConsole
