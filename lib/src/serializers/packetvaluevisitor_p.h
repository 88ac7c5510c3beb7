// PacketValueVisitor: walks one packet (a QVariant of the value model) and reports
// it as a stream of events to a writer (the JSON, CBOR and MessagePack writers
// derive from it). This is the one place that decides which QVariant types a
// packet may hold; the formats' headers refer here.
//
// Accepted packet types (the same for every writer):
// - null: an invalid QVariant, nullptr, a null QJsonValue/QCborValue, and
//   QCborSimpleType::Null;
// - bool (and QCborSimpleType::False / True);
// - integers of every QMetaType width: char, signed char, short, int, long,
//   long long (signed events), unsigned char, unsigned short, unsigned int,
//   unsigned long, unsigned long long (unsigned events);
// - float, double and qfloat16 (as double);
// - QString, and QChar as a one-character string;
// - QByteArray (bytes);
// - arrays: QVariantList, QStringList, QByteArrayList, QJsonArray, QCborArray,
//   and every other sequential container QVariant can iterate (QList<int>,
//   std::vector<QString>, ...);
// - maps: QVariantMap (keys sorted), QVariantHash (keys sorted, for a stable
//   output), QJsonObject (keys sorted), QCborMap (insertion order, keys of any
//   type), and every other associative container QVariant can iterate (its
//   iteration order, its key type);
// - QJsonValue, QJsonDocument (an empty document is null), QCborValue;
// - a Q_GADGET: a map of its own properties (from propertyOffset()), names as
//   text, in declaration order (what GadgetTypeConverter reads back);
// - CBOR only, refused by the other writers: QCborSimpleType values other than
//   false/true/null (undefined is written as null by JSON and MessagePack),
//   tagged QCborValues and Qt's extended CBOR types (a QCborValue holding a
//   date-time, URL, regular expression or UUID: a tag and its content).
// Everything else (QDateTime, QPoint, QVariant holding a custom type, an invalid
// QCborValue, char16_t, ...) throws SerializeError, and so do arrays, maps and
// tags nested deeper than MaxDepth levels. A writer may refuse more: JSON has no
// bytes and only scalar map keys; MessagePack sizes end at 2^32 - 1.
#pragma once

#include <QtCore/QByteArrayView>
#include <QtCore/QCborValue>
#include <QtCore/QJsonValue>
#include <QtCore/QStringView>
#include <QtCore/QVariant>

namespace EasyNet {

struct GadgetField;

class PacketValueVisitor
{
public:
    // As deep as the stream decoders read (FrameScanningDecoder::DefaultMaxDepth,
    // JsonSerializer::MaxNestingDepth): a writer never sends what its peer refuses.
    static constexpr int MaxDepth = 1000;

    // Reports the packet's events. Throws SerializeError for an unaccepted type.
    void visit(const QVariant &packet) { visit(packet, 0); }

protected:
    // formatName ends the default refusal message ("a QPoint cannot be written as CBOR").
    explicit PacketValueVisitor(QLatin1StringView formatName) : m_formatName(formatName) { }
    virtual ~PacketValueVisitor() = default;
    Q_DISABLE_COPY_MOVE(PacketValueVisitor)

    virtual void visitNull() = 0;
    virtual void visitBool(bool value) = 0;
    virtual void visitInteger(qint64 value) = 0;
    virtual void visitUnsigned(quint64 value) = 0;
    virtual void visitDouble(double value) = 0;
    virtual void visitText(QStringView text) = 0;
    virtual void visitBytes(QByteArrayView bytes) = 0;
    // Maps report keys and values alternately between beginMap() and endMap().
    virtual void beginArray(qsizetype size) = 0;
    virtual void endArray() = 0;
    virtual void beginMap(qsizetype size) = 0;
    virtual void endMap() = 0;
    // A simple value other than false, true and null: undefined is null, the
    // others are refused unless the writer overrides this.
    virtual void visitSimpleType(QCborSimpleType value);
    // A tag, followed by the one value it applies to: refused unless overridden.
    virtual void beginTag(QCborTag tag);

    // The message of the SerializeError for a type the format cannot hold.
    virtual QString unsupportedMessage(QLatin1StringView typeName) const;
    [[noreturn]] void refuse(QLatin1StringView typeName) const;
    // Throws a SerializeError with this message.
    [[noreturn]] static void fail(const QString &message);

    // A Q_GADGET: a map of its fields, each a key (its name as text) and its
    // value through visitField(). A writer may write the map in one go.
    virtual void visitGadget(const QMetaObject &meta, const void *gadget, int depth);
    void visitField(const GadgetField &field, const void *gadget, int depth);
    // The depth of a container's contents; refuses beyond MaxDepth.
    int enter(int depth) const;

private:
    void visit(const QVariant &value, int depth);
    void visit(const QCborValue &value, int depth);
    void visit(const QJsonValue &value, int depth);
    void visit(const QString &text, int) { visitText(text); }
    // Any list or map type: items (and keys) through the visit() overloads.
    template<typename List>
    void visitArray(const List &list, int depth);
    template<typename Map>
    void visitMap(const Map &map, int depth);
    void visitSimple(QCborSimpleType value);

    QLatin1StringView m_formatName;
};

} // namespace EasyNet
