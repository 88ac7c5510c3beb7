#include "serializers/gadgetfield_p.h"

#include "serializers/jsonwriter_p.h"

#include <algorithm>
#include <atomic>

namespace EasyNet {

GadgetField::GadgetField(const QMetaProperty &metaProperty)
    : property(metaProperty)
    , type(metaProperty.metaType())
    , typeId(type.id())
    , relativeIndex(metaProperty.relativePropertyIndex())
    , writable(metaProperty.isWritable())
    , name(metaProperty.name())
    , text(QString::fromLatin1(name))
    , plainName(std::all_of(name.cbegin(), name.cend(),
                            [](char c) { return JsonWriter::isPlain(char16_t(uchar(c))); }))
    , jsonKey(plainName ? '"' + name + "\":" : QByteArray())
    , metacall(metaProperty.enclosingMetaObject()->d.static_metacall)
{
}

const QList<GadgetField> &gadgetFields(const QMetaObject &meta)
{
    // A handful of gadget types per program, looked up for every packet: a
    // list that only grows, read without a lock (a load and a short scan),
    // its entries kept to the end of the program. Two threads that look up a
    // new type at once both add it; either entry serves.
    struct Entry
    {
        const QMetaObject *meta;
        QList<GadgetField> fields;
        Entry *next;
    };
    static std::atomic<Entry *> known = nullptr;
    Entry *const head = known.load(std::memory_order_acquire);
    for (const Entry *entry = head; entry; entry = entry->next) {
        if (entry->meta == &meta)
            return entry->fields;
    }
    auto *entry = new Entry {&meta, {}, head};
    for (int i = meta.propertyOffset(); i < meta.propertyCount(); ++i)
        entry->fields.append(GadgetField(meta.property(i)));
    while (!known.compare_exchange_weak(entry->next, entry, std::memory_order_release,
                                        std::memory_order_acquire)) { }
    return entry->fields;
}

} // namespace EasyNet
