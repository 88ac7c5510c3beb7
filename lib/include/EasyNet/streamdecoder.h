/// \class EasyNet::StreamDecoder
/// StreamDecoder: incremental deserialization of one byte stream.
///
/// Feed bytes in any pieces (feed(), or prepareWrite()/commitWrite() to have the
/// transport read straight into the decoder's buffer without a copy), then call
/// next() until it returns NeedMoreData. Each call yields one whole packet or one
/// parse error. Bytes after the last whole packet stay buffered for the next feed.
///
/// Memory is bounded: a frame larger than maxPacketSize() is reported as a
/// ParseError::Kind::TooLarge as soon as that is known, and its bytes are discarded
/// (never parsed as new packets) as they arrive. After a recoverable error the
/// stream goes on with the next frame; after an unrecoverable one isBroken() is
/// true, next() returns NeedMoreData and fed bytes are dropped.
#pragma once

#include <EasyNet/easynetglobal.h>
#include <EasyNet/parseerror.h>

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QVariant>

#include <span>

namespace EasyNet {

class EASYNET_EXPORT StreamDecoder
{
public:
    /// What next() produced: NeedMoreData (no whole frame buffered yet), Packet or Error.
    enum class Status { NeedMoreData, Packet, Error };

    /// A decoder that refuses frames larger than maxPacketSize bytes.
    explicit StreamDecoder(qsizetype maxPacketSize);
    /// Destroys the decoder and what it buffered.
    virtual ~StreamDecoder();

    /// Appends received bytes to the buffer.
    void feed(QByteArrayView bytes);
    /// Zero-copy receive: a writable span of at least minSize bytes at the end of
    /// the buffer; after writing into it, commitWrite() the number of bytes written.
    std::span<char> prepareWrite(qsizetype minSize);
    /// Adds the written bytes of the last prepareWrite() span to the buffer.
    void commitWrite(qsizetype written);

    /// Decodes the next packet (into packet) or error (into error) from the buffer.
    Status next(QVariant &packet, ParseError &error);

    /// Called when the peer has ended the stream: returns a Truncated error when
    /// bytes of an unfinished packet are still buffered (and drops them), else
    /// an error of kind NoError. Call next() until NeedMoreData first.
    ParseError endOfStream();

    /// The largest frame accepted, in bytes.
    qsizetype maxPacketSize() const noexcept { return m_maxPacketSize; }
    /// Bytes received but not yet turned into packets (or discarded).
    qsizetype bufferedSize() const noexcept { return m_buffer.size() - m_readPos; }
    /// True after an unrecoverable error: the stream is unusable.
    bool isBroken() const noexcept { return m_broken; }
    /// Bytes consumed since the stream started (the offset of pending()[0]).
    qint64 streamPosition() const noexcept { return m_consumedTotal; }

protected:
    /// Implemented by each format: look at pending(), consume() what was used and
    /// return one packet or one error, or NeedMoreData when pending() holds no
    /// whole frame yet. Unrecoverable errors mark the decoder broken.
    virtual Status decode(QVariant &packet, ParseError &error) = 0;
    /// The buffered bytes not consumed yet.
    QByteArrayView pending() const noexcept { return QByteArrayView(m_buffer).sliced(m_readPos); }
    /// Marks the first count bytes of pending() as used.
    void consume(qsizetype count);
    /// Marks the stream unusable (an unrecoverable error was reported).
    void markBroken() noexcept { m_broken = true; }
    /// Bytes of an unfinished frame that decode() already consumed into state of
    /// its own (a decompressor's, say); endOfStream() counts them as truncated.
    virtual qsizetype consumedPartialFrameSize() const noexcept { return 0; }
    /// Builds an error located at offsetInPending bytes into pending().
    ParseError makeError(ParseError::Kind kind, const QString &message, qsizetype offsetInPending,
                         qsizetype size, bool recoverable);

private:
    Q_DISABLE_COPY_MOVE(StreamDecoder)
    void compact();

    QByteArray m_buffer;
    qsizetype m_readPos = 0;
    qsizetype m_pendingWrite = 0; ///< bytes handed out by prepareWrite(), not yet committed
    qint64 m_consumedTotal = 0;
    qsizetype m_maxPacketSize;
    bool m_broken = false;
};

} // namespace EasyNet
