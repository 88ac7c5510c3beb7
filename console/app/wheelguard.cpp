#include "wheelguard.h"

#include <QtCore/QEvent>
#include <QtWidgets/QAbstractSpinBox>
#include <QtWidgets/QComboBox>

namespace EasyNetConsole {

void WheelGuard::protect(QWidget *root)
{
    auto *guard = new WheelGuard(root);
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if (!qobject_cast<QAbstractSpinBox *>(widget) && !qobject_cast<QComboBox *>(widget))
            continue;
        if (widget->focusPolicy() == Qt::WheelFocus)
            widget->setFocusPolicy(Qt::StrongFocus);
        widget->installEventFilter(guard);
    }
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Wheel && !static_cast<QWidget *>(watched)->hasFocus()) {
        // Ignored and filtered: the widget never sees it, and QApplication
        // hands it on to the parents (the scroll area around the panel).
        event->ignore();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace EasyNetConsole
