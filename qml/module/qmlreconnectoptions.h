// QmlReconnectOptions: every client's grouped property reconnect { ... }
// (ReconnectingClient in QML), named ReconnectOptions and not creatable:
//   enabled           off by default: a lost connection stays lost (Error)
//   initialDelay      ms before the first retry (default 1000)
//   maxDelay          the longest wait in ms (default 30000)
//   multiplier        each wait grows by it (default 2)
//   jitter            the fraction a wait may be shortened at random (default 0.2)
//   maxAttempts       failed attempts in a row before giving up; 0: never (default)
//   maxQueuedPackets  sends kept while not connected; 0: they fail at once
// On: the client's status is Reconnecting between a failure and the next
// connection (a failed first connect included), each connection is a fresh
// client with the same options, and what send() is given meanwhile goes out
// once connected.
#pragma once

#include <EasyNet/reconnectingclient.h>

#include <QtCore/QObject>
#include <QtQml/qqmlregistration.h>

namespace EasyNetQml {

class QmlReconnectOptions : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(ReconnectOptions)
    QML_UNCREATABLE("ReconnectOptions is a client's grouped property reconnect { ... }")
    Q_PROPERTY(bool enabled MEMBER m_enabled NOTIFY changed)
    Q_PROPERTY(int initialDelay MEMBER m_initialDelay NOTIFY changed)
    Q_PROPERTY(int maxDelay MEMBER m_maxDelay NOTIFY changed)
    Q_PROPERTY(double multiplier MEMBER m_multiplier NOTIFY changed)
    Q_PROPERTY(double jitter MEMBER m_jitter NOTIFY changed)
    Q_PROPERTY(int maxAttempts MEMBER m_maxAttempts NOTIFY changed)
    Q_PROPERTY(int maxQueuedPackets MEMBER m_maxQueuedPackets NOTIFY changed)

public:
    explicit QmlReconnectOptions(QObject *parent = nullptr);

    bool isEnabled() const { return m_enabled; }
    // Applies these options; false after supervisor reported why it refused them.
    bool configure(EasyNet::ReconnectingClient &supervisor) const;

Q_SIGNALS:
    void changed();

private:
    bool m_enabled = false;
    int m_initialDelay = int(EasyNet::ReconnectPolicy::DefaultInitialDelay.count());
    int m_maxDelay = int(EasyNet::ReconnectPolicy::DefaultMaxDelay.count());
    double m_multiplier = EasyNet::ReconnectPolicy::DefaultMultiplier;
    double m_jitter = EasyNet::ReconnectPolicy::DefaultJitter;
    int m_maxAttempts = 0;
    int m_maxQueuedPackets = EasyNet::ReconnectingClient::DefaultMaxQueuedPackets;
};

} // namespace EasyNetQml
