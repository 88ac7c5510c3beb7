// ConnectionPanel: the console's left side: where to connect (transport,
// address, local bind), the proxy (TCP and TLS), TLS options, timeouts, the
// protocol (in a scroll area), and below them, always in view, the buttons
// Connect, Disconnect, Send EOF and Echo server, and the state.
// Edits go straight into the session's ConnectionSettings, and setting
// changes made elsewhere (a --connect URL, the built-in server) show here.
#pragma once

#include <QtWidgets/QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;

class ConnectionPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionPanel(ConsoleSession *session, QWidget *parent = nullptr);

    // The recent connections (URLs, newest first) offered in the address box;
    // the built-in echo server's are not among them.
    void setRecentUrls(const QStringList &urls);
    QStringList recentUrls() const { return m_recent; }

    QPushButton *connectButton() const { return m_connect; }
    QPushButton *disconnectButton() const { return m_disconnect; }
    QLabel *stateLabel() const { return m_state; }

Q_SIGNALS:
    // Connect was pressed and the session started connecting.
    void connectRequested();
    // A connection made here put its URL first in recentUrls().
    void recentUrlsChanged(const QStringList &urls);

private:
    void buildAddress(QFormLayout *form);
    QGroupBox *buildProxy();
    QGroupBox *buildTls();
    QGroupBox *buildProtocol();
    QWidget *buildFileField(QLineEdit *edit, const QString &title);
    void readSettings();
    void updateState();
    void onAcceptInvalidToggled(bool checked);
    void connectToPeer();

    ConsoleSession *m_session;
    bool m_reading = false;
    QStringList m_recent;
    QComboBox *m_recentBox;
    QComboBox *m_transport;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_unixAddress;
    QLineEdit *m_bind;
    QCheckBox *m_passCredentials;
    QGroupBox *m_proxy;
    QComboBox *m_proxyType;
    QLineEdit *m_proxyHost;
    QSpinBox *m_proxyPort;
    QLineEdit *m_proxyUser;
    QLineEdit *m_proxyPassword;
    QGroupBox *m_tls;
    QLineEdit *m_caFile;
    QLineEdit *m_certificateFile;
    QLineEdit *m_keyFile;
    QLineEdit *m_serverName;
    QCheckBox *m_acceptInvalid;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_happyEyeballs;
    QSpinBox *m_handshakeTimeout;
    QComboBox *m_format;
    QComboBox *m_separator;
    QComboBox *m_encoding;
    QComboBox *m_headerSize;
    QLineEdit *m_structFormat;
    QCheckBox *m_zlib;
    QCheckBox *m_base64;
    QSpinBox *m_maxPacketSize;
    QLabel *m_settingsError;
    QLabel *m_state;
    QPushButton *m_connect;
    QPushButton *m_disconnect;
    QPushButton *m_sendEof;
    QPushButton *m_echoServer;
    QLabel *m_echoServerLabel;
};

} // namespace EasyNetConsole
