// JsonWriter: the compact JSON text of a packet, byte for byte as the reference
// writes it (the wire format is documented in jsonserializer.h; the accepted
// types in packetvaluevisitor_p.h).
#pragma once

#include "serializers/packetvaluevisitor_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QVarLengthArray>

#include <cstring>
#include <memory>

namespace EasyNet {

class JsonWriter final : public PacketValueVisitor
{
public:
    // The JSON text of one packet. Throws SerializeError.
    static QByteArray write(const QVariant &packet);
    // Appends the JSON text of one packet, then suffix, to out. Throws
    // SerializeError, and out is then as it was.
    static void write(const QVariant &packet, QByteArray &out, QByteArrayView suffix = {});
    // Whether a string holds ch as it stands: printable ASCII but '"' and '\\'.
    static bool isPlain(char16_t ch)
    {
        return char16_t(ch - 0x20) < 0x5f && ch != u'"' && ch != u'\\';
    }

private:
    JsonWriter();

    void visitNull() override;
    void visitBool(bool value) override;
    void visitInteger(qint64 value) override;
    void visitUnsigned(quint64 value) override;
    void visitDouble(double value) override;
    void visitText(QStringView text) override;
    void visitBytes(QByteArrayView bytes) override;
    void beginArray(qsizetype size) override;
    void endArray() override;
    void beginMap(qsizetype size) override;
    void endMap() override;
    void visitGadget(const QMetaObject &meta, const void *gadget, int depth) override;
    QString unsupportedMessage(QLatin1StringView typeName) const override;

    // Writes the separator before the next value; true when that value is a map
    // key (which JSON writes as a string).
    bool beginValue();
    // A number, bool or null, written by write(): quoted when it is a key, as
    // Python writes {1: 2}.
    template<typename Write>
    void writeScalarWith(Write &&write);
    void writeScalar(QByteArrayView text);
    template<typename Integer>
    void writeInteger(Integer value);
    // The digits of value, unquoted.
    template<typename Integer>
    void putInteger(Integer value);
    void writeString(QStringView text);
    void writeDouble(double value);
    // A number's digits in fixed notation, pointPos of them before the point
    // (zeros added on either side as needed), ".0" when it is integral.
    void putFixed(const char *digits, qsizetype count, qsizetype pointPos);
    void putZeros(qsizetype count)
    {
        std::memset(room(count), '0', size_t(count));
        m_end += count;
    }
    // writeDouble() of a value of at most 15 significant digits in fixed
    // notation, the usual one (21.5, -40.25, 1013.25), without the search for
    // the shortest digits; false, having written nothing, for the others.
    bool writeShortDouble(double value);
    // Containers, and bytes, cannot be keys.
    void refuseKey(QLatin1StringView typeName) const;
    void open(char bracket, bool map, QLatin1StringView keyTypeName);
    void close(char bracket);

    // The text is written through a cursor into an inline buffer that has
    // room for the usual packet, then copied into the caller's array once:
    // QByteArray's append() is out of line and checks for sharing and room on
    // every call, and so does QVarLengthArray's, for a token of a few bytes.

    // Room for size more bytes at m_end, which the caller then advances.
    char *room(qsizetype size)
    {
        if (m_limit - m_end < size)
            grow(size);
        return m_end;
    }
    void put(char c)
    {
        *room(1) = c;
        ++m_end;
    }
    void put(const char *data, qsizetype size)
    {
        std::memcpy(room(size), data, size_t(size));
        m_end += size;
    }
    void put(QByteArrayView text) { put(text.data(), text.size()); }
    // Moves the text to the heap, with room for size more bytes.
    void grow(qsizetype size);

    struct Level
    {
        bool map;
        qsizetype count = 0; // values written so far (keys included)
    };
    char m_inline[1024];
    std::unique_ptr<char[]> m_heap; // once the text outgrows m_inline
    char *m_begin = m_inline;
    char *m_end = m_inline;
    char *m_limit = m_inline + sizeof m_inline;
    QVarLengthArray<Level, 16> m_levels; // no allocation for the usual depths
};

} // namespace EasyNet
