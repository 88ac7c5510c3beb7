// LibraryErrorDelegate: paints the packet library's rows that cannot be sent
// with the connection's protocol (PacketLibrary::ValidRole false) in the
// colours of the log's parse errors (the model, in the non-GUI core, has no
// colours).
#pragma once

#include <QtWidgets/QStyledItemDelegate>

namespace EasyNetConsole {

class LibraryErrorDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace EasyNetConsole
