// Raw POSIX socket helpers of the baselines: connecting, and the hand-written
// loops (blocking, and event-driven through a QSocketNotifier).
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <functional>

namespace EasyNetBench {

// A connected socket (SOCK_STREAM or SOCK_DGRAM) to 127.0.0.1:port or a Unix
// path (a datagram one first binds to an autobound abstract name, so the
// server can answer it); fails the benchmark on error.
int connectTcp(quint16 port, int type);
int connectUnix(const QString &path, int type);

// The hand-written blocking loop, count round trips: sends request(i), reads
// the answer (up to its newline for a stream, one datagram otherwise) and
// hands it to check(i, answer), which fails the benchmark if it is wrong.
// Closes fd; returns the seconds the round trips took.
double blockingRoundTrips(int fd, bool stream, long count,
                          const std::function<QByteArray(long)> &request,
                          const std::function<void(long, QByteArrayView)> &check);

// The same driven by a QSocketNotifier on the non-blocking fd in the event loop.
double notifierRoundTrips(int fd, bool stream, long count,
                          const std::function<QByteArray(long)> &request,
                          const std::function<void(long, QByteArrayView)> &check);

} // namespace EasyNetBench
