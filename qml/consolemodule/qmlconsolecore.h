// The console core (console/core) in QML, so that a console is written in QML
// on this module alone:
//   ConsoleSession { id: session }        settings, composer, log, echo server
//   session.settings.transport = ConnectionSettings.Tcp
//   session.settings.protocol.format = ProtocolSettings.Json
//   session.startEchoServer(ConnectionSettings.Tcp); session.connectToPeer()
//   session.composer.text = '{"cmd": "ping"}'; session.sendComposed()
//   ListView { model: session.log; delegate: ... model.valueText ... }
//   CommandLine.apply(session, Qt.application.arguments)   // --connect, --protocol, ...
//   SessionReplay { session: session }; session.exportPcapng(path)
//   session.rules.load(path); session.startRuleServer(ConnectionSettings.Tcp)
// ConsoleSession, SessionReplay, PacketLibrary, PacketLibraryFilterModel and
// RepeatSender are creatable; the objects a session owns (ConnectionSettings,
// ProtocolSettings, Composer, PacketLogModel, PacketLogFilterModel, RuleModel)
// are not, but their enums are reachable by those names (ConnectionSettings.Udp,
// Composer.Hex, ConsoleSession.Connected, PacketLogEntry.Received). Every
// type is the core's own, registered as foreign types: nothing is wrapped.
#pragma once

#include <consolesession.h>
#include <packetlibrary.h>
#include <packetlibraryfiltermodel.h>
#include <repeatsender.h>
#include <sessionreplay.h>

#include <QtQml/qqml.h>

namespace EasyNetQml {

struct QmlConsoleSessionForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::ConsoleSession)
    QML_NAMED_ELEMENT(ConsoleSession)
};

struct QmlConnectionSettingsForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::ConnectionSettings)
    QML_NAMED_ELEMENT(ConnectionSettings)
    QML_UNCREATABLE("ConnectionSettings belong to a ConsoleSession (session.settings)")
};

struct QmlProtocolSettingsForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::ProtocolSettings)
    QML_NAMED_ELEMENT(ProtocolSettings)
    QML_UNCREATABLE("ProtocolSettings belong to ConnectionSettings (settings.protocol)")
};

struct QmlComposerForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::Composer)
    QML_NAMED_ELEMENT(Composer)
    QML_UNCREATABLE("a Composer belongs to a ConsoleSession (session.composer)")
};

struct QmlPacketLogModelForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::PacketLogModel)
    QML_NAMED_ELEMENT(PacketLogModel)
    QML_UNCREATABLE("a PacketLogModel belongs to a ConsoleSession (session.log)")
};

struct QmlPacketLogFilterModelForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::PacketLogFilterModel)
    QML_NAMED_ELEMENT(PacketLogFilterModel)
    QML_UNCREATABLE("a PacketLogFilterModel belongs to a ConsoleSession (session.filteredLog)")
};

// SessionReplay { session: ...; timing: SessionReplay.Fast }: a recorded
// session's sent packets again (its states SessionReplay.Running, .Finished...).
struct QmlSessionReplayForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::SessionReplay)
    QML_NAMED_ELEMENT(SessionReplay)
};

// The packet library, its search and the repeat, declared next to a session:
//   PacketLibrary { id: library; settings: session.settings }
//   PacketLibraryFilterModel { library: library; text: search.text }
//   RepeatSender { session: session; count: 100; interval: 1 }
struct QmlPacketLibraryForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::PacketLibrary)
    QML_NAMED_ELEMENT(PacketLibrary)
};

struct QmlPacketLibraryFilterModelForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::PacketLibraryFilterModel)
    QML_NAMED_ELEMENT(PacketLibraryFilterModel)
};

struct QmlRepeatSenderForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::RepeatSender)
    QML_NAMED_ELEMENT(RepeatSender)
};

// session.rules: the rule server's rules, as the rule editor edits them.
struct QmlRuleModelForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::RuleModel)
    QML_NAMED_ELEMENT(RuleModel)
    QML_UNCREATABLE("a RuleModel belongs to a ConsoleSession (session.rules)")
};

// session.echoServer (the core's server; the declarable one is EchoServer).
struct QmlCoreEchoServerForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNetConsole::EchoServer)
    QML_ANONYMOUS
};

// PacketLogEntry.Sent, .Received, .Event: the values of the log's direction role.
class QmlPacketLogEntry : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(PacketLogEntry)
    QML_UNCREATABLE("PacketLogEntry only holds the log's directions")
    QML_EXTENDED_NAMESPACE(EasyNetConsole::PacketLogEntry)
};

} // namespace EasyNetQml
