// HeadlessServer: easynet-console --cli --serve URL, the built-in server
// without a window: it listens where URL says (tcp://127.0.0.1:9000,
// tls://, udp://, dtls://, unix:///path, unix:@name, unix-dgram:...; port 0
// picks a free one; ConsoleOptions reads the URL) with a protocol, answering by a RuleSet (--rules
// FILE) or echoing, and runs until the process is stopped (Ctrl+C, SIGTERM).
//
// Its output is JSON lines: first where it listens,
//   {"listening":"127.0.0.1:9000","url":"tcp://127.0.0.1:9000"}
// (with "certificate": the SHA-256 fingerprint for TLS and DTLS), then one
// line per packet answered (answerLine()),
//   {"peer":"127.0.0.1:40000","rule":"ping","packet":{"cmd":"ping"},
//    "replies":[{"pong":1}],"delayMs":0,"close":false}
// ("rule" is null for an echo). Errors and packets that did not parse go to
// the error stream as {"error": ..., "peer": ...} lines.
#pragma once

#include "connectionsettings.h"
#include "serverresponder.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QObject>

#include <cstdio>
#include <memory>
#include <optional>

namespace EasyNetConsole {

class EchoServer;
class ProtocolSettings;
class RuleSet;

class HeadlessServer : public QObject
{
    Q_OBJECT

public:
    // output, errors: open streams (not owned).
    HeadlessServer(std::FILE *output, std::FILE *errors, QObject *parent = nullptr);
    ~HeadlessServer() override;

    // Listens at address ("127.0.0.1:9000", "/tmp/s", "@name"; see
    // EchoServer::listen()) with protocol, answering by rules (null:
    // echoing); false with *error when the protocol or the address is refused.
    bool start(ConnectionSettings::Transport transport, const QString &address,
               const ProtocolSettings &protocol, const RuleSet *rules, QString *error);

    // One answered packet as a JSON line (no newline), map keys in their order.
    static QByteArray answerLine(const QString &peer, const QVariant &packet,
                                 const ServerResponder::Answer &answer);
    // Writes line and a newline to stream, and flushes it (for scripts that
    // read as it runs).
    static void printLine(std::FILE *stream, const QByteArray &line);

private:
    std::FILE *m_output;
    std::FILE *m_errors;
    std::unique_ptr<EchoServer> m_server;
};

} // namespace EasyNetConsole
