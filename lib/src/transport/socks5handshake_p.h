// Socks5Handshake: SOCKS5 CONNECT (RFC 1928), with no authentication or with
// user name and password (RFC 1929) when the proxy has a user. See
// ProxyHandshake for how it is driven.
#pragma once

#include "transport/proxyhandshake_p.h"

namespace EasyNet {

class Socks5Handshake final : public ProxyHandshake
{
public:
    Socks5Handshake(const QNetworkProxy &proxy, const QString &host, quint16 port);

    qsizetype feed(QByteArrayView input) override;

private:
    enum class Stage { Method, Authentication, Connect };

    // How many bytes the reply being read has in all, as far as known yet.
    qsizetype replySize() const;
    // Acts on m_reply once it holds replySize() bytes.
    void onReply();
    void onMethodReply();
    void onAuthenticationReply();
    void onConnectReply();
    void sendConnectRequest();

    Stage m_stage = Stage::Method;
    QByteArray m_reply;
    qsizetype m_connectReplySize = 0; // known once the address type arrived
    QByteArray m_user;
    QByteArray m_password;
    QByteArray m_connectRequest;
};

} // namespace EasyNet
