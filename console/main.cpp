// easynet-console, for now a command-line example: builds a few packets, sends
// them through StreamProtocol with each available serializer (encode, then decode
// the bytes fed in small pieces, as a socket would deliver them) and prints what
// went on the wire and what came back. The Widgets console replaces this later.
#include <EasyNet/cborserializer.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QTextStream>

#include <memory>
#include <utility>

using namespace EasyNet;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Printable wire bytes: text as is, everything else as \xHH.
QString showBytes(const QByteArray &bytes)
{
    QString text;
    for (char c : bytes) {
        const uchar byte = uchar(c);
        if (byte >= 0x20 && byte < 0x7f && byte != '\\')
            text += QLatin1Char(c);
        else if (byte == '\n')
            text += QStringLiteral("\\n");
        else if (byte == '\r')
            text += QStringLiteral("\\r");
        else
            text += QStringLiteral("\\x%1").arg(byte, 2, 16, QLatin1Char('0'));
    }
    return text;
}

QString showPacket(const QVariant &packet)
{
    if (packet.metaType() == QMetaType::fromType<QString>())
        return QLatin1Char('"') + packet.toString() + QLatin1Char('"');
    const QJsonDocument document = QJsonDocument::fromVariant(packet);
    if (!document.isNull())
        return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    return packet.toString();
}

// Sends the packets through the protocol and reads them back from the bytes fed
// three at a time. Returns false if anything did not come back intact.
bool roundTrip(const QString &name, const StreamProtocol &protocol, const QVariantList &packets)
{
    out() << "\n== " << name << '\n';
    QByteArray stream;
    for (const QVariant &packet : packets) {
        try {
            const QByteArray chunk = protocol.generateChunk(packet);
            out() << "  send " << showPacket(packet) << "\n    wire " << showBytes(chunk) << '\n';
            stream += chunk;
        } catch (const SerializeError &error) {
            out() << "  send " << showPacket(packet) << "\n    refused: " << error.message()
                  << '\n';
            return false;
        }
    }

    StreamReceiver receiver = protocol.createReceiver();
    QVariantList received;
    for (qsizetype i = 0; i < stream.size(); i += 3) {
        receiver.feed(QByteArrayView(stream).sliced(i, qMin<qsizetype>(3, stream.size() - i)));
        QVariant packet;
        ParseError error;
        for (;;) {
            const StreamDecoder::Status status = receiver.next(packet, error);
            if (status == StreamDecoder::Status::NeedMoreData)
                break;
            if (status == StreamDecoder::Status::Error) {
                out() << "  parse error: " << error.toString() << '\n';
                return false;
            }
            out() << "  recv " << showPacket(packet) << '\n';
            received.append(packet);
        }
    }
    const bool ok = received == packets;
    out() << (ok ? "  all packets came back intact\n" : "  MISMATCH\n");
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("easynet-console"));
    bool ok = true;

    out() << "EasyNet example: packets through StreamProtocol\n";

    const QVariantList lines = {QStringLiteral("hello"), QStringLiteral("packet-oriented"),
                                QString(), QStringLiteral("bye")};
    ok &= roundTrip(QStringLiteral("Line (LF, ASCII)"),
                    StreamProtocol(std::make_shared<LineSerializer>()), lines);
    ok &= roundTrip(QStringLiteral("Line (CRLF, UTF-8)"),
                    StreamProtocol(std::make_shared<LineSerializer>(
                        LineSerializer::Separator::CRLF, LineSerializer::Encoding::Utf8)),
                    {QStringLiteral("h\u00e9llo w\u00f6rld")});

    const QVariantList records = {
        QVariantMap{{QStringLiteral("command"), QStringLiteral("ping")},
                    {QStringLiteral("id"), 1}},
        QVariantMap{{QStringLiteral("command"), QStringLiteral("sum")},
                    {QStringLiteral("args"), QVariantList{1, 2, 3}}},
        QVariantList{QStringLiteral("a"), true, QVariant::fromValue(nullptr)},
    };
    ok &= roundTrip(QStringLiteral("JSON lines"),
                    StreamProtocol(std::make_shared<JsonSerializer>()), records);
    ok &= roundTrip(QStringLiteral("CBOR"), StreamProtocol(std::make_shared<CborSerializer>()),
                    records);

    // Datagrams: one packet per datagram, no framing.
    out() << "\n== Datagram (Line)\n";
    const DatagramProtocol datagrams(std::make_shared<LineSerializer>());
    const QByteArray datagram = datagrams.makeDatagram(QStringLiteral("one datagram"));
    ParseError error;
    const QVariant back = datagrams.buildPacketFromDatagram(datagram, error);
    out() << "  wire " << showBytes(datagram) << " -> " << showPacket(back) << '\n';
    ok &= back == QVariant(QStringLiteral("one datagram"));

    // A malformed stream: the error says where, and line formats resynchronise.
    out() << "\n== A bad line (non-ASCII in an ASCII stream), then a good one\n";
    const StreamProtocol lineProtocol(std::make_shared<LineSerializer>());
    StreamReceiver receiver = lineProtocol.createReceiver();
    receiver.feed("caf\xc3\xa9\nok\n");
    QVariant packet;
    while (receiver.next(packet, error) != StreamDecoder::Status::NeedMoreData) {
        if (error.isError())
            out() << "  error: " << error.toString() << '\n';
        else
            out() << "  recv " << showPacket(packet) << '\n';
        error = ParseError();
    }

    out() << "\n== Addresses\n";
    for (const QString &text : {QStringLiteral("/tmp/echo.sock"), QStringLiteral("@echo"),
                                QStringLiteral("<unnamed>")}) {
        const UnixSocketAddress address = UnixSocketAddress::fromString(text);
        out() << "  " << text << " -> " << address.toString() << '\n';
    }

    out() << (ok ? "\nOK\n" : "\nFAILED\n");
    out().flush();
    return ok ? 0 : 1;
}
