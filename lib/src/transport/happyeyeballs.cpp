#include "happyeyeballs_p.h"

namespace EasyNet {

QList<QHostAddress> interleaveAddressFamilies(const QList<QHostAddress> &addresses)
{
    if (addresses.isEmpty())
        return {};
    QList<QHostAddress> first, second;
    const auto firstFamily = addresses.constFirst().protocol();
    for (const QHostAddress &address : addresses)
        (address.protocol() == firstFamily ? first : second).append(address);
    QList<QHostAddress> ordered;
    ordered.reserve(addresses.size());
    for (qsizetype i = 0; i < qMax(first.size(), second.size()); ++i) {
        if (i < first.size())
            ordered.append(first.at(i));
        if (i < second.size())
            ordered.append(second.at(i));
    }
    return ordered;
}

} // namespace EasyNet
