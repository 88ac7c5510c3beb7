#include "sendhistory.h"

#include <QtCore/QSettings>

namespace EasyNetConsole {

SendHistory::SendHistory(QObject *parent) : QObject(parent) { }

void SendHistory::add(const Entry &entry)
{
    if (m_entries.isEmpty() || m_entries.last() != entry) {
        m_entries.append(entry);
        if (m_entries.size() > MaxEntries)
            m_entries.remove(0, m_entries.size() - MaxEntries);
        Q_EMIT changed();
    }
    m_position = m_entries.size();
}

std::optional<SendHistory::Entry> SendHistory::older()
{
    if (m_position == 0)
        return std::nullopt;
    return m_entries.at(--m_position);
}

std::optional<SendHistory::Entry> SendHistory::newer()
{
    if (m_position + 1 >= m_entries.size()) {
        m_position = m_entries.size();
        return std::nullopt;
    }
    return m_entries.at(++m_position);
}

void SendHistory::save(QSettings &settings) const
{
    settings.beginWriteArray(QStringLiteral("history"), int(m_entries.size()));
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        settings.setArrayIndex(int(i));
        settings.setValue(QStringLiteral("mode"), int(m_entries[i].mode));
        settings.setValue(QStringLiteral("text"), m_entries[i].text);
    }
    settings.endArray();
}

void SendHistory::load(QSettings &settings)
{
    m_entries.clear();
    const int size = settings.beginReadArray(QStringLiteral("history"));
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        const int mode = settings.value(QStringLiteral("mode")).toInt();
        if (mode < int(Composer::Mode::Json) || mode > int(Composer::Mode::Hex))
            continue;
        m_entries.append({Composer::Mode(mode), settings.value(QStringLiteral("text")).toString()});
    }
    settings.endArray();
    if (m_entries.size() > MaxEntries)
        m_entries.remove(0, m_entries.size() - MaxEntries);
    m_position = m_entries.size();
    Q_EMIT changed();
}

} // namespace EasyNetConsole
