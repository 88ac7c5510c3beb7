// VariantMapBuilder: a QVariantMap made entry by entry, as the readers make
// a packet's map. QMap::insert() with a hint walks the map from its start to
// find the hint again after its detach check, and copies the value in; the
// std::map a QVariantMap wraps takes the entries by move, at the end with
// two comparisons when the keys come sorted (as every QVariantMap is written).
#pragma once

#include <QtCore/QMap>
#include <QtCore/QString>
#include <QtCore/QVariant>

#include <map>
#include <utility>

namespace EasyNet {

class VariantMapBuilder
{
public:
    // Adds an entry; a repeated key keeps its last value.
    void insert(QString &&key, QVariant &&value)
    {
        // emplace_hint() at the end compares a key that comes in order twice
        // (each a call into QtCore), where insert_or_assign() compares it
        // four times. The first key is compared with nothing, and moved in
        // whole. A later one goes in with an empty value first, so that a
        // repeated key, whose entry emplace_hint() finds, takes its value.
        if (m_entries.empty()) {
            m_entries.emplace_hint(m_entries.end(), std::move(key), std::move(value));
            return;
        }
        m_entries.emplace_hint(m_entries.end(), std::move(key), QVariant())->second
            = std::move(value);
    }
    // The map of the entries added; the builder is spent.
    QVariantMap take() { return QVariantMap(std::move(m_entries)); }

private:
    std::map<QString, QVariant> m_entries;
};

} // namespace EasyNet
