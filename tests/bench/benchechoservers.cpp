#include "benchechoservers.h"

namespace EasyNetBench {

EchoServers::EchoServers(const BenchSettings &settings, const QString &prefix)
    : unixStreamPath(settings.socketDir + QLatin1Char('/') + prefix + QStringLiteral("stream.sock"))
    , unixDatagramPath(settings.socketDir + QLatin1Char('/') + prefix
                       + QStringLiteral("datagram.sock"))
    , tcp({QStringLiteral("tcp")})
    , tls({QStringLiteral("tls"), settings.tlsDir + QStringLiteral("/server.pem"),
           settings.tlsDir + QStringLiteral("/server.key")})
    , dtls({QStringLiteral("dtls"), settings.tlsDir + QStringLiteral("/server.pem"),
            settings.tlsDir + QStringLiteral("/server.key")})
    , unixStream({QStringLiteral("unix-stream"), unixStreamPath})
    , udp({QStringLiteral("udp")})
    , unixDatagram({QStringLiteral("unix-dgram"), unixDatagramPath})
{
}

} // namespace EasyNetBench
