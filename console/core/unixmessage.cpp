#include "unixmessage_p.h"

#include "transport/socketio_p.h"

#include <EasyNet/socketancillary.h>

#include <cerrno>

#include <unistd.h>

namespace EasyNetConsole {

using namespace EasyNet;

namespace {

// Room for as many descriptors as Linux passes in one message, and credentials.
const qsizetype ControlSize
    = SocketAncillary::spaceForFileDescriptors(SocketAncillary::MaxFileDescriptors)
    + SocketAncillary::spaceForCredentials();

// -1 with errno set, for a result that moved nothing.
qsizetype failed(const IoResult &result)
{
    errno = result.wouldBlock ? EAGAIN : result.error.osErrno();
    return -1;
}

} // namespace

qsizetype UnixMessage::receive(int socket, qsizetype maxSize, bool datagram)
{
    data.resize(maxSize);
    SocketAncillary ancillary;
    const IoResult result
        = SocketIo::receive(socket, data.data(), maxSize, ControlSize, &ancillary, datagram,
                            SocketIo::Wait::No, datagram ? &sender : nullptr);
    controlTruncated = result.controlTruncated;
    if (!result.ok() && !controlTruncated) {
        data.clear();
        return failed(result);
    }
    size = result.bytes;
    data.resize(qMin(size, maxSize));
    fileDescriptors = ancillary.takeReceivedFileDescriptors();
    credentials = ancillary.receivedCredentials();
    return size;
}

qsizetype sendUnixMessage(int socket, QByteArrayView data, const QList<int> &fileDescriptors,
                          const UnixSocketAddress *to)
{
    SocketAncillary ancillary;
    ancillary.addFileDescriptors(fileDescriptors);
    const IoResult result = SocketIo::send(socket, data, &ancillary, to);
    return result.ok() ? result.bytes : failed(result);
}

void closeDescriptors(const QList<int> &fileDescriptors)
{
    for (int fd : fileDescriptors)
        ::close(fd);
}

} // namespace EasyNetConsole
