#include "pipelinedfloor.h"

#include <QtCore/QElapsedTimer>

#include <simdjson.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>
#include <vector>

namespace EasyNetBench {

namespace {

// Packet 0's text cut around its number, so that packet i is prefix, i, suffix.
struct PacketTemplate
{
    explicit PacketTemplate(PacketKind kind)
    {
        const QByteArray text = packetText(kind, 0, true);
        const qsizetype number = text.indexOf("\"n\":0") + 4;
        prefix = text.first(number).toStdString();
        suffix = text.sliced(number + 1).toStdString();
    }
    // Appends packet i to out.
    void append(std::string &out, long i) const
    {
        out += prefix;
        char digits[24];
        out.append(digits, std::to_chars(digits, digits + sizeof digits, i).ptr);
        out += suffix;
    }
    std::string prefix;
    std::string suffix;
};

} // namespace

double pipelinedFloor(int fd, PacketKind kind, long count, long window)
{
    const PacketTemplate packet(kind);
    simdjson::ondemand::parser parser;
    std::string out;
    std::vector<char> in(1 << 20);
    size_t inSize = 0;
    long sent = 0, received = 0;
    QElapsedTimer timer;
    timer.start();
    while (received < count) {
        while (sent < count && sent - received < window && out.size() < 65536)
            packet.append(out, sent++);
        pollfd entry {fd, short(POLLIN | (out.empty() ? 0 : POLLOUT)), 0};
        if (::poll(&entry, 1, -1) < 0 && errno != EINTR)
            qFatal("poll: %s", std::strerror(errno));
        if (entry.revents & POLLOUT) {
            const ssize_t n = ::send(fd, out.data(), out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && errno != EAGAIN)
                qFatal("send: %s", std::strerror(errno));
            out.erase(0, size_t(qMax<ssize_t>(n, 0)));
        }
        if (!(entry.revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        // Room for simdjson's padding after whatever is read.
        const ssize_t n = ::recv(fd, in.data() + inSize,
                                 in.size() - inSize - simdjson::SIMDJSON_PADDING, MSG_DONTWAIT);
        if (n <= 0) {
            if (n < 0 && errno == EAGAIN)
                continue;
            qFatal("recv: %s", n ? std::strerror(errno) : "end of stream");
        }
        inSize += size_t(n);
        size_t start = 0;
        while (const void *newline = std::memchr(in.data() + start, '\n', inSize - start)) {
            const size_t end = size_t(static_cast<const char *>(newline) - in.data());
            simdjson::ondemand::document document;
            int64_t number = -1;
            if (parser.iterate(in.data() + start, end - start, in.size() - start).get(document)
                    != simdjson::SUCCESS
                || document["n"].get_int64().get(number) != simdjson::SUCCESS || number != received)
                wrongPacket(number, received);
            ++received;
            start = end + 1;
        }
        std::memmove(in.data(), in.data() + start, inSize - start);
        inSize -= start;
    }
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    ::close(fd);
    return elapsed;
}

} // namespace EasyNetBench
