// CommandLine (a singleton of EasyNet.Console): the consoles' command line
// (ConsoleOptions, the QML console's face: --connect, --protocol,
// --echo-server, TLS and proxy options) applied to a ConsoleSession:
//
//   Component.onCompleted: error = CommandLine.apply(session, Qt.application.arguments)
//
// easynet-qmlconsole has checked the command line (and answered --help)
// before loading any QML; this applies it to the window's session.
#pragma once

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtQml/qqmlregistration.h>

namespace EasyNetConsole {
class ConsoleSession;
}

namespace EasyNetQml {

class QmlCommandLine : public QObject
{
    Q_OBJECT
    Q_MOC_INCLUDE(<consolesession.h>)
    QML_NAMED_ELEMENT(CommandLine)
    QML_SINGLETON

public:
    using QObject::QObject;

    // Applies arguments (program name first) to session and connects when
    // they say so (--connect, --echo-server); an empty string, or why not.
    Q_INVOKABLE QString apply(EasyNetConsole::ConsoleSession *session,
                              const QStringList &arguments) const;
};

} // namespace EasyNetQml
