// Blocking request/response round trips: EasyNet's blocking clients against
// the loop a careful user writes by hand on a blocking POSIX socket (send(),
// recv() into a buffer until the newline, QJsonDocument both ways; OpenSSL's
// SSL_write()/SSL_read() for TLS), and the same loop without JSON (the floor).
#include "benchechoservers.h"
#include "benchmarks.h"
#include "benchpackets.h"
#include "rawsockets.h"

#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/blockingudpclient.h>
#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/jsonserializer.h>

#include <QtCore/QElapsedTimer>
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
            wrongPacket(n, i);
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

// The hand-written loop (json) or the floor (!json) on the connected fd.
double handWritten(int fd, bool stream, PacketKind kind, long count, bool json)
{
    if (json)
        return blockingRoundTrips(fd, stream, count, jsonRequest(kind, stream), checkJson);
    return blockingRoundTrips(fd, stream, count, fixedRequest(kind, stream), checkSize(kind));
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
        const QByteArray line = packetText(kind, i, true);
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
    const EchoServers servers(settings, QStringLiteral("blocking-"));
    const QString caFile = settings.tlsDir + QStringLiteral("/ca.pem");
    const StreamProtocol jsonStream(std::make_shared<JsonSerializer>());
    const DatagramProtocol jsonDatagrams(std::make_shared<JsonSerializer>());

    // A row: its EasyNet client, its baseline and its floor (none for TLS).
    using Client = AbstractBlockingClient;
    using Loop = std::function<double(PacketKind, long count)>;
    struct Row
    {
        QString transport;
        std::function<std::unique_ptr<Client>()> easyNetClient;
        Loop baseline;
        Loop floor;
    };
    // The hand-written loop (json) or the floor (!json) over a socket that connect() opens.
    const auto handWrittenLoop = [](std::function<int()> connect, bool stream, bool json) {
        return Loop([connect, stream, json](PacketKind kind, long count) {
            return handWritten(connect(), stream, kind, count, json);
        });
    };
    const auto tcpStream = [&] { return connectTcp(servers.tcp.port(), SOCK_STREAM); };
    const auto unixStream = [&] { return connectUnix(servers.unixStreamPath, SOCK_STREAM); };
    const auto udp = [&] { return connectTcp(servers.udp.port(), SOCK_DGRAM); };
    const auto unixDatagram = [&] { return connectUnix(servers.unixDatagramPath, SOCK_DGRAM); };
    BlockingTcpOptions tlsOptions;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(caFile));
    tlsOptions.ssl = configuration;
    tlsOptions.serverHostname = QStringLiteral("localhost");
    const QString localhost = QStringLiteral("127.0.0.1");
    const Row rows[] = {
        {QStringLiteral("TCP"),
         clientOf<Client, BlockingTcpClient>(localhost, servers.tcp.port(), jsonStream),
         handWrittenLoop(tcpStream, true, true), handWrittenLoop(tcpStream, true, false)},
        {QStringLiteral("TLS"),
         clientOf<Client, BlockingTcpClient>(localhost, servers.tls.port(), jsonStream, tlsOptions),
         [&](PacketKind kind, long count) {
             return openSslRoundTrips(servers.tls.port(), caFile, kind, count);
         },
         {}},
        {QStringLiteral("Unix stream"),
         clientOf<Client, BlockingUnixStreamClient>(servers.unixStreamPath, jsonStream),
         handWrittenLoop(unixStream, true, true), handWrittenLoop(unixStream, true, false)},
        {QStringLiteral("UDP"),
         clientOf<Client, BlockingUdpClient>(localhost, servers.udp.port(), jsonDatagrams),
         handWrittenLoop(udp, false, true), handWrittenLoop(udp, false, false)},
        {QStringLiteral("Unix datagram"),
         clientOf<Client, BlockingUnixDatagramClient>(servers.unixDatagramPath, jsonDatagrams),
         handWrittenLoop(unixDatagram, false, true), handWrittenLoop(unixDatagram, false, false)},
    };

    for (const PacketKind kind : {PacketKind::Small, PacketKind::Realistic}) {
        for (const Row &row : rows) {
            const QString name = QStringLiteral("blocking ") + row.transport
                + QStringLiteral(" round trip ") + packetKindName(kind);
            if (!settings.wants(name))
                continue;
            table.compare(
                name, settings.roundTrips, Goal::Time, 1.10,
                [&](long count) {
                    const std::unique_ptr<Client> client = row.easyNetClient();
                    return easyNetRoundTrips(*client, kind, count);
                },
                [&](long count) { return row.baseline(kind, count); },
                row.floor ? Run([&](long count) { return row.floor(kind, count); }) : Run(),
                RoundTripSlices);
        }
    }
}

} // namespace EasyNetBench
