// EchoResponder: the built-in server's default ServerResponder: every packet
// goes back to its sender as it came, at once.
#pragma once

#include "serverresponder.h"

namespace EasyNetConsole {

class EchoResponder : public ServerResponder
{
public:
    std::optional<Answer> answer(const QString &peer, const QVariant &packet,
                                 QString *error) override;
};

} // namespace EasyNetConsole
