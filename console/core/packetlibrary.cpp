#include "packetlibrary.h"

#include "connectionsettings.h"
#include "consolesession.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSaveFile>
#include <QtCore/QSet>
#include <QtCore/QStandardPaths>
#include <QtCore/QUrl>

namespace EasyNetConsole {

namespace {

const QLatin1String FormatName("easynet-packet-library");

// A path as typed, or a file: URL (QML's file dialogs give those).
QString localPath(const QString &path)
{
    return path.startsWith(QLatin1String("file:")) ? QUrl(path).toLocalFile() : path;
}

std::optional<Composer::Mode> modeFromName(const QString &name)
{
    for (const Composer::Mode mode :
         {Composer::Mode::Json, Composer::Mode::Text, Composer::Mode::Hex})
        if (name == PacketLibrary::modeName(mode))
            return mode;
    return std::nullopt;
}

} // namespace

PacketLibrary::PacketLibrary(QObject *parent) : PacketLibrary(defaultFileName(), parent) { }

PacketLibrary::PacketLibrary(const QString &fileName, QObject *parent)
    : QAbstractListModel(parent), m_fileName(localPath(fileName))
{
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &PacketLibrary::onFileChanged);
    // A file written for the first time appears in its directory.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &PacketLibrary::onFileChanged);
    load();
}

PacketLibrary::~PacketLibrary() = default;

QString PacketLibrary::defaultFileName()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QLatin1String("/packet-library.json");
}

ConnectionSettings *PacketLibrary::settings() const
{
    return m_settings;
}

void PacketLibrary::setSettings(ConnectionSettings *settings)
{
    if (settings == m_settings)
        return;
    disconnect(m_settingsConnection);
    m_settings = settings;
    if (settings)
        m_settingsConnection
            = connect(settings, &ConnectionSettings::changed, this, &PacketLibrary::recheck);
    Q_EMIT settingsChanged();
    recheck();
}

void PacketLibrary::setFileName(const QString &fileName)
{
    const QString path = localPath(fileName);
    if (path == m_fileName)
        return;
    m_fileName = path;
    Q_EMIT fileNameChanged();
    load();
}

int PacketLibrary::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant PacketLibrary::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Packet &packet = m_packets.at(index.row());
    const Check &check = m_checks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return packet.name;
    case Qt::ToolTipRole:
        return check.valid
            ? packet.note
            : tr("Cannot be sent with this connection's protocol: %1").arg(check.error);
    case ProtocolRole: return packet.protocol;
    case ModeRole: return int(packet.mode);
    case ModeNameRole: return modeName(packet.mode);
    case TextRole: return packet.text;
    case NoteRole: return packet.note;
    case ValidRole: return check.valid;
    case ErrorStringRole: return check.error;
    default: return {};
    }
}

QHash<int, QByteArray> PacketLibrary::roleNames() const
{
    return {
        {NameRole, "name"},   {ProtocolRole, "protocol"},
        {ModeRole, "mode"},   {ModeNameRole, "modeName"},
        {TextRole, "text"},   {NoteRole, "note"},
        {ValidRole, "valid"}, {ErrorStringRole, "errorString"},
    };
}

int PacketLibrary::indexOf(const QString &name) const
{
    for (qsizetype row = 0; row < m_packets.size(); ++row)
        if (m_packets[row].name == name)
            return int(row);
    return -1;
}

bool PacketLibrary::isValid(int row) const
{
    return row >= 0 && row < count() && m_checks[row].valid;
}

QString PacketLibrary::packetError(int row) const
{
    if (row < 0 || row >= count())
        return tr("no packet at row %1").arg(row);
    return m_checks[row].error;
}

PacketTemplate PacketLibrary::packetTemplate(int row) const
{
    const Packet packet = this->packet(row);
    return PacketTemplate(packet.mode, packet.text);
}

bool PacketLibrary::save(const Packet &packet)
{
    Packet saved = packet;
    saved.name = saved.name.trimmed();
    if (saved.name.isEmpty())
        return setError(tr("a saved packet needs a name"));
    put(saved);
    return saveFile();
}

void PacketLibrary::put(const Packet &packet)
{
    if (const int row = indexOf(packet.name); row >= 0) {
        m_packets[row] = packet;
        m_checks[row] = check(packet);
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    beginInsertRows(QModelIndex(), count(), count());
    m_packets.append(packet);
    m_checks.append(check(packet));
    endInsertRows();
    Q_EMIT countChanged();
}

bool PacketLibrary::saveComposer(const QString &name, const QString &note, Composer *composer)
{
    if (!composer)
        return setError(tr("no composer"));
    const QString protocol
        = composer->settings() ? composer->settings()->protocol()->spec() : QString();
    return save({name, protocol, composer->mode(), composer->text(), note});
}

bool PacketLibrary::remove(int row)
{
    if (row < 0 || row >= count())
        return setError(tr("no packet at row %1").arg(row));
    beginRemoveRows(QModelIndex(), row, row);
    m_packets.removeAt(row);
    m_checks.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged();
    return saveFile();
}

bool PacketLibrary::loadIntoComposer(int row, Composer *composer)
{
    if (!composer)
        return setError(tr("no composer to load into"));
    if (row < 0 || row >= count())
        return setError(tr("no packet at row %1").arg(row));
    composer->setMode(m_packets[row].mode);
    composer->setText(m_packets[row].text);
    return setError(QString());
}

bool PacketLibrary::send(int row, ConsoleSession *session)
{
    if (!session)
        return setError(tr("no session to send with"));
    if (row < 0 || row >= count())
        return setError(tr("no packet at row %1").arg(row));
    if (!m_checks[row].valid)
        return setError(tr("\"%1\" is not sent: %2").arg(m_packets[row].name, m_checks[row].error));
    if (!session->sendTemplate(packetTemplate(row)))
        return setError(
            tr("\"%1\" is not sent: %2").arg(m_packets[row].name, session->sendError()));
    return setError(QString());
}

bool PacketLibrary::importFile(const QString &path)
{
    const QString file = localPath(path);
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return setError(tr("cannot read %1: %2").arg(file, input.errorString()));
    QString error;
    const std::optional<QList<Packet>> packets = fromJson(input.readAll(), &error);
    if (!packets)
        return setError(tr("%1 is not imported: %2").arg(file, error));
    for (const Packet &packet : *packets)
        put(packet);
    return saveFile(); // once, for the whole import
}

bool PacketLibrary::exportFile(const QString &path)
{
    return write(localPath(path), m_packets) && setError(QString());
}

QString PacketLibrary::modeName(Composer::Mode mode)
{
    switch (mode) {
    case Composer::Mode::Json: return QStringLiteral("json");
    case Composer::Mode::Text: return QStringLiteral("text");
    case Composer::Mode::Hex: return QStringLiteral("hex");
    }
    return {};
}

QByteArray PacketLibrary::toJson(const QList<Packet> &packets)
{
    QJsonArray array;
    for (const Packet &packet : packets)
        array.append(QJsonObject {
            {QStringLiteral("name"), packet.name},
            {QStringLiteral("protocol"), packet.protocol},
            {QStringLiteral("mode"), modeName(packet.mode)},
            {QStringLiteral("text"), packet.text},
            {QStringLiteral("note"), packet.note},
        });
    return QJsonDocument(QJsonObject {
                             {QStringLiteral("format"), FormatName},
                             {QStringLiteral("version"), FormatVersion},
                             {QStringLiteral("packets"), array},
                         })
        .toJson(QJsonDocument::Indented);
}

std::optional<QList<PacketLibrary::Packet>> PacketLibrary::fromJson(const QByteArray &json,
                                                                    QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<QList<Packet>> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            tr("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(QStringLiteral("format")).toString() != FormatName)
        return fail(tr("not a packet library (it has no \"format\": \"%1\")").arg(FormatName));
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != version.toInt())
        return fail(tr("\"version\" must be a whole number from 1"));
    if (version.toInt() > FormatVersion)
        return fail(tr("version %1 is newer than this console reads (%2)")
                        .arg(version.toInt())
                        .arg(FormatVersion));
    if (!root.value(QStringLiteral("packets")).isArray())
        return fail(tr("\"packets\" must be a list"));
    QList<Packet> packets;
    QSet<QString> names;
    const QJsonArray array = root.value(QStringLiteral("packets")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        const auto bad
            = [&](const QString &why) { return fail(tr("packet %1: %2").arg(i + 1).arg(why)); };
        if (!array.at(i).isObject())
            return bad(tr("not an object"));
        Packet packet;
        packet.name = object.value(QStringLiteral("name")).toString().trimmed();
        if (packet.name.isEmpty())
            return bad(tr("no \"name\""));
        if (names.contains(packet.name))
            return bad(tr("a second packet named \"%1\"").arg(packet.name));
        names.insert(packet.name);
        if (!object.value(QStringLiteral("text")).isString())
            return bad(tr("\"%1\" has no \"text\"").arg(packet.name));
        packet.text = object.value(QStringLiteral("text")).toString();
        const QString mode = object.value(QStringLiteral("mode")).toString();
        const std::optional<Composer::Mode> parsedMode = modeFromName(mode);
        if (!parsedMode)
            return bad(tr("\"%1\": \"mode\" must be json, text or hex, not \"%2\"")
                           .arg(packet.name, mode));
        packet.mode = *parsedMode;
        for (const auto &[key, member] : {std::pair(QStringLiteral("protocol"), &packet.protocol),
                                          std::pair(QStringLiteral("note"), &packet.note)}) {
            const QJsonValue value = object.value(key);
            if (!value.isUndefined() && !value.isString())
                return bad(tr("\"%1\": \"%2\" must be text").arg(packet.name, key));
            *member = value.toString();
        }
        if (!packet.protocol.isEmpty()) {
            QString why;
            if (!ProtocolSettings().setSpec(packet.protocol, &why))
                return bad(
                    tr("\"%1\": protocol \"%2\": %3").arg(packet.name, packet.protocol, why));
        }
        packets.append(packet);
    }
    return packets;
}

void PacketLibrary::watch()
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    // The file is replaced at each write (QSaveFile): its path is watched
    // again each time; its directory tells when it is first written.
    if (QFile::exists(m_fileName))
        m_watcher.addPath(m_fileName);
    else if (const QString dir = QFileInfo(m_fileName).absolutePath(); QFileInfo::exists(dir))
        m_watcher.addPath(dir);
}

void PacketLibrary::onFileChanged()
{
    watch();
    QFile file(m_fileName);
    if (!file.open(QIODevice::ReadOnly))
        return;
    // What another library wrote; a file being written or broken is left
    // for the next change.
    std::optional<QList<Packet>> packets = fromJson(file.readAll(), nullptr);
    if (packets && *packets != m_packets)
        setPackets(std::move(*packets));
}

void PacketLibrary::load()
{
    m_unreadable = false;
    QString error;
    QList<Packet> packets;
    QFile file(m_fileName);
    if (file.open(QIODevice::ReadOnly)) {
        if (std::optional<QList<Packet>> read = fromJson(file.readAll(), &error)) {
            packets = std::move(*read);
        } else {
            m_unreadable = true;
            error = tr("the packet library %1 cannot be read (%2); the next change keeps it as "
                       "%1.broken")
                        .arg(m_fileName, error);
        }
    } else if (file.exists()) {
        error = tr("cannot read %1: %2").arg(m_fileName, file.errorString());
    }
    setPackets(std::move(packets));
    setError(error);
    watch();
}

void PacketLibrary::setPackets(QList<Packet> packets)
{
    beginResetModel();
    m_packets = std::move(packets);
    m_checks.clear();
    for (const Packet &packet : std::as_const(m_packets))
        m_checks.append(check(packet));
    endResetModel();
    Q_EMIT countChanged();
}

bool PacketLibrary::saveFile()
{
    if (std::exchange(m_unreadable, false)) {
        const QString kept = m_fileName + QLatin1String(".broken");
        QFile::remove(kept);
        QFile::rename(m_fileName, kept);
    }
    return write(m_fileName, m_packets) && setError(QString());
}

bool PacketLibrary::write(const QString &path, const QList<Packet> &packets)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(packets)) < 0 || !file.commit())
        return setError(tr("cannot write %1: %2").arg(path, file.errorString()));
    if (path == m_fileName)
        watch();
    return true;
}

PacketLibrary::Check PacketLibrary::check(const Packet &packet) const
{
    QString error;
    const ProtocolSettings *protocol = m_settings ? m_settings->protocol() : nullptr;
    const std::optional<QVariant> value
        = PacketTemplate(packet.mode, packet.text).packet({}, protocol, &error);
    if (value && m_settings)
        Composer::encode(*value, *m_settings, &error);
    return {error.isEmpty(), error};
}

void PacketLibrary::recheck()
{
    for (qsizetype row = 0; row < m_packets.size(); ++row)
        m_checks[row] = check(m_packets[row]);
    if (!m_packets.isEmpty())
        Q_EMIT dataChanged(index(0), index(count() - 1),
                           {ValidRole, ErrorStringRole, Qt::ToolTipRole});
}

bool PacketLibrary::setError(const QString &error)
{
    if (error != m_errorString) {
        m_errorString = error;
        Q_EMIT errorStringChanged();
    }
    return error.isEmpty();
}

} // namespace EasyNetConsole
