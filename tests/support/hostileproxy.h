// A scripted proxy peer for the proxy error tests: a QTcpServer on 127.0.0.1
// that accepts one connection (or Script::connections, one script each) and
// then closes its port, speaks SOCKS5 (RFC 1928, RFC 1929) or HTTP
// CONNECT as a proxy would up to a chosen stage, and there plays one
// misbehaviour (stall, garbage, a reply cut short, a refusal) or opens a tunnel
// whose first bytes come in the same write as the reply, then echoes. It never
// connects anywhere: the tunnel's other end is the peer itself.
//
// It lives in the thread that creates it (give it a ServerThread's context for
// a blocking client); observed() may be called from any thread.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QMetaType>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>

#include <memory>
#include <mutex>
#include <vector>

class QTcpSocket;

namespace EasyNetTest {

class HostileProxy : public QObject
{
public:
    enum class Protocol {
        Socks5,
        Http, // CONNECT
    };

    // What the peer does at the script's stage (SOCKS5) or in answer to the
    // CONNECT request (HTTP, whose one answer is its only stage).
    enum class Behaviour {
        // A correct answer (SOCKS5: the success reply, 05 00 00 01 127.0.0.1
        // and the peer's port; HTTP: "HTTP/1.1 200 Connection established"
        // and an empty line) and, in the same write, the banner; then echoes
        // every byte. The stage does not matter.
        Tunnel,
        // Reads everything and never answers: with Stage::Greeting, it stalls
        // after the greeting.
        Stall,
        // Answers with the payload (default: defaultGarbage()), which is
        // neither protocol's, and then only reads.
        Garbage,
        // Sends the first bytes of a correct answer (payload, default: SOCKS5
        // 05 / 01 / 05 00 00 01 7f by stage; HTTP "HTTP/1.1 200 Conn") and
        // closes the connection.
        CloseMidReply,
        // A refusal, then closes: SOCKS5 at Greeting: no acceptable method
        // (05 FF); at Authentication: the RFC 1929 status 01 (failure); at
        // Request: the reply 05 <socksReply> 00 01 0.0.0.0:0. HTTP: the status
        // httpStatus with its reason, "Connection: close", no body, and for
        // 407 a Proxy-Authenticate: Basic challenge.
        Refuse,
    };

    // SOCKS5: the answer where the script departs from a correct proxy.
    enum class Stage {
        Greeting, // instead of the method selection
        // instead of the RFC 1929 status: the peer selects method 02 (the
        // client must offer it, e.g. a QNetworkProxy with a user)
        Authentication,
        Request, // instead of the CONNECT reply
    };

    struct Script
    {
        Protocol protocol = Protocol::Socks5;
        Behaviour behaviour = Behaviour::Tunnel;
        Stage stage = Stage::Request;
        quint8 socksReply = 0x05; // Refuse at Request: 05 = connection refused
        int httpStatus = 502; // Refuse over HTTP: 403, 407, 502, ...
        QByteArray payload; // Garbage, CloseMidReply: what is sent (empty: default)
        QByteArray banner = QByteArrayLiteral("hello\n"); // Tunnel: first tunnel bytes
        // When set, the client must present them: SOCKS5 method 02 and RFC
        // 1929 (else status 01 and close), HTTP Proxy-Authorization: Basic
        // (else 407 and close), before the script goes on.
        QString user;
        QString password;
        // How many connections it accepts, each playing the script from the
        // start; later ones are refused. QTcpSocket needs 2 for HTTP
        // authentication (its first CONNECT has no credentials, and the 407
        // closes the connection) and retries once after a non-proxy error
        // (SOCKS5 reply codes 02 to 05; HTTP 403, 404, 503).
        int connections = 1;
    };

    // What the peer saw and did on its last connection; a snapshot.
    struct Observed
    {
        int connections = 0; // accepted so far (the others were refused)
        bool played = false; // the script reached its behaviour (the tunnel: opened)
        bool ended = false; // every connection is over, whoever ended it
        QByteArray received; // every byte from the client
        QByteArray sent; // every byte to the client
        QList<quint8> methods; // SOCKS5: the methods the greeting offered
        QString user; // the credentials the client presented (SOCKS5 RFC 1929,
        QString password; // or HTTP Basic)
        QByteArray request; // SOCKS5: the CONNECT request; HTTP: its header, through the empty line
        quint8 addressType = 0; // SOCKS5: the request's ATYP (1 IPv4, 3 domain name, 4 IPv6)
        QString host; // the target asked for (a name or an address)
        quint16 port = 0;
    };

    explicit HostileProxy(const Script &script, QObject *parent = nullptr);
    ~HostileProxy() override;
    Q_DISABLE_COPY_MOVE(HostileProxy)

    quint16 port() const { return m_port; }
    // How to reach it: Socks5Proxy or HttpProxy, 127.0.0.1:port(), the script's credentials.
    QNetworkProxy proxy() const;
    Observed observed() const;

    static QByteArray defaultGarbage(); // "\xde\xad\xbe\xef not a proxy\r\n\r\n"
    // A row name: "socks5 refuse 0x05 at request", "http refuse 407", ...
    static QString describe(const Script &script);

private:
    enum class State { Greeting, Authentication, Request, Tunnel, Done };
    struct Connection
    {
        QTcpSocket *socket = nullptr; // a child of the server
        State state = State::Greeting;
        QByteArray buffer; // received, not yet parsed
    };

    void accept();
    void readAvailable(Connection &c);
    bool advanceSocks5(Connection &c);
    bool advanceHttp(Connection &c);
    // Plays the script's misbehaviour at this point (state Done after).
    void misbehave(Connection &c, const QByteArray &defaultPartial);
    void send(Connection &c, const QByteArray &bytes);
    void closeConnection(Connection &c);
    QByteArray httpRefusal(int status) const;
    void setPlayed();

    const Script m_script;
    QTcpServer m_server;
    quint16 m_port = 0;
    std::vector<std::unique_ptr<Connection>> m_connections;
    int m_open = 0; // connections not yet ended

    mutable std::mutex m_mutex;
    Observed m_observed;
};

} // namespace EasyNetTest

Q_DECLARE_METATYPE(EasyNetTest::HostileProxy::Script)
