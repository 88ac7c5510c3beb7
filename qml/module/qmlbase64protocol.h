// Base64Protocol: the inner protocol's bytes as a URL-safe Base64 line.
// checksum: "none" (default), "sha256" or "hmac-sha256"; key: with
// "hmac-sha256", the 32-byte key as URL-safe Base64 text (as the reference).
#pragma once

#include "qmlwrappingprotocol.h"

namespace EasyNetQml {

class QmlBase64Protocol : public QmlWrappingProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Base64Protocol)
    Q_PROPERTY(QString checksum READ checksum WRITE setChecksum NOTIFY changed)
    Q_PROPERTY(QString key READ key WRITE setKey NOTIFY changed)

public:
    explicit QmlBase64Protocol(QObject *parent = nullptr);

    QString checksum() const { return m_checksum; }
    void setChecksum(const QString &checksum) { setSetting(m_checksum, checksum); }
    QString key() const { return m_key; }
    void setKey(const QString &key) { setSetting(m_key, key); }

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;

private:
    QString m_checksum = QStringLiteral("none");
    QString m_key;
};

} // namespace EasyNetQml
