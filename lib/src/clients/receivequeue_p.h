// ReceiveQueue: the receives of a client waiting for a packet (recvPacket(),
// a ReceivedPacketIterator's next()), in order, each with the timer of its
// deadline. The client serves the front one with each packet it reads.
#pragma once

#include "endpoint/readrequest_p.h"

#include <EasyNet/errors.h>

#include <QtCore/QDeadlineTimer>
#include <QtCore/QVariant>

#include <deque>
#include <functional>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

class AbstractClientPrivate;

class ReceiveQueue
{
public:
    // Gets a packet (true: taken), an error, or neither: the deadline passed or,
    // for a receiver that ends quietly, the stream ended or the client closed.
    // Returns false when the receiver was cancelled: the packet goes on.
    using Deliver = std::function<bool(std::optional<QVariant> &&, const Error *)>;
    struct Receiver
    {
        quint64 id;
        Deliver deliver;
        std::function<bool()> isCancelled;
        QTimer *timer; // fires at the deadline; null without one
        std::optional<AncillaryRequest> ancillary;
        bool endsQuietly; // end of stream and close end it without an error
        bool expiresAfterRead; // its deadline had passed: it takes only what is there
    };

    explicit ReceiveQueue(AbstractClientPrivate &client) : m_client(client) { }
    Q_DISABLE_COPY_MOVE(ReceiveQueue)

    bool isEmpty() const { return m_receivers.empty(); }
    // The receiver the next packet goes to; not when isEmpty().
    const Receiver &front() const { return m_receivers.front(); }
    // Appends a receiver; true when its deadline has passed already: it then
    // takes what the next read finds, if anything (expireDue()).
    bool add(Deliver deliver, std::function<bool()> isCancelled, QDeadlineTimer deadline,
             std::optional<AncillaryRequest> ancillary, bool endsQuietly);
    // The front receiver, its timer stopped; nullopt when none waits. This
    // and dropCancelled() run for every packet read: the empty case is inline.
    std::optional<Receiver> take()
    {
        if (m_receivers.empty())
            return std::nullopt;
        return takeFront();
    }
    void dropCancelled()
    {
        if (!m_receivers.empty())
            eraseCancelled();
    }
    // Ends the receivers whose deadline had passed when they were added.
    void expireDue();
    // Ends the front receiver (failFront()) or every one (failAll()) with
    // error; without one, when quietEnd, those that end quietly.
    void failFront(const Error &error, bool quietEnd);
    void failAll(const Error &error, bool quietEnd);

private:
    Receiver takeFront();
    void eraseCancelled();
    void fail(Receiver &receiver, const Error &error, bool quietEnd);
    // The deadline of receiver id passed: it ends without a packet.
    void expire(quint64 id);

    AbstractClientPrivate &m_client;
    std::deque<Receiver> m_receivers;
    quint64 m_nextId = 1;
};

} // namespace EasyNet
