#include "libraryerrordelegate.h"

#include "packetlibrary.h"
#include "parseerrordelegate.h"

namespace EasyNetConsole {

void LibraryErrorDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(PacketLibrary::ValidRole).toBool()) {
        option->backgroundBrush = ParseErrorDelegate::errorBackground();
        option->palette.setColor(QPalette::Text, ParseErrorDelegate::errorText());
    }
}

} // namespace EasyNetConsole
