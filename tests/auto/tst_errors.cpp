// Error and ParseError as Q_GADGETs: properties read through QMetaObject (what
// QML sees), the cause each constructor records, and their QDebug output.
#include <EasyNet/errors.h>
#include <EasyNet/exceptions.h>

#include <QtCore/QMetaEnum>
#include <QtCore/QMetaProperty>
#include <QtTest/QTest>

#include <cerrno>
#include <cstring>

using namespace EasyNet;

namespace {

// A gadget's property read the way QML reads it.
template<typename Gadget>
QVariant readProperty(const Gadget &gadget, const char *name)
{
    const QMetaObject &meta = Gadget::staticMetaObject;
    const int index = meta.indexOfProperty(name);
    if (index < 0)
        return {};
    return meta.property(index).readOnGadget(&gadget);
}

QString debugString(const auto &value)
{
    QString text;
    QDebug(&text).nospace() << value;
    return text;
}

QString errnoText(int osErrno)
{
    return QString::fromLocal8Bit(std::strerror(osErrno));
}

const ParseError tooLarge(ParseError::Kind::TooLarge, QStringLiteral("line too long"), 5, 70000,
                          false);

} // namespace

class tst_Errors : public QObject
{
    Q_OBJECT

private slots:
    void errorPropertiesRead();
    void parseErrorPropertiesRead();
    void toStringInvokableOnGadget();
    void unknownPropertyIsAbsent();
    void causeFollowsCode_data();
    void causeFollowsCode();
    void explicitCause();
    void parseCause();
    void tlsCause();
    void fromErrno_data();
    void fromErrno();
    void parseErrorKindIsScopedEnum();
    void exceptionsCarryOsErrno();
    void debugOutput_data();
    void debugOutput();
    void unknownCodeNamed();
};

void tst_Errors::errorPropertiesRead()
{
    const Error error(ErrorCode::ConnectionAborted, ErrorCause::EndOfStream,
                      QStringLiteral("peer ended the stream"), ECONNABORTED);
    QCOMPARE(readProperty(error, "code").value<ErrorCode>(), ErrorCode::ConnectionAborted);
    QCOMPARE(readProperty(error, "message").toString(), QStringLiteral("peer ended the stream"));
    QCOMPARE(readProperty(error, "osErrno").toInt(), ECONNABORTED);
    QCOMPARE(readProperty(error, "cause").value<ErrorCause>(), ErrorCause::EndOfStream);
    QCOMPARE(readProperty(error, "tlsReason").toString(), QString());
    QCOMPARE(readProperty(error, "parseError").value<ParseError>(), ParseError());

    // The enums are registered with their names, as QML shows them.
    const QMetaProperty cause
        = Error::staticMetaObject.property(Error::staticMetaObject.indexOfProperty("cause"));
    QVERIFY(cause.isEnumType());
    QCOMPARE(cause.enumerator().valueToKey(int(ErrorCause::EndOfStream)), "EndOfStream");
    const QMetaProperty code
        = Error::staticMetaObject.property(Error::staticMetaObject.indexOfProperty("code"));
    QVERIFY(code.isEnumType());
    QCOMPARE(code.enumerator().valueToKey(int(ErrorCode::ConnectionAborted)), "ConnectionAborted");
}

void tst_Errors::parseErrorPropertiesRead()
{
    const Error error(ErrorCode::StreamParseError, tooLarge);
    const QVariant nested = readProperty(error, "parseError");
    QVERIFY(nested.isValid());
    const ParseError parse = nested.value<ParseError>();
    QCOMPARE(parse, tooLarge);
    QCOMPARE(readProperty(parse, "kind").value<ParseError::Kind>(), ParseError::Kind::TooLarge);
    QCOMPARE(readProperty(parse, "message").toString(), QStringLiteral("line too long"));
    QCOMPARE(readProperty(parse, "offset").toLongLong(), 5);
    QCOMPARE(readProperty(parse, "size").toLongLong(), 70000);
    QCOMPARE(readProperty(parse, "recoverable").toBool(), false);
    QCOMPARE(readProperty(ParseError(), "recoverable").toBool(), true);
}

void tst_Errors::toStringInvokableOnGadget()
{
    const Error error(ErrorCode::Timeout, QStringLiteral("no answer"), ETIMEDOUT);
    const QMetaObject &meta = Error::staticMetaObject;
    const int index = meta.indexOfMethod("toString()");
    QVERIFY(index >= 0);
    QString text;
    QVERIFY(meta.method(index).invokeOnGadget(const_cast<Error *>(&error),
                                              Q_RETURN_ARG(QString, text)));
    QCOMPARE(text, QStringLiteral("Timeout: no answer"));

    const QMetaObject &parseMeta = ParseError::staticMetaObject;
    const int parseIndex = parseMeta.indexOfMethod("toString()");
    QVERIFY(parseIndex >= 0);
    QVERIFY(parseMeta.method(parseIndex)
                .invokeOnGadget(const_cast<ParseError *>(&tooLarge), Q_RETURN_ARG(QString, text)));
    QCOMPARE(text, QStringLiteral("TooLarge at byte 5 (70000 bytes): line too long"));
}

void tst_Errors::unknownPropertyIsAbsent()
{
    // A misspelt name reads as nothing (QML shows undefined), not as a default value.
    QCOMPARE(Error::staticMetaObject.indexOfProperty("errnum"), -1);
    QVERIFY(!readProperty(Error(), "errnum").isValid());
}

void tst_Errors::causeFollowsCode_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<ErrorCause>("cause");
    QTest::newRow("end of stream") << ErrorCode::EndOfStream << ErrorCause::EndOfStream;
    QTest::newRow("reset") << ErrorCode::ConnectionReset << ErrorCause::PeerReset;
    QTest::newRow("tls") << ErrorCode::TlsError << ErrorCause::Tls;
    QTest::newRow("refused") << ErrorCode::ConnectionRefused << ErrorCause::None;
    QTest::newRow("aborted") << ErrorCode::ConnectionAborted << ErrorCause::None;
    // A parse code without its ParseError says nothing about where.
    QTest::newRow("parse code alone") << ErrorCode::StreamParseError << ErrorCause::None;
    QTest::newRow("no error") << ErrorCode::NoError << ErrorCause::None;
}

void tst_Errors::causeFollowsCode()
{
    QFETCH(ErrorCode, code);
    QFETCH(ErrorCause, cause);
    const Error error(code, QStringLiteral("text"), 7);
    QCOMPARE(error.code(), code);
    QCOMPARE(error.cause(), cause);
    QCOMPARE(error.message(), QStringLiteral("text"));
    QCOMPARE(error.osErrno(), 7);
    // Only a TLS error has a reason: its whole message.
    QCOMPARE(error.tlsReason(), cause == ErrorCause::Tls ? QStringLiteral("text") : QString());
    QVERIFY(!error.parseError().isError());
}

void tst_Errors::explicitCause()
{
    const Error error(ErrorCode::ConnectionAborted, ErrorCause::EndOfStream,
                      QStringLiteral("end of stream"), ECONNABORTED);
    QCOMPARE(error.code(), ErrorCode::ConnectionAborted);
    QCOMPARE(error.cause(), ErrorCause::EndOfStream);
    QCOMPARE(error.osErrno(), ECONNABORTED);
    // An explicit cause wins over the one the code would give.
    QCOMPARE(Error(ErrorCode::ConnectionReset, ErrorCause::None, QString()).cause(),
             ErrorCause::None);
    QVERIFY(error
            != Error(ErrorCode::ConnectionAborted, QStringLiteral("end of stream"), ECONNABORTED));
}

void tst_Errors::parseCause()
{
    const Error parse(ErrorCode::StreamParseError, tooLarge);
    QCOMPARE(parse.cause(), ErrorCause::Parse);
    QCOMPARE(parse.parseError(), tooLarge);
    QCOMPARE(parse.message(), tooLarge.toString());
    QCOMPARE(parse.osErrno(), 0);

    // A connection lost to a parse error it cannot recover from keeps the parse error.
    const Error lost(ErrorCode::ConnectionError, tooLarge, QStringLiteral("stream unusable"));
    QCOMPARE(lost.code(), ErrorCode::ConnectionError);
    QCOMPARE(lost.cause(), ErrorCause::Parse);
    QCOMPARE(lost.message(), QStringLiteral("stream unusable"));
    QCOMPARE(lost.parseError(), tooLarge);
}

void tst_Errors::tlsCause()
{
    const Error handshake = Error::fromTls(QStringLiteral("The certificate has expired"),
                                           QStringLiteral("TLS handshake with easynet.test"));
    QCOMPARE(handshake.code(), ErrorCode::TlsError);
    QCOMPARE(handshake.cause(), ErrorCause::Tls);
    QCOMPARE(handshake.tlsReason(), QStringLiteral("The certificate has expired"));
    QCOMPARE(handshake.message(),
             QStringLiteral("TLS handshake with easynet.test: The certificate has expired"));

    const Error noContext = Error::fromTls(QStringLiteral("bad record mac"));
    QCOMPARE(noContext.message(), QStringLiteral("bad record mac"));

    const Error close = Error::fromTls(QStringLiteral("closed without close_notify"), {},
                                       ErrorCode::ConnectionError);
    QCOMPARE(close.code(), ErrorCode::ConnectionError);
    QCOMPARE(close.cause(), ErrorCause::Tls);
    QCOMPARE(close.tlsReason(), QStringLiteral("closed without close_notify"));
}

void tst_Errors::fromErrno_data()
{
    QTest::addColumn<int>("osErrno");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<ErrorCause>("cause");
    QTest::newRow("ECONNRESET") << ECONNRESET << ErrorCode::ConnectionReset
                                << ErrorCause::PeerReset;
    QTest::newRow("ECONNREFUSED") << ECONNREFUSED << ErrorCode::ConnectionRefused
                                  << ErrorCause::None;
    QTest::newRow("ECONNABORTED") << ECONNABORTED << ErrorCode::ConnectionAborted
                                  << ErrorCause::None;
    QTest::newRow("EPIPE") << EPIPE << ErrorCode::BrokenPipe << ErrorCause::None;
    QTest::newRow("ETIMEDOUT") << ETIMEDOUT << ErrorCode::Timeout << ErrorCause::None;
    QTest::newRow("ENOTCONN") << ENOTCONN << ErrorCode::ConnectionError << ErrorCause::None;
    QTest::newRow("EACCES") << EACCES << ErrorCode::OSError << ErrorCause::None;
    // Not an errno at all: still an OSError carrying the number it was given.
    QTest::newRow("unknown") << 99999 << ErrorCode::OSError << ErrorCause::None;
}

void tst_Errors::fromErrno()
{
    QFETCH(int, osErrno);
    QFETCH(ErrorCode, code);
    QFETCH(ErrorCause, cause);
    const Error error = Error::fromErrno(osErrno, QStringLiteral("connect"));
    QCOMPARE(error.code(), code);
    QCOMPARE(error.cause(), cause);
    QCOMPARE(error.osErrno(), osErrno);
    QCOMPARE(error.message(), QStringLiteral("connect: ") + errnoText(osErrno));
    QCOMPARE(Error::fromErrno(osErrno).message(), errnoText(osErrno));
}

void tst_Errors::parseErrorKindIsScopedEnum()
{
    const QMetaEnum kind = QMetaEnum::fromType<ParseError::Kind>();
    QVERIFY(kind.isValid());
    QVERIFY(kind.isScoped());
    QCOMPARE(kind.name(), "Kind");
    QCOMPARE(kind.scope(), "EasyNet::ParseError");
    QCOMPARE(kind.keyCount(), 4);
    QCOMPARE(kind.valueToKey(int(ParseError::Kind::Truncated)), "Truncated");
    QCOMPARE(QMetaEnum::fromType<ErrorCause>().valueToKey(int(ErrorCause::PeerReset)), "PeerReset");
}

void tst_Errors::exceptionsCarryOsErrno()
{
    try {
        Error::fromErrno(ECONNREFUSED).throwException();
        QFAIL("nothing thrown");
    } catch (const ConnectionRefusedError &e) {
        QCOMPARE(e.osErrno(), ECONNREFUSED);
        QCOMPARE(e.error().osErrno(), ECONNREFUSED);
    }
    try {
        Error(ErrorCode::HostNotFound, QStringLiteral("no such host")).throwException();
        QFAIL("nothing thrown");
    } catch (const OSError &e) {
        QCOMPARE(e.osErrno(), 0);
        QCOMPARE(e.error().code(), ErrorCode::HostNotFound);
    }
}

void tst_Errors::debugOutput_data()
{
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no error") << Error() << QStringLiteral("EasyNet::Error(NoError)");
    QTest::newRow("errno") << Error::fromErrno(ECONNRESET)
                           << QStringLiteral("EasyNet::Error(ConnectionReset, errno %1, PeerReset, "
                                             "\"%2\")")
                                  .arg(ECONNRESET)
                                  .arg(errnoText(ECONNRESET));
    QTest::newRow("no cause") << Error(ErrorCode::ClientClosed, QStringLiteral("closed"))
                              << QStringLiteral("EasyNet::Error(ClientClosed, \"closed\")");
    QTest::newRow("explicit cause")
        << Error(ErrorCode::ConnectionAborted, ErrorCause::EndOfStream, QStringLiteral("eof"),
                 ECONNABORTED)
        << QStringLiteral("EasyNet::Error(ConnectionAborted, errno %1, EndOfStream, \"eof\")")
               .arg(ECONNABORTED);
    QTest::newRow("parse") << Error(ErrorCode::StreamParseError, tooLarge)
                           << QStringLiteral(
                                  "EasyNet::Error(StreamParseError, Parse, \"TooLarge at "
                                  "byte 5 (70000 bytes): line too long\", "
                                  "EasyNet::ParseError(\"TooLarge at byte 5 (70000 "
                                  "bytes): line too long\"))");
    QTest::newRow("tls with context")
        << Error::fromTls(QStringLiteral("expired"), QStringLiteral("handshake"))
        << QStringLiteral(
               "EasyNet::Error(TlsError, Tls, \"handshake: expired\", TLS reason \"expired\")");
    QTest::newRow("tls reason is the message")
        << Error(ErrorCode::TlsError, QStringLiteral("expired"))
        << QStringLiteral("EasyNet::Error(TlsError, Tls, \"expired\")");
}

void tst_Errors::debugOutput()
{
    QFETCH(Error, error);
    QFETCH(QString, expected);
    QCOMPARE(debugString(error), expected);
    // The stream's spacing comes back afterwards (QDebug puts a space after each item).
    QString text;
    QDebug(&text) << error << 1;
    QCOMPARE(text, expected + QStringLiteral(" 1 "));
}

void tst_Errors::unknownCodeNamed()
{
    // A value outside the enum (e.g. from a newer peer's QVariant) is named, not dropped.
    const Error error(static_cast<ErrorCode>(999), QStringLiteral("odd"));
    QCOMPARE(error.toString(), QStringLiteral("Unknown: odd"));
    QCOMPARE(debugString(error), QStringLiteral("EasyNet::Error(Unknown, \"odd\")"));
    const ParseError parse(static_cast<ParseError::Kind>(42), QStringLiteral("odd"), 0, 1, true);
    QCOMPARE(parse.toString(), QStringLiteral("Unknown at byte 0 (1 bytes): odd"));
}

QTEST_GUILESS_MAIN(tst_Errors)
#include "tst_errors.moc"
