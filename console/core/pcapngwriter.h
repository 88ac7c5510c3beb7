// PcapngWriter: writes a capture file in the pcapng format (what Wireshark
// saves, https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html):
// one Section Header Block, Interface Description Blocks, and Enhanced Packet
// Blocks, each with any number of comments (opt_comment; UTF-8, cut between
// characters to the format's 65,535 bytes). Little-endian, one section,
// timestamps in microseconds (the default if_tsresol).
//
//   PcapngWriter writer(&file);
//   writer.writeSectionHeader({QStringLiteral("a session")});
//   const int ip = writer.addInterface(PcapngWriter::LinkTypeRaw, QStringLiteral("easynet"));
//   writer.writePacket(ip, microsecondsSinceEpoch, ipPacket, {QStringLiteral("a comment")});
//   if (!writer.isOk()) ... writer.errorString()
//
// It only frames blocks: what goes in a packet (IP, TCP, UDP headers) is the
// caller's (IpPacketBuilder).
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace EasyNetConsole {

class PcapngWriter
{
public:
    // The link types the console writes (https://www.tcpdump.org/linktypes.html).
    enum LinkType : quint16 {
        LinkTypeRaw = 101, // an IPv4 or IPv6 packet, no link-layer header
        LinkTypeUser0 = 147, // reserved for private use: the console's Unix records
    };

    // device: open for writing (not owned).
    explicit PcapngWriter(QIODevice *device);

    // The section's header, first; comments describe the whole file, and
    // application names the program that wrote it (shb_userappl).
    void writeSectionHeader(const QStringList &comments = {}, const QString &application = {});
    // An interface; returns its id for writePacket() (0 for the first).
    int addInterface(LinkType linkType, const QString &name, const QString &description = {});
    // One packet of the interface, at microseconds since 1970-01-01 UTC.
    void writePacket(int interfaceId, qint64 microseconds, const QByteArray &data,
                     const QStringList &comments = {});

    // False once a write failed (every later write is skipped).
    bool isOk() const { return m_ok; }
    QString errorString() const { return m_errorString; }

private:
    void writeBlock(quint32 type, const QByteArray &body, const QByteArray &options);

    QIODevice *m_device;
    int m_interfaces = 0;
    bool m_ok = true;
    QString m_errorString;
};

} // namespace EasyNetConsole
