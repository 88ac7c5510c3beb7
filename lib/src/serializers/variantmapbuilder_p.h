// VariantMapBuilder: a QVariantMap made entry by entry, as the readers make
// a packet's map. QMap::insert() with a hint walks the map from its start to
// find the hint again after its detach check, and copies the value in; the
// std::map a QVariantMap wraps takes the entries by move, at the end in one
// step when the keys come sorted (as every QVariantMap is written).
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
        m_entries.insert_or_assign(m_entries.end(), std::move(key), std::move(value));
    }
    // The map of the entries added; the builder is spent.
    QVariantMap take() { return QVariantMap(std::move(m_entries)); }

private:
    std::map<QString, QVariant> m_entries;
};

} // namespace EasyNet
