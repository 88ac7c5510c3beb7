// What only BlockingUdpClient does (the rest of its contract:
// tst_clientcontract): the family filter.
#include <EasyNet/blockingudpclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>

#include <QtTest/QTest>

#include "testsupport.h"

#include <cerrno>

using namespace EasyNet;

class tst_BlockingUdpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void familyFilter();
};

void tst_BlockingUdpClient::familyFilter()
{
    // An IPv4 address, and a client that may only use IPv6.
    const DatagramProtocol protocol(std::make_shared<LineSerializer>(
        LineSerializer::Separator::LF, LineSerializer::Encoding::Utf8));
    try {
        BlockingUdpOptions options;
        options.family = QAbstractSocket::IPv6Protocol;
        BlockingUdpClient(QStringLiteral("127.0.0.1"), 9, protocol, options);
        QFAIL("connected?");
    } catch (const OSError &e) {
        QCOMPARE(e.osErrno(), EAFNOSUPPORT);
    }
}

QTEST_GUILESS_MAIN(tst_BlockingUdpClient)
#include "tst_blockingudpclient.moc"
