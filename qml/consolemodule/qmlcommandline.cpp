#include "qmlcommandline.h"

#include <consoleoptions.h>
#include <consolesession.h>

namespace EasyNetQml {

QString QmlCommandLine::apply(EasyNetConsole::ConsoleSession *session,
                              const QStringList &arguments) const
{
    using EasyNetConsole::ConsoleOptions;
    if (!session)
        return {};
    ConsoleOptions options(ConsoleOptions::Face::Qml);
    if (!options.parse(arguments) || !options.apply(*session))
        return options.error();
    if (options.connectAtStart())
        session->connectToPeer();
    return {};
}

} // namespace EasyNetQml
