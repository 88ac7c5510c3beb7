// Registers the library's Error gadget (errors.h) with QML, as the argument of
// errorOccurred(error): error.code, error.message, error.osErrno ... The
// library itself does not depend on Qt Qml, hence the foreign registration.
// The codes and causes are reachable as scoped enums only:
// Errors.ErrorCode.ConnectionRefused, Errors.ErrorCause.EndOfStream ...
// (both enums have an EndOfStream, which would clash unscoped).
#pragma once

#include <EasyNet/errors.h>

#include <QtQml/qqml.h>

namespace EasyNetQml {

struct QmlErrorForeign
{
    Q_GADGET
    QML_FOREIGN(EasyNet::Error)
    QML_ANONYMOUS
};

// (QML_FOREIGN_NAMESPACE(EasyNet) makes 6.4's type registrar emit code that
// does not compile: the enums come in as an extension instead.)
class QmlErrors : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Errors)
    QML_UNCREATABLE("Errors only holds the error codes and causes")
    QML_EXTENDED_NAMESPACE(EasyNet)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

} // namespace EasyNetQml
