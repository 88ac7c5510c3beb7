// PacketDetailView: the selected log row in detail: its bytes in hex (with
// offsets and the text beside them, as many bytes a line as fit) and as text, the decoded value as
// a tree, what else came with it (descriptors, credentials, the parse error with its offset), and
// the TLS session of the connection (protocol, cipher, the peer's chain with each certificate's
// subject, issuer, validity and own errors).
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

    // "00000000  7b 22 61 22 3a 31 7d 0a                          {"a":1}.",
    // width bytes a line. The Hex tab takes 16, 8 or 4, the most that fit.
    static QString hexDump(const QByteArray &bytes, int width = 16);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateTls();
    int hexWidth() const;
    void showHex();
    static void addValue(QTreeWidgetItem *parent, const QString &key, const QVariant &value);

    ConsoleSession *m_session;
    QPlainTextEdit *m_hex;
    // The Hex tab's bytes (null: no row) and how they are shown.
    QByteArray m_hexBytes;
    bool m_hexIsExact = true;
    int m_hexShownWidth = 16;
    QPlainTextEdit *m_text;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_info;
    QTreeWidget *m_tls;
};

} // namespace EasyNetConsole
