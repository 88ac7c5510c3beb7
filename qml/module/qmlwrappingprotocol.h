// QmlWrappingProtocol: the base of the protocols that wrap another one
// (ZlibProtocol, Base64Protocol). The inner protocol is the default property:
//   ZlibProtocol { JsonProtocol {} }
#pragma once

#include "qmlabstractprotocol.h"

namespace EasyNetQml {

class QmlWrappingProtocol : public QmlAbstractProtocol
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(EasyNetQml::QmlAbstractProtocol *inner READ inner WRITE setInner NOTIFY changed)
    Q_CLASSINFO("DefaultProperty", "inner")

public:
    QmlAbstractProtocol *inner() const { return m_inner; }
    void setInner(QmlAbstractProtocol *inner);

protected:
    explicit QmlWrappingProtocol(QObject *parent);
    // The inner protocol's serializer, or null with *error set.
    std::shared_ptr<const Serializer> innerSerializer(QString *error) const;

private:
    QPointer<QmlAbstractProtocol> m_inner;
};

} // namespace EasyNetQml
