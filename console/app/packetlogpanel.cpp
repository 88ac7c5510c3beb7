#include "packetlogpanel.h"

#include "consolesession.h"
#include "parseerrordelegate.h"
#include "sessionreplaybar.h"

#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QTableView>
#include <QtWidgets/QVBoxLayout>

#include <QtCore/QLocale>

namespace EasyNetConsole {

PacketLogPanel::PacketLogPanel(ConsoleSession *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    PacketLogFilterModel *filtered = session->filteredLog();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_sent = new QCheckBox(tr("Sent"));
    m_received = new QCheckBox(tr("Received"));
    m_events = new QCheckBox(tr("Events"));
    for (QCheckBox *box : {m_sent, m_received, m_events}) {
        box->setChecked(true);
        bar->addWidget(box);
    }
    connect(m_sent, &QCheckBox::toggled, filtered, &PacketLogFilterModel::setShowSent);
    connect(m_received, &QCheckBox::toggled, filtered, &PacketLogFilterModel::setShowReceived);
    connect(m_events, &QCheckBox::toggled, filtered, &PacketLogFilterModel::setShowEvents);
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    bar->insertWidget(0, m_filter, 1);
    connect(m_filter, &QLineEdit::textChanged, filtered, &PacketLogFilterModel::setText);
    layout->addLayout(bar);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("packetLog"));
    m_table->setModel(filtered);
    m_table->setItemDelegate(new ParseErrorDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // At the window's minimum height the log still shows a few rows (the
    // composer and the details shrink first).
    m_table->setMinimumHeight(MinimumRows * m_table->verticalHeader()->defaultSectionSize()
                              + m_table->horizontalHeader()->sizeHint().height()
                              + 2 * m_table->frameWidth());
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setColumnWidth(PacketLogModel::TimeColumn, 100);
    m_table->setColumnWidth(PacketLogModel::DirectionColumn, 90);
    m_table->setColumnWidth(PacketLogModel::SizeColumn, 60);
    m_table->setColumnWidth(PacketLogModel::PeerColumn, 150);
    layout->addWidget(m_table, 1);

    // The row's buttons below the table, so that the filter's line stays
    // short enough for a narrow window; the counters go where the window
    // puts them (its status bar), not in this layout.
    auto *bottom = new QHBoxLayout;
    m_replayBar = new SessionReplayBar(session);
    bottom->addWidget(m_replayBar, 1);
    m_counters = new QLabel(this);
    m_counters->setObjectName(QStringLiteral("counters"));
    // Cut rather than widen the window.
    m_counters->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *clear = new QPushButton(tr("C&lear"));
    clear->setToolTip(tr("Clear the log (Ctrl+L)"));
    auto *copy = new QPushButton(tr("Cop&y"));
    auto *exportButton = new QPushButton(tr("E&xport…"));
    exportButton->setToolTip(tr("Save the session as JSON lines"));
    auto *pcapngButton = new QPushButton(tr("&Wireshark…"));
    pcapngButton->setObjectName(QStringLiteral("pcapngExportButton"));
    pcapngButton->setToolTip(tr("Export to Wireshark (pcapng): the session as a capture file, "
                                "whose Follow Stream shows its bytes"));
    m_resend = new QPushButton(tr("&Re-send"));
    m_resend->setObjectName(QStringLiteral("resendButton"));
    for (QPushButton *button : {clear, copy, exportButton, pcapngButton, m_resend})
        bottom->addWidget(button);
    layout->addLayout(bottom);

    connect(clear, &QPushButton::clicked, session->log(), &PacketLogModel::clear);
    connect(copy, &QPushButton::clicked, this, &PacketLogPanel::copySelected);
    connect(exportButton, &QPushButton::clicked, this, &PacketLogPanel::exportSession);
    connect(pcapngButton, &QPushButton::clicked, this, &PacketLogPanel::exportPcapng);
    connect(m_resend, &QPushButton::clicked, this, &PacketLogPanel::resendSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { Q_EMIT rowSelected(selectedRow()); });
    // Follow the newest rows while the view is scrolled to the bottom.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_followNewest = value == m_table->verticalScrollBar()->maximum();
    });
    connect(filtered, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followNewest)
            m_table->scrollToBottom();
    });
    connect(session, &ConsoleSession::countersChanged, this, &PacketLogPanel::updateCounters);
    connect(session->log(), &PacketLogModel::droppedRowsChanged, this,
            &PacketLogPanel::updateCounters);
    updateCounters();
}

int PacketLogPanel::selectedRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return -1;
    return m_session->filteredLog()->mapToSource(current).row();
}

void PacketLogPanel::copySelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    QGuiApplication::clipboard()->setText(
        QString::fromUtf8(m_session->log()->entry(row).toJsonLine()));
}

void PacketLogPanel::exportSession()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the session"),
                                                      QStringLiteral("session.jsonl"),
                                                      tr("JSON lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = m_session->log()->exportToFile(path); !error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
}

void PacketLogPanel::exportPcapng()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export to Wireshark"), QStringLiteral("session.pcapng"),
        tr("pcapng captures (*.pcapng);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = m_session->exportPcapng(path); !error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
}

void PacketLogPanel::resendSelected()
{
    const int row = selectedRow();
    if (row >= 0)
        m_session->resend(row);
}

void PacketLogPanel::updateCounters()
{
    const ConsoleSession *s = m_session;
    const QLocale locale;
    const auto bytes = [&locale](qint64 size) {
        return locale.formattedDataSize(size, 1, QLocale::DataSizeSIFormat);
    };
    QStringList parts {
        tr("Sent %Ln packet(s) (%1)", nullptr, int(s->packetsSent())).arg(bytes(s->bytesSent())),
        tr("received %Ln packet(s) (%1)", nullptr, int(s->packetsReceived()))
            .arg(bytes(s->bytesReceived())),
        tr("%1 packets/s").arg(locale.toString(s->packetsPerSecond(), 'f', 0)),
        tr("%Ln parse error(s)", nullptr, int(s->parseErrors())),
    };
    if (s->lastRoundTrip() >= 0)
        parts << tr("last round trip %1 ms").arg(locale.toString(s->lastRoundTrip(), 'f', 2));
    if (s->log()->droppedRows() > 0)
        parts << tr("%Ln older row(s) dropped", nullptr, int(s->log()->droppedRows()));
    m_counters->setText(parts.join(QStringLiteral(" · ")));
    m_counters->setToolTip(m_counters->text());
}

} // namespace EasyNetConsole
