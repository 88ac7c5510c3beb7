// Blocking TCP connection with Happy Eyeballs: resolve, interleave families,
// start one non-blocking connect() per address every `delay` while earlier ones
// are pending, keep the first that succeeds, close the rest.
#pragma once

#include <EasyNet/tcpoptions.h>

#include <QtCore/QDeadlineTimer>
#include <QtNetwork/QHostAddress>

#include <chrono>

namespace EasyNet {

struct TcpConnectRequest
{
    QString host;
    quint16 port = 0;
    QHostAddress bindAddress; // null: no bind
    quint16 bindPort = 0;
    std::chrono::milliseconds happyEyeballsDelay = TcpOptions::DefaultHappyEyeballsDelay;
    QDeadlineTimer deadline = QDeadlineTimer::Forever;
};

// A connected, blocking-mode-agnostic TCP descriptor (SOCK_CLOEXEC), or throws
// HostNotFound / ConnectionRefused / TimeoutError / OSError.
int connectTcp(const TcpConnectRequest &request);

} // namespace EasyNet
