// PacketLogFilterModel: the packet log as the user filters it: by direction
// (sent, received, events; parse errors count as received) and by a text that
// the row's value, message or peer must contain (case-insensitive).
#pragma once

#include <QtCore/QSortFilterProxyModel>

namespace EasyNetConsole {

class PacketLogModel;

class PacketLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_PROPERTY(bool showSent READ showSent WRITE setShowSent NOTIFY filterChanged)
    Q_PROPERTY(bool showReceived READ showReceived WRITE setShowReceived NOTIFY filterChanged)
    Q_PROPERTY(bool showEvents READ showEvents WRITE setShowEvents NOTIFY filterChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY filterChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit PacketLogFilterModel(QObject *parent = nullptr);

    bool showSent() const { return m_showSent; }
    void setShowSent(bool show);
    bool showReceived() const { return m_showReceived; }
    void setShowReceived(bool show);
    bool showEvents() const { return m_showEvents; }
    void setShowEvents(bool show);
    QString text() const { return m_text; }
    void setText(const QString &text);

    int count() const { return rowCount(); }
    // The source model's row of a filtered row (-1 when out of range), for re-send.
    Q_INVOKABLE int sourceRow(int row) const;

Q_SIGNALS:
    void filterChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter(bool &member, bool value);

    bool m_showSent = true;
    bool m_showReceived = true;
    bool m_showEvents = true;
    QString m_text;
};

} // namespace EasyNetConsole
