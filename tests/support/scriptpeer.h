// ScriptPeer: a peer of a Python script in tests/support (python3 with
// pyOpenSSL: tlspeer.py, dtlspeer.py) in a child process, OpenSSL driven by
// another program than the library, on 127.0.0.1. The script prints "port N"
// once it listens (or "missing ..." when it cannot run), then what it observed.
#pragma once

#include "testsupport.h" // SKIP_UNLESS_CI

#include <QtCore/QProcess>
#include <QtCore/QStringList>

namespace EasyNetTest {

class ScriptPeer
{
public:
    // script: the script's path; arguments: its mode and what that mode takes.
    ScriptPeer(const QString &script, const QStringList &arguments);
    ~ScriptPeer();
    Q_DISABLE_COPY_MOVE(ScriptPeer)

    // Why the peer cannot run here (python3 or pyOpenSSL missing); empty when it runs.
    const QString &missing() const { return m_missing; }
    quint16 port() const { return m_port; }
    // What the peer printed after its port, once it has exited.
    QByteArray report();

private:
    QProcess m_process;
    QString m_missing;
    quint16 m_port = 0;
};

} // namespace EasyNetTest

// Starts a ScriptPeer of the script with these arguments as peer; skips the
// test when it cannot run, except in CI (which installs python3-openssl, see
// .ci/debian-packages).
#define START_SCRIPT_PEER(peer, script, ...)                                                       \
    EasyNetTest::ScriptPeer peer(QStringLiteral(script), QStringList {__VA_ARGS__});               \
    if (!peer.missing().isEmpty())                                                                 \
        SKIP_UNLESS_CI(peer.missing());                                                            \
    QVERIFY(peer.port() != 0)
