#include "packetdetailview.h"

#include "consolesession.h"
#include "packetformat.h"

#include <algorithm>

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCborValue>
#include <QtCore/QEvent>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QTreeWidget>

namespace EasyNetConsole {

namespace {

QPlainTextEdit *monospaceView()
{
    auto *view = new QPlainTextEdit;
    view->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    view->setFont(mono);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}

// A CBOR container as itself (its order kept), any other CBOR value as the
// QVariant it stands for.
QVariant unwrapCbor(const QCborValue &value)
{
    if (value.isMap())
        return QVariant::fromValue(value.toMap());
    if (value.isArray())
        return QVariant::fromValue(value.toArray());
    return value.toVariant();
}

} // namespace

PacketDetailView::PacketDetailView(ConsoleSession *session, QWidget *parent)
    : QTabWidget(parent), m_session(session)
{
    m_hex = monospaceView();
    m_hex->setObjectName(QStringLiteral("hexView"));
    // Rewritten with fewer bytes a line when narrow: the text stays beside the hex.
    m_hex->viewport()->installEventFilter(this);
    m_text = monospaceView();
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tree = new QTreeWidget;
    m_tree->setObjectName(QStringLiteral("valueTree"));
    m_tree->setHeaderLabels({tr("Key"), tr("Value"), tr("Type")});
    m_info = monospaceView();
    m_info->setObjectName(QStringLiteral("infoView"));
    m_info->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tls = new QTreeWidget;
    m_tls->setObjectName(QStringLiteral("tlsTree"));
    m_tls->setHeaderLabels({tr("Field"), tr("Value")});
    addTab(m_hex, tr("He&x"));
    addTab(m_text, tr("&Text"));
    addTab(m_tree, tr("&Value"));
    addTab(m_info, tr("&Details"));
    addTab(m_tls, tr("TL&S"));
    connect(session, &ConsoleSession::tlsInfoChanged, this, &PacketDetailView::updateTls);
    updateTls();
    showRow(-1);
}

QString PacketDetailView::hexDump(const QByteArray &bytes, int width)
{
    QString dump;
    for (qsizetype offset = 0; offset < bytes.size(); offset += width) {
        const QByteArray line = bytes.mid(offset, width);
        QString hex = QString::fromLatin1(line.toHex(' '));
        hex = hex.leftJustified(width * 3, QLatin1Char(' '));
        QString ascii;
        for (const char c : line)
            ascii += c >= 0x20 && c < 0x7f ? QLatin1Char(c) : QLatin1Char('.');
        dump += QStringLiteral("%1  %2 %3\n").arg(offset, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return dump;
}

int PacketDetailView::hexWidth() const
{
    // A line of n bytes is 11 + 4n characters (offset, hex, text).
    const int characters
        = (m_hex->viewport()->width() - 2 * int(m_hex->document()->documentMargin()))
        / std::max(1, m_hex->fontMetrics().horizontalAdvance(QLatin1Char('0')));
    for (const int width : {16, 8})
        if (11 + 4 * width <= characters)
            return width;
    return 4;
}

void PacketDetailView::showHex()
{
    if (m_hexBytes.isNull()) {
        m_hex->setPlainText(tr("Select a row of the log."));
        return;
    }
    m_hexShownWidth = hexWidth();
    QString hex = hexDump(m_hexBytes, m_hexShownWidth);
    if (!m_hexIsExact)
        hex += QLatin1Char('\n')
            + tr("(as this protocol writes the packet; the peer's own bytes may differ, "
                 "e.g. in spacing)");
    m_hex->setPlainText(hex);
}

bool PacketDetailView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_hex->viewport() && event->type() == QEvent::Resize && !m_hexBytes.isNull()
        && hexWidth() != m_hexShownWidth)
        showHex();
    return QTabWidget::eventFilter(watched, event);
}

void PacketDetailView::addValue(QTreeWidgetItem *parent, const QString &key, const QVariant &value)
{
    if (value.typeId() == QMetaType::QCborValue)
        return addValue(parent, key, unwrapCbor(value.value<QCborValue>()));
    auto *item = new QTreeWidgetItem(parent);
    item->setText(0, key);
    item->setText(2, PacketFormat::typeName(value));
    const std::optional<PacketFormat::Members> members = PacketFormat::members(value);
    if (!members) {
        item->setText(1, PacketFormat::toJsonText(value));
        return;
    }
    const int size = int(members->entries.size());
    item->setText(
        1, members->isMap ? tr("{%n key(s)}", nullptr, size) : tr("[%n item(s)]", nullptr, size));
    for (const auto &[name, member] : members->entries)
        addValue(item, name, member);
}

void PacketDetailView::showRow(int row)
{
    m_tree->clear();
    const PacketLogModel *log = m_session->log();
    if (row < 0 || row >= log->rowCount()) {
        m_hexBytes = QByteArray();
        showHex();
        m_text->clear();
        m_info->clear();
        return;
    }
    const PacketLogEntry &e = log->entry(row);
    m_hexBytes = e.raw.isNull() ? QByteArray("") : e.raw;
    m_hexIsExact = e.rawIsExact;
    showHex();
    m_text->setPlainText(PacketFormat::toEscapedText(e.raw));
    if (e.direction != PacketLogEntry::Direction::Event && !e.isParseError) {
        auto *root = new QTreeWidgetItem(m_tree);
        root->setText(0, tr("packet"));
        addValue(root, tr("value"), e.value);
        m_tree->expandAll();
    }
    QStringList info;
    info << tr("Time: %1").arg(e.time.toString(Qt::ISODateWithMs));
    if (!e.peer.isEmpty())
        info << tr("Peer: %1").arg(e.peer);
    if (e.isParseError) {
        info << tr("Parse error: %1").arg(e.message)
             << tr("At byte offset %1, %Ln byte(s)", nullptr, int(e.errorSize)).arg(e.errorOffset)
             << (e.streamWentOn ? tr("The stream went on.")
                                : tr("The stream could not go on: the connection was closed."));
    } else if (!e.message.isEmpty()) {
        info << e.message;
    }
    for (const QString &descriptor : e.descriptors)
        info << descriptor;
    m_info->setPlainText(info.join(QLatin1Char('\n')));
    if (!e.descriptors.isEmpty() || e.isParseError)
        setCurrentWidget(m_info);
}

void PacketDetailView::updateTls()
{
    m_tls->clear();
    const QVariantMap info = m_session->tlsInfo();
    if (info.isEmpty()) {
        auto *none = new QTreeWidgetItem(m_tls);
        none->setText(0, tr("No TLS session"));
        return;
    }
    const auto add = [](QTreeWidgetItem *parent, const QString &field, const QString &value) {
        auto *item = new QTreeWidgetItem(parent);
        item->setText(0, field);
        item->setText(1, value);
        return item;
    };
    QTreeWidgetItem *root = m_tls->invisibleRootItem();
    add(root, tr("Protocol"), info.value(QStringLiteral("protocol")).toString());
    add(root, tr("Cipher"), info.value(QStringLiteral("cipher")).toString());
    add(root, tr("Verified"),
        info.value(QStringLiteral("verified")).toBool()
            ? tr("yes")
            : tr("no: an invalid certificate was accepted"));
    const QString proxy = info.value(QStringLiteral("proxy")).toString();
    add(root, tr("Proxy"), proxy.isEmpty() ? tr("none (direct)") : tr("via %1").arg(proxy));
    int index = 0;
    for (const QVariant &value : info.value(QStringLiteral("certificates")).toList()) {
        const QVariantMap certificate = value.toMap();
        QTreeWidgetItem *item = add(root, tr("Certificate %1").arg(index++),
                                    certificate.value(QStringLiteral("subject")).toString());
        add(item, tr("Subject"), certificate.value(QStringLiteral("subject")).toString());
        add(item, tr("Issuer"), certificate.value(QStringLiteral("issuer")).toString());
        add(item, tr("Valid from"),
            certificate.value(QStringLiteral("notBefore")).toDateTime().toString(Qt::ISODate));
        add(item, tr("Valid until"),
            certificate.value(QStringLiteral("notAfter")).toDateTime().toString(Qt::ISODate));
        add(item, tr("SHA-256"), certificate.value(QStringLiteral("sha256")).toString());
        const QStringList errors = certificate.value(QStringLiteral("errors")).toStringList();
        add(item, tr("Errors"), errors.isEmpty() ? tr("none") : errors.join(QStringLiteral("; ")));
    }
    m_tls->expandAll();
    m_tls->resizeColumnToContents(0);
}

} // namespace EasyNetConsole
