// ProxyProcess: microsocks or tinyproxy in a child process on 127.0.0.1 (see
// proxyprocess.h). Readiness is a connect loop on the port, bounded in time;
// a proxy that exits before it (its port was taken meanwhile) is started again
// on another free port.
#include "proxyprocess.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtCore/QStandardPaths>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

namespace EasyNetTest {

namespace {

constexpr int StartAttempts = 5; // each on another free port
constexpr int ReadyWithinMs = 20000; // per attempt: a guard, not an expectation
constexpr int PollEveryMs = 10;
constexpr int StopWithinMs = 3000; // then SIGKILL

// Whether 127.0.0.1:port accepts a TCP connection now (a loopback connect
// completes or is refused at once).
bool acceptsConnections(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    const bool connected
        = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd);
    return connected;
}

} // namespace

ProxyProcess::ProxyProcess(Kind kind, const QString &user, const QString &password,
                           const QString &program)
    : m_kind(kind), m_user(user), m_password(password)
{
    const QString executable = program.isEmpty() ? programPath(kind) : program;
    if (executable.isEmpty() || !QFile::exists(executable)) {
        m_missing = QStringLiteral("%1 is not installed (Debian package %2)")
                        .arg(program.isEmpty() ? programName(kind) : program, programName(kind));
        m_error = m_missing;
        return;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory: ") + m_dir.errorString();
        return;
    }
    static const QRegularExpression tinyproxyWord(QStringLiteral("^[-A-Za-z0-9._]+$"));
    if (kind == Kind::Http && !user.isEmpty()
        && (!tinyproxyWord.match(user).hasMatch() || !tinyproxyWord.match(password).hasMatch())) {
        m_error = QStringLiteral("tinyproxy's BasicAuth takes only [-A-Za-z0-9._]");
        return;
    }
    if (kind == Kind::Socks5 && !user.isEmpty() && password.isEmpty()) {
        m_error = QStringLiteral("microsocks needs a password with a user");
        return;
    }
    // The proxy goes with the test even when the test dies (the thread that
    // started it, in fact: tests start proxies from their main thread).
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("output.log")));
    m_process.setStandardInputFile(QProcess::nullDevice());
    for (int attempt = 0; attempt < StartAttempts && !m_ready; ++attempt)
        m_ready = startOnce(executable);
}

ProxyProcess::~ProxyProcess()
{
    stop();
}

bool ProxyProcess::startOnce(const QString &program)
{
    m_port = freePort(SOCK_STREAM);
    if (m_kind == Kind::Http && !writeConfiguration())
        return false;
    m_process.start(program, arguments());
    if (!m_process.waitForStarted(ReadyWithinMs)) {
        m_error = QStringLiteral("%1 did not start: %2").arg(program, m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(ReadyWithinMs);
    while (!acceptsConnections(m_port)) {
        // Waits for the next poll, or notices that the proxy exited (its
        // port was taken between freePort() and its bind()).
        if (m_process.state() == QProcess::NotRunning || m_process.waitForFinished(PollEveryMs)) {
            m_error = QStringLiteral("%1 exited (code %2) before it listened on port %3: %4")
                          .arg(program)
                          .arg(m_process.exitCode())
                          .arg(m_port)
                          .arg(QString::fromLocal8Bit(log()));
            return false;
        }
        if (deadline.hasExpired()) {
            m_error = QStringLiteral("%1 did not listen on port %2 within %3 ms: %4")
                          .arg(program)
                          .arg(m_port)
                          .arg(ReadyWithinMs)
                          .arg(QString::fromLocal8Bit(log()));
            stop();
            return false;
        }
    }
    m_error.clear();
    return true;
}

QStringList ProxyProcess::arguments() const
{
    if (m_kind == Kind::Http)
        return {QStringLiteral("-d"), QStringLiteral("-c"),
                m_dir.filePath(QStringLiteral("tinyproxy.conf"))};
    QStringList arguments {QStringLiteral("-i"), host(), QStringLiteral("-p"),
                           QString::number(m_port)};
    // Never -1 (auth once, then whitelist the address): every connection
    // must authenticate.
    if (!m_user.isEmpty())
        arguments << QStringLiteral("-u") << m_user << QStringLiteral("-P") << m_password;
    return arguments;
}

// tinyproxy in the foreground (-d) on host():port(), for 127.0.0.1 only, with
// no ConnectPort line (CONNECT to any port: the packaged configuration allows
// only 443 and 563), no pid file, logging into the temporary directory.
bool ProxyProcess::writeConfiguration()
{
    QFile file(m_dir.filePath(QStringLiteral("tinyproxy.conf")));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = QStringLiteral("cannot write tinyproxy.conf: ") + file.errorString();
        return false;
    }
    QString text = QStringLiteral("Port %1\n"
                                  "Listen 127.0.0.1\n"
                                  "Allow 127.0.0.1\n"
                                  "Timeout 600\n"
                                  "MaxClients 100\n"
                                  "LogFile \"%2\"\n"
                                  "LogLevel Info\n")
                       .arg(m_port)
                       .arg(m_dir.filePath(QStringLiteral("tinyproxy.log")));
    if (!m_user.isEmpty())
        text += QStringLiteral("BasicAuth %1 %2\n").arg(m_user, m_password);
    file.write(text.toUtf8());
    return true;
}

bool ProxyProcess::isRunning() const
{
    return m_ready && m_process.state() == QProcess::Running;
}

QNetworkProxy ProxyProcess::proxy() const
{
    return QNetworkProxy(m_kind == Kind::Socks5 ? QNetworkProxy::Socks5Proxy
                                                : QNetworkProxy::HttpProxy,
                         host(), m_port, m_user, m_password);
}

QByteArray ProxyProcess::log() const
{
    QByteArray all;
    for (const char *name : {"output.log", "tinyproxy.log"}) {
        QFile file(m_dir.filePath(QLatin1String(name)));
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

void ProxyProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(StopWithinMs)) {
        m_process.kill();
        m_process.waitForFinished(-1);
    }
}

QString ProxyProcess::programName(Kind kind)
{
    return kind == Kind::Socks5 ? QStringLiteral("microsocks") : QStringLiteral("tinyproxy");
}

QString ProxyProcess::programPath(Kind kind)
{
    // Debian's first (/usr/bin; tinyproxy was once in /usr/sbin), then PATH.
    const QString name = programName(kind);
    QString path = QStandardPaths::findExecutable(
        name, {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin")});
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name);
    return path;
}

} // namespace EasyNetTest
