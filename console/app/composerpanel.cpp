#include "composerpanel.h"

#include "consolesession.h"
#include "sendhistory.h"

#include <QtGui/QKeyEvent>
#include <QtGui/QTextBlock>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

namespace EasyNetConsole {

ComposerPanel::ComposerPanel(ConsoleSession *session, SendHistory *history, QWidget *parent)
    : QWidget(parent), m_session(session), m_history(history)
{
    Composer *composer = session->composer();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Packet as:")));
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("composerMode"));
    m_mode->addItem(tr("JSON"), int(Composer::Mode::Json));
    m_mode->addItem(tr("Text (\\n, \\xHH escapes)"), int(Composer::Mode::Text));
    m_mode->addItem(tr("Hex"), int(Composer::Mode::Hex));
    // Shrinks with a narrow window rather than widen it.
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_mode->setMinimumContentsLength(8);
    m_mode->setCurrentIndex(m_mode->findData(int(composer->mode())));
    top->addWidget(m_mode, 1);
    m_send = new QPushButton(tr("&Send"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Send (Ctrl+Enter)"));
    top->addWidget(m_send);
    layout->addLayout(top);

    m_editor = new QPlainTextEdit;
    m_editor->setObjectName(QStringLiteral("composerEditor"));
    m_editor->setPlaceholderText(tr("{\"cmd\": \"ping\"}   — Ctrl+Enter sends, Up/Down: history"));
    m_editor->setTabChangesFocus(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_editor->setFont(mono);
    m_editor->setMaximumHeight(120);
    m_editor->installEventFilter(this);
    layout->addWidget(m_editor);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("composerError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    layout->addWidget(m_error);
    m_preview = new QLabel;
    m_preview->setObjectName(QStringLiteral("wirePreview"));
    m_preview->setWordWrap(true);
    m_preview->setFont(mono);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_preview);
    // Unix transports: what goes with the next packet.
    auto *unixRow = new QHBoxLayout;
    m_credentials = new QCheckBox(tr("Send credentials"));
    unixRow->addWidget(m_credentials);
    m_attach = new QPushButton(tr("Attach files…"));
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setToolTip(tr("Pass these files' descriptors with the next packet (Unix sockets)"));
    unixRow->addWidget(m_attach);
    unixRow->addStretch();
    layout->addLayout(unixRow);
    m_attachments = new QLabel;
    m_attachments->setWordWrap(true);
    layout->addWidget(m_attachments);
    layout->addStretch();

    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this, composer] { composer->setMode(Composer::Mode(m_mode->currentData().toInt())); });
    connect(composer, &Composer::modeChanged, this,
            [this, composer] { m_mode->setCurrentIndex(m_mode->findData(int(composer->mode()))); });
    connect(m_editor, &QPlainTextEdit::textChanged, this,
            [this, composer] { composer->setText(m_editor->toPlainText()); });
    // Text put into the composer from elsewhere (the packet library).
    connect(composer, &Composer::textChanged, this, [this, composer] {
        if (m_editor->toPlainText() != composer->text())
            m_editor->setPlainText(composer->text());
    });
    connect(composer, &Composer::resultChanged, this, &ComposerPanel::updateResult);
    connect(m_send, &QPushButton::clicked, this, &ComposerPanel::send);
    connect(m_attach, &QPushButton::clicked, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach files"));
        if (!paths.isEmpty())
            m_session->attachFiles(paths);
    });
    connect(m_credentials, &QCheckBox::toggled, session, &ConsoleSession::setSendCredentials);
    connect(session, &ConsoleSession::attachmentsChanged, this, &ComposerPanel::updateAttachments);
    connect(session, &ConsoleSession::stateChanged, this, &ComposerPanel::updateResult);
    connect(session->settings(), &ConnectionSettings::changed, this,
            &ComposerPanel::updateAttachments);
    updateResult();
    updateAttachments();
}

bool ComposerPanel::send()
{
    Composer *composer = m_session->composer();
    if (!composer->isValid()) {
        m_editor->setFocus();
        return false;
    }
    if (!m_session->sendComposed())
        return false;
    m_history->add({composer->mode(), composer->text()});
    return true;
}

void ComposerPanel::updateResult()
{
    const Composer *composer = m_session->composer();
    const bool connected = m_session->state() == ConsoleSession::State::Connected
        || m_session->state() == ConsoleSession::State::Connecting;
    if (composer->isValid()) {
        m_error->clear();
        const QByteArray wire = composer->wireBytes();
        m_preview->setText(tr("On the wire (%n byte(s)): %1", nullptr, int(wire.size()))
                               .arg(composer->wireText()));
        m_preview->setToolTip(composer->wireHex());
    } else {
        m_error->setText(m_editor->toPlainText().isEmpty() ? QString() : composer->errorString());
        m_preview->clear();
    }
    m_send->setEnabled(composer->isValid() && connected);
}

void ComposerPanel::updateAttachments()
{
    const bool unix = m_session->settings()->isUnixTransport();
    m_attach->setVisible(unix);
    m_credentials->setVisible(unix);
    const QStringList files = m_session->attachedFiles();
    m_attachments->setVisible(unix && !files.isEmpty());
    m_attachments->setText(tr("With the next packet: %1").arg(files.join(QStringLiteral(", "))));
}

void ComposerPanel::showHistoryEntry(bool older)
{
    const std::optional<SendHistory::Entry> entry = older ? m_history->older() : m_history->newer();
    if (!entry) {
        if (!older)
            m_editor->clear();
        return;
    }
    m_mode->setCurrentIndex(m_mode->findData(int(entry->mode)));
    m_editor->setPlainText(entry->text);
    m_editor->moveCursor(QTextCursor::End);
}

bool ComposerPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers().testFlag(Qt::ControlModifier)) {
            send();
            return true;
        }
        const QTextCursor cursor = m_editor->textCursor();
        if (key->key() == Qt::Key_Up && key->modifiers() == Qt::NoModifier
            && cursor.block() == m_editor->document()->firstBlock()) {
            showHistoryEntry(true);
            return true;
        }
        if (key->key() == Qt::Key_Down && key->modifiers() == Qt::NoModifier
            && cursor.block() == m_editor->document()->lastBlock()) {
            showHistoryEntry(false);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace EasyNetConsole
