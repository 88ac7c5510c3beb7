#include "consoleoptions.h"

#include "consolesession.h"
#include "packetlibrary.h"

#include <QtCore/QCommandLineParser>

#include <algorithm>
#include <cstdio>

namespace EasyNetConsole {

QString ConsoleOptions::languageArgument(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if ((argument == QLatin1String("--lang") || argument == QLatin1String("-lang"))
            && i + 1 < arguments.size())
            return arguments[i + 1];
        if (argument.startsWith(QLatin1String("--lang=")))
            return argument.mid(7);
    }
    return {};
}

std::optional<ConnectionSettings::Transport> ConsoleOptions::transportFromName(const QString &name)
{
    using Transport = ConnectionSettings::Transport;
    const QString lower = name.toLower();
    if (lower == QLatin1String("tcp"))
        return Transport::Tcp;
    if (lower == QLatin1String("tls"))
        return Transport::Tls;
    if (lower == QLatin1String("udp"))
        return Transport::Udp;
    if (lower == QLatin1String("dtls"))
        return Transport::Dtls;
    if (lower == QLatin1String("unix"))
        return Transport::UnixStream;
    if (lower == QLatin1String("unix-dgram"))
        return Transport::UnixDatagram;
    return std::nullopt;
}

bool ConsoleOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        m_face == Face::Widgets
            ? tr("EasyNet Console: talk to a packet server by hand (TCP, TLS, UDP, Unix "
                 "sockets), or, with --cli, a packet-aware netcat for scripts.")
            : tr("EasyNet QML console: talk to a packet server by hand (TCP, TLS, UDP, Unix "
                 "sockets)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"), tr("Show the version and exit."));
    const QCommandLineOption connect(
        QStringLiteral("connect"),
        tr("Connect to URL: tcp://host:port, tls://host:port, udp://host:port, "
           "dtls://host:port, unix:///path, unix:@name, unix-dgram:///path, unix-dgram:@name."),
        tr("URL"));
    const QCommandLineOption protocol(
        QStringLiteral("protocol"),
        tr("The packet format: json (default), cbor, msgpack, line[:lf|cr|crlf][:ascii|utf8|"
           "latin1], length[:1|2|4], struct:FORMAT, datastream, raw; add +zlib and/or +base64 "
           "to wrap it."),
        tr("SPEC"));
    const QCommandLineOption maxPacketSize(QStringLiteral("max-packet-size"),
                                           tr("The largest packet accepted, in bytes."),
                                           tr("BYTES"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    tr("TLS: trust the CA certificates of this PEM file too."),
                                    tr("FILE"));
    const QCommandLineOption serverName(QStringLiteral("server-name"),
                                        tr("TLS: check the certificate against NAME."), tr("NAME"));
    const QCommandLineOption certificate(
        QStringLiteral("cert"), tr("TLS: present the client certificate of this PEM file."),
        tr("FILE"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 tr("TLS: the private key of --cert (PEM, not encrypted)."),
                                 tr("FILE"));
    const QCommandLineOption insecure(
        QStringLiteral("insecure"),
        tr("TLS: accept a certificate that does not verify (a warning is printed)."));
    const QCommandLineOption proxy(
        QStringLiteral("proxy"),
        tr("TCP and TLS: connect through a proxy: socks5://[user[:password]@]host[:port] "
           "(port 1080 if not given), http://[user[:password]@]host[:port] (HTTP CONNECT, port "
           "8080 if not given), none (direct) or system (the system/application proxy, the "
           "default). Percent-encode the user and password (%40 for @, %3A for :)."),
        tr("URL"));
    const QCommandLineOption echoServer(
        QStringLiteral("echo-server"),
        tr("Start the built-in echo server (tcp, tls, udp, dtls, unix, unix-dgram) and connect to "
           "it."),
        tr("TRANSPORT"));
    const QCommandLineOption rules(
        QStringLiteral("rules"),
        tr("The built-in server (--echo-server, --serve) answers by the rules of FILE (JSON) "
           "instead of echoing."),
        tr("FILE"));
    QCommandLineOption serve(
        QStringLiteral("serve"),
        tr("--cli: no client; run the built-in server alone at URL (tcp://127.0.0.1:9000, port 0 "
           "for any free one; tls://, udp://, dtls://, unix:///path, unix:@name, "
           "unix-dgram:...) until stopped, and print a JSON line per packet answered."),
        tr("URL"));
    const QCommandLineOption language(
        QStringLiteral("lang"), tr("The language of the user interface (de, en)."), tr("LANG"));
    QCommandLineOption cli(QStringLiteral("cli"),
                           tr("No window: read packets from stdin (one per line), send "
                              "them, print every packet received as a JSON line."));
    QCommandLineOption count(QStringLiteral("count"),
                             tr("--cli: stop after N packets were received."), tr("N"));
    QCommandLineOption timeout(
        QStringLiteral("timeout"),
        tr("--cli: stop when nothing arrived for SECONDS: with --count an error (exit status "
           "2), without it the normal end (also bounds connecting)."),
        tr("SECONDS"));
    QCommandLineOption replay(QStringLiteral("replay"),
                              tr("--cli: send the sent packets of a session exported as JSON "
                                 "lines again, in order, instead of reading stdin."),
                              tr("FILE"));
    QCommandLineOption replayTiming(
        QStringLiteral("replay-timing"),
        tr("--replay: original (the gaps between the packets as recorded, the default) or fast "
           "(as fast as the connection takes them)."),
        tr("TIMING"));
    QCommandLineOption send(
        QStringLiteral("send"),
        tr("--cli: send the packet library's packet NAME (its variables filled in) instead of "
           "reading packets from stdin."),
        tr("NAME"));
    QCommandLineOption library(
        QStringLiteral("library"),
        tr("--cli: the packet library file --send takes NAME from (default: this console's "
           "library, %1).")
            .arg(PacketLibrary::defaultFileName()),
        tr("FILE"));
    QCommandLineOption repeat(
        QStringLiteral("repeat"),
        tr("--cli: send each packet (--send's or each input line) N times, 0 for until the run "
           "ends. Input lines are sent as typed; --send's variables get fresh values each time. "
           "--count still ends the run once N packets were received, repeats left or not."),
        tr("N"));
    QCommandLineOption interval(QStringLiteral("interval"),
                                tr("--cli: milliseconds between repeated packets (default 1000, "
                                   "at least 1)."),
                                tr("MS"));
    const QList<QCommandLineOption *> cliOnlyOptions {&cli,          &count,  &timeout,  &send,
                                                      &library,      &repeat, &interval, &replay,
                                                      &replayTiming, &serve};
    // The QML console has no --cli: known, so that it is refused in words, but not listed.
    if (m_face == Face::Qml) {
        for (QCommandLineOption *cliOnly : cliOnlyOptions)
            cliOnly->setFlags(QCommandLineOption::HiddenFromHelp);
    }
    parser.addOptions({help,       version,     connect,  protocol, maxPacketSize, caFile,
                       serverName, certificate, key,      insecure, proxy,         echoServer,
                       rules,      language,    cli,      count,    timeout,       send,
                       library,    repeat,      interval, replay,   replayTiming,  serve});
    const auto fail = [this](const QString &message) {
        m_error = message;
        return false;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        m_exitNow = 0;
        return true;
    }
    if (parser.isSet(version)) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        m_exitNow = 0;
        return true;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (m_face == Face::Qml
        && std::any_of(
            cliOnlyOptions.begin(), cliOnlyOptions.end(),
            [&parser](const QCommandLineOption *option) { return parser.isSet(*option); }))
        return fail(tr("--cli and its options are easynet-console's"));
    m_cli = parser.isSet(cli);
    m_connect = parser.value(connect);
    m_protocol = parser.value(protocol);
    m_caFile = parser.value(caFile);
    m_serverName = parser.value(serverName);
    m_certificateFile = parser.value(certificate);
    m_keyFile = parser.value(key);
    m_insecure = parser.isSet(insecure);
    m_proxy = parser.value(proxy);
    m_language = parser.value(language);
    if (parser.isSet(maxPacketSize)) {
        bool ok = false;
        m_maxPacketSize = parser.value(maxPacketSize).toInt(&ok);
        if (!ok || m_maxPacketSize <= 0)
            return fail(tr("--max-packet-size needs a positive number of bytes"));
    }
    if (parser.isSet(echoServer)) {
        m_echoServer = transportFromName(parser.value(echoServer));
        if (!m_echoServer)
            return fail(
                tr("--echo-server takes tcp, tls, udp, dtls, unix or unix-dgram, not \"%1\"")
                    .arg(parser.value(echoServer)));
        if (!m_connect.isEmpty())
            return fail(tr("--echo-server and --connect cannot be used together"));
    }
    if (parser.isSet(count)) {
        bool ok = false;
        m_count = parser.value(count).toInt(&ok);
        if (!ok || m_count <= 0)
            return fail(tr("--count needs a positive number"));
    }
    if (parser.isSet(timeout)) {
        bool ok = false;
        const double seconds = parser.value(timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 86400)
            return fail(tr("--timeout needs a number of seconds above 0"));
        m_timeoutMs = int(seconds * 1000);
    }
    m_replayFile = parser.value(replay);
    if (parser.isSet(replayTiming)) {
        const std::optional<SessionReplay::Timing> timing
            = SessionReplay::timingFromName(parser.value(replayTiming));
        if (!timing)
            return fail(tr("--replay-timing takes original or fast, not \"%1\"")
                            .arg(parser.value(replayTiming)));
        if (!parser.isSet(replay))
            return fail(tr("--replay-timing goes with --replay"));
        m_replayTiming = *timing;
    }
    if (parser.isSet(replay) && (parser.isSet(send) || parser.isSet(repeat)))
        return fail(tr("--replay sends a recorded session: not with --send or --repeat"));
    m_sendName = parser.value(send);
    m_libraryFile = parser.value(library);
    if (parser.isSet(send) && m_sendName.isEmpty())
        return fail(tr("--send needs the name of a packet of the library"));
    if (parser.isSet(library) && !parser.isSet(send))
        return fail(tr("--library goes with --send"));
    m_repeats = parser.isSet(repeat) || parser.isSet(interval);
    if (parser.isSet(repeat)) {
        bool ok = false;
        m_repeat = parser.value(repeat).toInt(&ok);
        if (!ok || m_repeat < 0)
            return fail(tr("--repeat needs a number of times (0: until the run ends)"));
    }
    if (parser.isSet(interval)) {
        bool ok = false;
        m_intervalMs = parser.value(interval).toInt(&ok);
        if (!ok || m_intervalMs < 1)
            return fail(tr("--interval needs a number of milliseconds, at least 1"));
    }
    if (std::any_of(cliOnlyOptions.begin() + 1, cliOnlyOptions.end(),
                    [&parser](const QCommandLineOption *option) { return parser.isSet(*option); })
        && !m_cli)
        return fail(tr("--count, --timeout, --send, --library, --repeat, --interval, --replay "
                       "and --serve go with --cli"));
    if (parser.isSet(serve)) {
        if (connectAtStart() || parser.isSet(count) || parser.isSet(timeout) || parser.isSet(send)
            || parser.isSet(repeat) || parser.isSet(replay))
            return fail(tr("--serve runs a server alone: not with --connect, --echo-server, "
                           "--count, --timeout, --send, --repeat or --replay"));
        if (!parseServeUrl(parser.value(serve)))
            return false;
    }
    m_rulesFile = parser.value(rules);
    if (parser.isSet(rules) && !m_echoServer && !m_serveTransport)
        return fail(tr("--rules goes with --echo-server or --serve"));
    if (m_cli && !connectAtStart() && !m_serveTransport)
        return fail(tr("--cli needs --connect URL, --echo-server TRANSPORT or --serve URL"));
    return true;
}

bool ConsoleOptions::parseServeUrl(const QString &url)
{
    const qsizetype colon = url.indexOf(QLatin1Char(':'));
    m_serveTransport = colon > 0 ? transportFromName(url.left(colon)) : std::nullopt;
    QString rest = url.mid(colon + 1);
    const bool slashes = rest.startsWith(QLatin1String("//"));
    if (slashes)
        rest = rest.mid(2); // unix:///path -> /path
    if (!m_serveTransport || (!ConnectionSettings::isUnixTransport(*m_serveTransport) && !slashes)
        || rest.isEmpty()) {
        m_serveTransport.reset();
        m_error = tr("--serve takes a URL: tcp://host:port, tls://, udp://, dtls:// (a literal "
                     "address; port 0 for any), unix:///path, unix:@name, unix-dgram:..., "
                     "not \"%1\"")
                      .arg(url);
        return false;
    }
    m_serveAddress = rest;
    return true;
}

std::optional<PacketTemplate> ConsoleOptions::packetToSend(const ConsoleSession &session)
{
    if (m_sendName.isEmpty())
        return std::nullopt;
    PacketLibrary library(m_libraryFile.isEmpty() ? PacketLibrary::defaultFileName()
                                                  : m_libraryFile);
    if (!library.errorString().isEmpty()) {
        m_error = tr("--send: %1").arg(library.errorString());
        return std::nullopt;
    }
    library.setSettings(session.settings());
    const int row = library.indexOf(m_sendName);
    if (row < 0) {
        m_error = tr("--send: no packet named \"%1\" in %2").arg(m_sendName, library.fileName());
        return std::nullopt;
    }
    if (!library.isValid(row)) {
        m_error = tr("--send: \"%1\" cannot be sent with the protocol %2: %3")
                      .arg(m_sendName, session.settings()->protocol()->spec(),
                           library.packetError(row));
        return std::nullopt;
    }
    return library.packetTemplate(row);
}

bool ConsoleOptions::apply(ConsoleSession &session)
{
    ConnectionSettings &settings = *session.settings();
    if (!m_protocol.isEmpty() && !settings.protocol()->setSpec(m_protocol, &m_error)) {
        m_error = tr("--protocol: %1").arg(m_error);
        return false;
    }
    if (m_maxPacketSize > 0)
        settings.protocol()->setMaxPacketSize(m_maxPacketSize);
    if (!m_connect.isEmpty() && !settings.setUrl(m_connect, &m_error)) {
        m_error = tr("--connect: %1").arg(m_error);
        return false;
    }
    if (!m_caFile.isEmpty())
        settings.setCaFile(m_caFile);
    if (!m_serverName.isEmpty())
        settings.setServerName(m_serverName);
    if (!m_certificateFile.isEmpty())
        settings.setCertificateFile(m_certificateFile);
    if (!m_keyFile.isEmpty())
        settings.setKeyFile(m_keyFile);
    if (m_insecure) {
        settings.setAcceptInvalidCertificate(true);
        std::fprintf(stderr, "easynet-console: %s\n",
                     qPrintable(tr("warning: --insecure: the server's certificate is not "
                                   "checked, so anyone on the way can read and change the "
                                   "traffic")));
    }
    if (m_timeoutMs > 0)
        settings.setConnectTimeout(m_timeoutMs);
    if (!m_proxy.isEmpty()) {
        if (!settings.setProxyUrl(m_proxy, &m_error)) {
            m_error = tr("--proxy: %1").arg(m_error);
            return false;
        }
        if (!ConnectionSettings::isProxyTransport(m_echoServer.value_or(settings.transport()))) {
            m_error = tr("--proxy goes with the tcp and tls transports only");
            return false;
        }
    }
    if (hasRules() && !session.rules()->load(m_rulesFile)) {
        m_error = tr("--rules: %1").arg(session.rules()->lastError());
        return false;
    }
    if (m_echoServer
        && !(hasRules() ? session.startRuleServer(*m_echoServer)
                        : session.startEchoServer(*m_echoServer))) {
        m_error = tr("--echo-server: %1").arg(session.errorString());
        return false;
    }
    return true;
}

} // namespace EasyNetConsole
