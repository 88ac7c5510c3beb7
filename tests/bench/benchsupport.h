// Shared pieces of the benchmark programs: a raw echo server in its own
// thread (the same peer for every client measured), timing of repeated runs,
// and the table + JSON report.
#pragma once

#include <QtCore/QElapsedTimer>
#include <QtCore/QList>
#include <QtCore/QString>

#include <functional>
#include <thread>

namespace EasyNetBench {

// Echoes every byte of every accepted connection back (one connection at a
// time) on 127.0.0.1 (TCP) or a Unix stream path, or every datagram to its
// sender (UDP on 127.0.0.1); stops with the object.
class EchoServer
{
public:
    static EchoServer tcp();
    static EchoServer udp();
    static EchoServer unixStream(const QString &path);
    EchoServer(EchoServer &&other) noexcept;
    ~EchoServer();

    quint16 port() const { return m_port; }

private:
    EchoServer() = default;
    void start();
    void startDatagrams();

    int m_listener = -1;
    quint16 m_port = 0;
    std::thread m_thread;
};

// Runs each candidate `rounds` times, alternating, and keeps the best time of
// each (the least disturbed by the shared machine).
struct Result
{
    QString name;
    double bestSeconds = 0;
    double operationsPerSecond = 0;
};

QList<Result> compare(int rounds, long operations,
                      const QList<std::pair<QString, std::function<void()>>> &candidates);
// Prints the table, then one JSON line: {"benchmark": ..., "results": [...], "ratio": ...}
// where ratio = candidate 0's operations per second / candidate 1's.
void report(const QString &benchmark, long operations, const QList<Result> &results);

} // namespace EasyNetBench
