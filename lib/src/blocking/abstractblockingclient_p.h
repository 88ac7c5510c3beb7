#pragma once

#include "blockingsocket_p.h"

#include <EasyNet/abstractblockingclient.h>

namespace EasyNet {

class AbstractBlockingClientPrivate
{
public:
    explicit AbstractBlockingClientPrivate(int fd) : socket(fd) {}
    virtual ~AbstractBlockingClientPrivate();
    Q_DISABLE_COPY_MOVE(AbstractBlockingClientPrivate)

    // Called with the send / receive lock held, the socket open.
    virtual void send(const QVariant &packet, QDeadlineTimer deadline) = 0;
    virtual QVariant receive(QDeadlineTimer deadline) = 0;
    // Runs inside close() with both locks held, before the descriptor closes.
    virtual void beforeClose() {}

    BlockingSocket socket;
};

} // namespace EasyNet
