/// \class EasyNet::Base64Serializer
/// Base64Serializer: wraps another serializer and sends its bytes as a Base64
/// token, optionally with a checksum or an authentication code.
///
/// Wire format
/// - The inner serializer's datagram form of the packet (serialize()), followed,
///   with Checksum::Sha256, by the raw 32-byte SHA-256 of those bytes, or, with
///   Checksum::HmacSha256, by the raw 32-byte HMAC-SHA256 of those bytes under
///   the 32-byte key; all of it encoded as URL-safe Base64 ("-" and "_") with "="
///   padding (RFC 4648 section 5).
/// - Stream: the token followed by "\r\n" (as the reference; a bare "\n" is not a
///   separator). Datagram: the token alone.
/// - Receiving is strict: only the URL-safe alphabet, a length that is a multiple
///   of 4 and correct padding. A token that is not valid Base64, a checksum or
///   code that does not match (corrupted data, or the wrong key), or bytes the
///   inner serializer rejects are a recoverable Malformed error: the stream goes
///   on with the next line. The stream limit (maxPacketSize) applies to the
///   token, i.e. to the encoded size; a longer line is a recoverable TooLarge.
/// - The reference gives the key as URL-safe Base64 text of 32 bytes; here it is
///   the 32 raw bytes (QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding)
///   turns one into the other); generateKey() makes a random one.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>

#include <memory>

namespace EasyNet {

class EASYNET_EXPORT Base64Serializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// What follows the inner serializer's bytes: None (nothing), Sha256 (their
    /// SHA-256) or HmacSha256 (their HMAC-SHA256 under the key).
    enum class Checksum { None, Sha256, HmacSha256 };
    /// The size of an HmacSha256 key in bytes.
    static constexpr qsizetype KeySize = 32;
    /// The size of the SHA-256 or HMAC-SHA256 appended to the bytes.
    static constexpr qsizetype DigestSize = 32;

    /// Throws std::invalid_argument when inner is null, or when the key is not
    /// KeySize bytes with Checksum::HmacSha256 (or not empty otherwise).
    explicit Base64Serializer(std::shared_ptr<const AbstractPacketSerializer> inner,
                              Checksum checksum = Checksum::None, QByteArray key = {});

    /// KeySize random bytes from the system's secure generator.
    static QByteArray generateKey();

    /// The serializer whose bytes are encoded.
    const std::shared_ptr<const AbstractPacketSerializer> &innerSerializer() const noexcept
    {
        return m_inner;
    }
    /// What is appended before encoding.
    Checksum checksum() const noexcept { return m_checksum; }

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize) const override;

private:
    QByteArray digest(QByteArrayView data) const;

    std::shared_ptr<const AbstractPacketSerializer> m_inner;
    Checksum m_checksum;
    QByteArray m_key;
};

} // namespace EasyNet
