// What the Unix transports see of SocketAncillary: the shared state, and the
// moves of received data between values.
#pragma once

#include <EasyNet/socketancillary.h>

#include <vector>

namespace EasyNet {

struct SocketAncillaryData
{
    SocketAncillaryData() = default;
    Q_DISABLE_COPY_MOVE(SocketAncillaryData)
    ~SocketAncillaryData() { closeReceived(); }
    void closeReceived();

    QList<int> toSendFds;
    std::optional<UnixCredentials> toSendCredentials;
    QList<int> receivedFds; // owned
    std::optional<UnixCredentials> receivedCredentials;
};

struct SocketAncillaryAccess
{
    static SocketAncillaryData &data(SocketAncillary &a) { return *a.d; }
    static const SocketAncillaryData &data(const SocketAncillary &a) { return *a.d; }
    // Takes ownership of fds. Inline: SocketIo, compiled into the console
    // core as well, calls it.
    static void addReceived(SocketAncillary &a, const QList<int> &fds,
                            const std::optional<UnixCredentials> &credentials)
    {
        a.d->receivedFds.append(fds);
        if (credentials)
            a.d->receivedCredentials = credentials;
    }
    // Moves what from received into to (descriptors change owner).
    static void moveReceived(SocketAncillary &from, SocketAncillary &to);
};

} // namespace EasyNet
