#include "socketancillary_p.h"

#include <QtCore/QDebug>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace EasyNet {

void SocketAncillaryData::closeReceived()
{
    for (int fd : std::as_const(receivedFds))
        ::close(fd); // never retried on EINTR: the descriptor is gone either way on Linux
    receivedFds.clear();
    receivedCredentials.reset();
}

void SocketAncillaryAccess::moveReceived(SocketAncillary &from, SocketAncillary &to)
{
    if (from.d == to.d)
        return;
    addReceived(to, from.d->receivedFds, from.d->receivedCredentials);
    from.d->receivedFds.clear();
    from.d->receivedCredentials.reset();
}

SocketAncillary::SocketAncillary() : d(std::make_shared<SocketAncillaryData>()) { }
SocketAncillary::SocketAncillary(const SocketAncillary &other) noexcept = default;
SocketAncillary &SocketAncillary::operator=(const SocketAncillary &other) noexcept = default;
// A moved-from value gets a fresh state, so that it stays usable.
SocketAncillary::SocketAncillary(SocketAncillary &&other) noexcept
    : d(std::exchange(other.d, std::make_shared<SocketAncillaryData>()))
{
}
SocketAncillary &SocketAncillary::operator=(SocketAncillary &&other) noexcept
{
    if (this != &other)
        d = std::exchange(other.d, std::make_shared<SocketAncillaryData>());
    return *this;
}
SocketAncillary::~SocketAncillary() = default;

void SocketAncillary::addFileDescriptors(const QList<int> &descriptors)
{
    d->toSendFds.append(descriptors);
}

QList<int> SocketAncillary::fileDescriptors() const
{
    return d->toSendFds;
}

void SocketAncillary::setCredentials(const UnixCredentials &credentials)
{
    d->toSendCredentials = credentials;
}

std::optional<UnixCredentials> SocketAncillary::credentials() const
{
    return d->toSendCredentials;
}

bool SocketAncillary::hasDataToSend() const
{
    return !d->toSendFds.isEmpty() || d->toSendCredentials.has_value();
}

void SocketAncillary::clearToSend()
{
    d->toSendFds.clear();
    d->toSendCredentials.reset();
}

QList<int> SocketAncillary::receivedFileDescriptors() const
{
    return d->receivedFds;
}

QList<int> SocketAncillary::takeReceivedFileDescriptors()
{
    return std::exchange(d->receivedFds, {});
}

std::optional<UnixCredentials> SocketAncillary::receivedCredentials() const
{
    return d->receivedCredentials;
}

bool SocketAncillary::hasReceivedData() const
{
    return !d->receivedFds.isEmpty() || d->receivedCredentials.has_value();
}

void SocketAncillary::clearReceived()
{
    d->closeReceived();
}

void SocketAncillary::clear()
{
    clearToSend();
    clearReceived();
}

// CMSG_SPACE expands to old-style casts.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
qsizetype SocketAncillary::spaceForFileDescriptors(qsizetype count)
{
    return count <= 0 ? 0 : qsizetype(CMSG_SPACE(sizeof(int) * size_t(count)));
}

qsizetype SocketAncillary::spaceForCredentials()
{
    return qsizetype(CMSG_SPACE(sizeof(struct ucred)));
}
#pragma GCC diagnostic pop

QDebug operator<<(QDebug debug, const SocketAncillary &ancillary)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "EasyNet::SocketAncillary(send fds=" << ancillary.fileDescriptors();
    if (const auto c = ancillary.credentials())
        debug << ", send " << *c;
    debug << ", received fds=" << ancillary.receivedFileDescriptors();
    if (const auto c = ancillary.receivedCredentials())
        debug << ", received " << *c;
    debug << ')';
    return debug;
}

} // namespace EasyNet
