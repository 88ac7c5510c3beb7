/// \class EasyNet::ZlibSerializer
/// ZlibSerializer: wraps another serializer and compresses its bytes with zlib.
///
/// Wire format
/// - One complete zlib stream (RFC 1950: header, deflate data, Adler-32) of the
///   inner serializer's datagram form of the packet (serialize()), compressed at
///   the chosen level (9 by default, as the reference). The compressed bytes
///   depend on the zlib build; what matters is that they inflate to the same bytes.
/// - Stream: the zlib streams back to back, no length prefix or separator (a zlib
///   stream knows where it ends). Datagram: exactly one zlib stream; bytes after
///   its end are a Malformed error, a datagram that ends inside it is Truncated.
/// - Receiving on a stream: the decoder inflates as bytes arrive and consumes
///   them at once, so only the decompressed packet is held (bounded by
///   maxPacketSize, which applies to the DECOMPRESSED size, the reference has no
///   limit) and a small "zip bomb" never expands beyond the limit. Bytes after
///   the end of a zlib stream stay buffered for the next packet.
/// - Errors on a stream: zlib cannot find the next packet in a damaged stream, so
///   corrupt compressed data (a bad header, deflate data or checksum, a preset
///   dictionary) and a decompressed packet larger than maxPacketSize are
///   unrecoverable (Malformed / TooLarge; the decoder is then broken). Inflated
///   bytes the inner serializer rejects are a recoverable error: the zlib stream
///   was whole, decoding goes on with the next one.
/// - Datagrams are inflated up to maxDatagramSize() decompressed bytes (16 MiB
///   by default); more is a TooLarge error.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>

#include <memory>

namespace EasyNet {

class EASYNET_EXPORT ZlibSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// The default compressionLevel(): 9, the best compression.
    static constexpr int DefaultCompressionLevel = 9;
    /// The default maxDatagramSize(): 16 MiB.
    static constexpr qsizetype DefaultMaxDatagramSize = 16 * 1024 * 1024;

    /// compressionLevel: 0 (stored) to 9 (best), or -1 for zlib's default (6).
    /// Throws std::invalid_argument when inner is null, the level is out of range
    /// or maxDatagramSize is not positive.
    explicit ZlibSerializer(std::shared_ptr<const AbstractPacketSerializer> inner,
                            int compressionLevel = DefaultCompressionLevel,
                            qsizetype maxDatagramSize = DefaultMaxDatagramSize);

    /// The serializer whose bytes are compressed.
    const std::shared_ptr<const AbstractPacketSerializer> &innerSerializer() const noexcept
    {
        return m_inner;
    }
    /// The zlib compression level.
    int compressionLevel() const noexcept { return m_level; }
    /// The largest size a datagram decompresses to.
    qsizetype maxDatagramSize() const noexcept { return m_maxDatagramSize; }

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize) const override;

private:
    std::shared_ptr<const AbstractPacketSerializer> m_inner;
    int m_level;
    qsizetype m_maxDatagramSize;
};

} // namespace EasyNet
