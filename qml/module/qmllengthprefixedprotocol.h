// LengthPrefixedProtocol: raw bytes behind a big-endian length header of
// headerSize bytes: 1, 2 or 4 (default).
#pragma once

#include "qmlabstractprotocol.h"

namespace EasyNetQml {

class QmlLengthPrefixedProtocol : public QmlAbstractProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(LengthPrefixedProtocol)
    Q_PROPERTY(int headerSize READ headerSize WRITE setHeaderSize NOTIFY changed)

public:
    explicit QmlLengthPrefixedProtocol(QObject *parent = nullptr);

    int headerSize() const { return m_headerSize; }
    void setHeaderSize(int bytes) { setSetting(m_headerSize, bytes); }

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;

private:
    int m_headerSize = 4;
};

} // namespace EasyNetQml
