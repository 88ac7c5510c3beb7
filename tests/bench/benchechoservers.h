// EchoServers: one bench_echoserver of each transport for a benchmark group.
#pragma once

#include "benchmarks.h"
#include "echoserverprocess.h"

namespace EasyNetBench {

struct EchoServers
{
    // The Unix sockets are settings.socketDir/<prefix>stream.sock and
    // <prefix>datagram.sock, so that each group has its own.
    EchoServers(const BenchSettings &settings, const QString &prefix);

    const QString unixStreamPath;
    const QString unixDatagramPath;
    const EchoServerProcess tcp;
    const EchoServerProcess tls;
    const EchoServerProcess dtls;
    const EchoServerProcess unixStream;
    const EchoServerProcess udp;
    const EchoServerProcess unixDatagram;
};

} // namespace EasyNetBench
