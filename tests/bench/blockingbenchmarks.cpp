// Blocking request/response round trips: EasyNet's blocking clients against
// the loop a careful user writes by hand on a blocking POSIX socket (send(),
// recv() into a buffer until the newline, QJsonDocument both ways; OpenSSL's
// SSL_write()/SSL_read() for TLS), and the same loop without JSON (the floor).
#include "benchmarks.h"
#include "benchpackets.h"
#include "echoserverprocess.h"
#include "rawsockets.h"

#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/blockingudpclient.h>
#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/jsonserializer.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtNetwork/QSslCertificate>

#include <openssl/ssl.h>

#include <sys/socket.h>
#include <unistd.h>

using namespace EasyNet;

namespace EasyNetBench {

namespace {

double easyNetRoundTrips(AbstractBlockingClient &client, PacketKind kind, long count)
{
    QElapsedTimer timer;
    timer.start();
    for (long i = 0; i < count; ++i) {
        client.sendPacket(easyNetPacket(kind, i));
        if (const qint64 n = packetNumber(client.recvPacket()); n != i)
            qFatal("packet %lld received where %ld was expected", n, i);
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

QByteArray jsonLine(PacketKind kind, long i, bool stream)
{
    QByteArray text = QJsonDocument(qtPacket(kind, i)).toJson(QJsonDocument::Compact);
    if (stream)
        text.append('\n');
    return text;
}

void checkJson(long i, QByteArrayView answer)
{
    const QJsonObject packet
        = QJsonDocument::fromJson(QByteArray::fromRawData(answer.data(), answer.size())).object();
    if (packetNumber(packet) != i)
        qFatal("wrong answer to %ld", i);
}

// The hand-written loop (json) or the floor (!json) on the connected fd.
double handWritten(int fd, bool stream, PacketKind kind, long count, bool json)
{
    if (json)
        return blockingRoundTrips(
            fd, stream, count, [kind, stream](long i) { return jsonLine(kind, i, stream); },
            checkJson);
    const QByteArray fixed = jsonLine(kind, 0, stream);
    return blockingRoundTrips(
        fd, stream, count, [&fixed](long) { return fixed; },
        [size = fixed.size() - (stream ? 1 : 0)](long, QByteArrayView answer) {
            if (answer.size() != size)
                qFatal("wrong answer size");
        });
}

// The same with OpenSSL on a blocking socket, verifying the test CA and "localhost".
double openSslRoundTrips(quint16 port, const QString &caFile, PacketKind kind, long count)
{
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_load_verify_locations(context, qPrintable(caFile), nullptr);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
    const int fd = connectTcp(port, SOCK_STREAM);
    SSL *ssl = SSL_new(context);
    SSL_set_fd(ssl, fd);
    // SSL_set_tlsext_host_name() is a macro with a C cast.
    SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
             const_cast<char *>("localhost"));
    SSL_set1_host(ssl, "localhost");
    if (SSL_connect(ssl) != 1)
        qFatal("TLS handshake failed");
    QByteArray buffer;
    char chunk[16384];
    QElapsedTimer timer;
    timer.start();
    for (long i = 0; i < count; ++i) {
        const QByteArray line = jsonLine(kind, i, true);
        if (SSL_write(ssl, line.constData(), int(line.size())) != int(line.size()))
            qFatal("SSL_write");
        qsizetype end;
        while ((end = buffer.indexOf('\n')) < 0) {
            const int n = SSL_read(ssl, chunk, sizeof(chunk));
            if (n <= 0)
                qFatal("SSL_read");
            buffer.append(chunk, n);
        }
        checkJson(i, QByteArrayView(buffer).first(end));
        buffer.remove(0, end + 1);
    }
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    SSL_shutdown(ssl);
    SSL_free(ssl);
    SSL_CTX_free(context);
    ::close(fd);
    return elapsed;
}

} // namespace

void runBlockingBenchmarks(BenchTable &table, const BenchSettings &settings)
{
    const auto wanted = [&](const QString &name) {
        return settings.only.isEmpty() || name.contains(settings.only);
    };
    const QString unixStreamPath = settings.socketDir + QStringLiteral("/blocking-stream.sock");
    const QString unixDatagramPath = settings.socketDir + QStringLiteral("/blocking-datagram.sock");
    const QString caFile = settings.tlsDir + QStringLiteral("/ca.pem");
    const EchoServerProcess tcp({QStringLiteral("tcp")});
    const EchoServerProcess tls({QStringLiteral("tls"), settings.tlsDir + QStringLiteral("/server.pem"),
                                 settings.tlsDir + QStringLiteral("/server.key")});
    const EchoServerProcess unixStream({QStringLiteral("unix-stream"), unixStreamPath});
    const EchoServerProcess udp({QStringLiteral("udp")});
    const EchoServerProcess unixDatagram({QStringLiteral("unix-dgram"), unixDatagramPath});
    const StreamProtocol stream(std::make_shared<JsonSerializer>());
    const DatagramProtocol datagrams(std::make_shared<JsonSerializer>());
    const long count = settings.roundTrips;

    for (const PacketKind kind : {PacketKind::Small, PacketKind::Realistic}) {
        const QString suffix = QStringLiteral(" round trip ") + packetKindName(kind);
        if (const QString name = QStringLiteral("blocking TCP") + suffix; wanted(name))
            table.compare(
                name, count, Goal::Time, 1.10,
                [&] {
                    BlockingTcpClient client(QStringLiteral("127.0.0.1"), tcp.port(), stream);
                    return easyNetRoundTrips(client, kind, count);
                },
                [&] { return handWritten(connectTcp(tcp.port(), SOCK_STREAM), true, kind, count, true); },
                [&] { return handWritten(connectTcp(tcp.port(), SOCK_STREAM), true, kind, count, false); });
        if (const QString name = QStringLiteral("blocking TLS") + suffix; wanted(name))
            table.compare(
                name, count, Goal::Time, 1.10,
                [&] {
                    BlockingTcpOptions options;
                    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
                    configuration.setCaCertificates(QSslCertificate::fromPath(caFile));
                    options.ssl = configuration;
                    options.serverHostname = QStringLiteral("localhost");
                    BlockingTcpClient client(QStringLiteral("127.0.0.1"), tls.port(), stream,
                                             options);
                    return easyNetRoundTrips(client, kind, count);
                },
                [&] { return openSslRoundTrips(tls.port(), caFile, kind, count); });
        if (const QString name = QStringLiteral("blocking Unix stream") + suffix; wanted(name))
            table.compare(
                name, count, Goal::Time, 1.10,
                [&] {
                    BlockingUnixStreamClient client(unixStreamPath, stream);
                    return easyNetRoundTrips(client, kind, count);
                },
                [&] { return handWritten(connectUnix(unixStreamPath, SOCK_STREAM), true, kind, count, true); },
                [&] { return handWritten(connectUnix(unixStreamPath, SOCK_STREAM), true, kind, count, false); });
        if (const QString name = QStringLiteral("blocking UDP") + suffix; wanted(name))
            table.compare(
                name, count, Goal::Time, 1.10,
                [&] {
                    BlockingUdpClient client(QStringLiteral("127.0.0.1"), udp.port(), datagrams);
                    return easyNetRoundTrips(client, kind, count);
                },
                [&] { return handWritten(connectTcp(udp.port(), SOCK_DGRAM), false, kind, count, true); },
                [&] { return handWritten(connectTcp(udp.port(), SOCK_DGRAM), false, kind, count, false); });
        if (const QString name = QStringLiteral("blocking Unix datagram") + suffix; wanted(name))
            table.compare(
                name, count, Goal::Time, 1.10,
                [&] {
                    BlockingUnixDatagramClient client(unixDatagramPath, datagrams);
                    return easyNetRoundTrips(client, kind, count);
                },
                [&] { return handWritten(connectUnix(unixDatagramPath, SOCK_DGRAM), false, kind, count, true); },
                [&] { return handWritten(connectUnix(unixDatagramPath, SOCK_DGRAM), false, kind, count, false); });
    }
}

} // namespace EasyNetBench
