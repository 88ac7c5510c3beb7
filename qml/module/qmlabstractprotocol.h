// QmlAbstractProtocol: the base of the QML protocol types (JsonProtocol,
// LineProtocol ...). Each one builds an EasyNet serializer from its properties;
// a client or server takes it as a StreamProtocol or a DatagramProtocol.
// Settings a serializer refuses (a bad struct format, a Base64 key of the wrong
// size) make the protocol invalid, with errorString saying why.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/streamprotocol.h>

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace EasyNetQml {

class QmlAbstractProtocol : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Protocol)
    QML_UNCREATABLE("Protocol is the base of JsonProtocol, LineProtocol and the other protocols")
    Q_PROPERTY(bool valid READ isValid NOTIFY changed)
    Q_PROPERTY(QString errorString READ errorString NOTIFY changed)

public:
    using Serializer = EasyNet::AbstractIncrementalPacketSerializer;

    // Null when the settings are invalid.
    std::shared_ptr<const Serializer> serializer() const;
    EasyNet::StreamProtocol streamProtocol() const;
    EasyNet::DatagramProtocol datagramProtocol() const;
    bool isValid() const { return serializer() != nullptr; }
    QString errorString() const;

    // Points holder at protocol and calls onChanged (a member of receiver)
    // whenever its settings change; false when holder already pointed there.
    template<typename Receiver, typename Slot>
    static bool follow(QPointer<QmlAbstractProtocol> &holder, QmlAbstractProtocol *protocol,
                       Receiver *receiver, Slot onChanged)
    {
        if (holder == protocol)
            return false;
        if (holder)
            QObject::disconnect(holder, nullptr, receiver, nullptr);
        holder = protocol;
        if (protocol)
            QObject::connect(protocol, &QmlAbstractProtocol::changed, receiver, onChanged);
        return true;
    }

Q_SIGNALS:
    // Any setting changed: the serializer is a new one.
    void changed();

protected:
    explicit QmlAbstractProtocol(QObject *parent);
    // The serializer of the current settings; throws std::invalid_argument
    // (or returns null with *error set) when they are invalid.
    virtual std::shared_ptr<const Serializer> createSerializer(QString *error) const = 0;
    // Forgets the serializer built so far and emits changed().
    void invalidate();
    template<typename T>
    void setSetting(T &member, T value)
    {
        if (member == value)
            return;
        member = std::move(value);
        invalidate();
    }

private:
    void build() const;

    // Built on first use, so that a derived class's settings are all in place.
    mutable std::shared_ptr<const Serializer> m_serializer;
    mutable QString m_error;
    mutable bool m_built = false;
};

} // namespace EasyNetQml
