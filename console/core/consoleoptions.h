// ConsoleOptions: the consoles' command line, easynet-console's (Face::Widgets):
//   --connect URL          tcp://host:port, tls://, udp://, unix:///path, unix:@name,
//                          unix-dgram:///path, unix-dgram:@name
//   --protocol SPEC        json, cbor, msgpack, line[:crlf][:utf8], length[:2],
//                          struct:FORMAT, datastream, raw; +zlib, +base64
//   --max-packet-size N    bytes
//   --ca-file FILE, --server-name NAME, --cert FILE, --key FILE, --insecure
//                          TLS (--insecure prints a warning on stderr)
//   --proxy URL            TCP and TLS: socks5://[user[:password]@]host[:port],
//                          http://[user[:password]@]host[:port], none, system
//   --echo-server T        start the built-in echo server (tcp, tls, udp, unix,
//                          unix-dgram) and connect to it
//   --rules FILE           the built-in server (--echo-server, --serve) answers
//                          by the rule file (see RuleSet) instead of echoing
//   --lang LANG            the user interface language (de, en); default: the system's
//   --cli                  packet netcat without a window (see PacketNetcat for
//                          its exit statuses), with --count N and --timeout SECONDS
//   --replay FILE          --cli: send the sent packets of a JSON-lines export
//                          again instead of reading stdin (SessionReplay), with
//                          --replay-timing original (the default) or fast;
//                          not with --send or --repeat
//   --send NAME            --cli: send the packet library's packet NAME (its
//                          variables filled in) instead of reading stdin, which
//                          is then not read at all
//   --library FILE         --cli: the library --send takes NAME from (default:
//                          easynet-console's own, PacketLibrary::defaultFileName())
//   --repeat N             --cli: send each packet (--send's or each input
//                          line) N times (0: until the run ends), one every
//   --interval MS          milliseconds (default 1000, at least 1); see
//                          RepeatSender. Input lines are sent as they are
//                          (no variables); --send packets get fresh values.
//                          --count keeps its meaning: the run ends once N
//                          packets were received, repeats left or not; without
//                          it, the end is as without --repeat, after the last
//                          packet was sent (half-close, the peer's close or
//                          --timeout).
//   --serve URL            with --cli: no client, the built-in server alone at
//                          URL (tcp://127.0.0.1:9000, port 0 for any; unix:@name,
//                          ...) until stopped, a JSON line per packet answered
//                          (HeadlessServer)
// easynet-qmlconsole (Face::Qml) takes the same but --cli and the options that
// go with it (--count, --timeout, --send, --library, --repeat, --interval,
// --replay, --replay-timing, --serve).
// Bad input is a clear message and exit status 64 (EX_USAGE).
#pragma once

#include "connectionsettings.h"
#include "packettemplate.h"
#include "sessionreplay.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QStringList>

#include <optional>

namespace EasyNetConsole {

class ConsoleSession;

class ConsoleOptions
{
    Q_DECLARE_TR_FUNCTIONS(EasyNetConsole::ConsoleOptions)

public:
    static constexpr int UsageError = 64;

    // Which console's command line: the Widgets console's has --cli.
    enum class Face { Widgets, Qml };
    explicit ConsoleOptions(Face face = Face::Widgets) : m_face(face) { }

    // The --lang value in arguments, read before the application's translator is
    // installed (the help text is translated); empty when not given.
    static QString languageArgument(const QStringList &arguments);

    // Parses arguments (argv form, program name first). False with error()
    // set on bad input; --help and --version print and set exitNow().
    bool parse(const QStringList &arguments);
    // Applies --protocol, --connect, TLS options, --proxy, --rules (into
    // session.rules()) and --echo-server to session (--insecure with a
    // warning on stderr); false with error() set on a bad URL, a proxy for a
    // transport other than TCP and TLS, a rule file that does not load, or
    // when the built-in server cannot start.
    bool apply(ConsoleSession &session);

    QString error() const { return m_error; }
    std::optional<int> exitNow() const { return m_exitNow; }
    bool cli() const { return m_cli; }
    bool connectAtStart() const { return !m_connect.isEmpty() || m_echoServer.has_value(); }
    int count() const { return m_count; }
    int timeoutMs() const { return m_timeoutMs; }
    // Whether --repeat or --interval was given; their values (1 and 1000 when not).
    bool repeats() const { return m_repeats; }
    int repeat() const { return m_repeat; }
    int intervalMs() const { return m_intervalMs; }
    // --send: the packet to send from the library, checked against the
    // protocol of session (after apply()); nothing when --send is not given,
    // or with error() set when the packet is not in the library or cannot be
    // sent with that protocol.
    std::optional<PacketTemplate> packetToSend(const ConsoleSession &session);
    bool sends() const { return !m_sendName.isEmpty(); }
    // --serve: the server's transport and address ("127.0.0.1:9000", "@name").
    bool serve() const { return m_serveTransport.has_value(); }
    ConnectionSettings::Transport serveTransport() const { return *m_serveTransport; }
    QString serveAddress() const { return m_serveAddress; }
    bool hasRules() const { return !m_rulesFile.isEmpty(); }
    QString language() const { return m_language; }
    // The --replay file (empty when not given) and its timing.
    QString replayFile() const { return m_replayFile; }
    SessionReplay::Timing replayTiming() const { return m_replayTiming; }

    static std::optional<ConnectionSettings::Transport> transportFromName(const QString &name);

private:
    // Reads --serve's URL into m_serveTransport and m_serveAddress.
    bool parseServeUrl(const QString &url);

    Face m_face;
    QString m_error;
    std::optional<int> m_exitNow;
    bool m_cli = false;
    QString m_connect;
    QString m_protocol;
    int m_maxPacketSize = 0;
    QString m_caFile;
    QString m_serverName;
    QString m_certificateFile;
    QString m_keyFile;
    bool m_insecure = false;
    QString m_proxy;
    std::optional<ConnectionSettings::Transport> m_echoServer;
    QString m_rulesFile;
    std::optional<ConnectionSettings::Transport> m_serveTransport;
    QString m_serveAddress;
    int m_count = 0;
    int m_timeoutMs = 0;
    QString m_sendName;
    QString m_libraryFile;
    bool m_repeats = false;
    int m_repeat = 1;
    int m_intervalMs = 1000;
    QString m_language;
    QString m_replayFile;
    SessionReplay::Timing m_replayTiming = SessionReplay::Timing::Original;
};

} // namespace EasyNetConsole
