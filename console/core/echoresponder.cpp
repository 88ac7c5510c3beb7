#include "echoresponder.h"

namespace EasyNetConsole {

std::optional<ServerResponder::Answer> EchoResponder::answer(const QString &,
                                                             const QVariant &packet, QString *)
{
    Answer echo;
    echo.replies.append(packet);
    return echo;
}

} // namespace EasyNetConsole
