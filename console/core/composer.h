// Composer: the packet the user is typing, validated as it is typed, and the
// exact bytes it would put on the wire with the connection's protocol
// (framing and wrappers included): a datagram for UDP and Unix datagram
// transports, a stream chunk otherwise.
//
// Three ways to type a packet:
// - Json: one JSON value (the packet is what the JSON serializer reads back:
//   maps, lists, strings, numbers, booleans, null). Maps keep the order typed
//   (and repeated keys) where the protocol writes a map's keys in its order:
//   with JSON what is typed goes on the wire byte for byte in compact form. A
//   syntax error is reported with its position; such a packet is never valid.
// - Text: text with escapes \n \r \t \0 \\ \xHH; the packet is the string,
//   or the bytes for byte-string formats (raw, length-prefixed).
// - Hex: hex digits, spaces allowed between bytes ("7b 0a" or "7b0a").
//
// Text and JSON packets may hold variables ({{counter}}, {{time}},
// {{random:MIN:MAX}}, {{uuid}}; see PacketTemplate): packet() and the wire
// preview show the next packet, makePacket() makes it with fresh values, and
// advance() counts on once it went out.
//
// The mode follows the protocol's format when that changes (modeForFormat():
// text for the line, length-prefixed and raw formats, JSON otherwise), unless
// the user chose another mode than the previous format's.
//
// A QObject with properties so that both consoles bind to it.
#pragma once

#include "protocolsettings.h"
#include <EasyNet/mapform.h>

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QVariant>

#include <optional>

namespace EasyNetConsole {

class ConnectionSettings;

class Composer : public QObject
{
    Q_OBJECT
    Q_MOC_INCLUDE("connectionsettings.h")
    Q_PROPERTY(Mode mode READ mode WRITE setMode NOTIFY modeChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(EasyNetConsole::ConnectionSettings *settings READ settings WRITE setSettings NOTIFY
                   settingsChanged)
    Q_PROPERTY(bool valid READ isValid NOTIFY resultChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY resultChanged)
    Q_PROPERTY(int errorPosition READ errorPosition NOTIFY resultChanged)
    Q_PROPERTY(QVariant packet READ packet NOTIFY resultChanged)
    Q_PROPERTY(QByteArray wireBytes READ wireBytes NOTIFY resultChanged)
    Q_PROPERTY(qsizetype wireSize READ wireSize NOTIFY resultChanged)
    Q_PROPERTY(QString wireHex READ wireHex NOTIFY resultChanged)
    Q_PROPERTY(QString wireText READ wireText NOTIFY resultChanged)
    Q_PROPERTY(bool hasVariables READ hasVariables NOTIFY resultChanged)
    Q_PROPERTY(qint64 counter READ counter WRITE setCounter NOTIFY counterChanged)

public:
    enum class Mode { Json, Text, Hex };
    Q_ENUM(Mode)

    explicit Composer(QObject *parent = nullptr);
    ~Composer() override;

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    QString text() const { return m_text; }
    void setText(const QString &text);
    // The connection whose protocol and transport the preview follows (not
    // owned); without one the packet is parsed but has no wire bytes.
    ConnectionSettings *settings() const;
    void setSettings(ConnectionSettings *settings);

    // Whether the packet parsed and the protocol can send it.
    bool isValid() const { return m_errorString.isEmpty(); }
    QString errorString() const { return m_errorString; }
    // Where in text() the error is (a character index), -1 when nowhere in particular.
    int errorPosition() const { return m_errorPosition; }
    QVariant packet() const { return m_packet; }
    // The preview's bytes; empty (never null) when there are none.
    QByteArray wireBytes() const { return m_wireBytes; }
    qsizetype wireSize() const { return m_wireBytes.size(); }
    QString wireHex() const;
    QString wireText() const;

    // The mode a format's packets are typed in: Text for Line, LengthPrefixed
    // and Raw (a string or bytes), Json for the others.
    static Mode modeForFormat(ProtocolSettings::Format format);

    // Whether the text holds variables (whose values change from packet to packet).
    bool hasVariables() const { return m_hasVariables; }
    // The value {{counter}} takes in the next packet (1 at first; the
    // session sets it back to 1 for each connection).
    qint64 counter() const { return m_counter; }
    void setCounter(qint64 counter);
    // The packet to send now, its variables given fresh values; nothing
    // (with *error) when it is not valid.
    std::optional<QVariant> makePacket(QString *error = nullptr) const;
    // After a made packet went out: counter() goes on by one when the text
    // has variables, and the preview shows the next packet.
    void advance();

    // The parsers, for the console and the tests: the bytes, or nothing with
    // *error and *position (a character index into text) set.
    static std::optional<QByteArray> parseEscapedText(QStringView text, QString *error = nullptr,
                                                      int *position = nullptr);
    static std::optional<QByteArray> parseHex(QStringView text, QString *error = nullptr,
                                              int *position = nullptr);
    // JSON objects become maps of the given form: the protocol's (see
    // ProtocolSettings::mapForm()), so that keys go out in the order typed.
    static std::optional<QVariant> parseJson(const QString &text, EasyNet::MapForm form,
                                             QString *error = nullptr, int *position = nullptr);
    // A packet typed in mode, as protocol (may be null) takes it: text
    // becomes bytes for byte-string formats, a string otherwise.
    static std::optional<QVariant> parsePacket(Mode mode, const QString &text,
                                               const ProtocolSettings *protocol,
                                               QString *error = nullptr, int *position = nullptr);
    // The bytes packet takes on the wire with settings' protocol: a datagram
    // on datagram transports, a stream chunk otherwise; nothing (with *error)
    // when the protocol is invalid or cannot send this packet.
    static std::optional<QByteArray>
    encode(const QVariant &packet, const ConnectionSettings &settings, QString *error = nullptr);

Q_SIGNALS:
    void modeChanged();
    void textChanged();
    void settingsChanged();
    void resultChanged();
    void counterChanged();

private:
    void update();
    void followSettings();

    Mode m_mode = Mode::Json;
    QString m_text;
    QPointer<ConnectionSettings> m_settings;
    std::optional<ProtocolSettings::Format> m_followedFormat;
    QMetaObject::Connection m_settingsConnection;
    QString m_errorString;
    int m_errorPosition = -1;
    QVariant m_packet;
    QByteArray m_wireBytes;
    bool m_hasVariables = false;
    qint64 m_counter = 1;
};

} // namespace EasyNetConsole
