#include "ruleset.h"

#include <QtCore/QFile>
#include <QtCore/QHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QSaveFile>

#include <array>

namespace EasyNetConsole {

namespace {

using Mode = Composer::Mode;

constexpr std::array<std::pair<Mode, const char *>, 3> ModeNames {
    {{Mode::Json, "json"}, {Mode::Text, "text"}, {Mode::Hex, "hex"}}};

QString modeName(Mode mode)
{
    for (const auto &[known, name] : ModeNames) {
        if (known == mode)
            return QLatin1String(name);
    }
    return {};
}

std::optional<Mode> modeFromName(const QString &text)
{
    for (const auto &[mode, name] : ModeNames) {
        if (text == QLatin1String(name))
            return mode;
    }
    return std::nullopt;
}

// The first key of object that is not one of known; empty when none.
QString unknownKey(const QJsonObject &object, const QStringList &known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return it.key();
    }
    return {};
}

} // namespace

QString RuleSet::fallbackName(Fallback fallback)
{
    return fallback == Fallback::Echo ? QStringLiteral("echo") : QStringLiteral("none");
}

std::optional<RuleSet> RuleSet::fromJson(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &reason) -> std::optional<RuleSet> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("not valid JSON at byte %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    if (!document.isObject())
        return fail(tr("a rule file is a JSON object with \"rules\""));
    const QJsonObject root = document.object();
    if (const QString key = unknownKey(root, {QStringLiteral("fallback"), QStringLiteral("rules")});
        !key.isEmpty())
        return fail(tr("unknown key \"%1\" (a rule file has \"fallback\" and \"rules\")").arg(key));
    RuleSet set;
    const QJsonValue fallback = root.value(QStringLiteral("fallback"));
    if (fallback == QJsonValue(fallbackName(Fallback::Nothing)))
        set.fallback = Fallback::Nothing;
    else if (!fallback.isUndefined() && fallback != QJsonValue(fallbackName(Fallback::Echo)))
        return fail(tr("\"fallback\" is \"echo\" or \"none\""));
    const QJsonValue rules = root.value(QStringLiteral("rules"));
    if (!rules.isArray())
        return fail(tr("\"rules\" is a list of rules"));
    const QJsonArray list = rules.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString which
            = describeRule(i, list[i].toObject().value(QStringLiteral("name")).toString());
        if (!list[i].isObject())
            return fail(tr("%1: a rule is a JSON object").arg(which));
        QString reason;
        std::optional<ServerRule> rule = ruleFromJson(list[i].toObject(), &reason);
        if (!rule)
            return fail(tr("%1: %2").arg(which, reason));
        set.rules.append(std::move(*rule));
    }
    if (const QString problem = set.errorString(); !problem.isEmpty())
        return fail(problem);
    return set;
}

std::optional<ServerRule> RuleSet::ruleFromJson(const QJsonObject &object, QString *error)
{
    const auto fail = [error](const QString &reason) -> std::optional<ServerRule> {
        *error = reason;
        return std::nullopt;
    };
    if (const QString key = unknownKey(object,
                                       {QStringLiteral("name"), QStringLiteral("match"),
                                        QStringLiteral("pattern"), QStringLiteral("replies"),
                                        QStringLiteral("delayMs"), QStringLiteral("close")});
        !key.isEmpty())
        return fail(tr("unknown key \"%1\" (a rule has name, match, pattern, replies, delayMs "
                       "and close)")
                        .arg(key));
    const QJsonValue name = object.value(QStringLiteral("name"));
    const QJsonValue pattern = object.value(QStringLiteral("pattern"));
    if (!name.isString())
        return fail(tr("\"name\" is a string"));
    if (!pattern.isString())
        return fail(tr("\"pattern\" is a string"));
    const std::optional<ServerRule::MatchKind> kind
        = ServerRule::matchKindFromName(object.value(QStringLiteral("match")).toString());
    if (!kind)
        return fail(tr("\"match\" is \"regex\" or \"jsonPath\""));
    const QJsonValue delay = object.value(QStringLiteral("delayMs"));
    if (!delay.isUndefined() && (!delay.isDouble() || delay.toDouble() != delay.toInt()))
        return fail(tr("\"delayMs\" is a whole number of milliseconds"));
    const QJsonValue close = object.value(QStringLiteral("close"));
    if (!close.isUndefined() && !close.isBool())
        return fail(tr("\"close\" is true or false"));
    const QJsonValue replyList = object.value(QStringLiteral("replies"));
    if (!replyList.isUndefined() && !replyList.isArray())
        return fail(tr("\"replies\" is a list"));
    QList<PacketTemplate> replies;
    const QJsonArray replyArray = replyList.toArray();
    for (qsizetype i = 0; i < replyArray.size(); ++i) {
        const QJsonObject reply = replyArray[i].toObject();
        const QString key = unknownKey(reply, {QStringLiteral("mode"), QStringLiteral("text")});
        const QJsonValue text = reply.value(QStringLiteral("text"));
        const QJsonValue modeValue = reply.value(QStringLiteral("mode"));
        const std::optional<Mode> mode
            = modeValue.isUndefined() ? Mode::Json : modeFromName(modeValue.toString());
        if (!replyArray[i].isObject() || !key.isEmpty() || !text.isString() || !mode)
            return fail(tr("reply %1: a reply is {\"mode\": \"json\", \"text\" or \"hex\", "
                           "\"text\": \"...\"}")
                            .arg(i + 1));
        replies.append(PacketTemplate(*mode, text.toString()));
    }
    ServerRule rule(name.toString(), *kind, pattern.toString(), replies, delay.toInt(),
                    close.toBool());
    if (!rule.isValid())
        return fail(rule.errorString());
    return rule;
}

QJsonObject RuleSet::ruleToJson(const ServerRule &rule)
{
    QJsonObject object {{QStringLiteral("name"), rule.name()},
                        {QStringLiteral("match"), ServerRule::matchKindName(rule.matchKind())},
                        {QStringLiteral("pattern"), rule.pattern()}};
    QJsonArray replies;
    for (const PacketTemplate &reply : rule.replies())
        replies.append(QJsonObject {{QStringLiteral("mode"), modeName(reply.mode())},
                                    {QStringLiteral("text"), reply.text()}});
    if (!replies.isEmpty())
        object.insert(QStringLiteral("replies"), replies);
    if (rule.delayMs() != 0)
        object.insert(QStringLiteral("delayMs"), rule.delayMs());
    if (rule.closeAfter())
        object.insert(QStringLiteral("close"), true);
    return object;
}

QByteArray RuleSet::toJson() const
{
    QJsonArray list;
    for (const ServerRule &rule : rules)
        list.append(ruleToJson(rule));
    return QJsonDocument(QJsonObject {{QStringLiteral("fallback"), fallbackName(fallback)},
                                      {QStringLiteral("rules"), list}})
        .toJson(QJsonDocument::Indented);
}

std::optional<RuleSet> RuleSet::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString reason;
    std::optional<RuleSet> set = fromJson(file.readAll(), &reason);
    if (!set && error)
        *error = tr("%1: %2").arg(path, reason);
    return set;
}

bool RuleSet::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(toJson()) >= 0 && file.commit())
        return true;
    if (error)
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
    return false;
}

QString RuleSet::describeRule(qsizetype index, const QString &name)
{
    return name.isEmpty() ? tr("rule %1").arg(index + 1)
                          : tr("rule %1 \"%2\"").arg(index + 1).arg(name);
}

QString RuleSet::ruleProblem(qsizetype index) const
{
    const ServerRule &rule = rules.at(index);
    if (!rule.isValid())
        return rule.errorString();
    for (qsizetype i = 0; i < index; ++i) {
        if (rules[i].name() == rule.name())
            return sameNameProblem(i);
    }
    return {};
}

QString RuleSet::sameNameProblem(qsizetype earlier)
{
    return tr("rule %1 has this name too").arg(earlier + 1);
}

QString RuleSet::errorString() const
{
    // Not ruleProblem() for each: the names are looked up once, for many rules.
    QHash<QString, qsizetype> named;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const ServerRule &rule = rules[i];
        const qsizetype earlier = named.value(rule.name(), -1);
        const QString problem = !rule.isValid() ? rule.errorString()
            : earlier >= 0                      ? sameNameProblem(earlier)
                                                : QString();
        if (!problem.isEmpty())
            return tr("%1: %2").arg(describeRule(i, rule.name()), problem);
        named.insert(rule.name(), i);
    }
    return {};
}

qsizetype RuleSet::match(const QVariant &packet, QRegularExpressionMatch *match) const
{
    const QString text = ServerRule::textForm(packet);
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (rules[i].matches(packet, text, match))
            return i;
    }
    return -1;
}

} // namespace EasyNetConsole
