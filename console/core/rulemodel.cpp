#include "rulemodel.h"

#include <QtCore/QUrl>

namespace EasyNetConsole {

namespace {

// A path as typed, or a file:// URL as a QML file dialog gives it.
QString localPath(const QString &path)
{
    return path.startsWith(QLatin1String("file:")) ? QUrl(path).toLocalFile() : path;
}

QVariantList repliesToVariant(const QList<PacketTemplate> &replies)
{
    QVariantList list;
    for (const PacketTemplate &reply : replies)
        list.append(QVariantMap {{QStringLiteral("mode"), int(reply.mode())},
                                 {QStringLiteral("text"), reply.text()}});
    return list;
}

QList<PacketTemplate> repliesFromVariant(const QVariantList &list)
{
    QList<PacketTemplate> replies;
    for (const QVariant &item : list) {
        const QVariantMap reply = item.toMap();
        replies.append(PacketTemplate(Composer::Mode(reply.value(QStringLiteral("mode")).toInt()),
                                      reply.value(QStringLiteral("text")).toString()));
    }
    return replies;
}

} // namespace

RuleModel::RuleModel(QObject *parent) : QAbstractTableModel(parent) { }

RuleModel::~RuleModel() = default;

int RuleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

int RuleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QHash<int, QByteArray> RuleModel::roleNames() const
{
    return {{NameRole, "name"},
            {MatchKindRole, "matchKind"},
            {PatternRole, "pattern"},
            {RepliesRole, "replies"},
            {DelayRole, "delayMs"},
            {CloseRole, "closeAfter"},
            {ErrorStringRole, "errorString"}};
}

QVariant RuleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const ServerRule &rule = m_rules.rules.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(index.row(), index.column());
    case Qt::ToolTipRole:
        return index.column() == ProblemColumn ? problem(index.row()) : QVariant();
    case NameRole: return rule.name();
    case MatchKindRole: return int(rule.matchKind());
    case PatternRole: return rule.pattern();
    case RepliesRole: return repliesToVariant(rule.replies());
    case DelayRole: return rule.delayMs();
    case CloseRole: return rule.closeAfter();
    case ErrorStringRole: return problem(index.row());
    default: return {};
    }
}

QVariantMap RuleModel::rule(int row) const
{
    QVariantMap values;
    if (row < 0 || row >= count())
        return values;
    const QHash<int, QByteArray> roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        values.insert(QString::fromLatin1(it.value()), data(index(row, 0), it.key()));
    return values;
}

QVariant RuleModel::display(int row, int column) const
{
    const ServerRule &rule = m_rules.rules.at(row);
    switch (column) {
    case NameColumn: return rule.name();
    case MatchColumn:
        return rule.matchKind() == ServerRule::MatchKind::Regex ? tr("regex") : tr("JSON path");
    case PatternColumn: return rule.pattern();
    case RepliesColumn: return tr("%n reply(ies)", nullptr, int(rule.replies().size()));
    case DelayColumn: return rule.delayMs() > 0 ? tr("%1 ms").arg(rule.delayMs()) : QString();
    case CloseColumn: return rule.closeAfter() ? tr("close") : QString();
    case ProblemColumn: return problem(row);
    default: return {};
    }
}

QString RuleModel::problem(int row) const
{
    return m_rules.ruleProblem(row);
}

bool RuleModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= count())
        return false;
    ServerRule &rule = m_rules.rules[index.row()];
    switch (role) {
    case NameRole: rule.setName(value.toString()); break;
    case MatchKindRole: rule.setMatchKind(ServerRule::MatchKind(value.toInt())); break;
    case PatternRole: rule.setPattern(value.toString()); break;
    case RepliesRole: rule.setReplies(repliesFromVariant(value.toList())); break;
    case DelayRole: rule.setDelayMs(value.toInt()); break;
    case CloseRole: rule.setCloseAfter(value.toBool()); break;
    default: return false;
    }
    rulesChanged();
    return true;
}

QVariant RuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case MatchColumn: return tr("Match");
    case PatternColumn: return tr("Pattern");
    case RepliesColumn: return tr("Replies");
    case DelayColumn: return tr("Delay");
    case CloseColumn: return tr("Close");
    case ProblemColumn: return tr("Problem");
    default: return {};
    }
}

Qt::ItemFlags RuleModel::flags(const QModelIndex &index) const
{
    return QAbstractTableModel::flags(index) | Qt::ItemNeverHasChildren;
}

void RuleModel::setEchoUnmatched(bool echo)
{
    if (echo == echoUnmatched())
        return;
    m_rules.fallback = echo ? RuleSet::Fallback::Echo : RuleSet::Fallback::Nothing;
    Q_EMIT changed();
}

void RuleModel::setRuleSet(const RuleSet &rules)
{
    beginResetModel();
    m_rules = rules;
    endResetModel();
    Q_EMIT changed();
}

int RuleModel::addRule()
{
    const int row = count();
    beginInsertRows({}, row, row);
    m_rules.rules.append(ServerRule(
        tr("rule %1").arg(row + 1), ServerRule::MatchKind::JsonPath,
        QStringLiteral("$.cmd == \"ping\""),
        {PacketTemplate(Composer::Mode::Json, QStringLiteral("{\"pong\": {{counter}}}"))}));
    endInsertRows();
    Q_EMIT changed();
    return row;
}

void RuleModel::removeRule(int row)
{
    if (row < 0 || row >= count())
        return;
    beginRemoveRows({}, row, row);
    m_rules.rules.removeAt(row);
    endRemoveRows();
    rulesChanged(); // a name used twice may be fine now
}

bool RuleModel::moveRule(int from, int to)
{
    if (from < 0 || from >= count() || to < 0 || to >= count() || from == to)
        return false;
    // beginMoveRows() counts the destination before the move.
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    m_rules.rules.move(from, to);
    endMoveRows();
    rulesChanged(); // which of two rules of a name comes first changed
    return true;
}

template<typename Edit>
void RuleModel::editReplies(int row, Edit edit)
{
    if (row < 0 || row >= count())
        return;
    ServerRule &rule = m_rules.rules[row];
    QList<PacketTemplate> replies = rule.replies();
    if (!edit(replies))
        return;
    rule.setReplies(replies);
    rulesChanged();
}

void RuleModel::addReply(int row)
{
    editReplies(row, [](QList<PacketTemplate> &replies) {
        replies.append(PacketTemplate(Composer::Mode::Json, QStringLiteral("{}")));
        return true;
    });
}

void RuleModel::removeReply(int row, int reply)
{
    editReplies(row, [reply](QList<PacketTemplate> &replies) {
        if (reply < 0 || reply >= replies.size())
            return false;
        replies.removeAt(reply);
        return true;
    });
}

void RuleModel::setReply(int row, int reply, int mode, const QString &text)
{
    editReplies(row, [reply, mode, &text](QList<PacketTemplate> &replies) {
        if (reply < 0 || reply >= replies.size())
            return false;
        replies[reply] = PacketTemplate(Composer::Mode(mode), text);
        return true;
    });
}

void RuleModel::rulesChanged()
{
    // A name touches the other rules' problems (a name used twice): all rows.
    if (count() > 0)
        Q_EMIT dataChanged(index(0, 0), index(count() - 1, ColumnCount - 1));
    Q_EMIT changed();
}

bool RuleModel::load(const QString &path)
{
    QString error;
    const std::optional<RuleSet> rules = RuleSet::load(localPath(path), &error);
    if (!rules) {
        setLastError(error);
        return false;
    }
    setRuleSet(*rules);
    setLastError({});
    setFileName(localPath(path));
    return true;
}

bool RuleModel::save(const QString &path)
{
    QString error;
    if (!m_rules.save(localPath(path), &error)) {
        setLastError(error);
        return false;
    }
    setLastError({});
    setFileName(localPath(path));
    return true;
}

void RuleModel::setLastError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    Q_EMIT lastErrorChanged();
}

void RuleModel::setFileName(const QString &path)
{
    if (path == m_fileName)
        return;
    m_fileName = path;
    Q_EMIT fileNameChanged();
}

} // namespace EasyNetConsole
