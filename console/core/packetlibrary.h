// PacketLibrary: the user's saved packets. Each has a name (unique in the
// library), the protocol it was saved for (the text form of ProtocolSettings,
// "json", "line:crlf"), the composer mode it is typed in, its text (which may
// hold PacketTemplate variables: {{counter}}, {{time}}, ...) and a note.
//
// A list model both consoles bind to (roles: name, protocol, mode, modeName,
// text, note, valid, errorString; search with PacketLibraryFilterModel).
// Every packet is checked against the connection's protocol (settings()): one
// that no longer parses under it or that it cannot send (JSON text while the
// protocol is struct:..., a bad hex digit) has valid false and the reason in
// errorString; the views show such a row as an error, and send() refuses it.
//
//   PacketLibrary library;                 // reads defaultFileName()
//   library.setSettings(session.settings());
//   library.save({"ping", "json", Composer::Mode::Json, R"({"cmd": "ping"})", ""});
//   library.send(library.indexOf("ping"), &session);
//
// Kept in a JSON file (fileName(); packet-library.json under
// QStandardPaths::AppDataLocation by default), written on every change. Export
// writes the same format, and import reads it:
//   {"format": "easynet-packet-library", "version": 1,
//    "packets": [{"name": "ping", "protocol": "json", "mode": "json",
//                 "text": "{\"cmd\": \"ping\"}", "note": "a health check"}]}
// ("mode" is json, text or hex; "protocol" and "note" may be left out).
// Import merges: a packet whose name is in the library already replaces it,
// as saving under a name that exists does. A file that cannot be read, is not
// such a document, is of a newer version or holds one bad packet is refused
// whole with a clear error (errorString()), and the library stays as it was.
// The file is watched: a change written by another library on the same file
// (another tab, another window of the program) is read in at once.
//
// A library file that cannot be read is an empty library with errorString()
// saying so; the first change renames the file to FILE.broken before it
// writes the library, so that nothing the user had is overwritten.
#pragma once

#include "composer.h"
#include "packettemplate.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QFileSystemWatcher>
#include <QtCore/QList>
#include <QtCore/QPointer>

namespace EasyNetConsole {

class ConnectionSettings;
class ConsoleSession;

class PacketLibrary : public QAbstractListModel
{
    Q_OBJECT
    Q_MOC_INCLUDE("connectionsettings.h")
    Q_MOC_INCLUDE("consolesession.h")
    Q_PROPERTY(EasyNetConsole::ConnectionSettings *settings READ settings WRITE setSettings NOTIFY
                   settingsChanged)
    Q_PROPERTY(QString fileName READ fileName WRITE setFileName NOTIFY fileNameChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)

public:
    static constexpr int FormatVersion = 1;

    struct Packet
    {
        QString name;
        QString protocol;
        Composer::Mode mode = Composer::Mode::Json;
        QString text;
        QString note;
        friend bool operator==(const Packet &, const Packet &) = default;
    };

    enum Role {
        NameRole = Qt::UserRole + 1,
        ProtocolRole,
        ModeRole,
        ModeNameRole,
        TextRole,
        NoteRole,
        ValidRole,
        ErrorStringRole,
    };
    Q_ENUM(Role)

    // Reads defaultFileName().
    explicit PacketLibrary(QObject *parent = nullptr);
    // Reads fileName.
    explicit PacketLibrary(const QString &fileName, QObject *parent = nullptr);
    ~PacketLibrary() override;

    static QString defaultFileName();

    // The connection whose protocol the packets are checked against (not
    // owned); without one, a packet is only parsed.
    ConnectionSettings *settings() const;
    void setSettings(ConnectionSettings *settings);

    // The file the library lives in; setting it reads that file (a missing
    // file is an empty library).
    QString fileName() const { return m_fileName; }
    void setFileName(const QString &fileName);

    int count() const { return int(m_packets.size()); }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Why the last load, save, import, export or send failed; empty after one
    // that succeeded.
    QString errorString() const { return m_errorString; }

    QList<Packet> packets() const { return m_packets; }
    Packet packet(int row) const { return m_packets.value(row); }
    // The row of the packet named name, -1 when none.
    Q_INVOKABLE int indexOf(const QString &name) const;
    // Whether the packet of row parses and the connection's protocol can send
    // it; why not in packetError().
    Q_INVOKABLE bool isValid(int row) const;
    Q_INVOKABLE QString packetError(int row) const;
    PacketTemplate packetTemplate(int row) const;

    // Adds packet, or replaces the one of the same name; false (errorString())
    // for an empty name or when the file cannot be written.
    bool save(const Packet &packet);
    // Saves the composer's packet (its mode and text, the protocol of its
    // connection) as name.
    Q_INVOKABLE bool saveComposer(const QString &name, const QString &note,
                                  EasyNetConsole::Composer *composer);
    Q_INVOKABLE bool remove(int row);
    // Puts the packet of row into the composer (its mode and text; the
    // connection's protocol stays as it is).
    Q_INVOKABLE bool loadIntoComposer(int row, EasyNetConsole::Composer *composer);
    // Sends the packet of row on session (PacketTemplate variables get fresh
    // values, {{counter}} is the connection's); false, with errorString(),
    // when it is not valid (it is then never sent) or not sent.
    Q_INVOKABLE bool send(int row, EasyNetConsole::ConsoleSession *session);

    // Import and export (path may also be a file: URL, as QML gives them).
    Q_INVOKABLE bool importFile(const QString &path);
    Q_INVOKABLE bool exportFile(const QString &path);

    // The packets of a library document; nothing (with *error) when it is not
    // a valid one.
    static std::optional<QList<Packet>> fromJson(const QByteArray &json, QString *error);
    static QByteArray toJson(const QList<Packet> &packets);
    static QString modeName(Composer::Mode mode);

Q_SIGNALS:
    void settingsChanged();
    void fileNameChanged();
    void countChanged();
    void errorStringChanged();

private:
    struct Check
    {
        bool valid = true;
        QString error;
    };
    void load();
    // Replaces every packet (a model reset).
    void setPackets(QList<Packet> packets);
    // The file changed on disk: read it in unless it holds what we have.
    void onFileChanged();
    void watch();
    // Adds packet or replaces the one of its name, without writing the file.
    void put(const Packet &packet);
    bool write(const QString &path, const QList<Packet> &packets);
    bool saveFile();
    Check check(const Packet &packet) const;
    void recheck();
    // Sets errorString(); returns whether it is empty.
    bool setError(const QString &error);

    QList<Packet> m_packets;
    QList<Check> m_checks; // one per packet
    QPointer<ConnectionSettings> m_settings;
    QMetaObject::Connection m_settingsConnection;
    QString m_fileName;
    QString m_errorString;
    // The file could not be read: kept aside at the first write.
    bool m_unreadable = false;
    QFileSystemWatcher m_watcher;
};

} // namespace EasyNetConsole
