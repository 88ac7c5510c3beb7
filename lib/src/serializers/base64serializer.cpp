#include <EasyNet/base64serializer.h>
#include <EasyNet/exceptions.h>

#include "protocol/separatorstreamdecoder_p.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QRandomGenerator>

#include <stdexcept>

namespace EasyNet {

namespace {

class Base64StreamDecoder final : public SeparatorStreamDecoder
{
public:
    Base64StreamDecoder(const Base64Serializer &serializer, qsizetype max)
        : SeparatorStreamDecoder(QByteArrayLiteral("\r\n"), max), m_serializer(serializer)
    {
    }

protected:
    QVariant decodeFrame(QByteArrayView frame, ParseError &error) override
    {
        return m_serializer.deserialize(frame, error); // the frame is one token
    }

private:
    // Decoders never outlive the serializer that made them (the protocol owns both).
    const Base64Serializer &m_serializer;
};

constexpr bool isUrlSafeBase64(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '_';
}

// Strict RFC 4648 section 5 with padding; returns an empty message when valid.
QString checkToken(QByteArrayView token, qsizetype &badOffset)
{
    badOffset = 0;
    if (token.size() % 4 != 0)
        return QStringLiteral("invalid Base64: length %1 is not a multiple of 4").arg(token.size());
    qsizetype end = token.size();
    for (int pad = 0; pad < 2 && end > 0 && token.at(end - 1) == '='; ++pad)
        --end;
    for (qsizetype i = 0; i < end; ++i) {
        if (!isUrlSafeBase64(token.at(i))) {
            badOffset = i;
            const auto byte = static_cast<unsigned char>(token.at(i));
            return QStringLiteral("invalid Base64: byte 0x%1 is not in the URL-safe alphabet")
                .arg(byte, 2, 16, QLatin1Char('0'));
        }
    }
    return {};
}

// Compares without an early exit, so the time taken does not tell where a
// forged code starts to differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

Base64Serializer::Base64Serializer(std::shared_ptr<const AbstractPacketSerializer> inner,
                                   Checksum checksum, QByteArray key)
    : m_inner(std::move(inner)), m_checksum(checksum), m_key(std::move(key))
{
    if (!m_inner)
        throw std::invalid_argument("Base64Serializer: the inner serializer is null");
    if (m_checksum == Checksum::HmacSha256 && m_key.size() != KeySize)
        throw std::invalid_argument("Base64Serializer: the HMAC key must be 32 bytes");
    if (m_checksum != Checksum::HmacSha256 && !m_key.isEmpty())
        throw std::invalid_argument("Base64Serializer: a key is only used with HmacSha256");
}

QByteArray Base64Serializer::generateKey()
{
    QByteArray key(KeySize, Qt::Uninitialized);
    for (char &c : key)
        c = char(QRandomGenerator::system()->bounded(256));
    return key;
}

QByteArray Base64Serializer::digest(QByteArrayView data) const
{
    switch (m_checksum) {
    case Checksum::None: return {};
    case Checksum::Sha256: {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(data);
        return hash.result();
    }
    case Checksum::HmacSha256: {
        QMessageAuthenticationCode code(QCryptographicHash::Sha256, m_key);
        code.addData(data.data(), data.size());
        return code.result();
    }
    }
    Q_UNREACHABLE();
}

QByteArray Base64Serializer::serialize(const QVariant &packet) const
{
    QByteArray payload = m_inner->serialize(packet);
    if (m_checksum != Checksum::None)
        payload.append(digest(payload));
    return payload.toBase64(QByteArray::Base64UrlEncoding);
}

QByteArray Base64Serializer::incrementalSerialize(const QVariant &packet) const
{
    QByteArray token = serialize(packet);
    token.append("\r\n", 2);
    return token;
}

QVariant Base64Serializer::deserialize(QByteArrayView token, ParseError &error) const
{
    qsizetype badOffset = 0;
    const QString problem = checkToken(token, badOffset);
    if (!problem.isEmpty()) {
        error = ParseError(ParseError::Kind::Malformed, problem, badOffset, token.size(), true);
        return {};
    }
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(
        token.toByteArray(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        error = ParseError(ParseError::Kind::Malformed, QStringLiteral("invalid Base64"), 0,
                           token.size(), true);
        return {};
    }
    QByteArrayView payload(decoded.decoded);
    if (m_checksum != Checksum::None) {
        if (payload.size() < DigestSize) {
            error = ParseError(ParseError::Kind::Malformed,
                               QStringLiteral("token of %1 decoded bytes is too short to hold "
                                              "its %2-byte checksum")
                                   .arg(payload.size())
                                   .arg(DigestSize),
                               0, token.size(), true);
            return {};
        }
        const QByteArrayView received = payload.last(DigestSize);
        payload.chop(DigestSize);
        if (!constantTimeEquals(received, digest(payload))) {
            error = ParseError(ParseError::Kind::Malformed,
                               m_checksum == Checksum::Sha256
                                   ? QStringLiteral("SHA-256 checksum mismatch: the data is "
                                                    "corrupted")
                                   : QStringLiteral("HMAC-SHA256 mismatch: wrong key or "
                                                    "corrupted or forged data"),
                               0, token.size(), true);
            return {};
        }
    }
    ParseError innerError;
    QVariant packet = m_inner->deserialize(payload, innerError);
    if (innerError.isError()) {
        error = ParseError(innerError.kind(),
                           QStringLiteral("in the decoded payload: ") + innerError.message(), 0,
                           token.size(), true);
        return {};
    }
    return packet;
}

std::unique_ptr<StreamDecoder> Base64Serializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<Base64StreamDecoder>(*this, maxPacketSize);
}

} // namespace EasyNet
