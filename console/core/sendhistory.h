// SendHistory: the packets the user sent from the composer, newest last, with
// Up/Down navigation, kept across runs in QSettings (the last MaxEntries).
#pragma once

#include "composer.h"

#include <QtCore/QList>
#include <QtCore/QObject>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace EasyNetConsole {

class SendHistory : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY changed)

public:
    struct Entry
    {
        Composer::Mode mode = Composer::Mode::Json;
        QString text;
        friend bool operator==(const Entry &, const Entry &) = default;
    };
    static constexpr int MaxEntries = 100;

    explicit SendHistory(QObject *parent = nullptr);

    int count() const { return int(m_entries.size()); }
    QList<Entry> entries() const { return m_entries; }
    // Adds an entry (a repeat of the newest is not added again) and resets the
    // navigation to "after the newest".
    void add(const Entry &entry);
    // Navigation: the older / newer entry than the current one; nothing at the ends.
    std::optional<Entry> older();
    std::optional<Entry> newer();

    void save(QSettings &settings) const;
    void load(QSettings &settings);

Q_SIGNALS:
    void changed();

private:
    QList<Entry> m_entries;
    qsizetype m_position = 0; // == size(): after the newest
};

} // namespace EasyNetConsole
