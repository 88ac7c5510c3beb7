// LineProtocol: one packet per line (EasyNet::LineSerializer). separator is the
// separator itself ("\n" by default, "\r" or "\r\n"), encoding "ascii"
// (default), "utf-8" or "latin1".
#pragma once

#include "qmlabstractprotocol.h"

namespace EasyNetQml {

class QmlLineProtocol : public QmlAbstractProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(LineProtocol)
    Q_PROPERTY(QString separator READ separator WRITE setSeparator NOTIFY changed)
    Q_PROPERTY(QString encoding READ encoding WRITE setEncoding NOTIFY changed)

public:
    explicit QmlLineProtocol(QObject *parent = nullptr);

    QString separator() const { return m_separator; }
    void setSeparator(const QString &separator) { setSetting(m_separator, separator); }
    QString encoding() const { return m_encoding; }
    void setEncoding(const QString &encoding) { setSetting(m_encoding, encoding); }

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;

private:
    QString m_separator = QStringLiteral("\n");
    QString m_encoding = QStringLiteral("ascii");
};

} // namespace EasyNetQml
