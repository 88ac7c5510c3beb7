// A real proxy for the proxy tests: Debian's microsocks (SOCKS5) or tinyproxy
// (HTTP CONNECT) as a child process in the foreground, on 127.0.0.1 and a port
// that was free, with or without credentials; ready (its port accepts
// connections) once constructed, stopped on destruction. A test skips when the
// program is missing, except in CI (START_PROXY_PROCESS, SKIP_UNLESS_CI).
#pragma once

#include <QtCore/QProcess>
#include <QtCore/QString>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QNetworkProxy>
#include <QtTest/QTest>

#include "testsupport.h" // SKIP_UNLESS_CI

namespace EasyNetTest {

class ProxyProcess
{
public:
    enum class Kind {
        Socks5, // microsocks: RFC 1928, with RFC 1929 user/password when given (never -1)
        Http, // tinyproxy: CONNECT to any port, Basic authentication when given
    };

    // Starts the proxy and waits (bounded) until its port accepts connections.
    // An empty user means no authentication. tinyproxy takes only [-A-Za-z0-9._]
    // in a user or password. program: another executable than the Debian one
    // (for the tests of this class); empty looks microsocks or tinyproxy up.
    explicit ProxyProcess(Kind kind, const QString &user = {}, const QString &password = {},
                          const QString &program = {});
    ~ProxyProcess(); // stop()
    Q_DISABLE_COPY_MOVE(ProxyProcess)

    // Why the proxy's program cannot run here ("microsocks is not installed
    // (Debian package microsocks)"), empty when it is installed: skip on it.
    const QString &missing() const { return m_missing; }
    // Whether it runs and accepts connections; errorString() says why not.
    bool isRunning() const;
    const QString &errorString() const { return m_error; }

    Kind kind() const { return m_kind; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    QHostAddress address() const { return QHostAddress(QHostAddress::LocalHost); }
    quint16 port() const { return m_port; }
    // Socks5Proxy or HttpProxy to host():port(), with the credentials if any.
    QNetworkProxy proxy() const;

    // What the proxy logged so far (tinyproxy's log file, and any program's
    // standard output and error), for failure messages.
    QByteArray log() const;
    // Ends the process (SIGTERM, then SIGKILL if it lingers): every connection
    // through it ends. Idempotent.
    void stop();

    // The executable of the kind's Debian program, empty when not installed.
    static QString programPath(Kind kind);
    // The program's Debian package (and executable) name.
    static QString programName(Kind kind);

private:
    bool startOnce(const QString &program);
    QStringList arguments() const;
    bool writeConfiguration();

    Kind m_kind;
    QString m_user;
    QString m_password;
    QTemporaryDir m_dir; // tinyproxy's configuration and log, the output of either
    QProcess m_process;
    quint16 m_port = 0;
    bool m_ready = false;
    QString m_missing;
    QString m_error;
};

} // namespace EasyNetTest

// Declares a ProxyProcess name(...) that runs: skips the test with the reason
// when the program is missing (fails in CI), fails it when it does not start.
#define START_PROXY_PROCESS(name, ...)                                                             \
    EasyNetTest::ProxyProcess name(__VA_ARGS__);                                                   \
    if (!name.missing().isEmpty())                                                                 \
        SKIP_UNLESS_CI(name.missing());                                                            \
    QVERIFY2(name.isRunning(), qPrintable(name.errorString()))
