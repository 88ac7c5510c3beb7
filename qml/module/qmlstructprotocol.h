// StructProtocol: fixed-size records described by a Python struct format such
// as "!iqd" (EasyNet::StructSerializer); packets are arrays of the fields.
#pragma once

#include "qmlabstractprotocol.h"

namespace EasyNetQml {

class QmlStructProtocol : public QmlAbstractProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(StructProtocol)
    Q_PROPERTY(QString format READ format WRITE setFormat NOTIFY changed)

public:
    explicit QmlStructProtocol(QObject *parent = nullptr);

    QString format() const { return m_format; }
    void setFormat(const QString &format) { setSetting(m_format, format); }

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;

private:
    QString m_format;
};

} // namespace EasyNetQml
