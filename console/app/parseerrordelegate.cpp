#include "parseerrordelegate.h"

#include "packetlogentry.h"
#include "packetlogmodel.h"

namespace EasyNetConsole {

const QColor &ParseErrorDelegate::errorBackground()
{
    static const QColor color(0xff, 0xcd, 0xd2);
    return color;
}

const QColor &ParseErrorDelegate::errorText()
{
    static const QColor color(0xb0, 0x00, 0x20);
    return color;
}

void ParseErrorDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(PacketLogModel::ParseErrorRole).toBool()) {
        option->backgroundBrush = errorBackground();
        option->palette.setColor(QPalette::Text, errorText());
    } else if (index.data(PacketLogModel::ErrorRole).toBool()) {
        option->palette.setColor(QPalette::Text, errorText());
    } else if (index.data(PacketLogModel::DirectionRole).value<PacketLogEntry::Direction>()
               == PacketLogEntry::Direction::Event) {
        option->palette.setColor(QPalette::Text, QColor(0x70, 0x70, 0x70));
    }
}

} // namespace EasyNetConsole
