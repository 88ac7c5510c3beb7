#include "packetlogfiltermodel.h"

#include "packetlogmodel.h"

namespace EasyNetConsole {

PacketLogFilterModel::PacketLogFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, signal, this, &PacketLogFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &PacketLogFilterModel::countChanged);
}

void PacketLogFilterModel::refilter(bool &member, bool value)
{
    if (member == value)
        return;
    member = value;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
    Q_EMIT countChanged();
}

void PacketLogFilterModel::setShowSent(bool show)
{
    refilter(m_showSent, show);
}
void PacketLogFilterModel::setShowReceived(bool show)
{
    refilter(m_showReceived, show);
}
void PacketLogFilterModel::setShowEvents(bool show)
{
    refilter(m_showEvents, show);
}

void PacketLogFilterModel::setText(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
    Q_EMIT countChanged();
}

int PacketLogFilterModel::sourceRow(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return mapToSource(index(row, 0)).row();
}

bool PacketLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *log = qobject_cast<const PacketLogModel *>(sourceModel());
    if (!log || sourceParent.isValid())
        return true;
    const PacketLogEntry &e = log->entry(sourceRow);
    switch (e.direction) {
    case PacketLogEntry::Direction::Sent:
        if (!m_showSent)
            return false;
        break;
    case PacketLogEntry::Direction::Received:
        if (!m_showReceived)
            return false;
        break;
    case PacketLogEntry::Direction::Event:
        if (!m_showEvents)
            return false;
        break;
    }
    if (m_text.isEmpty())
        return true;
    return e.valueText().contains(m_text, Qt::CaseInsensitive)
        || e.message.contains(m_text, Qt::CaseInsensitive)
        || e.peer.contains(m_text, Qt::CaseInsensitive);
}

} // namespace EasyNetConsole
