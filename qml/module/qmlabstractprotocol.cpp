#include "qmlabstractprotocol.h"

#include <stdexcept>

namespace EasyNetQml {

QmlAbstractProtocol::QmlAbstractProtocol(QObject *parent) : QObject(parent) { }

std::shared_ptr<const QmlAbstractProtocol::Serializer> QmlAbstractProtocol::serializer() const
{
    build();
    return m_serializer;
}

EasyNet::StreamProtocol QmlAbstractProtocol::streamProtocol() const
{
    const auto built = serializer();
    return built ? EasyNet::StreamProtocol(built) : EasyNet::StreamProtocol();
}

EasyNet::DatagramProtocol QmlAbstractProtocol::datagramProtocol() const
{
    const auto built = serializer();
    return built ? EasyNet::DatagramProtocol(built) : EasyNet::DatagramProtocol();
}

QString QmlAbstractProtocol::errorString() const
{
    build();
    return m_error;
}

void QmlAbstractProtocol::invalidate()
{
    m_built = false;
    m_serializer.reset();
    m_error.clear();
    Q_EMIT changed();
}

void QmlAbstractProtocol::build() const
{
    if (m_built)
        return;
    m_built = true;
    try {
        m_serializer = createSerializer(&m_error);
    } catch (const std::invalid_argument &e) {
        m_serializer.reset();
        m_error = QString::fromUtf8(e.what());
    }
}

} // namespace EasyNetQml
