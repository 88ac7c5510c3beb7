// Serializes one packet with LineSerializer through StreamProtocol and reads it
// back; exits 0 when the packet survived the trip.
#include <EasyNet/lineserializer.h>
#include <EasyNet/streamprotocol.h>

#include <cstdio>
#include <memory>

int main()
{
    using namespace EasyNet;
    const StreamProtocol protocol(std::make_shared<LineSerializer>());
    const QVariant packet = QString::fromLatin1("hello from an installed EasyNet");

    const QByteArray chunk = protocol.generateChunk(packet);
    StreamReceiver receiver = protocol.createReceiver();
    receiver.feed(chunk);

    QVariant received;
    ParseError error;
    if (receiver.next(received, error) != StreamDecoder::Status::Packet) {
        std::fprintf(stderr, "no packet: %s\n", qPrintable(error.toString()));
        return 1;
    }
    if (received != packet) {
        std::fprintf(stderr, "got back '%s'\n", qPrintable(received.toString()));
        return 1;
    }
    std::printf("%s -> %s", qPrintable(received.toString()), chunk.constData());
    return 0;
}
