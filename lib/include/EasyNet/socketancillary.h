/// \class EasyNet::SocketAncillary
/// SocketAncillary: ancillary data of a Unix socket message (the reference's
/// SocketAncillary): file descriptors (SCM_RIGHTS) and process credentials
/// (SCM_CREDENTIALS), to send along with a packet and as they arrive with one.
///
/// It is an explicitly shared handle, like the reference's Python object: copies
/// share one state, so a value given to recvPacket() and kept by the caller sees
/// what arrived once the future finishes.
///
/// \code
///   SocketAncillary ancillary;
///   co_await client->recvPacket(ancillary);
///   for (int fd : ancillary.takeReceivedFileDescriptors()) ...   // now yours
/// \endcode
///
/// Ownership, so that no descriptor ever leaks:
/// - Descriptors added with addFileDescriptors() stay the caller's: they are
///   sent (the peer gets duplicates) and never closed here.
/// - Received descriptors belong to the value: they are closed by clear() or
///   clearReceived(), and when the last copy is destroyed, unless the caller took
///   them with takeReceivedFileDescriptors(). They are opened close-on-exec.
/// - What a receive collects is appended: descriptors from several receives
///   accumulate, credentials are those of the latest message that carried some.
///
/// Receiving credentials needs SO_PASSCRED on the receiving socket
/// (UnixStreamClient::setPassCredentials(), UnixDatagramClient's likewise).
#pragma once

#include <EasyNet/unixcredentials.h>

#include <QtCore/QList>
#include <QtCore/QMetaType>

#include <memory>
#include <optional>

namespace EasyNet {

struct SocketAncillaryData;

class EASYNET_EXPORT SocketAncillary
{
public:
    /// Control buffer size used to receive when none is given (~8 KiB, as the
    /// reference's default ancillary_bufsize).
    static constexpr qsizetype DefaultBufferSize = 8192;
    /// Largest number of descriptors one message may carry (Linux SCM_MAX_FD).
    static constexpr qsizetype MaxFileDescriptors = 253;

    /// An empty handle: nothing to send, nothing received.
    SocketAncillary();
    SocketAncillary(const SocketAncillary &other) noexcept; ///< shares
    SocketAncillary &operator=(const SocketAncillary &other) noexcept; ///< shares
    /// Takes over other's state.
    SocketAncillary(SocketAncillary &&other) noexcept;
    /// Takes over other's state.
    SocketAncillary &operator=(SocketAncillary &&other) noexcept;
    /// The last handle of a state closes its received descriptors not taken.
    ~SocketAncillary();

    /// \name To send
    ///@{

    /// Descriptors to pass with the next send (not owned, not closed here).
    void addFileDescriptors(const QList<int> &descriptors);
    /// The descriptors to pass with the next send.
    QList<int> fileDescriptors() const;
    /// Credentials to send; the kernel refuses others than the sender's own
    /// unless the process is privileged.
    void setCredentials(const UnixCredentials &credentials);
    /// The credentials to send, if set.
    std::optional<UnixCredentials> credentials() const;
    /// True when descriptors or credentials are set to send.
    bool hasDataToSend() const;
    /// Forgets the descriptors and credentials to send.
    void clearToSend();
    ///@}

    /// \name Received
    ///@{

    /// The received descriptors not taken yet (still owned by this object).
    QList<int> receivedFileDescriptors() const;
    /// The received descriptors, which the caller now owns (and must close).
    QList<int> takeReceivedFileDescriptors();
    /// The sender's credentials, when received (see passCredentials).
    std::optional<UnixCredentials> receivedCredentials() const;
    /// True when descriptors or credentials were received.
    bool hasReceivedData() const;
    /// Closes the received descriptors not taken and forgets the credentials.
    void clearReceived();
    ///@}

    /// Both clearToSend() and clearReceived().
    void clear();

    /// True when both handles share the same state.
    bool isSharedWith(const SocketAncillary &other) const noexcept { return d == other.d; }

    /// Control buffer sizes (CMSG_SPACE) for a receive: count descriptors, one
    /// set of credentials. Add them up to choose an ancillaryBufsize.
    static qsizetype spaceForFileDescriptors(qsizetype count);
    /// See spaceForFileDescriptors().
    static qsizetype spaceForCredentials();

private:
    friend struct SocketAncillaryAccess;
    std::shared_ptr<SocketAncillaryData> d;
};

/// Prints what is to send and what was received.
EASYNET_EXPORT QDebug operator<<(QDebug debug, const SocketAncillary &ancillary);

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::SocketAncillary)
