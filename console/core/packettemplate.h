// PacketTemplate: a packet as typed in the composer, the packet library or a
// rule's reply, with variables that take a fresh value for every packet:
//   {{counter}}          the context's counter (an integer)
//   {{time}}             now, ISO 8601 in UTC with milliseconds (a string);
//                        {{time:iso}} is the same, {{time:unix}} is Unix time
//                        in milliseconds (an integer)
//   {{random:MIN:MAX}}   an integer from MIN to MAX, both included
//   {{uuid}}             a random UUID without braces (a string)
//   {{0}}, {{1}}, ...    a rule's match: the whole match, its groups (a string;
//                        empty when the group did not take part)
//   {{name}}             a rule's named group (a string)
//
// In Json mode a variable outside a string becomes a JSON value of its type
// ({"n": {{counter}}} -> {"n": 7}); inside a string its text is inserted,
// escaped ("id-{{counter}}" -> "id-7"). In Text mode the value's text is
// inserted as is (escapes in the value are not interpreted). Hex mode has no
// variables. A literal "{{" is typed as \x7b{ in text and \u007b{ in JSON.
//
// render() gives the text the composer's parsers then read, so a template
// is valid exactly when every variable is known and the rendered text parses:
//
//   PacketTemplate tpl(Composer::Mode::Json, QStringLiteral(R"({"pong": {{counter}}})"));
//   PacketTemplate::Context context;
//   context.counter = 3;
//   tpl.render(context);   // {"pong": 3}
#pragma once

#include "composer.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QRegularExpressionMatch>
#include <QtCore/QString>
#include <QtCore/QVariant>

#include <optional>
#include <vector>

namespace EasyNetConsole {

class ProtocolSettings;

class PacketTemplate
{
    Q_DECLARE_TR_FUNCTIONS(EasyNetConsole::PacketTemplate)

public:
    // What the variables stand for in one packet.
    struct Context
    {
        qint64 counter = 1;
        // A rule's match, for {{0}}, {{1}}, ... and named groups.
        QRegularExpressionMatch match;
    };

    PacketTemplate() = default;
    PacketTemplate(Composer::Mode mode, const QString &text);

    Composer::Mode mode() const { return m_mode; }
    QString text() const { return m_text; }
    bool hasVariables() const;
    // The rule's groups it refers to, as written ("1", "name"), in order, so
    // that a rule can check them against its pattern before any match.
    QStringList matchGroups() const;

    // Empty when every variable is known; else why not, at errorPosition()
    // (a character index into text()).
    QString errorString() const { return m_errorString; }
    int errorPosition() const { return m_errorPosition; }

    // The text with every variable replaced; nothing (with *error) when a
    // variable is unknown or a named group is not in context's match.
    std::optional<QString> render(const Context &context, QString *error = nullptr) const;

    // The packet: rendered, then read by the composer's parser for mode()
    // (JSON maps in protocol's map form, text as bytes or string as
    // protocol takes them; protocol may be null). Nothing with *error and
    // *position set (a character index into text()) when it does not render
    // or parse.
    std::optional<QVariant> packet(const Context &context, const ProtocolSettings *protocol,
                                   QString *error = nullptr, int *position = nullptr) const;

private:
    // A piece of the text: literal, or one variable ({{...}}).
    struct Piece
    {
        int start = 0; // in m_text
        int length = 0;
        bool isVariable = false;
        // Variables: the name and its arguments ("random", "1", "10").
        QStringList parts;
        // Json mode: whether the variable stands inside a JSON string.
        bool inString = false;
    };
    void scan();
    // render(), also telling where a failing variable is (*position) and
    // where each piece starts in the result (*renderedStarts).
    std::optional<QString> renderPieces(const Context &context, QString *error, int *position,
                                        std::vector<int> *renderedStarts) const;
    std::optional<QVariant> value(const Piece &piece, const Context &context, QString *error) const;
    // The position in m_text of rendered index at, given the pieces' rendered starts.
    int sourcePosition(const std::vector<int> &renderedStarts, int at) const;

    Composer::Mode m_mode = Composer::Mode::Text;
    QString m_text;
    std::vector<Piece> m_pieces;
    QString m_errorString;
    int m_errorPosition = -1;
};

} // namespace EasyNetConsole
