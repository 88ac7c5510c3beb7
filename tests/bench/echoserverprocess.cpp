#include "echoserverprocess.h"

#include <QtCore/QCoreApplication>

namespace EasyNetBench {

EchoServerProcess::EchoServerProcess(const QStringList &arguments)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(QCoreApplication::applicationDirPath() + QStringLiteral("/bench_echoserver"),
                    arguments);
    if (!m_process.waitForStarted() || !m_process.waitForReadyRead(30000))
        qFatal("bench_echoserver %s did not start", qPrintable(arguments.join(u' ')));
    const QByteArray line = m_process.readLine().trimmed();
    if (!line.startsWith("ready "))
        qFatal("bench_echoserver: unexpected %s", line.constData());
    m_port = quint16(line.mid(6).toUInt());
}

EchoServerProcess::~EchoServerProcess()
{
    m_process.closeWriteChannel(); // the server exits when its standard input closes
    if (!m_process.waitForFinished(5000))
        m_process.kill();
}

} // namespace EasyNetBench
