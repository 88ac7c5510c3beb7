#include "connectionpanel.h"

#include "consolesession.h"
#include "echoserver.h"

#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

namespace EasyNetConsole {

namespace {

QSpinBox *millisecondsBox(int minimum, const QString &special = {})
{
    auto *box = new QSpinBox;
    box->setRange(minimum, 3600000);
    box->setSingleStep(100);
    box->setSuffix(ConnectionPanel::tr(" ms"));
    if (!special.isEmpty())
        box->setSpecialValueText(special);
    return box;
}

// A combo box of the core's choices (ConnectionSettings::transportChoices() and the like).
QComboBox *choiceBox(const QString &objectName, const QVariantList &choices)
{
    auto *box = new QComboBox;
    box->setObjectName(objectName);
    for (const QVariant &choice : choices) {
        const QVariantMap map = choice.toMap();
        box->addItem(map.value(QStringLiteral("text")).toString(),
                     map.value(QStringLiteral("value")));
    }
    return box;
}

} // namespace

ConnectionPanel::ConnectionPanel(ConsoleSession *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    // The settings scroll; the buttons and the state below them stay in view.
    auto *settingsPanel = new QWidget;
    auto *layout = new QVBoxLayout(settingsPanel);
    auto *address = new QGroupBox(tr("Connection"));
    auto *form = new QFormLayout(address);
    buildAddress(form);
    layout->addWidget(address);
    m_proxy = buildProxy();
    layout->addWidget(m_proxy);
    m_tls = buildTls();
    layout->addWidget(m_tls);
    layout->addWidget(buildProtocol());
    // Long labels (German) go above their field rather than widen the panel.
    for (QFormLayout *groupForm : settingsPanel->findChildren<QFormLayout *>())
        groupForm->setRowWrapPolicy(QFormLayout::WrapLongRows);

    m_settingsError = new QLabel;
    m_settingsError->setObjectName(QStringLiteral("settingsError"));
    m_settingsError->setWordWrap(true);
    m_settingsError->setStyleSheet(QStringLiteral("color: #b00020"));
    layout->addWidget(m_settingsError);
    layout->addStretch();
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("settingsScroll"));
    scroll->setWidget(settingsPanel);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(settingsPanel->minimumSizeHint().width()
                            + scroll->verticalScrollBar()->sizeHint().width()
                            + 2 * scroll->frameWidth());

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(4, 0, 4, 4);
    column->addWidget(scroll, 1);
    auto *buttons = new QHBoxLayout;
    m_connect = new QPushButton(tr("&Connect"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setToolTip(tr("Connect (Ctrl+O)"));
    m_disconnect = new QPushButton(tr("&Disconnect"));
    m_disconnect->setObjectName(QStringLiteral("disconnectButton"));
    m_sendEof = new QPushButton(tr("Send &EOF"));
    m_sendEof->setToolTip(tr("Close the write side (TCP and Unix stream)"));
    buttons->addWidget(m_connect);
    buttons->addWidget(m_disconnect);
    buttons->addWidget(m_sendEof);
    column->addLayout(buttons);

    m_echoServer = new QPushButton(tr("Start echo server"));
    m_echoServer->setObjectName(QStringLiteral("echoServerButton"));
    m_echoServer->setToolTip(tr("Start the built-in echo server for the chosen transport and "
                                "protocol, and point the connection at it"));
    column->addWidget(m_echoServer);
    m_echoServerLabel = new QLabel;
    m_echoServerLabel->setWordWrap(true);
    m_echoServerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(m_echoServerLabel);

    m_state = new QLabel;
    m_state->setObjectName(QStringLiteral("stateLabel"));
    m_state->setWordWrap(true);
    QFont bold = m_state->font();
    bold.setBold(true);
    m_state->setFont(bold);
    column->addWidget(m_state);

    connect(m_connect, &QPushButton::clicked, this, &ConnectionPanel::connectToPeer);
    connect(m_disconnect, &QPushButton::clicked, session, &ConsoleSession::disconnectFromPeer);
    connect(m_sendEof, &QPushButton::clicked, session, &ConsoleSession::sendEof);
    connect(m_echoServer, &QPushButton::clicked, this, [this] {
        if (m_session->startEchoServer(m_session->settings()->transport()))
            connectToPeer();
    });
    connect(session->settings(), &ConnectionSettings::changed, this,
            &ConnectionPanel::readSettings);
    connect(session, &ConsoleSession::stateChanged, this, &ConnectionPanel::updateState);
    connect(session, &ConsoleSession::echoServerChanged, this, &ConnectionPanel::updateState);
    readSettings();
    updateState();
}

void ConnectionPanel::buildAddress(QFormLayout *form)
{
    ConnectionSettings *settings = m_session->settings();
    m_recentBox = new QComboBox;
    m_recentBox->setObjectName(QStringLiteral("recentConnections"));
    m_recentBox->setToolTip(tr("Recent connections"));
    form->addRow(tr("Recent:"), m_recentBox);
    connect(m_recentBox, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            m_session->settings()->setUrl(m_recentBox->itemText(index));
    });

    m_transport = choiceBox(QStringLiteral("transport"), ConnectionSettings::transportChoices());
    form->addRow(tr("&Transport:"), m_transport);
    connect(m_transport, &QComboBox::currentIndexChanged, this, [this, settings] {
        if (!m_reading)
            settings->setTransport(
                ConnectionSettings::Transport(m_transport->currentData().toInt()));
    });

    m_host = new QLineEdit;
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("host name or address"));
    form->addRow(tr("&Host:"), m_host);
    connect(m_host, &QLineEdit::textEdited, settings, &ConnectionSettings::setHost);
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(0, 65535);
    form->addRow(tr("&Port:"), m_port);
    connect(m_port, &QSpinBox::valueChanged, this, [this, settings](int port) {
        if (!m_reading)
            settings->setPort(port);
    });
    m_unixAddress = new QLineEdit;
    m_unixAddress->setObjectName(QStringLiteral("unixAddress"));
    m_unixAddress->setPlaceholderText(tr("/path/to/socket or @abstract"));
    form->addRow(tr("Socket &path:"), m_unixAddress);
    connect(m_unixAddress, &QLineEdit::textEdited, settings, &ConnectionSettings::setUnixAddress);
    m_bind = new QLineEdit;
    m_bind->setPlaceholderText(tr("none (address[:port], or a path)"));
    form->addRow(tr("&Local bind:"), m_bind);
    connect(m_bind, &QLineEdit::textEdited, settings, &ConnectionSettings::setBindAddress);
    m_passCredentials = new QCheckBox(tr("Receive the peer's credentials"));
    form->addRow(QString(), m_passCredentials);
    connect(m_passCredentials, &QCheckBox::toggled, this, [this, settings](bool on) {
        if (!m_reading)
            settings->setPassCredentials(on);
    });
    m_connectTimeout = millisecondsBox(0, tr("system default"));
    form->addRow(tr("Connect timeout:"), m_connectTimeout);
    connect(m_connectTimeout, &QSpinBox::valueChanged, this, [this, settings](int ms) {
        if (!m_reading)
            settings->setConnectTimeout(ms);
    });
    m_happyEyeballs = millisecondsBox(1);
    m_happyEyeballs->setToolTip(tr("How long a connection attempt has before the next address "
                                   "is tried as well (RFC 8305)"));
    form->addRow(tr("Happy Eyeballs delay:"), m_happyEyeballs);
    connect(m_happyEyeballs, &QSpinBox::valueChanged, this, [this, settings](int ms) {
        if (!m_reading)
            settings->setHappyEyeballsDelay(ms);
    });
}

QWidget *ConnectionPanel::buildFileField(QLineEdit *edit, const QString &title)
{
    auto *field = new QWidget;
    auto *row = new QHBoxLayout(field);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit);
    auto *browse = new QToolButton;
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(title);
    row->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, edit, title] {
        const QString path = QFileDialog::getOpenFileName(this, title, edit->text(),
                                                          tr("PEM files (*.pem *.crt *.key);;"
                                                             "All files (*)"));
        if (!path.isEmpty()) {
            edit->setText(path);
            Q_EMIT edit->textEdited(path);
        }
    });
    return field;
}

QGroupBox *ConnectionPanel::buildProxy()
{
    ConnectionSettings *settings = m_session->settings();
    auto *box = new QGroupBox(tr("Proxy"));
    box->setObjectName(QStringLiteral("proxy"));
    auto *form = new QFormLayout(box);
    m_proxyType = choiceBox(QStringLiteral("proxyType"), ConnectionSettings::proxyChoices());
    form->addRow(tr("T&ype:"), m_proxyType);
    connect(m_proxyType, &QComboBox::currentIndexChanged, this, [this, settings] {
        if (!m_reading)
            settings->setProxyType(
                ConnectionSettings::ProxyType(m_proxyType->currentData().toInt()));
    });
    // Host and port on one row, and user and password: the panel stays short.
    m_proxyHost = new QLineEdit;
    m_proxyHost->setObjectName(QStringLiteral("proxyHost"));
    m_proxyHost->setPlaceholderText(tr("proxy host"));
    connect(m_proxyHost, &QLineEdit::textEdited, settings, &ConnectionSettings::setProxyHost);
    m_proxyPort = new QSpinBox;
    m_proxyPort->setObjectName(QStringLiteral("proxyPort"));
    m_proxyPort->setRange(0, 65535);
    m_proxyPort->setToolTip(tr("Usually 1080 for SOCKS5, 8080 or 3128 for HTTP"));
    connect(m_proxyPort, &QSpinBox::valueChanged, this, [this, settings](int port) {
        if (!m_reading)
            settings->setProxyPort(port);
    });
    auto *server = new QHBoxLayout;
    server->addWidget(m_proxyHost, 1);
    server->addWidget(m_proxyPort);
    form->addRow(tr("Server:"), server);
    m_proxyUser = new QLineEdit;
    m_proxyUser->setObjectName(QStringLiteral("proxyUser"));
    m_proxyUser->setPlaceholderText(tr("user"));
    connect(m_proxyUser, &QLineEdit::textEdited, settings, &ConnectionSettings::setProxyUser);
    m_proxyPassword = new QLineEdit;
    m_proxyPassword->setObjectName(QStringLiteral("proxyPassword"));
    m_proxyPassword->setEchoMode(QLineEdit::Password);
    m_proxyPassword->setPlaceholderText(tr("password"));
    m_proxyPassword->setToolTip(tr("Kept for this run only, never saved"));
    connect(m_proxyPassword, &QLineEdit::textEdited, settings,
            &ConnectionSettings::setProxyPassword);
    auto *login = new QHBoxLayout;
    login->addWidget(m_proxyUser);
    login->addWidget(m_proxyPassword);
    form->addRow(tr("Login:"), login);
    return box;
}

QGroupBox *ConnectionPanel::buildTls()
{
    ConnectionSettings *settings = m_session->settings();
    auto *box = new QGroupBox(tr("TLS"));
    auto *form = new QFormLayout(box);
    m_caFile = new QLineEdit;
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("system CAs only"));
    form->addRow(tr("CA file:"), buildFileField(m_caFile, tr("Choose a CA certificate file")));
    connect(m_caFile, &QLineEdit::textEdited, settings, &ConnectionSettings::setCaFile);
    m_certificateFile = new QLineEdit;
    m_certificateFile->setPlaceholderText(tr("none"));
    form->addRow(tr("Client certificate:"),
                 buildFileField(m_certificateFile, tr("Choose the client certificate")));
    connect(m_certificateFile, &QLineEdit::textEdited, settings,
            &ConnectionSettings::setCertificateFile);
    m_keyFile = new QLineEdit;
    m_keyFile->setPlaceholderText(tr("none"));
    form->addRow(tr("Client key:"), buildFileField(m_keyFile, tr("Choose the client key")));
    connect(m_keyFile, &QLineEdit::textEdited, settings, &ConnectionSettings::setKeyFile);
    m_serverName = new QLineEdit;
    m_serverName->setPlaceholderText(tr("the host"));
    form->addRow(tr("Server name:"), m_serverName);
    connect(m_serverName, &QLineEdit::textEdited, settings, &ConnectionSettings::setServerName);
    m_handshakeTimeout = millisecondsBox(1);
    form->addRow(tr("Handshake timeout:"), m_handshakeTimeout);
    connect(m_handshakeTimeout, &QSpinBox::valueChanged, this, [this, settings](int ms) {
        if (!m_reading)
            settings->setTlsHandshakeTimeout(ms);
    });
    m_acceptInvalid = new QCheckBox(ConnectionSettings::invalidCertificateOption());
    m_acceptInvalid->setObjectName(QStringLiteral("acceptInvalidCertificate"));
    form->addRow(QString(), m_acceptInvalid);
    connect(m_acceptInvalid, &QCheckBox::toggled, this, &ConnectionPanel::onAcceptInvalidToggled);
    return box;
}

void ConnectionPanel::onAcceptInvalidToggled(bool checked)
{
    if (m_reading)
        return;
    if (checked) {
        const auto answer
            = QMessageBox::warning(this, ConnectionSettings::invalidCertificateQuestion(),
                                   ConnectionSettings::invalidCertificateWarning(),
                                   QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            const QSignalBlocker blocker(m_acceptInvalid);
            m_acceptInvalid->setChecked(false);
            return;
        }
    }
    m_session->settings()->setAcceptInvalidCertificate(checked);
}

QGroupBox *ConnectionPanel::buildProtocol()
{
    ProtocolSettings *protocol = m_session->settings()->protocol();
    auto *box = new QGroupBox(tr("Protocol"));
    auto *form = new QFormLayout(box);
    m_format = choiceBox(QStringLiteral("format"), ProtocolSettings::formatChoices());
    using Format = ProtocolSettings::Format;
    form->addRow(tr("&Format:"), m_format);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this, protocol] {
        if (!m_reading)
            protocol->setFormat(Format(m_format->currentData().toInt()));
    });
    m_separator = new QComboBox;
    m_separator->addItem(tr("LF (\\n)"), int(ProtocolSettings::LineSeparator::LF));
    m_separator->addItem(tr("CR (\\r)"), int(ProtocolSettings::LineSeparator::CR));
    m_separator->addItem(tr("CRLF (\\r\\n)"), int(ProtocolSettings::LineSeparator::CRLF));
    form->addRow(tr("Line separator:"), m_separator);
    connect(m_separator, &QComboBox::currentIndexChanged, this, [this, protocol] {
        if (!m_reading)
            protocol->setLineSeparator(
                ProtocolSettings::LineSeparator(m_separator->currentData().toInt()));
    });
    m_encoding = new QComboBox;
    m_encoding->addItem(tr("ASCII"), int(ProtocolSettings::LineEncoding::Ascii));
    m_encoding->addItem(tr("UTF-8"), int(ProtocolSettings::LineEncoding::Utf8));
    m_encoding->addItem(tr("Latin-1"), int(ProtocolSettings::LineEncoding::Latin1));
    form->addRow(tr("Line encoding:"), m_encoding);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, [this, protocol] {
        if (!m_reading)
            protocol->setLineEncoding(
                ProtocolSettings::LineEncoding(m_encoding->currentData().toInt()));
    });
    m_headerSize = new QComboBox;
    for (const int bytes : {1, 2, 4})
        m_headerSize->addItem(tr("%1 byte(s)", nullptr, bytes).arg(bytes), bytes);
    form->addRow(tr("Length header:"), m_headerSize);
    connect(m_headerSize, &QComboBox::currentIndexChanged, this, [this, protocol] {
        if (!m_reading)
            protocol->setLengthHeaderSize(m_headerSize->currentData().toInt());
    });
    m_structFormat = new QLineEdit;
    m_structFormat->setPlaceholderText(tr("Python struct format, e.g. !iqd"));
    form->addRow(tr("Struct format:"), m_structFormat);
    connect(m_structFormat, &QLineEdit::textEdited, protocol, &ProtocolSettings::setStructFormat);
    m_zlib = new QCheckBox(tr("zlib"));
    m_base64 = new QCheckBox(tr("Base64"));
    auto *wrappers = new QHBoxLayout;
    wrappers->addWidget(m_zlib);
    wrappers->addWidget(m_base64);
    form->addRow(tr("Wrapped in:"), wrappers);
    connect(m_zlib, &QCheckBox::toggled, this, [this, protocol](bool on) {
        if (!m_reading)
            protocol->setZlib(on);
    });
    connect(m_base64, &QCheckBox::toggled, this, [this, protocol](bool on) {
        if (!m_reading)
            protocol->setBase64(on);
    });
    m_maxPacketSize = new QSpinBox;
    m_maxPacketSize->setRange(1, 256 * 1024 * 1024);
    m_maxPacketSize->setSuffix(tr(" bytes"));
    form->addRow(tr("Max packet size:"), m_maxPacketSize);
    connect(m_maxPacketSize, &QSpinBox::valueChanged, this, [this, protocol](int bytes) {
        if (!m_reading)
            protocol->setMaxPacketSize(bytes);
    });
    return box;
}

void ConnectionPanel::setRecentUrls(const QStringList &urls)
{
    m_recent = urls;
    m_recentBox->clear();
    m_recentBox->addItem(urls.isEmpty() ? tr("(none yet)") : tr("(choose)"));
    m_recentBox->addItems(urls);
}

void ConnectionPanel::connectToPeer()
{
    if (!m_session->connectToPeer())
        return;
    if (!m_session->pointsAtEchoServer()) {
        const QString url = m_session->settings()->url();
        m_recent.removeAll(url);
        m_recent.prepend(url);
        while (m_recent.size() > 10)
            m_recent.removeLast();
        setRecentUrls(m_recent);
        Q_EMIT recentUrlsChanged(m_recent);
    }
    Q_EMIT connectRequested();
}

void ConnectionPanel::readSettings()
{
    const ConnectionSettings *settings = m_session->settings();
    const ProtocolSettings *protocol = settings->protocol();
    m_reading = true;
    const auto selectData
        = [](QComboBox *box, int value) { box->setCurrentIndex(box->findData(value)); };
    const auto setText = [](QLineEdit *edit, const QString &text) {
        if (edit->text() != text)
            edit->setText(text);
    };
    selectData(m_transport, int(settings->transport()));
    setText(m_host, settings->host());
    m_port->setValue(settings->port());
    setText(m_unixAddress, settings->unixAddress());
    setText(m_bind, settings->bindAddress());
    m_passCredentials->setChecked(settings->passCredentials());
    selectData(m_proxyType, int(settings->proxyType()));
    setText(m_proxyHost, settings->proxyHost());
    m_proxyPort->setValue(settings->proxyPort());
    setText(m_proxyUser, settings->proxyUser());
    setText(m_proxyPassword, settings->proxyPassword());
    setText(m_caFile, settings->caFile());
    setText(m_certificateFile, settings->certificateFile());
    setText(m_keyFile, settings->keyFile());
    setText(m_serverName, settings->serverName());
    m_acceptInvalid->setChecked(settings->acceptInvalidCertificate());
    m_connectTimeout->setValue(settings->connectTimeout());
    m_happyEyeballs->setValue(settings->happyEyeballsDelay());
    m_handshakeTimeout->setValue(settings->tlsHandshakeTimeout());
    selectData(m_format, int(protocol->format()));
    selectData(m_separator, int(protocol->lineSeparator()));
    selectData(m_encoding, int(protocol->lineEncoding()));
    selectData(m_headerSize, protocol->lengthHeaderSize());
    setText(m_structFormat, protocol->structFormat());
    m_zlib->setChecked(protocol->zlib());
    m_base64->setChecked(protocol->base64());
    m_maxPacketSize->setValue(protocol->maxPacketSize());
    m_reading = false;

    const bool unix = settings->isUnixTransport();
    m_host->setEnabled(!unix);
    m_port->setEnabled(!unix);
    m_unixAddress->setEnabled(unix);
    m_passCredentials->setEnabled(unix);
    m_happyEyeballs->setEnabled(settings->transport() == ConnectionSettings::Transport::Tcp
                                || settings->transport() == ConnectionSettings::Transport::Tls);
    m_proxy->setEnabled(settings->isProxyTransport());
    const bool tunnel = settings->proxyType() == ConnectionSettings::ProxyType::Socks5
        || settings->proxyType() == ConnectionSettings::ProxyType::Http;
    m_proxyHost->setEnabled(tunnel);
    m_proxyPort->setEnabled(tunnel);
    m_proxyUser->setEnabled(tunnel);
    m_proxyPassword->setEnabled(tunnel);
    m_tls->setEnabled(settings->isSecureTransport());
    const auto format = protocol->format();
    m_separator->setEnabled(format == ProtocolSettings::Format::Line);
    m_encoding->setEnabled(format == ProtocolSettings::Format::Line);
    m_headerSize->setEnabled(format == ProtocolSettings::Format::LengthPrefixed);
    m_structFormat->setEnabled(format == ProtocolSettings::Format::Struct);
    m_settingsError->setText(settings->errorString());
    updateState();
}

void ConnectionPanel::updateState()
{
    using State = ConsoleSession::State;
    const State state = m_session->state();
    QString text = tr("State: %1").arg(m_session->stateText());
    if (state == State::Connected && !m_session->peer().isEmpty())
        text += QLatin1Char('\n') + tr("%1 → %2").arg(m_session->localAddress(), m_session->peer());
    m_state->setText(text);
    m_state->setStyleSheet(state == State::Error ? QStringLiteral("color: #b00020") : QString());
    const bool idle = state == State::Disconnected || state == State::Error;
    // While closing, Connect queues a connection for when the close is done.
    m_connect->setEnabled((idle || state == State::Closing)
                          && m_session->settings()->errorString().isEmpty());
    m_disconnect->setEnabled(!idle);
    const auto transport = m_session->settings()->transport();
    m_sendEof->setEnabled(state == State::Connected
                          && (transport == ConnectionSettings::Transport::Tcp
                              || transport == ConnectionSettings::Transport::UnixStream));
    if (EchoServer *server = m_session->echoServer()) {
        QString about = m_session->servesRules() ? tr("Rule server on %1").arg(server->address())
                                                 : tr("Echo server on %1").arg(server->address());
        if (!server->certificate().isNull())
            about += QLatin1Char('\n') + tr("certificate SHA-256: %1").arg(server->fingerprint());
        m_echoServerLabel->setText(about);
    } else {
        m_echoServerLabel->setText(tr("No echo server running"));
    }
}

} // namespace EasyNetConsole
