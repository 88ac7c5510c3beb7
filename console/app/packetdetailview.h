// PacketDetailView: the selected log row in detail: its bytes in hex (with
// offsets) and as text, the decoded value as a tree, what else came with it
// (descriptors, credentials, the parse error with its offset), and the TLS
// session of the connection (protocol, cipher, the peer's chain with each
// certificate's subject, issuer, validity and own errors).
#pragma once

#include <QtWidgets/QTabWidget>

QT_BEGIN_NAMESPACE
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;

class PacketDetailView : public QTabWidget
{
    Q_OBJECT

public:
    explicit PacketDetailView(ConsoleSession *session, QWidget *parent = nullptr);

    // Shows a row of the session's log() (-1: nothing).
    void showRow(int row);

    QPlainTextEdit *hexView() const { return m_hex; }
    QPlainTextEdit *infoView() const { return m_info; }
    QTreeWidget *valueTree() const { return m_tree; }
    QTreeWidget *tlsTree() const { return m_tls; }

    // "00000000  7b 22 61 22 3a 31 7d 0a                          {"a":1}."
    static QString hexDump(const QByteArray &bytes);

private:
    void updateTls();
    static void addValue(QTreeWidgetItem *parent, const QString &key, const QVariant &value);

    ConsoleSession *m_session;
    QPlainTextEdit *m_hex;
    QPlainTextEdit *m_text;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_info;
    QTreeWidget *m_tls;
};

} // namespace EasyNetConsole
