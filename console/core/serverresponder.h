// ServerResponder: what the built-in server (EchoServer and its transports)
// answers to each packet a client sends. The server decodes, asks its
// responder, encodes the answer's packets with its protocol and sends them:
// at once, or after the answer's delay; then it closes the client's
// connection when the answer says so. EchoResponder sends every packet back;
// RuleResponder answers by a RuleSet.
//
// A responder lives in the server's thread and is called there, one packet
// at a time.
#pragma once

#include <QtCore/QString>
#include <QtCore/QVariant>

#include <optional>

namespace EasyNetConsole {

class ServerResponder
{
public:
    struct Answer
    {
        // The packets to send back, in order (none: nothing is sent).
        QVariantList replies;
        // Milliseconds to wait before sending them (and closing).
        int delayMs = 0;
        // Close the connection once the replies went out (datagram
        // transports forget the client; DTLS ends its session).
        bool closeAfter = false;
        // The rule that answered; empty for an echo.
        QString ruleName;
    };

    virtual ~ServerResponder();

    // The answer to packet from peer; nothing when it goes unanswered, with
    // *error set when that is because the answer could not be made.
    virtual std::optional<Answer> answer(const QString &peer, const QVariant &packet,
                                         QString *error)
        = 0;
    // The peer went away (its connection closed, or the server stopped):
    // what the responder keeps about it can go.
    virtual void forgetPeer(const QString &peer);
};

} // namespace EasyNetConsole
