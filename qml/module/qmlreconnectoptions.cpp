#include "qmlreconnectoptions.h"

namespace EasyNetQml {

QmlReconnectOptions::QmlReconnectOptions(QObject *parent) : QObject(parent) { }

bool QmlReconnectOptions::configure(EasyNet::ReconnectingClient &supervisor) const
{
    EasyNet::ReconnectPolicy policy;
    policy.initialDelay = std::chrono::milliseconds(m_initialDelay);
    policy.maxDelay = std::chrono::milliseconds(m_maxDelay);
    policy.multiplier = m_multiplier;
    policy.jitter = m_jitter;
    policy.maxAttempts = m_maxAttempts;
    return supervisor.setPolicy(policy) && supervisor.setMaxQueuedPackets(m_maxQueuedPackets);
}

} // namespace EasyNetQml
