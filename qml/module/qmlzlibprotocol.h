// ZlibProtocol: the inner protocol's bytes compressed with zlib.
#pragma once

#include "qmlwrappingprotocol.h"

namespace EasyNetQml {

class QmlZlibProtocol : public QmlWrappingProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(ZlibProtocol)
    // 0 (stored) to 9 (best, default), or -1 for zlib's default.
    Q_PROPERTY(int compressionLevel READ compressionLevel WRITE setCompressionLevel NOTIFY changed)

public:
    explicit QmlZlibProtocol(QObject *parent = nullptr);

    int compressionLevel() const { return m_level; }
    void setCompressionLevel(int level) { setSetting(m_level, level); }

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;

private:
    int m_level;
};

} // namespace EasyNetQml
