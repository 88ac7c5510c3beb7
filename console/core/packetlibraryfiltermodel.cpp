#include "packetlibraryfiltermodel.h"

#include "packetlibrary.h"

namespace EasyNetConsole {

PacketLibraryFilterModel::PacketLibraryFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, signal, this, &PacketLibraryFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &PacketLibraryFilterModel::countChanged);
}

PacketLibrary *PacketLibraryFilterModel::library() const
{
    return m_library;
}

void PacketLibraryFilterModel::setLibrary(PacketLibrary *library)
{
    if (library == m_library)
        return;
    m_library = library;
    setSourceModel(library);
    Q_EMIT libraryChanged();
    Q_EMIT countChanged();
}

void PacketLibraryFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
    Q_EMIT textChanged();
    Q_EMIT countChanged();
}

int PacketLibraryFilterModel::sourceRow(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return mapToSource(index(row, 0)).row();
}

bool PacketLibraryFilterModel::filterAcceptsRow(int sourceRow,
                                                const QModelIndex &sourceParent) const
{
    if (!m_library || sourceParent.isValid() || m_text.isEmpty())
        return true;
    const PacketLibrary::Packet packet = m_library->packet(sourceRow);
    return packet.name.contains(m_text, Qt::CaseInsensitive)
        || packet.note.contains(m_text, Qt::CaseInsensitive)
        || packet.text.contains(m_text, Qt::CaseInsensitive);
}

} // namespace EasyNetConsole
