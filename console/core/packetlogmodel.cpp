#include "packetlogmodel.h"

#include "packetformat.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCborValue>
#include <QtCore/QFile>

#include <algorithm>

namespace EasyNetConsole {

namespace {

// A packet as QML reads it: ordered maps (QCborMap, also inside lists) as
// QVariantMap, which QML turns into objects (a QCborMap would stay opaque).
QVariant forQml(const QVariant &value)
{
    const QMetaType type = value.metaType();
    const bool holdsCbor = type == QMetaType::fromType<QCborMap>()
        || type == QMetaType::fromType<QCborArray>() || type == QMetaType::fromType<QCborValue>()
        || type.id() == QMetaType::QVariantList;
    return holdsCbor ? QCborValue::fromVariant(value).toVariant() : value;
}

} // namespace

PacketLogModel::PacketLogModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultBatchInterval);
    connect(&m_timer, &QTimer::timeout, this, &PacketLogModel::flush);
}

PacketLogModel::~PacketLogModel() = default;

int PacketLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PacketLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PacketLogModel::columnData(const PacketLogEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn: return entry.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    case DirectionColumn:
        if (entry.isParseError)
            return tr("parse error");
        switch (entry.direction) {
        case PacketLogEntry::Direction::Sent: return tr("sent");
        case PacketLogEntry::Direction::Received: return tr("received");
        case PacketLogEntry::Direction::Event: return entry.isError ? tr("error") : tr("event");
        }
        break;
    case SizeColumn:
        return entry.direction == PacketLogEntry::Direction::Event ? QVariant() : entry.size();
    case PeerColumn: return entry.peer;
    case ValueColumn: return entry.valueText();
    default: break;
    }
    return {};
}

QVariant PacketLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PacketLogEntry &e = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return columnData(e, index.column());
    case Qt::ToolTipRole: return e.isParseError ? e.message : QVariant();
    case TimeRole: return e.time;
    case DirectionRole: return QVariant::fromValue(e.direction);
    case DirectionNameRole: return PacketLogEntry::directionName(e.direction);
    case SizeRole: return e.size();
    case PeerRole: return e.peer;
    case ValueRole: return forQml(e.value);
    case ValueTextRole: return e.valueText();
    case RawRole: return e.raw;
    case HexRole: return PacketFormat::toHex(e.raw);
    case EscapedTextRole: return PacketFormat::toEscapedText(e.raw);
    case RawIsExactRole: return e.rawIsExact;
    case MessageRole: return e.message;
    case ParseErrorRole: return e.isParseError;
    case ErrorOffsetRole: return e.errorOffset;
    case ErrorSizeRole: return e.errorSize;
    case StreamWentOnRole: return e.streamWentOn;
    case DescriptorsRole: return e.descriptors;
    case ErrorRole: return e.isError;
    default: return {};
    }
}

QVariant PacketLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case DirectionColumn: return tr("Direction");
    case SizeColumn: return tr("Size");
    case PeerColumn: return tr("Peer");
    case ValueColumn: return tr("Value");
    default: return {};
    }
}

QHash<int, QByteArray> PacketLogModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"},
        {TimeRole, "time"},
        {DirectionRole, "direction"},
        {DirectionNameRole, "directionName"},
        {SizeRole, "size"},
        {PeerRole, "peer"},
        {ValueRole, "value"},
        {ValueTextRole, "valueText"},
        {RawRole, "raw"},
        {HexRole, "hex"},
        {EscapedTextRole, "escapedText"},
        {RawIsExactRole, "rawIsExact"},
        {MessageRole, "message"},
        {ParseErrorRole, "parseError"},
        {ErrorOffsetRole, "errorOffset"},
        {ErrorSizeRole, "errorSize"},
        {StreamWentOnRole, "streamWentOn"},
        {DescriptorsRole, "descriptors"},
        {ErrorRole, "error"},
    };
}

QVariantMap PacketLogModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= rowCount())
        return map;
    const QModelIndex index = this->index(row, ValueColumn);
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index, it.key()));
    return map;
}

qint64 PacketLogModel::append(PacketLogEntry entry)
{
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTime();
    m_pending.push_back(std::move(entry));
    if (!m_timer.isActive())
        m_timer.start();
    return m_appended++;
}

void PacketLogModel::setRaw(qint64 serial, const QByteArray &raw)
{
    const qint64 kept = qint64(m_rows.size() + m_pending.size());
    const qint64 position = serial - (m_appended - kept);
    if (position < 0 || position >= kept)
        return;
    if (position >= qint64(m_rows.size())) {
        m_pending[size_t(position) - m_rows.size()].raw = raw;
        return;
    }
    const int row = int(position);
    m_rows[size_t(row)].raw = raw;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PacketLogModel::flush()
{
    m_timer.stop();
    if (m_pending.empty())
        return;
    // Entries that would be dropped in this very batch are never inserted.
    const size_t keepPending = std::min(m_pending.size(), size_t(m_maxRows));
    const size_t skipped = m_pending.size() - keepPending;
    const int overflow = int(m_rows.size() + keepPending) - m_maxRows;
    if (overflow > 0)
        dropOldest(overflow);
    if (skipped > 0) {
        m_dropped += qint64(skipped);
        Q_EMIT droppedRowsChanged();
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(keepPending) - 1);
    std::move(m_pending.begin() + qsizetype(skipped), m_pending.end(), std::back_inserter(m_rows));
    endInsertRows();
    m_pending.clear();
    Q_EMIT countChanged();
}

void PacketLogModel::dropOldest(int count)
{
    count = std::min(count, int(m_rows.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    endRemoveRows();
    m_dropped += count;
    Q_EMIT droppedRowsChanged();
    Q_EMIT countChanged();
}

void PacketLogModel::clear()
{
    m_timer.stop();
    m_pending.clear();
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_dropped = 0;
    Q_EMIT droppedRowsChanged();
    Q_EMIT countChanged();
}

void PacketLogModel::setMaxRows(int rows)
{
    rows = std::max(rows, 1);
    if (rows == m_maxRows)
        return;
    m_maxRows = rows;
    dropOldest(int(m_rows.size()) - rows);
    Q_EMIT maxRowsChanged();
}

void PacketLogModel::setBatchInterval(int milliseconds)
{
    milliseconds = std::max(milliseconds, 0);
    if (milliseconds == m_timer.interval())
        return;
    m_timer.setInterval(milliseconds);
    Q_EMIT batchIntervalChanged();
}

bool PacketLogModel::exportJsonLines(QIODevice *device) const
{
    for (const PacketLogEntry &e : m_rows) {
        const QByteArray line = e.toJsonLine() + '\n';
        if (device->write(line) != line.size())
            return false;
    }
    return true;
}

bool PacketLogModel::exportJsonLines(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || !exportJsonLines(&file)
        || !file.flush()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString PacketLogModel::exportToFile(const QString &path) const
{
    QString error;
    exportJsonLines(path, &error);
    return error;
}

} // namespace EasyNetConsole
