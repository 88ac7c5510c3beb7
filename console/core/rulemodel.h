// RuleModel: the rule server's rules as both consoles' rule editors edit them:
// a table model over a RuleSet, one row per rule (columns Name, Match,
// Pattern, Replies, Delay, Close, Problem for a table view; the same as roles
// of column 0 for QML), with the fallback, add, remove, move, the replies of
// a rule, and the rule file (load, save).
//
// Rules are kept as typed, valid or not: each row's problem (its errorString
// role: a bad pattern, a bad reply, a name used twice) is shown beside it, and
// ruleSet() is what a server takes once errorString() is empty. A file that
// does not load changes nothing; its reason is in lastError.
//
//   RuleModel model;
//   if (!model.load(QStringLiteral("rules.json")))
//       qWarning() << model.lastError();
//   model.addRule();
//   model.setData(model.index(1, 0), QStringLiteral("^HELLO (\\w+)$"), RuleModel::PatternRole);
#pragma once

#include "ruleset.h"

#include <QtCore/QAbstractTableModel>

namespace EasyNetConsole {

class RuleModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(bool echoUnmatched READ echoUnmatched WRITE setEchoUnmatched NOTIFY changed)
    Q_PROPERTY(QString errorString READ errorString NOTIFY changed)
    Q_PROPERTY(bool valid READ isValid NOTIFY changed)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY fileNameChanged)

public:
    enum Column {
        NameColumn,
        MatchColumn,
        PatternColumn,
        RepliesColumn,
        DelayColumn,
        CloseColumn,
        ProblemColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        NameRole = Qt::UserRole + 1,
        MatchKindRole, // 0 regex, 1 JSON path (ServerRule::MatchKind)
        PatternRole,
        RepliesRole, // a list of {mode: Composer::Mode as int, text}
        DelayRole,
        CloseRole,
        ErrorStringRole, // empty when the rule can be used
    };
    Q_ENUM(Role)

    explicit RuleModel(QObject *parent = nullptr);
    ~RuleModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rules.rules.size()); }
    bool echoUnmatched() const { return m_rules.fallback == RuleSet::Fallback::Echo; }
    void setEchoUnmatched(bool echo);
    // The first problem of the rules, naming the rule; empty when they can be used.
    QString errorString() const { return m_rules.errorString(); }
    bool isValid() const { return errorString().isEmpty(); }
    QString lastError() const { return m_lastError; }
    QString fileName() const { return m_fileName; }

    RuleSet ruleSet() const { return m_rules; }
    void setRuleSet(const RuleSet &rules);

    // The rule at row as a map of its roles' values, by role name (name,
    // matchKind, pattern, replies, delayMs, closeAfter, errorString); empty
    // when there is no such row. For QML, whose views see one row at a time.
    Q_INVOKABLE QVariantMap rule(int row) const;
    // Appends a rule (a JSON path rule answering {"cmd": "ping"} with a pong,
    // named "rule N"); returns its row.
    Q_INVOKABLE int addRule();
    Q_INVOKABLE void removeRule(int row);
    // Moves the rule at from to the row to; false when either is out of range.
    Q_INVOKABLE bool moveRule(int from, int to);
    // A rule's replies: appends an empty JSON one, removes one, sets one.
    Q_INVOKABLE void addReply(int row);
    Q_INVOKABLE void removeReply(int row, int reply);
    Q_INVOKABLE void setReply(int row, int reply, int mode, const QString &text);
    // Reads or writes a rule file (see RuleSet); false with lastError set
    // (nothing changed) when it cannot.
    Q_INVOKABLE bool load(const QString &path);
    Q_INVOKABLE bool save(const QString &path);

Q_SIGNALS:
    void changed();
    void lastErrorChanged();
    void fileNameChanged();

private:
    // The rule's problem, in the set (a name used twice included).
    QString problem(int row) const;
    QVariant display(int row, int column) const;
    // Every row's data (and changed()): a rule's name touches the others'.
    void rulesChanged();
    // Applies edit (true: something changed) to the replies of the rule at row.
    template<typename Edit>
    void editReplies(int row, Edit edit);
    void setLastError(const QString &error);
    void setFileName(const QString &path);

    RuleSet m_rules;
    QString m_lastError;
    QString m_fileName;
};

} // namespace EasyNetConsole
