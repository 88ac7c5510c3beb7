// One client of any transport in either form (event-driven or blocking),
// driven the same way by a test body: every call returns once the operation
// ended, with the error it ended with (NoError on success).
#pragma once

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/abstractclient.h>
#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/blockingudpclient.h>
#include <EasyNet/blockingunixoptions.h>
#include <EasyNet/errors.h>
#include <EasyNet/livenessoptions.h>
#include <EasyNet/sockethandle.h>
#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QMetaType>
#include <QtCore/QVariant>
#include <QtTest/QTest>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace EasyNetTest {

// Which client a row runs.
enum class Form { EventDriven, Blocking };
enum class Transport { Tcp, Udp, UnixStream, UnixDatagram };

bool isStream(Transport transport);
bool isUnix(Transport transport);
const char *nameOf(Transport transport); // "tcp", "udp", "unix-stream", "unix-datagram"
const char *nameOf(Form form); // "event-driven", "blocking"

// Columns "transport" and "form" and a row "<transport>, <form>" for each pair.
void addClientRows(std::initializer_list<Transport> transports,
                   std::initializer_list<Form> forms = {Form::EventDriven, Form::Blocking});

// What a client is given, in the blocking clients' terms; the event-driven
// form sets the same through its setters before it opens.
struct ClientSetup
{
    Transport transport = Transport::Tcp;
    QString host = QStringLiteral("127.0.0.1"); // TCP, UDP
    quint16 port = 0;
    EasyNet::UnixSocketAddress unixAddress; // Unix
    qintptr descriptor = -1; // >= 0: adopt it instead of connecting
    // The format (none: UTF-8 lines).
    std::shared_ptr<EasyNet::AbstractIncrementalPacketSerializer> serializer;
    EasyNet::BlockingTcpOptions tcp;
    EasyNet::BlockingUdpOptions udp;
    EasyNet::BlockingUnixOptions unixOptions;
    // Connecting (TCP and Unix streams); the blocking form's tcp/unixOptions
    // connectTimeout is set from it.
    std::optional<std::chrono::milliseconds> connectTimeout;
    // Every client; the blocking form's options get it as their liveness.
    EasyNet::LivenessOptions liveness;
};

class ClientUnderTest
{
public:
    static std::unique_ptr<ClientUnderTest> make(Form form, const ClientSetup &setup);
    virtual ~ClientUnderTest();

    virtual Form form() const = 0;
    // Connects (a blocking client is made here); idempotent. Until it
    // succeeded, every other call fails with its error.
    virtual EasyNet::Error connect() = 0;
    virtual EasyNet::Error send(const QVariant &packet) = 0;
    virtual EasyNet::Error receive(QVariant *packet = nullptr,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(5))
        = 0;
    virtual EasyNet::Error sendEof() = 0; // streams
    virtual void close() = 0;
    // close() from elsewhere after delay: a timer of the event loop, or a thread.
    virtual void closeAfter(std::chrono::milliseconds delay) = 0;
    virtual bool isClosed() const = 0;
    virtual EasyNet::SocketHandle socket() const = 0;
    // The packets of receivedPackets(budget; none: forever), each given to
    // body until it returns false; the error the iteration ended with.
    // *remaining: what the event-driven iterator says is left of the budget
    // (the blocking form leaves it alone).
    virtual EasyNet::Error iterate(std::optional<std::chrono::milliseconds> budget,
                                   const std::function<bool(const QVariant &)> &body,
                                   std::optional<std::chrono::milliseconds> *remaining = nullptr)
        = 0;

    // The client itself, in its form (the blocking one exists once connected).
    virtual EasyNet::AbstractClient *eventDriven() { return nullptr; }
    virtual EasyNet::AbstractBlockingClient *blocking() { return nullptr; }

    // The packet that comes next, or "<error message>".
    QString next(std::chrono::milliseconds timeout = std::chrono::seconds(5));
};

// Calls fn with the client as its concrete class, Event or Blocking by its
// form: for what only some clients have (TLS session, ancillary data).
template<typename Event, typename Blocking, typename Fn>
auto visit(ClientUnderTest &client, Fn &&fn)
{
    if (client.form() == Form::EventDriven)
        return fn(dynamic_cast<Event &>(*client.eventDriven()));
    return fn(dynamic_cast<Blocking &>(*client.blocking()));
}

} // namespace EasyNetTest

Q_DECLARE_METATYPE(EasyNetTest::Form)
Q_DECLARE_METATYPE(EasyNetTest::Transport)

// Fails the test with the error's message unless expr (an Error) is NoError.
#define QVERIFY_OK(expr)                                                                           \
    do {                                                                                           \
        const EasyNet::Error error_ = (expr);                                                      \
        QVERIFY2(!error_.isError(), qPrintable(error_.message()));                                 \
    } while (false)
