#include "qmlunixclient.h"

#include <EasyNet/unixcredentials.h>

#include <QtCore/QFile>

#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace EasyNetQml {

namespace {

// Descriptors opened for one send, closed when the last copy goes (once the
// send finished, or failed).
struct OpenedFiles
{
    QList<int> descriptors;
    ~OpenedFiles()
    {
        for (int fd : std::as_const(descriptors))
            ::close(fd);
    }
};

} // namespace

QmlUnixClient::QmlUnixClient(QObject *parent)
    : QmlAbstractClient(parent), m_receivedCredentials(QVariant::fromValue(nullptr))
{
}

bool QmlUnixClient::sendWithFiles(const QJSValue &value, const QStringList &paths)
{
    EasyNet::AbstractClient *client = clientToSend();
    if (!client)
        return false;
    const std::optional<QVariant> packet = packetFromJs(value);
    if (!packet)
        return false;
    auto files = std::make_shared<OpenedFiles>();
    for (const QString &path : paths) {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            reportError(EasyNet::Error::fromErrno(errno, tr("cannot open %1").arg(path)));
            return false;
        }
        files->descriptors.append(fd);
    }
    EasyNet::SocketAncillary ancillary;
    ancillary.addFileDescriptors(files->descriptors);
    QFuture<void> send = m_sendPacket(*client, *packet, ancillary);
    // The descriptors must stay open until the packet is on its way.
    send.then([files] {}).onFailed([files] {});
    return queued(send);
}

QFuture<QVariant> QmlUnixClient::receive(EasyNet::AbstractClient &client)
{
    m_received.clear();
    return m_receivePacket(client, m_received);
}

void QmlUnixClient::packetArriving()
{
    QVariant credentials = QVariant::fromValue(nullptr);
    if (const std::optional<EasyNet::UnixCredentials> received = m_received.receivedCredentials())
        credentials = QVariantMap {{QStringLiteral("pid"), received->pid()},
                                   {QStringLiteral("uid"), received->uid()},
                                   {QStringLiteral("gid"), received->gid()}};
    // Descriptors the peer passed are not for QML: SocketAncillary closes them.
    m_received.clear();
    if (credentials != m_receivedCredentials) {
        m_receivedCredentials = credentials;
        Q_EMIT receivedCredentialsChanged();
    }
}

} // namespace EasyNetQml
