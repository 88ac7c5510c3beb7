// The benchmark groups of easynet_bench; each adds its rows to the table.
#pragma once

#include "benchtable.h"

#include <QtCore/QString>

#include <functional>
#include <memory>

namespace EasyNetBench {

struct BenchSettings
{
    long pipelined = 200000; // packets per pipelined run
    long roundTrips = 20000; // round trips per request/response run
    long flood = 100000; // packets of the flood
    QString tlsDir; // tests/data/tls: the server's certificate and the CA
    QString socketDir; // where the Unix sockets live
    QString only; // run only the benchmarks whose name contains this

    // Whether the benchmark of this name is to run (--only).
    bool wants(const QString &name) const { return only.isEmpty() || name.contains(only); }
};

// Runs per side and round of the rows with one packet in flight (BenchTable::compare).
constexpr int RoundTripSlices = 10;

// A factory of the clients of a table row: each call makes a Client(arguments...).
template<typename Base, typename Client, typename... Arguments>
std::function<std::unique_ptr<Base>()> clientOf(Arguments... arguments)
{
    return [=] { return std::unique_ptr<Base>(std::make_unique<Client>(arguments...)); };
}

// Event-driven clients (TcpClient with and without TLS, UnixStreamClient, UdpClient,
// UnixDatagramClient) against QTcpSocket, QSslSocket, QLocalSocket, QUdpSocket and
// a raw QSocketNotifier loop.
void runEventBenchmarks(BenchTable &table, const BenchSettings &settings);
// Blocking clients against POSIX read/write loops (OpenSSL for TLS).
void runBlockingBenchmarks(BenchTable &table, const BenchSettings &settings);
// Peak memory of a TCP client flooded with packets (each measurement in a
// child process of its own: peak RSS only grows).
void runFloodBenchmarks(BenchTable &table, const BenchSettings &settings);
// The child side: connects to port, takes count packets, prints its peak growth.
int floodChild(const QString &mode, quint16 port, long count);

} // namespace EasyNetBench
