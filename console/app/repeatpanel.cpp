#include "repeatpanel.h"

#include "consolesession.h"
#include "packetlibrary.h"
#include "parseerrordelegate.h"
#include "repeatsender.h"

#include <QtWidgets/QComboBox>
#include <QtWidgets/QGridLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>

namespace EasyNetConsole {

RepeatPanel::RepeatPanel(ConsoleSession *session, PacketLibrary *library, QWidget *parent)
    : QWidget(parent), m_session(session), m_library(library), m_sender(new RepeatSender(this))
{
    m_sender->setSession(session);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("repeatSource"));
    m_source->addItem(tr("Composer packet"), int(Source::Composer));
    m_source->addItem(tr("Selected library packet"), int(Source::LibraryPacket));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(10);
    layout->addWidget(new QLabel(tr("Repeat:")), 0, 0);
    layout->addWidget(m_source, 0, 1);

    m_count = new QSpinBox;
    m_count->setObjectName(QStringLiteral("repeatCount"));
    m_count->setRange(0, 1000000000);
    m_count->setValue(10);
    m_count->setSpecialValueText(tr("until stopped"));
    m_count->setToolTip(tr("How many packets; 0: until stopped"));
    m_interval = new QSpinBox;
    m_interval->setObjectName(QStringLiteral("repeatInterval"));
    m_interval->setRange(1, 3600000);
    m_interval->setValue(1000);
    m_interval->setSuffix(tr(" ms"));
    m_interval->setToolTip(tr("Milliseconds between packets (1 and up)"));
    layout->addWidget(new QLabel(tr("Times:")), 1, 0);
    layout->addWidget(m_count, 1, 1);
    layout->addWidget(new QLabel(tr("Every:")), 2, 0);
    layout->addWidget(m_interval, 2, 1);

    m_start = new QPushButton;
    m_start->setObjectName(QStringLiteral("repeatStart"));
    m_progress = new QLabel;
    m_progress->setObjectName(QStringLiteral("repeatProgress"));
    m_progress->setWordWrap(true);
    layout->addWidget(m_start, 3, 0);
    layout->addWidget(m_progress, 3, 1);
    layout->setColumnStretch(1, 1);

    connect(m_start, &QPushButton::clicked, this, &RepeatPanel::toggle);
    connect(m_sender, &RepeatSender::runningChanged, this, &RepeatPanel::updateState);
    connect(m_sender, &RepeatSender::progressChanged, this, &RepeatPanel::updateState);
    connect(session, &ConsoleSession::stateChanged, this, &RepeatPanel::updateState);
    updateState();
}

void RepeatPanel::setLibraryRow(int row)
{
    m_libraryRow = row;
}

void RepeatPanel::toggle()
{
    if (m_sender->isRunning()) {
        m_sender->stop();
        return;
    }
    m_sender->setCount(m_count->value());
    m_sender->setInterval(m_interval->value());
    if (Source(m_source->currentData().toInt()) == Source::Composer)
        m_sender->startComposer();
    else
        m_sender->startLibraryPacket(m_library, m_libraryRow);
}

void RepeatPanel::updateState()
{
    const bool running = m_sender->isRunning();
    const bool connected = m_session->state() == ConsoleSession::State::Connected
        || m_session->state() == ConsoleSession::State::Connecting;
    m_start->setText(running ? tr("Stop") : tr("Start"));
    m_start->setEnabled(running || connected);
    for (QWidget *option : std::initializer_list<QWidget *> {m_source, m_count, m_interval})
        option->setEnabled(!running);
    QString text = tr("sent %n packet(s), %1/s", nullptr, int(m_sender->sent()))
                       .arg(QLocale().toString(m_sender->rate(), 'f', 1));
    if (m_sender->isHeldBack())
        text += tr(" (waiting: the connection is not keeping up)");
    const QString error = m_sender->errorString();
    if (!error.isEmpty())
        text = m_sender->sent() > 0 ? tr("%1; stopped: %2").arg(text, error)
                                    : tr("not started: %1").arg(error);
    m_progress->setText(text);
    m_progress->setStyleSheet(
        error.isEmpty() ? QString()
                        : QStringLiteral("color: %1").arg(ParseErrorDelegate::errorText().name()));
}

} // namespace EasyNetConsole
