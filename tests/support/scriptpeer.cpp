#include "scriptpeer.h"

#include <QtCore/QStandardPaths>

namespace EasyNetTest {

ScriptPeer::ScriptPeer(const QString &script, const QStringList &arguments)
{
    // Debian's interpreter first: python3-openssl is installed for it, and
    // another python3 earlier on PATH (a pyenv, say) may lack pyOpenSSL.
    QString python
        = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
    if (python.isEmpty())
        python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        m_missing = QStringLiteral("python3 is not installed");
        return;
    }
    m_process.start(python, QStringList {script} + arguments);
    while (!m_process.canReadLine() && m_process.waitForReadyRead(20000)) { }
    const QByteArray first = m_process.readLine().trimmed();
    if (first.startsWith("missing "))
        m_missing = QString::fromUtf8(first);
    else if (first.startsWith("port "))
        m_port = quint16(first.mid(5).toUInt());
    else
        m_missing = QStringLiteral("the peer did not start: ") + QString::fromUtf8(first)
            + QString::fromUtf8(m_process.readAllStandardError());
}

ScriptPeer::~ScriptPeer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QByteArray ScriptPeer::report()
{
    m_process.waitForFinished(20000);
    return m_process.readAllStandardOutput().trimmed();
}

} // namespace EasyNetTest
