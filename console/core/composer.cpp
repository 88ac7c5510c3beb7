#include "composer.h"

#include "connectionsettings.h"
#include "packetformat.h"
#include "packettemplate.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QStringDecoder>

#include <exception>

using namespace EasyNet;

namespace EasyNetConsole {

namespace {

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

template<typename Result>
std::optional<Result> failAt(QString *error, int *position, const QString &reason, qsizetype at)
{
    if (error)
        *error = reason;
    if (position)
        *position = int(at);
    return std::nullopt;
}

// {{counter}} is counter; no rule match.
PacketTemplate::Context counterContext(qint64 counter)
{
    PacketTemplate::Context context;
    context.counter = counter;
    return context;
}

} // namespace

Composer::Composer(QObject *parent) : QObject(parent)
{
    update();
}

Composer::~Composer() = default;

void Composer::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    Q_EMIT modeChanged();
    update();
}

void Composer::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    Q_EMIT textChanged();
    update();
}

ConnectionSettings *Composer::settings() const
{
    return m_settings;
}

void Composer::setSettings(ConnectionSettings *settings)
{
    if (settings == m_settings)
        return;
    disconnect(m_settingsConnection);
    m_settings = settings;
    if (settings)
        m_settingsConnection
            = connect(settings, &ConnectionSettings::changed, this, &Composer::followSettings);
    Q_EMIT settingsChanged();
    followSettings();
}

Composer::Mode Composer::modeForFormat(ProtocolSettings::Format format)
{
    using Format = ProtocolSettings::Format;
    switch (format) {
    case Format::Line:
    case Format::LengthPrefixed:
    case Format::Raw: return Mode::Text;
    case Format::Json:
    case Format::Cbor:
    case Format::MsgPack:
    case Format::Struct:
    case Format::DataStream: return Mode::Json;
    }
    Q_UNREACHABLE();
}

void Composer::followSettings()
{
    // A new format brings its mode, unless the user chose another one than
    // the previous format's.
    const std::optional<ProtocolSettings::Format> format
        = m_settings ? std::optional(m_settings->protocol()->format()) : std::nullopt;
    if (format && format != m_followedFormat) {
        const bool chosen = m_followedFormat && m_mode != modeForFormat(*m_followedFormat);
        m_followedFormat = format;
        if (const Mode mode = modeForFormat(*format); !chosen && mode != m_mode) {
            m_mode = mode;
            Q_EMIT modeChanged();
        }
    }
    update();
}

void Composer::setCounter(qint64 counter)
{
    if (counter == m_counter)
        return;
    m_counter = counter;
    Q_EMIT counterChanged();
    if (m_hasVariables)
        update();
}

std::optional<QVariant> Composer::makePacket(QString *error) const
{
    return PacketTemplate(m_mode, m_text)
        .packet(counterContext(m_counter), m_settings ? m_settings->protocol() : nullptr, error);
}

void Composer::advance()
{
    if (!m_hasVariables)
        return;
    setCounter(m_counter + 1);
    // time, random and uuid take new values in the preview too.
    update();
}

QString Composer::wireHex() const
{
    return PacketFormat::toHex(m_wireBytes);
}

QString Composer::wireText() const
{
    return PacketFormat::toEscapedText(m_wireBytes);
}

std::optional<QByteArray> Composer::parseEscapedText(QStringView text, QString *error,
                                                     int *position)
{
    QByteArray bytes;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c != QLatin1Char('\\')) {
            // One character, surrogate pairs included, as UTF-8.
            const qsizetype length = c.isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
            bytes += text.mid(i, length).toUtf8();
            i += length - 1;
            continue;
        }
        if (i + 1 >= text.size())
            return failAt<QByteArray>(error, position, tr("a lone \\ at the end"), i);
        const QChar escape = text[++i];
        switch (escape.unicode()) {
        case 'n': bytes += '\n'; break;
        case 'r': bytes += '\r'; break;
        case 't': bytes += '\t'; break;
        case '0': bytes += '\0'; break;
        case '\\': bytes += '\\'; break;
        case 'x': {
            const int high = i + 1 < text.size() ? hexDigit(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hexDigit(text[i + 2]) : -1;
            if (high < 0 || low < 0)
                return failAt<QByteArray>(error, position,
                                          tr("\\x needs two hex digits, as in \\x0a"), i - 1);
            bytes += char(high * 16 + low);
            i += 2;
            break;
        }
        default:
            return failAt<QByteArray>(
                error, position,
                tr("unknown escape \\%1 (use \\n \\r \\t \\0 \\\\ or \\xHH)").arg(escape), i - 1);
        }
    }
    return bytes;
}

std::optional<QByteArray> Composer::parseHex(QStringView text, QString *error, int *position)
{
    QByteArray bytes;
    int high = -1;
    qsizetype highAt = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isSpace()) {
            if (high >= 0)
                return failAt<QByteArray>(error, position, tr("a byte needs two hex digits"),
                                          highAt);
            continue;
        }
        const int digit = hexDigit(c);
        if (digit < 0)
            return failAt<QByteArray>(error, position, tr("\"%1\" is not a hex digit").arg(c), i);
        if (high < 0) {
            high = digit;
            highAt = i;
        } else {
            bytes += char(high * 16 + digit);
            high = -1;
        }
    }
    if (high >= 0)
        return failAt<QByteArray>(error, position, tr("a byte needs two hex digits"), highAt);
    return bytes;
}

std::optional<QVariant> Composer::parseJson(const QString &text, MapForm form, QString *error,
                                            int *position)
{
    const QByteArray utf8 = text.toUtf8();
    ParseError parseError;
    QVariant value = JsonSerializer::fromJson(utf8, parseError, form);
    if (!parseError.isError())
        return value;
    // The serializer counts bytes; the user sees characters, lines and columns.
    const qsizetype at = std::clamp<qsizetype>(parseError.offset(), 0, utf8.size());
    const QString before = QString::fromUtf8(utf8.left(at));
    const int line = int(before.count(QLatin1Char('\n'))) + 1;
    const int column = int(before.size() - before.lastIndexOf(QLatin1Char('\n')));
    return failAt<QVariant>(error, position,
                            tr("JSON syntax error at line %1, column %2: %3")
                                .arg(line)
                                .arg(column)
                                .arg(parseError.message()),
                            before.size());
}

std::optional<QVariant> Composer::parsePacket(Mode mode, const QString &text,
                                              const ProtocolSettings *protocol, QString *error,
                                              int *position)
{
    switch (mode) {
    case Mode::Json:
        return parseJson(text, protocol ? protocol->mapForm() : MapForm::VariantMap, error,
                         position);
    case Mode::Hex:
        if (auto bytes = parseHex(text, error, position))
            return QVariant(*bytes);
        return std::nullopt;
    case Mode::Text: {
        const std::optional<QByteArray> bytes = parseEscapedText(text, error, position);
        if (!bytes)
            return std::nullopt;
        if (protocol && protocol->takesBytes())
            return QVariant(*bytes);
        if (protocol && protocol->format() == ProtocolSettings::Format::Line
            && protocol->lineEncoding() == ProtocolSettings::LineEncoding::Latin1)
            return QVariant(QString::fromLatin1(*bytes));
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString string = decoder.decode(*bytes);
        if (decoder.hasError())
            return failAt<QVariant>(error, position,
                                    tr("the bytes are not valid UTF-8 text; send them in hex "
                                       "or with a byte-string protocol (raw, length)"),
                                    -1);
        return QVariant(string);
    }
    }
    return std::nullopt;
}

std::optional<QByteArray> Composer::encode(const QVariant &packet,
                                           const ConnectionSettings &settings, QString *error)
{
    QString why;
    try {
        const ProtocolSettings &protocol = *settings.protocol();
        if (settings.isStreamTransport()) {
            if (auto stream = protocol.streamProtocol(&why))
                return stream->generateChunk(packet);
        } else if (auto datagram = protocol.datagramProtocol(&why)) {
            return datagram->makeDatagram(packet);
        }
        why = tr("protocol: %1").arg(why);
    } catch (const std::exception &e) {
        why = tr("the protocol cannot send this packet: %1").arg(QString::fromUtf8(e.what()));
    }
    if (error)
        *error = why;
    return std::nullopt;
}

void Composer::update()
{
    QString error;
    int position = -1;
    std::optional<QVariant> packet
        = PacketTemplate(m_mode, m_text)
              .packet(counterContext(m_counter), m_settings ? m_settings->protocol() : nullptr,
                      &error, &position);
    QByteArray wire;
    if (packet && m_settings)
        wire = encode(*packet, *m_settings, &error).value_or(QByteArray());
    m_hasVariables = PacketTemplate(m_mode, m_text).hasVariables();
    m_packet = packet.value_or(QVariant());
    // Never a null array: Qt 6.4's JS engine turns one into an ArrayBuffer
    // whose byteLength throws.
    m_wireBytes = error.isEmpty() && !wire.isEmpty() ? wire : QByteArray("");
    m_errorString = error;
    m_errorPosition = error.isEmpty() ? -1 : position;
    Q_EMIT resultChanged();
}

} // namespace EasyNetConsole
