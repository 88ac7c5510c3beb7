#include "serializers/gadgetfield_p.h"

#include <memory>
#include <utility>
#include <vector>

namespace EasyNet {

GadgetField::GadgetField(const QMetaProperty &metaProperty)
    : property(metaProperty)
    , type(metaProperty.metaType())
    , typeId(type.id())
    , relativeIndex(metaProperty.relativePropertyIndex())
    , writable(metaProperty.isWritable())
    , name(metaProperty.name())
    , text(QString::fromLatin1(name))
    , metacall(metaProperty.enclosingMetaObject()->d.static_metacall)
{
}

const QList<GadgetField> &gadgetFields(const QMetaObject &meta)
{
    // A handful of gadget types per program: a scan of the ones seen. On the
    // heap, as the JSON reader's key cache, for libEasyNet's static TLS.
    using Cache = std::vector<std::pair<const QMetaObject *, QList<GadgetField>>>;
    thread_local const std::unique_ptr<Cache> cache = std::make_unique<Cache>();
    for (const auto &[known, fields] : *cache) {
        if (known == &meta)
            return fields;
    }
    QList<GadgetField> fields;
    for (int i = meta.propertyOffset(); i < meta.propertyCount(); ++i)
        fields.append(GadgetField(meta.property(i)));
    return cache->emplace_back(&meta, std::move(fields)).second;
}

} // namespace EasyNet
