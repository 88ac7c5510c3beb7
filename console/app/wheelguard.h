// WheelGuard: keeps the mouse wheel from changing a spin box or a combo box
// that does not have the keyboard focus, so that scrolling a panel of them
// scrolls the panel instead of changing the value under the pointer. Once
// focused (a click, Tab), the wheel changes the value as usual.
//
//   WheelGuard::protect(panel);   // every spin box and combo box inside it
#pragma once

#include <QtCore/QObject>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace EasyNetConsole {

class WheelGuard : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Guards every spin box and combo box under root (root's children at the
    // time of the call), with a guard owned by root. The wheel no longer gives
    // them the focus either.
    static void protect(QWidget *root);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace EasyNetConsole
