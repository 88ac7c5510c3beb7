// EchoServerProcess: a bench_echoserver process for the lifetime of the object.
#pragma once

#include <QtCore/QProcess>
#include <QtCore/QStringList>

namespace EasyNetBench {

class EchoServerProcess
{
public:
    // Starts bench_echoserver (next to this program) with arguments and waits
    // until it listens; a server that cannot start ends the benchmark.
    explicit EchoServerProcess(const QStringList &arguments);
    ~EchoServerProcess();
    EchoServerProcess(const EchoServerProcess &) = delete;
    EchoServerProcess &operator=(const EchoServerProcess &) = delete;

    quint16 port() const { return m_port; } // 0 for Unix sockets

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace EasyNetBench
