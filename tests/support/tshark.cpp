#include "tshark.h"

#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>

namespace EasyNetTest {

namespace {

// tshark starts slowly (its dissectors), more so under sanitizers.
constexpr int RunTimeoutMs = 120000;

} // namespace

QString Tshark::program()
{
    return QStandardPaths::findExecutable(QStringLiteral("tshark"));
}

std::optional<QByteArray> Tshark::run(const QString &file, const QStringList &args, QString *error)
{
    QProcess process;
    QStringList arguments {QStringLiteral("-r"), file,
                           QStringLiteral("-o"), QStringLiteral("ip.check_checksum:TRUE"),
                           QStringLiteral("-o"), QStringLiteral("tcp.check_checksum:TRUE"),
                           QStringLiteral("-o"), QStringLiteral("udp.check_checksum:TRUE")};
    process.start(program(), arguments + args);
    if (!process.waitForFinished(RunTimeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *error = QStringLiteral("tshark %1: exit status %2: %3")
                     .arg((arguments + args).join(QLatin1Char(' ')))
                     .arg(process.exitCode())
                     .arg(QString::fromLocal8Bit(process.readAllStandardError()));
        return std::nullopt;
    }
    return process.readAllStandardOutput();
}

std::optional<QList<QStringList>> Tshark::fields(const QString &file, const QStringList &fields,
                                                 QString *error, const QStringList &more)
{
    QStringList args {QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-E"),
                      QStringLiteral("separator=/t")};
    for (const QString &field : fields)
        args << QStringLiteral("-e") << field;
    const std::optional<QByteArray> output = run(file, args + more, error);
    if (!output)
        return std::nullopt;
    QList<QStringList> frames;
    for (const QByteArray &line : output->split('\n')) {
        if (!line.isEmpty())
            frames.append(QString::fromUtf8(line).split(QLatin1Char('\t')));
    }
    return frames;
}

std::optional<std::pair<QByteArray, QByteArray>> Tshark::followTcp(const QString &file, int stream,
                                                                   QString *error)
{
    const std::optional<QByteArray> output = run(file,
                                                 {QStringLiteral("-q"), QStringLiteral("-z"),
                                                  QStringLiteral("follow,tcp,raw,%1").arg(stream)},
                                                 error);
    if (!output)
        return std::nullopt;
    // After the header ("Node 1: ..."), one hex line per segment; the second
    // node's lines begin with a tab.
    std::pair<QByteArray, QByteArray> bytes;
    bool inData = false;
    for (const QByteArray &line : output->split('\n')) {
        if (line.startsWith("Node 1:")) {
            inData = true;
        } else if (line.startsWith("=====")) {
            inData = false;
        } else if (inData && !line.isEmpty()) {
            QByteArray &side = line.startsWith('\t') ? bytes.second : bytes.first;
            side += QByteArray::fromHex(line.trimmed());
        }
    }
    return bytes;
}

QString Tshark::problemFilter()
{
    // _ws.expert.severity: 0x00600000 is PI_WARN, 0x00800000 PI_ERROR.
    return QStringLiteral(
        "_ws.malformed || _ws.expert.severity >= 0x00600000 || tcp.analysis.flags");
}

} // namespace EasyNetTest
