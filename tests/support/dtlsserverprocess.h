// DtlsServerProcess: `openssl s_server -dtls1_2 -listen` (the cookie exchange
// on) on 127.0.0.1, a DTLS peer that nobody here wrote. Echo: its output runs
// back into its input through a FIFO (s_server has no echo mode for DTLS), so
// each packet it receives, one at a time, comes back as one record. Scripted:
// the test writes what it sends ("Q\n" shuts the session down with
// close_notify) and reads what it printed.
#pragma once

#include <QtCore/QProcess>
#include <QtCore/QStringList>
#include <QtCore/QTemporaryDir>

namespace EasyNetTest {

class DtlsServerProcess
{
public:
    enum class Mode { Echo, Scripted };
    // certificate: the base name of a tests/data/tls certificate and key
    // ("server": localhost, signed by ca.pem); extra: more s_server arguments
    // (a -dtls... one replaces -dtls1_2).
    explicit DtlsServerProcess(Mode mode, const QString &certificate = QStringLiteral("server"),
                               const QStringList &extra = {});
    ~DtlsServerProcess();
    Q_DISABLE_COPY_MOVE(DtlsServerProcess)

    // Why it cannot run here (openssl missing); empty when it listens.
    const QString &missing() const { return m_missing; }
    quint16 port() const { return m_port; }
    // Scripted: to its standard input / what it printed so far.
    void write(const QByteArray &bytes);
    QByteArray output();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_missing;
    quint16 m_port = 0;
};

} // namespace EasyNetTest

// Starts a DtlsServerProcess as server; skips the test when openssl is
// missing, except in CI (which installs it, see .ci/debian-packages).
#define START_DTLS_SERVER(server, ...)                                                             \
    EasyNetTest::DtlsServerProcess server(__VA_ARGS__);                                            \
    if (!server.missing().isEmpty()) {                                                             \
        if (qEnvironmentVariableIsSet("CI"))                                                       \
            QFAIL(qPrintable(server.missing()));                                                   \
        QSKIP(qPrintable(server.missing()));                                                       \
    }
