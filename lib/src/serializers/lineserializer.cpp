#include <EasyNet/lineserializer.h>

#include "protocol/separatorstreamdecoder_p.h"
#include "serializers/refusepacket_p.h"

#include <QtCore/QStringDecoder>
#include <QtCore/QStringEncoder>

namespace EasyNet {

namespace {

// The text of one line (without its separator) in the given encoding.
QVariant decodeLine(LineSerializer::Encoding encoding, QByteArrayView line, ParseError &error)
{
    using Encoding = LineSerializer::Encoding;
    switch (encoding) {
    case Encoding::Ascii:
        for (qsizetype i = 0; i < line.size(); ++i) {
            if (static_cast<unsigned char>(line.at(i)) > 0x7f) {
                error = ParseError(
                    ParseError::Kind::Malformed,
                    QStringLiteral("non-ASCII byte 0x%1")
                        .arg(static_cast<unsigned char>(line.at(i)), 2, 16, QLatin1Char('0')),
                    i, line.size(), true);
                return {};
            }
        }
        return QString::fromLatin1(line);
    case Encoding::Latin1: return QString::fromLatin1(line);
    case Encoding::Utf8: {
        // ConvertInitialBom: a leading U+FEFF is text, not a byte order mark to drop
        // (each line is decoded on its own, so it would be dropped from every line).
        QStringDecoder decoder(QStringDecoder::Utf8,
                               QStringDecoder::Flag::Stateless
                                   | QStringDecoder::Flag::ConvertInitialBom);
        QString text = decoder.decode(line);
        if (decoder.hasError()) {
            error = ParseError(ParseError::Kind::Malformed, QStringLiteral("invalid UTF-8"), 0,
                               line.size(), true);
            return {};
        }
        return text;
    }
    }
    Q_UNREACHABLE();
}

class LineStreamDecoder final : public SeparatorStreamDecoder
{
public:
    LineStreamDecoder(LineSerializer::Encoding encoding, bool acceptCrLf, QByteArray separator,
                      qsizetype max)
        : SeparatorStreamDecoder(std::move(separator), max)
        , m_encoding(encoding)
        , m_acceptCrLf(acceptCrLf)
    {
    }

protected:
    QVariant decodeFrame(QByteArrayView frame, ParseError &error) override
    {
        if (m_acceptCrLf && frame.endsWith('\r'))
            frame.chop(1);
        return decodeLine(m_encoding, frame, error);
    }

private:
    LineSerializer::Encoding m_encoding;
    bool m_acceptCrLf;
};

QByteArray separatorBytes(LineSerializer::Separator separator)
{
    switch (separator) {
    case LineSerializer::Separator::LF: return QByteArrayLiteral("\n");
    case LineSerializer::Separator::CR: return QByteArrayLiteral("\r");
    case LineSerializer::Separator::CRLF: return QByteArrayLiteral("\r\n");
    }
    Q_UNREACHABLE();
}

} // namespace

LineSerializer::LineSerializer(Separator separator, Encoding encoding, bool acceptCrLf)
    : m_separator(separator)
    , m_encoding(encoding)
    , m_acceptCrLf(acceptCrLf && separator == Separator::LF)
    , m_separatorBytes(separatorBytes(separator))
{
}

QByteArray LineSerializer::encode(const QVariant &packet) const
{
    if (packet.typeId() != QMetaType::QString)
        refusePacket(
            QStringLiteral("a line packet must be a string, not %1").arg(packetTypeName(packet)));
    const QString text = packet.toString();
    switch (m_encoding) {
    case Encoding::Ascii:
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i).unicode() > 0x7f)
                refusePacket(QStringLiteral("non-ASCII character U+%1 at position %2")
                                 .arg(text.at(i).unicode(), 4, 16, QLatin1Char('0'))
                                 .arg(i));
        }
        return text.toLatin1();
    case Encoding::Latin1:
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i).unicode() > 0xff)
                refusePacket(QStringLiteral("character U+%1 at position %2 is not Latin-1")
                                 .arg(text.at(i).unicode(), 4, 16, QLatin1Char('0'))
                                 .arg(i));
        }
        return text.toLatin1();
    case Encoding::Utf8: {
        // toUtf8() would silently replace a lone surrogate.
        QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
        QByteArray bytes = encoder.encode(text);
        if (encoder.hasError())
            refusePacket(
                QStringLiteral("the text holds a lone UTF-16 surrogate and is not valid Unicode"));
        return bytes;
    }
    }
    Q_UNREACHABLE();
}

QByteArray LineSerializer::serialize(const QVariant &packet) const
{
    return encode(packet);
}

QVariant LineSerializer::deserialize(QByteArrayView data, ParseError &error) const
{
    while (data.endsWith(QByteArrayView(m_separatorBytes))) {
        data.chop(m_separatorBytes.size());
        // As on streams, acceptCrLf makes a CRLF a separator too.
        if (m_acceptCrLf && data.endsWith('\r'))
            data.chop(1);
    }
    return decodeLine(m_encoding, data, error);
}

QByteArray LineSerializer::incrementalSerialize(const QVariant &packet) const
{
    QByteArray line = encode(packet);
    const QByteArrayView separator(m_separatorBytes);
    const qsizetype body = line.endsWith(separator) ? line.size() - separator.size() : line.size();
    const qsizetype inner = QByteArrayView(line).first(body).indexOf(separator);
    if (inner >= 0)
        refusePacket(QStringLiteral("the line holds its separator at byte %1: the peer would read "
                                    "several packets")
                         .arg(inner));
    if (body == line.size())
        line.append(m_separatorBytes);
    return line;
}

std::unique_ptr<StreamDecoder> LineSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<LineStreamDecoder>(m_encoding, m_acceptCrLf, m_separatorBytes,
                                               maxPacketSize);
}

} // namespace EasyNet
