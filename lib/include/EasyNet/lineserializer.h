/// \class EasyNet::LineSerializer
/// LineSerializer: text lines.
///
/// Wire format
/// - Stream: the text, encoded, followed by the separator (LF, CR or CRLF). The
///   separator is appended once: a packet that already ends with it is sent as is.
///   A packet holding the separator anywhere else is refused (SerializeError), since
///   the peer would read it as several packets. An empty string is sent as a lone
///   separator and read back as an empty string.
/// - Datagram: the encoded text alone; on receive, trailing separators are removed
///   (with acceptCrLf, trailing CRLFs too).
/// - Receive: with Separator::LF and acceptCrLf, a '\\r' before the '\\n' is dropped,
///   so CRLF and LF peers are both understood.
/// - Encoding: ASCII (the reference's default; anything else is refused on send and
///   a Malformed error on receive), UTF-8 (invalid sequences are Malformed, a
///   leading U+FEFF is kept as text, lone surrogates are refused on send) or
///   Latin-1. Packets are QString.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>

namespace EasyNet {

class EASYNET_EXPORT LineSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// What ends a line: LF ("\n"), CR ("\r") or CRLF ("\r\n").
    enum class Separator { LF, CR, CRLF };
    /// How the text is encoded: Ascii, Utf8 or Latin1.
    enum class Encoding { Ascii, Utf8, Latin1 };

    /// Lines ended by separator, encoded with encoding; acceptCrLf: see the wire format.
    explicit LineSerializer(Separator separator = Separator::LF,
                            Encoding encoding = Encoding::Ascii, bool acceptCrLf = false);

    /// What ends a line.
    Separator separator() const noexcept { return m_separator; }
    /// How the text is encoded.
    Encoding encoding() const noexcept { return m_encoding; }
    /// Whether a "\r" before the "\n" is dropped on receive (with Separator::LF).
    bool acceptsCrLf() const noexcept { return m_acceptCrLf; }

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize) const override;

private:
    QByteArray encode(const QVariant &packet) const;

    Separator m_separator;
    Encoding m_encoding;
    bool m_acceptCrLf;
    QByteArray m_separatorBytes;
};

} // namespace EasyNet
