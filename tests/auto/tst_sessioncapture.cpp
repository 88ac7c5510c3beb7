// The console's pcapng export (SessionCapture, PcapngWriter, TcpConversation,
// IpPacketBuilder), read back with Debian's tshark: every frame read with no
// malformed frame, no expert warning or error, no TCP analysis flag and every
// IP, TCP and UDP checksum good; Follow TCP Stream gives exactly the session's
// bytes both ways; each packet's value comes back as its frame's comment.
// Real sessions against the built-in echo servers (TCP, TCP over IPv6, TLS,
// UDP, DTLS, Unix stream and datagram: the records' header byte for byte), a
// packet larger than the MSS and than half the window,
// an empty session, and logs made by hand for what a session seldom shows
// (bytes not seen on the wire, unknown addresses).
#include "consolesession.h"
#include "echoserver.h"
#include "ippacketbuilder.h"
#include "packetformat.h"
#include "sessioncapture.h"
#include "tshark.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QBuffer>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

using namespace EasyNet;
using namespace EasyNetConsole;
using namespace EasyNetTest;
using Transport = ConnectionSettings::Transport;
using Direction = PacketLogEntry::Direction;

namespace {

QByteArray joinedRaw(PacketLogModel &log, Direction direction)
{
    log.flush();
    QByteArray bytes;
    for (int row = 0; row < log.rowCount(); ++row) {
        if (log.entry(row).direction == direction)
            bytes += log.entry(row).raw;
    }
    return bytes;
}

// The rows that are packets or parse errors (a frame each), in order.
QList<PacketLogEntry> packetRows(PacketLogModel &log)
{
    log.flush();
    QList<PacketLogEntry> rows;
    for (int row = 0; row < log.rowCount(); ++row) {
        if (log.entry(row).direction != Direction::Event)
            rows.append(log.entry(row));
    }
    return rows;
}

// Every comment of every frame, in order.
QStringList frameComments(const QString &file, QString *error)
{
    const auto frames = Tshark::fields(file, {QStringLiteral("frame.comment")}, error,
                                       {QStringLiteral("-E"), QStringLiteral("aggregator=\x01")});
    QStringList comments;
    if (frames) {
        for (const QStringList &frame : *frames) {
            if (!frame.value(0).isEmpty())
                comments += frame.value(0).split(QChar(1));
        }
    }
    return comments;
}

PacketLogEntry row(Direction direction, const QByteArray &raw, const QVariant &value,
                   quint64 connection = 1)
{
    PacketLogEntry entry;
    entry.time = QDateTime::currentDateTime();
    entry.direction = direction;
    entry.raw = raw;
    entry.value = value;
    entry.connection = connection;
    return entry;
}

PacketLogEntry eventRow(const QString &message, PacketLogEntry::ConnectionEvent connectionEvent,
                        const QString &peer, const QString &local = {})
{
    PacketLogEntry entry = row(Direction::Event, {}, {});
    entry.message = message;
    entry.connectionEvent = connectionEvent;
    entry.peer = peer;
    entry.localAddress = local;
    return entry;
}

} // namespace

class tst_SessionCapture : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void checksumOfRfc1071();
    void tcpSession_data();
    void tcpSession();
    void udpSession_data();
    void udpSession();
    void unixSession_data();
    void unixSession();
    void largerThanTheMss();
    void emptySession();
    void eventsWithoutFrames();
    void parseErrorRow();
    void rowsMadeByHand();
    void unwritableFile();

private:
    // Connects session to its echo server (or the one it points at), sends
    // packets, waits for every echo, then disconnects and waits until closed.
    void echo(ConsoleSession &session, const QVariantList &packets);
    // Exports the session to a file of the temporary directory; its path.
    QString exportSession(ConsoleSession &session);
    // Every frame read, none with a problem (see Tshark::problemFilter()),
    // every checksum present verified good; the number of frames.
    int verifyClean(const QString &file);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_SessionCapture::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_SessionCapture::echo(ConsoleSession &session, const QVariantList &packets)
{
    QVERIFY2(session.connectToPeer(), qPrintable(session.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), ConsoleSession::State::Connected, 10000);
    for (const QVariant &packet : packets)
        QVERIFY2(session.send(packet), qPrintable(session.sendError()));
    QTRY_COMPARE_WITH_TIMEOUT(session.packetsReceived(), packets.size(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(joinedRaw(*session.log(), Direction::Sent).isEmpty(), false, 10000);
    session.disconnectFromPeer();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), ConsoleSession::State::Disconnected, 10000);
}

QString tst_SessionCapture::exportSession(ConsoleSession &session)
{
    const QString path = m_dir->filePath(QStringLiteral("session.pcapng"));
    const QString error = session.exportPcapng(path);
    return error.isEmpty() ? path : QString();
}

int tst_SessionCapture::verifyClean(const QString &file)
{
    QString error;
    const auto frames = Tshark::fields(
        file,
        {QStringLiteral("frame.number"), QStringLiteral("ip.checksum.status"),
         QStringLiteral("tcp.checksum.status"), QStringLiteral("udp.checksum.status")},
        &error);
    if (!frames) {
        qWarning("%s", qPrintable(error));
        return -1;
    }
    for (const QStringList &frame : *frames) {
        // 1: good; empty where the frame has no such header.
        for (qsizetype i = 1; i < frame.size(); ++i) {
            if (!frame[i].isEmpty() && frame[i] != QLatin1String("1")) {
                qWarning("frame %s: checksum status %s", qPrintable(frame[0]),
                         qPrintable(frame[i]));
                return -1;
            }
        }
    }
    const auto problems
        = Tshark::fields(file,
                         {QStringLiteral("frame.number"), QStringLiteral("_ws.expert.message"),
                          QStringLiteral("tcp.analysis.flags")},
                         &error, {QStringLiteral("-Y"), Tshark::problemFilter()});
    if (!problems || !problems->isEmpty()) {
        qWarning("problems: %s",
                 problems ? qPrintable(problems->value(0).join(QLatin1Char(' ')))
                          : qPrintable(error));
        return -1;
    }
    return int(frames->size());
}

void tst_SessionCapture::checksumOfRfc1071()
{
    // RFC 1071's example: the sum of 0001 f203 f4f5 f6f7 is ddf2.
    QCOMPARE(IpPacketBuilder::checksum(QByteArray::fromHex("0001f203f4f5f6f7")), quint16(~0xddf2));
    // An odd length is padded with a zero byte.
    QCOMPARE(IpPacketBuilder::checksum(QByteArray::fromHex("0001f203f4f5f6")),
             IpPacketBuilder::checksum(QByteArray::fromHex("0001f203f4f5f600")));
}

void tst_SessionCapture::tcpSession_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<QString>("listenOn");
    QTest::newRow("tcp, IPv4") << Transport::Tcp << QString();
    QTest::newRow("tcp, IPv6") << Transport::Tcp << QStringLiteral("[::1]:0");
    QTest::newRow("tls") << Transport::Tls << QString();
}

void tst_SessionCapture::tcpSession()
{
    SKIP_WITHOUT_TSHARK();
    QFETCH(Transport, transport);
    QFETCH(QString, listenOn);
    ConsoleSession session;
    std::unique_ptr<EchoServer> ipv6Server;
    if (listenOn.isEmpty()) {
        QVERIFY2(session.startEchoServer(transport), qPrintable(session.errorString()));
    } else {
        ipv6Server = EchoServer::create(EchoServer::Transport::Tcp,
                                        *session.settings()->protocol()->streamProtocol());
        QVERIFY2(ipv6Server->listen(listenOn), qPrintable(ipv6Server->errorString()));
        session.settings()->setTransport(transport);
        session.settings()->setHost(QStringLiteral("::1"));
        session.settings()->setPort(ipv6Server->port());
    }
    echo(session,
         {QVariantMap {{"cmd", "ping"}, {"n", 1}}, QVariantList {1, 2.5, "three"},
          QStringLiteral("ünïcode")});
    if (QTest::currentTestFailed())
        return;
    const QString localAddress = session.localAddress();
    const QString peer = session.peer();
    const QString file = exportSession(session);
    QVERIFY(!file.isEmpty());

    // 3 handshake segments, 3 packets each way, 3 closing segments.
    QCOMPARE(verifyClean(file), 12);
    QString error;
    const auto follow = Tshark::followTcp(file, 0, &error);
    QVERIFY2(follow, qPrintable(error));
    QCOMPARE(follow->first, joinedRaw(*session.log(), Direction::Sent));
    QCOMPARE(follow->second, joinedRaw(*session.log(), Direction::Received));

    const auto frames = Tshark::fields(file,
                                       {QStringLiteral("ip.src"), QStringLiteral("ipv6.src"),
                                        QStringLiteral("tcp.srcport"), QStringLiteral("ip.dst"),
                                        QStringLiteral("ipv6.dst"), QStringLiteral("tcp.dstport"),
                                        QStringLiteral("tcp.flags.str")},
                                       &error);
    QVERIFY2(frames, qPrintable(error));
    const auto hostPort = [](const QStringList &frame, int first) {
        const QString address = frame[first].isEmpty() ? frame[first + 1] : frame[first];
        return frame[first].isEmpty() ? QStringLiteral("[%1]:%2").arg(address, frame[first + 2])
                                      : QStringLiteral("%1:%2").arg(address, frame[first + 2]);
    };
    // The connection's own addresses and ports.
    QCOMPARE(hostPort(frames->first(), 0), localAddress);
    QCOMPARE(hostPort(frames->first(), 3), peer);
    QVERIFY2(frames->first().last().contains(QLatin1Char('S')), qPrintable(frames->first().last()));
    QVERIFY(frames->at(1).last().contains(QLatin1Char('S')));
    QVERIFY(frames->at(frames->size() - 3).last().contains(QLatin1Char('F')));
    QVERIFY(frames->at(frames->size() - 2).last().contains(QLatin1Char('F')));

    // The values as comments, with the events.
    const QStringList comments = frameComments(file, &error);
    for (const PacketLogEntry &entry : packetRows(*session.log()))
        QVERIFY2(comments.contains(entry.valueText()), qPrintable(entry.valueText()));
    QVERIFY2(comments.filter(QStringLiteral("connected to")).size() == 1,
             qPrintable(comments.join(QLatin1Char('\n'))));
}

void tst_SessionCapture::udpSession_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::newRow("udp") << Transport::Udp;
    QTest::newRow("dtls, its plaintext") << Transport::Dtls;
}

void tst_SessionCapture::udpSession()
{
    SKIP_WITHOUT_TSHARK();
    QFETCH(Transport, transport);
    ConsoleSession session;
    QVERIFY2(session.startEchoServer(transport), qPrintable(session.errorString()));
    echo(session, {QVariantMap {{"cmd", "ping"}}, 42, QStringLiteral("text")});
    if (QTest::currentTestFailed())
        return;
    const QString file = exportSession(session);
    QVERIFY(!file.isEmpty());
    QCOMPARE(verifyClean(file), 6);
    QString error;
    const auto frames
        = Tshark::fields(file,
                         {QStringLiteral("udp.srcport"), QStringLiteral("udp.payload"),
                          QStringLiteral("frame.comment")},
                         &error);
    QVERIFY2(frames, qPrintable(error));
    const QList<PacketLogEntry> rows = packetRows(*session.log());
    QCOMPARE(rows.size(), frames->size());
    for (qsizetype frame = 0; frame < rows.size(); ++frame) {
        const PacketLogEntry &entry = rows[frame];
        const QStringList &fields = frames->at(frame);
        QCOMPARE(QByteArray::fromHex(QString(fields[1]).remove(QLatin1Char(':')).toLatin1()),
                 entry.raw);
        QVERIFY2(fields[2].contains(entry.valueText()), qPrintable(fields[2]));
        // Sent from the console's port, received from the server's.
        QCOMPARE(fields[0] == QString::number(session.echoServer()->port()),
                 entry.direction == Direction::Received);
    }
}

void tst_SessionCapture::unixSession_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::newRow("unix stream") << Transport::UnixStream;
    QTest::newRow("unix datagram") << Transport::UnixDatagram;
}

void tst_SessionCapture::unixSession()
{
    SKIP_WITHOUT_TSHARK();
    QFETCH(Transport, transport);
    ConsoleSession session;
    QVERIFY2(session.startEchoServer(transport), qPrintable(session.errorString()));
    echo(session, {QVariantMap {{"cmd", "ping"}}, QStringLiteral("two")});
    if (QTest::currentTestFailed())
        return;
    const QString file = exportSession(session);
    QVERIFY(!file.isEmpty());
    // Decoded as plain data (Wireshark's DLT_USER table), the records as written.
    QString error;
    const auto frames = Tshark::fields(
        file,
        {QStringLiteral("frame.protocols"), QStringLiteral("data.data"),
         QStringLiteral("frame.comment")},
        &error,
        {QStringLiteral("-o"),
         QStringLiteral(R"x(uat:user_dlts:"User 0 (DLT=147)","data","0","","0","")x")});
    QVERIFY2(frames, qPrintable(error));
    const QList<PacketLogEntry> rows = packetRows(*session.log());
    QCOMPARE(rows.size(), 4);
    QCOMPARE(frames->size(), 4);
    for (qsizetype frame = 0; frame < rows.size(); ++frame) {
        const PacketLogEntry &entry = rows[frame];
        const QStringList &fields = frames->at(frame);
        const QByteArray peer = entry.peer.toUtf8();
        QVERIFY2(peer.startsWith('@'), peer.constData());
        QVERIFY2(fields[0].startsWith(QLatin1String("user_dlt")), qPrintable(fields[0]));
        const QByteArray record = QByteArray::fromHex(fields[1].toLatin1());
        QByteArray expected;
        expected.append(char(entry.direction == Direction::Sent ? 0 : 1));
        expected.append(char(transport == Transport::UnixDatagram ? 1 : 0)); // not continued
        expected.append(char(peer.size() >> 8)).append(char(peer.size() & 0xff));
        QCOMPARE(record, expected + peer + entry.raw);
        QVERIFY2(fields[2].contains(entry.valueText()), qPrintable(fields[2]));
    }
    // Without the DLT_USER table, every frame is still read.
    const auto plain = Tshark::fields(file, {QStringLiteral("frame.len")}, &error);
    QVERIFY2(plain, qPrintable(error));
    QCOMPARE(plain->size(), 4);
}

void tst_SessionCapture::largerThanTheMss()
{
    SKIP_WITHOUT_TSHARK();
    ConsoleSession session;
    session.settings()->protocol()->setMaxPacketSize(1 << 20);
    QVERIFY2(session.startEchoServer(Transport::Tcp), qPrintable(session.errorString()));
    // 3 000 bytes: three segments; 200 000: more than half a window unacknowledged.
    echo(session, {QString(3000, QLatin1Char('a')), QString(200000, QLatin1Char('b'))});
    if (QTest::currentTestFailed())
        return;
    const QString file = exportSession(session);
    QVERIFY(!file.isEmpty());
    QVERIFY(verifyClean(file) > 2 * 200000 / 1460);
    QString error;
    const auto follow = Tshark::followTcp(file, 0, &error);
    QVERIFY2(follow, qPrintable(error));
    QCOMPARE(follow->first, joinedRaw(*session.log(), Direction::Sent));
    QCOMPARE(follow->second, joinedRaw(*session.log(), Direction::Received));
    const auto lengths = Tshark::fields(file, {QStringLiteral("tcp.len")}, &error);
    QVERIFY2(lengths, qPrintable(error));
    for (const QStringList &length : *lengths)
        QVERIFY2(length[0].toInt() <= TcpConversation::Ipv4Mss, qPrintable(length[0]));
}

void tst_SessionCapture::emptySession()
{
    SKIP_WITHOUT_TSHARK();
    ConsoleSession session;
    const QString file = exportSession(session);
    QVERIFY(!file.isEmpty());
    QCOMPARE(verifyClean(file), 0);
}

void tst_SessionCapture::eventsWithoutFrames()
{
    // A connection that failed: its events are the file's comments.
    QList<PacketLogEntry> rows {
        eventRow(QStringLiteral("connecting to tcp://127.0.0.1:9"),
                 PacketLogEntry::ConnectionEvent::None, QStringLiteral("127.0.0.1:9")),
        eventRow(QStringLiteral("closed: connection refused"),
                 PacketLogEntry::ConnectionEvent::Closed, QStringLiteral("127.0.0.1:9")),
    };
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    SessionCapture capture(Transport::Tcp, {QStringLiteral("a session")});
    QVERIFY(capture.write(rows, &buffer));
    const QString file = m_dir->filePath(QStringLiteral("events.pcapng"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(buffer.data());
    out.close();
    // The section header's comments, as capinfos reads them.
    QVERIFY(buffer.data().contains("event: closed: connection refused"));
    QVERIFY(buffer.data().contains("a session"));
    SKIP_WITHOUT_TSHARK();
    QCOMPARE(verifyClean(file), 0);
}

void tst_SessionCapture::parseErrorRow()
{
    SKIP_WITHOUT_TSHARK();
    // A peer that answers with a line that is not JSON, then a good one.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        socket->write("{not json}\n{\"ok\":1}\n");
    });
    ConsoleSession session;
    session.settings()->setTransport(Transport::Tcp);
    session.settings()->setHost(QStringLiteral("127.0.0.1"));
    session.settings()->setPort(server.serverPort());
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE_WITH_TIMEOUT(session.packetsReceived(), 1, 10000);
    QCOMPARE(session.parseErrors(), 1);
    const QString file = exportSession(session);
    QVERIFY(!file.isEmpty());
    QCOMPARE(verifyClean(file), 3 + 2); // the connection is still open: no FIN
    QString error;
    const auto follow = Tshark::followTcp(file, 0, &error);
    QVERIFY2(follow, qPrintable(error));
    QCOMPARE(follow->second, QByteArray("{not json}\n{\"ok\":1}\n"));
    const QStringList comments = frameComments(file, &error);
    QVERIFY2(comments.filter(QStringLiteral("parse error at byte")).size() == 1,
             qPrintable(comments.join(QLatin1Char('\n'))));
    QVERIFY(comments.contains(QStringLiteral("{\"ok\":1}")));
}

void tst_SessionCapture::rowsMadeByHand()
{
    SKIP_WITHOUT_TSHARK();
    // A host name for a peer and no own address: the placeholder pair; bytes
    // written again from the value: a note; a sent row without bytes: a
    // comment on the next frame.
    PacketLogEntry received = row(Direction::Received, "{\"a\":1}\n", QVariantMap {{"a", 1}});
    received.rawIsExact = false;
    received.peer = QStringLiteral("localhost:7000");
    PacketLogEntry unsent = row(Direction::Sent, {}, QStringLiteral("later"));
    unsent.peer = received.peer;
    const QList<PacketLogEntry> rows {unsent, received};
    const QString file = m_dir->filePath(QStringLiteral("hand.pcapng"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QVERIFY(SessionCapture(Transport::Tcp).write(rows, &out));
    out.close();
    QCOMPARE(verifyClean(file), 4); // the handshake made up before the data, no FIN
    QString error;
    const auto frames = Tshark::fields(file,
                                       {QStringLiteral("ip.src"), QStringLiteral("tcp.srcport"),
                                        QStringLiteral("ip.dst"), QStringLiteral("tcp.dstport")},
                                       &error);
    QVERIFY2(frames, qPrintable(error));
    QCOMPARE(frames->first(),
             QStringList({QStringLiteral("127.0.0.1"), QStringLiteral("50001"),
                          QStringLiteral("127.0.0.1"), QStringLiteral("7000")}));
    const QStringList comments = frameComments(file, &error);
    QVERIFY2(comments.filter(QStringLiteral("were not seen")).size() == 1,
             qPrintable(comments.join(QLatin1Char('\n'))));
    QVERIFY2(comments.filter(QStringLiteral("\"later\" (sent, no bytes recorded)")).size() == 1,
             qPrintable(comments.join(QLatin1Char('\n'))));
}

void tst_SessionCapture::unwritableFile()
{
    ConsoleSession session;
    const QString error
        = session.exportPcapng(m_dir->filePath(QStringLiteral("no/such/dir.pcapng")));
    QVERIFY2(error.contains(QLatin1String("cannot write")), qPrintable(error));
}

QTEST_MAIN(tst_SessionCapture)
#include "tst_sessioncapture.moc"
