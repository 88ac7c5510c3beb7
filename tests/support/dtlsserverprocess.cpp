#include "dtlsserverprocess.h"

#include "rawpeer.h"
#include "testsupport.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QFile>
#include <QtCore/QStandardPaths>
#include <QtCore/QThread>

#include <algorithm>

#include <signal.h>
#include <unistd.h>

namespace EasyNetTest {

namespace {

// A UDP port free on 127.0.0.1 a moment ago.
quint16 freeUdpPort()
{
    const int fd = boundSocket(Transport::Udp, QString());
    const quint16 port = localAddressOf(fd).port();
    ::close(fd);
    return port;
}

// Whether a UDP socket is bound to 127.0.0.1:port (s_server prints nothing
// when it is ready: the kernel's table tells).
bool udpPortBound(quint16 port)
{
    QFile table(QStringLiteral("/proc/net/udp"));
    if (!table.open(QIODevice::ReadOnly))
        return false;
    const QByteArray local
        = QByteArray("0100007F:") + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    return table.readAll().contains(" " + local + " ");
}

} // namespace

DtlsServerProcess::DtlsServerProcess(Mode mode, const QString &certificate,
                                     const QStringList &extra)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        m_missing = QStringLiteral("openssl is not installed");
        return;
    }
    m_port = freeUdpPort();
    // A process group of its own: the echo's shell, s_server and cat end together.
    m_process.setChildProcessModifier([] { ::setpgid(0, 0); });
    const QString tls = dataDir() + QStringLiteral("/tls/");
    // DTLS 1.2 unless extra names a version (-dtls1: 1.0 only, say).
    const bool versionGiven
        = std::any_of(extra.cbegin(), extra.cend(), [](const QString &argument) {
              return argument.startsWith(QLatin1String("-dtls"));
          });
    QStringList arguments {QStringLiteral("s_server"),
                           versionGiven ? QString() : QStringLiteral("-dtls1_2"),
                           QStringLiteral("-listen"),
                           QStringLiteral("-accept"),
                           QStringLiteral("127.0.0.1:%1").arg(m_port),
                           QStringLiteral("-cert"),
                           tls + certificate + QStringLiteral(".pem"),
                           QStringLiteral("-key"),
                           tls + certificate + QStringLiteral(".key")};
    arguments += extra;
    arguments.removeAll(QString());
    if (mode == Mode::Echo) {
        // s_server writes what it receives to its output at once (a raw write)
        // and sends what it reads from its input as one record.
        arguments << QStringLiteral("-quiet");
        const QString fifo = m_dir.filePath(QStringLiteral("echo"));
        QStringList quoted;
        for (const QString &argument : std::as_const(arguments))
            quoted << QLatin1Char('\'') + argument + QLatin1Char('\'');
        m_process.start(QStringLiteral("/bin/sh"),
                        {QStringLiteral("-c"),
                         QStringLiteral("mkfifo '%1' && exec '%2' %3 <'%1' | cat >'%1'")
                             .arg(fifo, openssl, quoted.join(QLatin1Char(' ')))});
    } else {
        m_process.setProcessChannelMode(QProcess::MergedChannels); // its errors name alerts
        m_process.start(openssl, arguments);
    }
    const QDeadlineTimer deadline(20000);
    while (!udpPortBound(m_port)) {
        if (m_process.state() == QProcess::NotRunning || deadline.hasExpired()) {
            m_missing = QStringLiteral("openssl s_server did not start: ")
                + QString::fromLocal8Bit(m_process.readAllStandardError());
            return;
        }
        QThread::msleep(20);
    }
}

DtlsServerProcess::~DtlsServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        ::kill(-pid_t(m_process.processId()), SIGKILL);
        m_process.waitForFinished();
    }
}

void DtlsServerProcess::write(const QByteArray &bytes)
{
    m_process.write(bytes);
    m_process.waitForBytesWritten();
}

QByteArray DtlsServerProcess::output()
{
    m_process.waitForReadyRead(100);
    return m_process.readAllStandardOutput();
}

} // namespace EasyNetTest
