#include "serverresponder.h"

namespace EasyNetConsole {

ServerResponder::~ServerResponder() = default;

void ServerResponder::forgetPeer(const QString &) { }

} // namespace EasyNetConsole
