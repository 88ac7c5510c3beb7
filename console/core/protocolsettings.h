// ProtocolSettings: how the console's packets become bytes and back: the
// format (JSON, CBOR, MessagePack, line, length-prefixed, struct, QDataStream,
// raw bytes) with its options, optional zlib and Base64 wrapping, and the
// maximum packet size. It builds the StreamProtocol or DatagramProtocol a
// client or an echo server uses, and reads and writes a short text form, the
// one of the command line's --protocol:
//
//   json   cbor   msgpack   datastream   raw
//   line[:lf|cr|crlf][:ascii|utf8|latin1]     line:crlf:utf8
//   length[:1|2|4]                            length:2
//   struct:FORMAT                             struct:!iqd
//   any of them followed by +zlib and/or +base64 (zlib is always applied
//   first, Base64 last, so "json+zlib+base64" is Base64(zlib(JSON))).
//
// A QObject with properties so that both consoles (Widgets and QML) bind to it.
#pragma once

#include <EasyNet/datagramprotocol.h>
#include <EasyNet/mapform.h>
#include <EasyNet/streamprotocol.h>

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QVariantList>

#include <optional>
#include <tuple>

namespace EasyNetConsole {

class ProtocolSettings : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Format format READ format WRITE setFormat NOTIFY changed)
    Q_PROPERTY(LineSeparator lineSeparator READ lineSeparator WRITE setLineSeparator NOTIFY changed)
    Q_PROPERTY(LineEncoding lineEncoding READ lineEncoding WRITE setLineEncoding NOTIFY changed)
    Q_PROPERTY(int lengthHeaderSize READ lengthHeaderSize WRITE setLengthHeaderSize NOTIFY changed)
    Q_PROPERTY(QString structFormat READ structFormat WRITE setStructFormat NOTIFY changed)
    Q_PROPERTY(bool zlib READ zlib WRITE setZlib NOTIFY changed)
    Q_PROPERTY(bool base64 READ base64 WRITE setBase64 NOTIFY changed)
    Q_PROPERTY(int maxPacketSize READ maxPacketSize WRITE setMaxPacketSize NOTIFY changed)
    Q_PROPERTY(QString spec READ spec NOTIFY changed)
    Q_PROPERTY(QString errorString READ errorString NOTIFY changed)
    Q_PROPERTY(bool valid READ isValid NOTIFY changed)

public:
    enum class Format { Json, Cbor, MsgPack, Line, LengthPrefixed, Struct, DataStream, Raw };
    Q_ENUM(Format)
    enum class LineSeparator { LF, CR, CRLF };
    Q_ENUM(LineSeparator)
    enum class LineEncoding { Ascii, Utf8, Latin1 };
    Q_ENUM(LineEncoding)

    static constexpr int DefaultMaxPacketSize = 64 * 1024;

    explicit ProtocolSettings(QObject *parent = nullptr);

    Format format() const { return m_format; }
    void setFormat(Format format);
    LineSeparator lineSeparator() const { return m_lineSeparator; }
    void setLineSeparator(LineSeparator separator);
    LineEncoding lineEncoding() const { return m_lineEncoding; }
    void setLineEncoding(LineEncoding encoding);
    // 1, 2 or 4 bytes; other values make the settings invalid.
    int lengthHeaderSize() const { return m_lengthHeaderSize; }
    void setLengthHeaderSize(int bytes);
    // A Python struct format such as "!iqd".
    QString structFormat() const { return m_structFormat; }
    void setStructFormat(const QString &format);
    bool zlib() const { return m_zlib; }
    void setZlib(bool enabled);
    bool base64() const { return m_base64; }
    void setBase64(bool enabled);
    // The stream decoder's limit per packet and the largest datagram; positive.
    int maxPacketSize() const { return m_maxPacketSize; }
    void setMaxPacketSize(int bytes);

    // Copies every option of other (one changed() at most).
    void assign(const ProtocolSettings &other);

    // The text form described above ("line:crlf:utf8+zlib").
    QString spec() const;
    // Reads the text form; false (nothing changed, *error set when given) on bad input.
    bool setSpec(const QString &spec, QString *error = nullptr);
    // The same for QML: an empty string on success, else the reason.
    Q_INVOKABLE QString applySpec(const QString &spec);

    // Every format as a chooser lists it, for both consoles: maps with
    // "value" (the Format, as an int) and "text" (its translated name).
    Q_INVOKABLE static QVariantList formatChoices();

    // Why the options cannot make a protocol (empty when they can).
    QString errorString() const;
    bool isValid() const { return errorString().isEmpty(); }
    // Whether the packets of this format are byte strings (raw, length-prefixed),
    // and typed text should be sent as bytes rather than as a string.
    bool takesBytes() const;
    // How maps are read and typed: ordered (a QCborMap, keys as typed or as they
    // came, repeated keys kept) for the formats that write a map's keys in its
    // order (JSON, CBOR, MessagePack); a QVariantMap for the others, whose bytes
    // depend on the map's type (QDataStream).
    EasyNet::MapForm mapForm() const;

    // The protocols; nothing (with *error set) when the options are invalid.
    std::optional<EasyNet::StreamProtocol> streamProtocol(QString *error = nullptr) const;
    std::optional<EasyNet::DatagramProtocol> datagramProtocol(QString *error = nullptr) const;

Q_SIGNALS:
    void changed();

private:
    std::shared_ptr<const EasyNet::AbstractIncrementalPacketSerializer>
    serializer(QString *error) const;
    template<typename T>
    void update(T &member, const T &value);
    auto options() const
    {
        return std::tie(m_format, m_lineSeparator, m_lineEncoding, m_lengthHeaderSize,
                        m_structFormat, m_zlib, m_base64, m_maxPacketSize);
    }

    Format m_format = Format::Json;
    LineSeparator m_lineSeparator = LineSeparator::LF;
    LineEncoding m_lineEncoding = LineEncoding::Utf8;
    int m_lengthHeaderSize = 4;
    QString m_structFormat = QStringLiteral("!i");
    bool m_zlib = false;
    bool m_base64 = false;
    int m_maxPacketSize = DefaultMaxPacketSize;
};

} // namespace EasyNetConsole
