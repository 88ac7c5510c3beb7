// Address ordering of Happy Eyeballs (RFC 8305), shared by the event-driven
// and the blocking TCP clients.
#pragma once

#include <QtCore/QList>
#include <QtNetwork/QHostAddress>

namespace EasyNet {

// Alternates address families, starting with the family of the resolver's
// first answer (RFC 8305 section 4), keeping the order within each family.
QList<QHostAddress> interleaveAddressFamilies(const QList<QHostAddress> &addresses);

} // namespace EasyNet
