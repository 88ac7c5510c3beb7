#include "protocolsettings.h"

#include <EasyNet/base64serializer.h>
#include <EasyNet/cborserializer.h>
#include <EasyNet/datastreamserializer.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/lengthprefixedserializer.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/msgpackserializer.h>
#include <EasyNet/rawserializer.h>
#include <EasyNet/structserializer.h>
#include <EasyNet/zlibserializer.h>

#include <QtCore/QMetaEnum>

#include <stdexcept>

using namespace EasyNet;

namespace EasyNetConsole {

namespace {

struct FormatName
{
    ProtocolSettings::Format format;
    QLatin1StringView name;
};

constexpr FormatName formatNames[] = {
    {ProtocolSettings::Format::Json, QLatin1StringView("json")},
    {ProtocolSettings::Format::Cbor, QLatin1StringView("cbor")},
    {ProtocolSettings::Format::MsgPack, QLatin1StringView("msgpack")},
    {ProtocolSettings::Format::Line, QLatin1StringView("line")},
    {ProtocolSettings::Format::LengthPrefixed, QLatin1StringView("length")},
    {ProtocolSettings::Format::Struct, QLatin1StringView("struct")},
    {ProtocolSettings::Format::DataStream, QLatin1StringView("datastream")},
    {ProtocolSettings::Format::Raw, QLatin1StringView("raw")},
};

QLatin1StringView formatName(ProtocolSettings::Format format)
{
    for (const FormatName &entry : formatNames)
        if (entry.format == format)
            return entry.name;
    return {};
}

// The lower-case key of an enum value ("crlf", "utf8").
template<typename Enum>
QString enumName(Enum value)
{
    return QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(int(value))).toLower();
}

template<typename Enum>
std::optional<Enum> enumFromName(const QString &name)
{
    const QMetaEnum meta = QMetaEnum::fromType<Enum>();
    for (int i = 0; i < meta.keyCount(); ++i)
        if (name.compare(QLatin1StringView(meta.key(i)), Qt::CaseInsensitive) == 0)
            return Enum(meta.value(i));
    return std::nullopt;
}

} // namespace

ProtocolSettings::ProtocolSettings(QObject *parent) : QObject(parent) { }

template<typename T>
void ProtocolSettings::update(T &member, const T &value)
{
    if (member == value)
        return;
    member = value;
    Q_EMIT changed();
}

void ProtocolSettings::setFormat(Format format)
{
    update(m_format, format);
}
void ProtocolSettings::setLineSeparator(LineSeparator separator)
{
    update(m_lineSeparator, separator);
}
void ProtocolSettings::setLineEncoding(LineEncoding encoding)
{
    update(m_lineEncoding, encoding);
}
void ProtocolSettings::setLengthHeaderSize(int bytes)
{
    update(m_lengthHeaderSize, bytes);
}
void ProtocolSettings::setStructFormat(const QString &format)
{
    update(m_structFormat, format);
}
void ProtocolSettings::setZlib(bool enabled)
{
    update(m_zlib, enabled);
}
void ProtocolSettings::setBase64(bool enabled)
{
    update(m_base64, enabled);
}
void ProtocolSettings::setMaxPacketSize(int bytes)
{
    update(m_maxPacketSize, bytes);
}

void ProtocolSettings::assign(const ProtocolSettings &other)
{
    if (options() == other.options())
        return;
    m_format = other.m_format;
    m_lineSeparator = other.m_lineSeparator;
    m_lineEncoding = other.m_lineEncoding;
    m_lengthHeaderSize = other.m_lengthHeaderSize;
    m_structFormat = other.m_structFormat;
    m_zlib = other.m_zlib;
    m_base64 = other.m_base64;
    m_maxPacketSize = other.m_maxPacketSize;
    Q_EMIT changed();
}

QString ProtocolSettings::spec() const
{
    QString text = formatName(m_format);
    switch (m_format) {
    case Format::Line:
        text += QLatin1Char(':') + enumName(m_lineSeparator) + QLatin1Char(':')
            + enumName(m_lineEncoding);
        break;
    case Format::LengthPrefixed:
        text += QLatin1Char(':') + QString::number(m_lengthHeaderSize);
        break;
    case Format::Struct: text += QLatin1Char(':') + m_structFormat; break;
    default: break;
    }
    if (m_zlib)
        text += QStringLiteral("+zlib");
    if (m_base64)
        text += QStringLiteral("+base64");
    return text;
}

bool ProtocolSettings::setSpec(const QString &spec, QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    QStringList wrappers = spec.trimmed().split(QLatin1Char('+'));
    const QString base = wrappers.takeFirst();
    const qsizetype colon = base.indexOf(QLatin1Char(':'));
    const QString name = base.left(colon).toLower();
    // Struct formats hold no ':' of their own, so one split is enough for all.
    const QStringList options
        = colon < 0 ? QStringList() : base.mid(colon + 1).split(QLatin1Char(':'));

    ProtocolSettings parsed;
    parsed.m_maxPacketSize = m_maxPacketSize;
    const FormatName *found = nullptr;
    for (const FormatName &entry : formatNames)
        if (entry.name == name)
            found = &entry;
    if (!found)
        return fail(tr("unknown protocol \"%1\" (json, cbor, msgpack, line, length, struct, "
                       "datastream, raw)")
                        .arg(name));
    parsed.m_format = found->format;
    switch (parsed.m_format) {
    case Format::Line:
        for (const QString &option : options) {
            if (auto separator = enumFromName<LineSeparator>(option))
                parsed.m_lineSeparator = *separator;
            else if (auto encoding = enumFromName<LineEncoding>(option))
                parsed.m_lineEncoding = *encoding;
            else
                return fail(tr("unknown line option \"%1\" (lf, cr, crlf, ascii, utf8, latin1)")
                                .arg(option));
        }
        break;
    case Format::LengthPrefixed:
        if (options.size() > 1)
            return fail(tr("length takes one option, the header size"));
        if (!options.isEmpty())
            parsed.m_lengthHeaderSize = options.first().toInt();
        break;
    case Format::Struct:
        if (options.size() != 1 || options.first().isEmpty())
            return fail(tr("struct needs a format, as in struct:!iqd"));
        parsed.m_structFormat = options.first();
        break;
    default:
        if (!options.isEmpty())
            return fail(tr("%1 takes no options").arg(name));
    }
    for (const QString &wrapper : std::as_const(wrappers)) {
        if (wrapper.compare(QLatin1StringView("zlib"), Qt::CaseInsensitive) == 0)
            parsed.m_zlib = true;
        else if (wrapper.compare(QLatin1StringView("base64"), Qt::CaseInsensitive) == 0)
            parsed.m_base64 = true;
        else
            return fail(tr("unknown wrapper \"%1\" (zlib, base64)").arg(wrapper));
    }
    if (const QString reason = parsed.errorString(); !reason.isEmpty())
        return fail(reason);
    assign(parsed);
    return true;
}

QVariantList ProtocolSettings::formatChoices()
{
    const auto choice = [](Format value, const QString &text) {
        return QVariantMap {{QStringLiteral("value"), int(value)}, {QStringLiteral("text"), text}};
    };
    return {choice(Format::Json, tr("JSON")),
            choice(Format::Cbor, tr("CBOR")),
            choice(Format::MsgPack, tr("MessagePack")),
            choice(Format::Line, tr("Line")),
            choice(Format::LengthPrefixed, tr("Length-prefixed")),
            choice(Format::Struct, tr("Struct")),
            choice(Format::DataStream, tr("QDataStream")),
            choice(Format::Raw, tr("Raw bytes"))};
}

QString ProtocolSettings::applySpec(const QString &spec)
{
    QString error;
    setSpec(spec, &error);
    return error;
}

QString ProtocolSettings::errorString() const
{
    QString error;
    serializer(&error);
    return error;
}

bool ProtocolSettings::takesBytes() const
{
    return m_format == Format::Raw || m_format == Format::LengthPrefixed;
}

MapForm ProtocolSettings::mapForm() const
{
    const bool keepsOrder
        = m_format == Format::Json || m_format == Format::Cbor || m_format == Format::MsgPack;
    return keepsOrder ? MapForm::OrderedCborMap : MapForm::VariantMap;
}

std::shared_ptr<const AbstractIncrementalPacketSerializer>
ProtocolSettings::serializer(QString *error) const
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return nullptr;
    };
    if (m_maxPacketSize <= 0)
        return fail(tr("the maximum packet size must be positive"));
    std::shared_ptr<const AbstractIncrementalPacketSerializer> result;
    switch (m_format) {
    case Format::Json: result = std::make_shared<JsonSerializer>(mapForm()); break;
    case Format::Cbor: result = std::make_shared<CborSerializer>(mapForm()); break;
    case Format::MsgPack: result = std::make_shared<MsgPackSerializer>(mapForm()); break;
    case Format::DataStream: result = std::make_shared<DataStreamSerializer>(); break;
    case Format::Raw: result = std::make_shared<RawSerializer>(); break;
    case Format::Line:
        result = std::make_shared<LineSerializer>(LineSerializer::Separator(int(m_lineSeparator)),
                                                  LineSerializer::Encoding(int(m_lineEncoding)));
        break;
    case Format::LengthPrefixed:
        if (m_lengthHeaderSize != 1 && m_lengthHeaderSize != 2 && m_lengthHeaderSize != 4)
            return fail(tr("the length header is 1, 2 or 4 bytes, not %1").arg(m_lengthHeaderSize));
        result = std::make_shared<LengthPrefixedSerializer>(
            LengthPrefixedSerializer::HeaderSize(m_lengthHeaderSize));
        break;
    case Format::Struct: {
        QString reason;
        std::shared_ptr<const StructSerializer> structSerializer
            = StructSerializer::fromFormat(m_structFormat, &reason);
        if (!structSerializer)
            return fail(tr("struct format \"%1\": %2").arg(m_structFormat, reason));
        result = structSerializer;
        break;
    }
    }
    try {
        if (m_zlib)
            result = std::make_shared<ZlibSerializer>(
                result, ZlibSerializer::DefaultCompressionLevel, qsizetype(m_maxPacketSize));
        if (m_base64)
            result = std::make_shared<Base64Serializer>(result);
    } catch (const std::invalid_argument &e) {
        return fail(QString::fromUtf8(e.what()));
    }
    return result;
}

std::optional<StreamProtocol> ProtocolSettings::streamProtocol(QString *error) const
{
    if (auto s = serializer(error))
        return StreamProtocol(std::move(s));
    return std::nullopt;
}

std::optional<DatagramProtocol> ProtocolSettings::datagramProtocol(QString *error) const
{
    if (auto s = serializer(error))
        return DatagramProtocol(std::move(s));
    return std::nullopt;
}

} // namespace EasyNetConsole
