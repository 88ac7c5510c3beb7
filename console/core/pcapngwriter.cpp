#include "pcapngwriter.h"

#include <QtCore/QIODevice>
#include <QtCore/QtEndian>

namespace EasyNetConsole {

namespace {

constexpr quint32 SectionHeaderBlock = 0x0A0D0D0A;
constexpr quint32 InterfaceDescriptionBlock = 0x00000001;
constexpr quint32 EnhancedPacketBlock = 0x00000006;
constexpr quint32 ByteOrderMagic = 0x1A2B3C4D;

// Option codes (opt_comment is valid in every block; the others are per block).
constexpr quint16 OptEndOfOptions = 0;
constexpr quint16 OptComment = 1;
constexpr quint16 ShbUserApplication = 4;
constexpr quint16 IfName = 2;
constexpr quint16 IfDescription = 3;

void appendU16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendU32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

// Blocks and option values are padded to 32 bits.
void pad(QByteArray &out)
{
    out.append((4 - out.size() % 4) % 4, '\0');
}

void appendOption(QByteArray &options, quint16 code, const QByteArray &value)
{
    appendU16(options, code);
    appendU16(options, quint16(value.size()));
    options.append(value);
    pad(options);
}

// An option's length has 16 bits: a longer comment is cut, between characters.
void appendComments(QByteArray &options, const QStringList &comments)
{
    for (const QString &comment : comments) {
        QByteArray text = comment.toUtf8();
        if (text.size() > 0xffff) {
            text.truncate(0xffff);
            // The last character's lead byte (continuation bytes are 10xxxxxx)
            // and its length: dropped when the cut went through it.
            qsizetype start = text.size() - 1;
            while (start > 0 && (uchar(text[start]) & 0xc0) == 0x80)
                --start;
            const uchar lead = uchar(text[start]);
            const int length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
            if (start + length > text.size())
                text.truncate(start);
        }
        appendOption(options, OptComment, text);
    }
}

} // namespace

PcapngWriter::PcapngWriter(QIODevice *device) : m_device(device) { }

void PcapngWriter::writeBlock(quint32 type, const QByteArray &body, const QByteArray &options)
{
    if (!m_ok)
        return;
    QByteArray block;
    const bool hasOptions = !options.isEmpty();
    const qsizetype length = 12 + body.size() + (hasOptions ? options.size() + 4 : 0);
    block.reserve(length);
    appendU32(block, type);
    appendU32(block, quint32(length));
    block.append(body);
    if (hasOptions) {
        block.append(options);
        appendU16(block, OptEndOfOptions);
        appendU16(block, 0);
    }
    appendU32(block, quint32(length));
    if (m_device->write(block) != block.size()) {
        m_ok = false;
        m_errorString = m_device->errorString();
    }
}

void PcapngWriter::writeSectionHeader(const QStringList &comments, const QString &application)
{
    QByteArray body;
    appendU32(body, ByteOrderMagic);
    appendU16(body, 1); // major version
    appendU16(body, 0); // minor version
    body.append(8, '\xff'); // section length: not given
    QByteArray options;
    appendComments(options, comments);
    if (!application.isEmpty())
        appendOption(options, ShbUserApplication, application.toUtf8());
    writeBlock(SectionHeaderBlock, body, options);
}

int PcapngWriter::addInterface(LinkType linkType, const QString &name, const QString &description)
{
    QByteArray body;
    appendU16(body, linkType);
    appendU16(body, 0); // reserved
    appendU32(body, 0); // snap length: no limit
    QByteArray options;
    appendOption(options, IfName, name.toUtf8());
    if (!description.isEmpty())
        appendOption(options, IfDescription, description.toUtf8());
    writeBlock(InterfaceDescriptionBlock, body, options);
    return m_interfaces++;
}

void PcapngWriter::writePacket(int interfaceId, qint64 microseconds, const QByteArray &data,
                               const QStringList &comments)
{
    QByteArray body;
    body.reserve(20 + data.size() + 3);
    appendU32(body, quint32(interfaceId));
    appendU32(body, quint32(quint64(microseconds) >> 32));
    appendU32(body, quint32(quint64(microseconds)));
    appendU32(body, quint32(data.size())); // captured
    appendU32(body, quint32(data.size())); // on the wire
    body.append(data);
    pad(body);
    QByteArray options;
    appendComments(options, comments);
    writeBlock(EnhancedPacketBlock, body, options);
}

} // namespace EasyNetConsole
