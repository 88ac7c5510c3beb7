#include "clientundertest.h"

#include "testsupport.h"

#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QTimer>

#include <thread>

using namespace EasyNet;
using namespace std::chrono_literals;

namespace EasyNetTest {

bool isStream(Transport transport)
{
    return transport == Transport::Tcp || transport == Transport::UnixStream;
}

bool isUnix(Transport transport)
{
    return transport == Transport::UnixStream || transport == Transport::UnixDatagram;
}

const char *nameOf(Transport transport)
{
    static const char *const names[] = {"tcp", "udp", "unix-stream", "unix-datagram"};
    return names[int(transport)];
}

const char *nameOf(Form form)
{
    return form == Form::EventDriven ? "event-driven" : "blocking";
}

void addClientRows(std::initializer_list<Transport> transports, std::initializer_list<Form> forms)
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<Form>("form");
    for (const Transport transport : transports) {
        for (const Form form : forms)
            QTest::addRow("%s, %s", nameOf(transport), nameOf(form)) << transport << form;
    }
}

ClientUnderTest::~ClientUnderTest() = default;

QString ClientUnderTest::next(std::chrono::milliseconds timeout)
{
    QVariant packet;
    const Error error = receive(&packet, timeout);
    return error.isError() ? QStringLiteral("<%1>").arg(error.message()) : packet.toString();
}

namespace {

StreamProtocol streamProtocol(const ClientSetup &setup)
{
    return StreamProtocol(setup.serializer ? setup.serializer : lineSerializer());
}

DatagramProtocol datagramProtocol(const ClientSetup &setup)
{
    return DatagramProtocol(setup.serializer ? setup.serializer : lineSerializer());
}

// Drives the futures of an AbstractClient in the event loop; autoRead is off,
// so that every packet waits for a receive.
class EventDrivenClientUnderTest final : public ClientUnderTest
{
public:
    explicit EventDrivenClientUnderTest(const ClientSetup &setup) : m_client(make(setup))
    {
        m_client->setAutoRead(false);
        if (setup.connectTimeout)
            refuseUnless(m_client->setConnectTimeout(*setup.connectTimeout), *m_client);
        refuseUnless(m_client->setIdleTimeout(setup.liveness.idleTimeout), *m_client);
        refuseUnless(m_client->setHeartbeatInterval(setup.liveness.heartbeatInterval), *m_client);
        refuseUnless(m_client->setHeartbeatPacket(setup.liveness.heartbeatPacket), *m_client);
    }
    Form form() const override { return Form::EventDriven; }
    Error connect() override
    {
        if (m_refused.isError())
            return m_refused;
        return outcome(m_client->waitConnected());
    }
    Error send(const QVariant &packet) override { return outcome(m_client->sendPacket(packet)); }
    Error receive(QVariant *packet, std::chrono::milliseconds timeout) override
    {
        const QFuture<QVariant> next = m_client->recvPacket(QDeadlineTimer(timeout));
        if (!finish(next, int(timeout.count()) + 10000))
            return Error(ErrorCode::Timeout, QStringLiteral("the test gave up waiting"));
        const Error error = errorOf([&] { QFuture<QVariant>(next).waitForFinished(); });
        if (packet && !error.isError())
            *packet = next.result();
        return error;
    }
    Error sendEof() override
    {
        if (auto *tcp = qobject_cast<TcpClient *>(m_client.get()))
            return outcome(tcp->sendEof());
        return outcome(qobject_cast<UnixStreamClient *>(m_client.get())->sendEof());
    }
    void close() override
    {
        QVERIFY(finish(m_client->close(), 60000));
        QCOMPARE(m_client->state(), AbstractClient::State::Closed);
    }
    void closeAfter(std::chrono::milliseconds delay) override
    {
        QTimer::singleShot(delay, m_client.get(), [this] { m_client->close(); });
    }
    bool isClosed() const override { return m_client->state() == AbstractClient::State::Closed; }
    SocketHandle socket() const override { return m_client->socket(); }
    Error iterate(std::optional<std::chrono::milliseconds> budget,
                  const std::function<bool(const QVariant &)> &body,
                  std::optional<std::chrono::milliseconds> *remaining) override
    {
        ReceivedPacketIterator packets = budget
            ? m_client->receivedPackets(*budget)
            : m_client->receivedPackets(QDeadlineTimer::Forever);
        Error error;
        for (;;) {
            const QFuture<std::optional<QVariant>> next = packets.next();
            error = outcome(next);
            if (error.isError() || !next.result() || !body(*next.result()))
                break;
        }
        if (remaining)
            *remaining = packets.remainingTime();
        return error;
    }
    AbstractClient *eventDriven() override { return m_client.get(); }

private:
    // An option refused by client's setter fails connect().
    void refuseUnless(bool accepted, const AbstractClient &client)
    {
        if (!accepted && !m_refused.isError())
            m_refused = client.lastError();
    }
    std::unique_ptr<AbstractClient> make(const ClientSetup &setup)
    {
        switch (setup.transport) {
        case Transport::Tcp: {
            auto client = std::make_unique<TcpClient>();
            const BlockingTcpOptions &o = setup.tcp;
            configureInet(*client, setup, o);
            client->setProtocol(streamProtocol(setup));
            client->setMaxRecvSize(o.maxRecvSize);
            client->setMaxPacketSize(o.maxPacketSize);
            client->setHappyEyeballsDelay(o.happyEyeballsDelay);
            client->setProxy(o.proxy);
            if (o.ssl)
                client->setSslConfiguration(*o.ssl);
            if (o.serverHostname)
                client->setServerHostname(*o.serverHostname);
            client->setSslStandardCompatible(o.sslStandardCompatible);
            client->setSslShutdownTimeout(o.sslShutdownTimeout);
            client->setSslHandshakeTimeout(o.sslHandshakeTimeout);
            refuseUnless(client->setNoDelay(o.noDelay), *client);
            refuseUnless(client->setKeepAlive(o.keepAlive), *client);
            refuseUnless(client->setKeepAliveIdle(o.keepAliveIdle), *client);
            refuseUnless(client->setKeepAliveInterval(o.keepAliveInterval), *client);
            refuseUnless(client->setKeepAliveCount(o.keepAliveCount), *client);
            refuseUnless(client->setUserTimeout(o.userTimeout), *client);
            return applyPending(std::move(client));
        }
        case Transport::Udp: {
            auto client = std::make_unique<UdpClient>();
            const BlockingUdpOptions &o = setup.udp;
            configureInet(*client, setup, o);
            client->setProtocol(datagramProtocol(setup));
            client->setFamily(o.family);
            m_pending.append({"maxDatagramSize", QVariant::fromValue(o.maxDatagramSize)});
            if (o.ssl)
                client->setSslConfiguration(*o.ssl);
            if (o.serverHostname)
                client->setServerHostname(*o.serverHostname);
            refuseUnless(client->setSslHandshakeTimeout(o.sslHandshakeTimeout), *client);
            return applyPending(std::move(client));
        }
        case Transport::UnixStream: {
            auto client = std::make_unique<UnixStreamClient>();
            configureUnix(*client, setup);
            client->setProtocol(streamProtocol(setup));
            client->setMaxRecvSize(setup.unixOptions.maxRecvSize);
            client->setMaxPacketSize(setup.unixOptions.maxPacketSize);
            return client;
        }
        case Transport::UnixDatagram: {
            auto client = std::make_unique<UnixDatagramClient>();
            configureUnix(*client, setup);
            client->setProtocol(datagramProtocol(setup));
            m_pending.append(
                {"maxDatagramSize", QVariant::fromValue(setup.unixOptions.maxDatagramSize)});
            return applyPending(std::move(client));
        }
        }
        return nullptr;
    }
    // TCP and UDP: where to, and the local address (set once the client exists).
    template<typename Client, typename Options>
    void configureInet(Client &client, const ClientSetup &setup, const Options &options)
    {
        if (setup.descriptor >= 0) {
            client.setSocketDescriptor(setup.descriptor);
        } else {
            client.setHost(setup.host);
            client.setPort(setup.port);
        }
        if (!options.bindAddress.isNull())
            m_pending.append({"bindAddress", QVariant::fromValue(options.bindAddress)});
        if (options.bindPort != 0)
            m_pending.append({"bindPort", QVariant::fromValue(options.bindPort)});
    }
    static void configureUnix(AbstractUnixClient &client, const ClientSetup &setup)
    {
        if (setup.descriptor >= 0)
            client.setSocketDescriptor(setup.descriptor);
        else
            client.setAddress(setup.unixAddress);
        client.setBindAddress(setup.unixOptions.bindAddress);
        client.setPassCredentials(setup.unixOptions.passCredentials);
    }
    // bindAddress, bindPort and maxDatagramSize go through the meta-object, as
    // QML sets them; once the client exists, as make() runs before m_client is set.
    std::unique_ptr<AbstractClient> applyPending(std::unique_ptr<AbstractClient> client)
    {
        for (const auto &[name, value] : std::as_const(m_pending)) {
            if (!client->setProperty(name, value) && !m_refused.isError())
                m_refused = Error(ErrorCode::InvalidArgument,
                                  QStringLiteral("%1 refused").arg(QLatin1String(name)));
        }
        return client;
    }

    QList<std::pair<const char *, QVariant>> m_pending; // properties to set once made
    Error m_refused;
    std::unique_ptr<AbstractClient> m_client;
};

// Calls the blocking API, its exceptions turned into errors.
class BlockingClientUnderTest final : public ClientUnderTest
{
public:
    explicit BlockingClientUnderTest(const ClientSetup &setup) : m_setup(setup)
    {
        if (setup.connectTimeout)
            m_setup.tcp.connectTimeout = m_setup.unixOptions.connectTimeout = setup.connectTimeout;
        m_setup.tcp.liveness = m_setup.udp.liveness = m_setup.unixOptions.liveness = setup.liveness;
    }
    ~BlockingClientUnderTest() override
    {
        if (m_closer.joinable())
            m_closer.join();
    }
    Form form() const override { return Form::Blocking; }
    Error connect() override
    {
        if (m_client)
            return {};
        m_connectError = errorOf([&] { m_client = make(); });
        return m_connectError;
    }
    Error send(const QVariant &packet) override
    {
        return call([&] { m_client->sendPacket(packet, 5s); });
    }
    Error receive(QVariant *packet, std::chrono::milliseconds timeout) override
    {
        return call([&] {
            const QVariant got = m_client->recvPacket(timeout);
            if (packet)
                *packet = got;
        });
    }
    Error sendEof() override
    {
        return call([&] {
            if (auto *tcp = dynamic_cast<BlockingTcpClient *>(m_client.get()))
                tcp->sendEof();
            else
                dynamic_cast<BlockingUnixStreamClient &>(*m_client).sendEof();
        });
    }
    void close() override
    {
        if (m_client)
            m_client->close();
    }
    void closeAfter(std::chrono::milliseconds delay) override
    {
        m_closer = std::thread([this, delay] {
            std::this_thread::sleep_for(delay);
            close();
        });
    }
    bool isClosed() const override { return !m_client || m_client->isClosed(); }
    SocketHandle socket() const override { return m_client ? m_client->socket() : SocketHandle(); }
    Error iterate(std::optional<std::chrono::milliseconds> budget,
                  const std::function<bool(const QVariant &)> &body,
                  std::optional<std::chrono::milliseconds> *) override
    {
        return call([&] {
            for (const QVariant &packet : m_client->receivedPackets(
                     budget ? QDeadlineTimer(*budget) : QDeadlineTimer(QDeadlineTimer::Forever))) {
                if (!body(packet))
                    break;
            }
        });
    }
    AbstractBlockingClient *blocking() override { return m_client.get(); }

private:
    template<typename Fn>
    Error call(Fn &&fn)
    {
        if (!m_client)
            return m_connectError.isError()
                ? m_connectError
                : Error(ErrorCode::InvalidOperation, QStringLiteral("not connected"));
        return errorOf(fn);
    }
    std::unique_ptr<AbstractBlockingClient> make() const
    {
        const ClientSetup &s = m_setup;
        const bool adopt = s.descriptor >= 0;
        switch (s.transport) {
        case Transport::Tcp:
            return adopt
                ? std::make_unique<BlockingTcpClient>(s.descriptor, streamProtocol(s), s.tcp)
                : std::make_unique<BlockingTcpClient>(s.host, s.port, streamProtocol(s), s.tcp);
        case Transport::Udp:
            return adopt
                ? std::make_unique<BlockingUdpClient>(s.descriptor, datagramProtocol(s), s.udp)
                : std::make_unique<BlockingUdpClient>(s.host, s.port, datagramProtocol(s), s.udp);
        case Transport::UnixStream:
            return adopt
                ? std::make_unique<BlockingUnixStreamClient>(s.descriptor, streamProtocol(s),
                                                             s.unixOptions)
                : std::make_unique<BlockingUnixStreamClient>(s.unixAddress, streamProtocol(s),
                                                             s.unixOptions);
        case Transport::UnixDatagram:
            return adopt
                ? std::make_unique<BlockingUnixDatagramClient>(s.descriptor, datagramProtocol(s),
                                                               s.unixOptions)
                : std::make_unique<BlockingUnixDatagramClient>(s.unixAddress, datagramProtocol(s),
                                                               s.unixOptions);
        }
        return nullptr;
    }

    ClientSetup m_setup;
    Error m_connectError;
    std::unique_ptr<AbstractBlockingClient> m_client;
    std::thread m_closer;
};

} // namespace

std::unique_ptr<ClientUnderTest> ClientUnderTest::make(Form form, const ClientSetup &setup)
{
    if (form == Form::Blocking)
        return std::make_unique<BlockingClientUnderTest>(setup);
    return std::make_unique<EventDrivenClientUnderTest>(setup);
}

} // namespace EasyNetTest
