// JsonPath: a small subset of JSONPath that picks one value out of a decoded
// packet, for the rule server's matches ($.cmd == "ping"). The subset:
//   $            the packet itself (every path starts with it)
//   .key         a map's member; the key is letters, digits, '_' and '-'
//   ['key']      a map's member, any key ("['a b']"; a backslash takes the
//                next character as it is: "['it\'s']"); ["key"] is the same
//   [index]      a list's item, from 0
// so "$.args[0]", "$['user name'].id", "$[2]". There are no wildcards,
// slices, filters or recursive descent: a path names at most one value.
//
// It walks maps of every form a protocol decodes (QVariantMap, QCborMap,
// QVariantHash) and lists (QVariantList, QCborArray) through
// PacketFormat::members().
//
//   QString error;
//   const auto path = JsonPath::parse(u"$.args[0]", &error);
//   path->select(packet);   // the first argument, or nothing when there is none
#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>
#include <QtCore/QVariant>

#include <optional>
#include <variant>
#include <vector>

namespace EasyNetConsole {

class JsonPath
{
    Q_DECLARE_TR_FUNCTIONS(EasyNetConsole::JsonPath)

public:
    // Reads a path from the start of text; *end is where it stopped (the
    // text may go on: "$.cmd == 1"). Nothing, with *error and *position (an
    // index into text), when text does not start with a path.
    static std::optional<JsonPath> parse(QStringView text, QString *error = nullptr,
                                         qsizetype *position = nullptr, qsizetype *end = nullptr);

    // The value the path names in value, or nothing when a key or an index
    // is not there (or a step meets a value of another kind).
    std::optional<QVariant> select(const QVariant &value) const;

private:
    // A map key, or a list index.
    using Step = std::variant<QString, qsizetype>;
    std::vector<Step> m_steps;
};

} // namespace EasyNetConsole
