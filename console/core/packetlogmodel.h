// PacketLogModel: the console's packet log as a table model: one row per packet
// sent or received, parse error or connection event (PacketLogEntry), with the
// columns Time, Direction, Size, Peer and Value, and named roles for QML
// (roleNames(): time, direction, directionName, size, peer, value, valueText,
// raw, hex, escapedText, rawIsExact, message, parseError, errorOffset,
// errorSize, streamWentOn, descriptors, error: an event that tells a failure;
// value as QML can read it, maps as objects with sorted keys: valueText has
// them in order). Colours are the views' business (a parse error row is red
// there), so the core needs no Qt GUI module.
//
// A flooding peer must not freeze the window: append() only queues the entry;
// the queue is inserted in one batch at most every batchInterval (and by
// flush()), and the log keeps at most maxRows rows: older rows are dropped and
// counted in droppedRows ("N older rows dropped").
#pragma once

#include "packetlogentry.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QTimer>

#include <deque>
#include <vector>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace EasyNetConsole {

class PacketLogModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int maxRows READ maxRows WRITE setMaxRows NOTIFY maxRowsChanged)
    Q_PROPERTY(qint64 droppedRows READ droppedRows NOTIFY droppedRowsChanged)
    Q_PROPERTY(
        int batchInterval READ batchInterval WRITE setBatchInterval NOTIFY batchIntervalChanged)

public:
    enum Column { TimeColumn, DirectionColumn, SizeColumn, PeerColumn, ValueColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        TimeRole = Qt::UserRole + 1,
        DirectionRole,
        DirectionNameRole,
        SizeRole,
        PeerRole,
        ValueRole,
        ValueTextRole,
        RawRole,
        HexRole,
        EscapedTextRole,
        RawIsExactRole,
        MessageRole,
        ParseErrorRole,
        ErrorOffsetRole,
        ErrorSizeRole,
        StreamWentOnRole,
        DescriptorsRole,
        ErrorRole,
    };
    Q_ENUM(Role)

    static constexpr int DefaultMaxRows = 10000;
    static constexpr int DefaultBatchInterval = 50; // ms

    explicit PacketLogModel(QObject *parent = nullptr);
    ~PacketLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Queues an entry (its time is set when null); it shows after the next batch.
    // Returns its serial number (entries appended before it, dropped ones
    // included), which names it for setRaw().
    qint64 append(PacketLogEntry entry);
    // Sets the raw bytes of the entry appended as serial, for bytes known only
    // after it was logged (a sent packet's, reported once it is queued). Does
    // nothing when the entry was dropped or cleared meanwhile.
    void setRaw(qint64 serial, const QByteArray &raw);
    // Inserts every queued entry now.
    Q_INVOKABLE void flush();
    // Removes every row (and queued entry) and resets droppedRows.
    Q_INVOKABLE void clear();
    // Entries not inserted yet.
    int pendingCount() const { return int(m_pending.size()); }

    // The entry of a row (0 = oldest kept); row must be valid.
    const PacketLogEntry &entry(int row) const { return m_rows[size_t(row)]; }
    // For QML: a row's roles as a map ({} for an invalid row).
    Q_INVOKABLE QVariantMap get(int row) const;

    int maxRows() const { return m_maxRows; }
    // At least 1; fewer rows than shown drops the oldest at once.
    void setMaxRows(int rows);
    qint64 droppedRows() const { return m_dropped; }
    int batchInterval() const { return m_timer.interval(); }
    void setBatchInterval(int milliseconds);

    // Every row as one JSON object a line (PacketLogEntry::toJsonLine()), oldest first.
    bool exportJsonLines(QIODevice *device) const;
    // The same into a file; false (with *error) when it cannot be written.
    bool exportJsonLines(const QString &path, QString *error = nullptr) const;
    // For QML: an empty string on success, else the reason.
    Q_INVOKABLE QString exportToFile(const QString &path) const;

Q_SIGNALS:
    void countChanged();
    void maxRowsChanged();
    void droppedRowsChanged();
    void batchIntervalChanged();

private:
    QVariant columnData(const PacketLogEntry &entry, int column) const;
    void dropOldest(int count);

    std::deque<PacketLogEntry> m_rows;
    std::vector<PacketLogEntry> m_pending;
    // Entries ever appended: m_rows then m_pending hold the last ones, with
    // the serials up to m_appended - 1.
    qint64 m_appended = 0;
    int m_maxRows = DefaultMaxRows;
    qint64 m_dropped = 0;
    QTimer m_timer;
};

} // namespace EasyNetConsole
