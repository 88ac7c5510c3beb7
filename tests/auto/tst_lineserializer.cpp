// Tests of LineSerializer: the reference's line-lf / line-crlf vectors, our
// deliberate deviations on send, limits, encodings, acceptCrLf, garbage.
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/streamprotocol.h>

#include "testsupport.h"

#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtTest/QTest>

using namespace EasyNet;
using namespace EasyNetTest;
using Sep = LineSerializer::Separator;
using Enc = LineSerializer::Encoding;

Q_DECLARE_METATYPE(EasyNet::LineSerializer::Separator)

namespace {

QString packetList(const QVariantList &packets)
{
    QStringList parts;
    for (const QVariant &p : packets)
        parts.append(describePacket(p));
    return parts.join(QStringLiteral(", "));
}

bool decodesTo(const AbstractIncrementalPacketSerializer &serializer, const QByteArray &wire,
               const QVariantList &expected, QString *why,
               qsizetype maxPacketSize = AbstractIncrementalPacketSerializer::DefaultMaxPacketSize)
{
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(7)}) {
        const DecodeResult result = decodeStream(serializer, wire, chunk, maxPacketSize);
        bool same = result.errors.isEmpty() && result.packets.size() == expected.size();
        for (qsizetype i = 0; same && i < expected.size(); ++i)
            same = packetsEqual(result.packets.at(i), expected.at(i));
        if (!same) {
            *why = QStringLiteral("chunk %1: got [%2]%3, expected [%4]")
                       .arg(chunk)
                       .arg(packetList(result.packets),
                            result.errors.isEmpty()
                                ? QString()
                                : QStringLiteral(" and error ") + result.errors.first().toString(),
                            packetList(expected));
            return false;
        }
    }
    for (qsizetype split = 0; split <= wire.size(); ++split) {
        const DecodeResult result = decodeStreamSplitAt(serializer, wire, split);
        if (result.packets.size() != expected.size() || !result.errors.isEmpty()) {
            *why = QStringLiteral("split at %1: %2 packets").arg(split).arg(result.packets.size());
            return false;
        }
    }
    return true;
}

} // namespace

class tst_LineSerializer : public QObject
{
    Q_OBJECT

private slots:
    void goldenVectors_data();
    void goldenVectors();
    void deviations();
    void notTextRefused();
    void roundTrip_data();
    void roundTrip();
    void tooLongLineThenNextLine_data();
    void tooLongLineThenNextLine();
    void lineAtTheLimit();
    void invalidBytesAreMalformed();
    void utf8EdgeCases();
    void latin1();
    void acceptCrLf();
    void truncated();
    void garbage();
    void bufferedSizeBounded();
    void receiverOutlivesProtocol();
};

void tst_LineSerializer::goldenVectors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<LineSerializer::Separator>("separator");
    QTest::newRow("lf") << QStringLiteral("line-lf") << Sep::LF;
    QTest::newRow("crlf") << QStringLiteral("line-crlf") << Sep::CRLF;
}

void tst_LineSerializer::goldenVectors()
{
    QFETCH(QString, file);
    QFETCH(LineSerializer::Separator, separator);
    const LineSerializer serializer(separator);
    // Where our stream encoding deliberately differs from the reference (see deviations()).
    const QSet<QString> refusedHere = separator == Sep::LF
        ? QSet<QString> {QStringLiteral("embedded-lf"), QStringLiteral("embedded-crlf"),
                         QStringLiteral("double-trailing-lf"),
                         QStringLiteral("double-trailing-crlf")}
        : QSet<QString> {QStringLiteral("embedded-crlf"), QStringLiteral("double-trailing-crlf")};
    const QList<GoldenVector> vectors = loadGoldenVectors(file);
    QVERIFY(vectors.size() >= 20);
    int identical = 0;
    for (const GoldenVector &v : vectors) {
        const QByteArray tag = v.id.toUtf8();
        if (!v.error.isEmpty()) {
            QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(v.packet));
            QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.incrementalSerialize(v.packet));
            continue;
        }
        // Decoding: the reference's stream bytes and datagram decode as the reference says.
        QString why;
        QVERIFY2(decodesTo(serializer, v.wire, v.streamDecodesTo.value_or(QVariantList {v.packet}),
                           &why),
                 qPrintable(v.id + QStringLiteral(": ") + why));
        ParseError error;
        const QVariant datagram = serializer.deserialize(v.datagram, error);
        QVERIFY2(!error.isError(), tag.constData());
        QVERIFY2(packetsEqual(datagram, v.datagramDecodesTo.value_or(v.packet)),
                 qPrintable(v.id + QStringLiteral(": ") + describePacket(datagram)));

        // Encoding: the datagram is always identical.
        QCOMPARE(serializer.serialize(v.packet), v.datagram);
        if (refusedHere.contains(v.id)) {
            QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.incrementalSerialize(v.packet));
        } else if (v.id == QLatin1StringView("empty")) {
            QCOMPARE(serializer.incrementalSerialize(v.packet),
                     separator == Sep::LF ? QByteArray("\n") : QByteArray("\r\n"));
        } else {
            QCOMPARE(serializer.incrementalSerialize(v.packet).toHex(), v.wire.toHex());
            ++identical;
        }
    }
    QVERIFY(identical >= 12);
}

void tst_LineSerializer::deviations()
{
    // 1. A packet holding its separator anywhere but at the very end is refused:
    //    the reference sends it and the peer reads several packets.
    const LineSerializer lf(Sep::LF);
    for (const char *text : {"a\nb", "end\n\n", "\n\n", "a\r\nb", "\nx"}) {
        try {
            lf.incrementalSerialize(QString::fromLatin1(text));
            QFAIL(text);
        } catch (const SerializeError &e) {
            QVERIFY2(e.message().contains(QLatin1StringView("separator")), qPrintable(e.message()));
        }
    }
    QCOMPARE(lf.incrementalSerialize(QStringLiteral("end\n")), QByteArray("end\n"));
    QCOMPARE(lf.incrementalSerialize(QStringLiteral("a\rb")), QByteArray("a\rb\n"));
    const LineSerializer crlf(Sep::CRLF);
    QVERIFY_THROWS_EXCEPTION(SerializeError, crlf.incrementalSerialize(QStringLiteral("a\r\nb")));
    QVERIFY_THROWS_EXCEPTION(SerializeError,
                             crlf.incrementalSerialize(QStringLiteral("end\r\n\r\n")));
    QCOMPARE(crlf.incrementalSerialize(QStringLiteral("a\nb")), QByteArray("a\nb\r\n"));
    QCOMPARE(crlf.incrementalSerialize(QStringLiteral("a\r")), QByteArray("a\r\r\n"));
    const LineSerializer cr(Sep::CR);
    QVERIFY_THROWS_EXCEPTION(SerializeError, cr.incrementalSerialize(QStringLiteral("a\rb")));
    QCOMPARE(cr.incrementalSerialize(QStringLiteral("a\nb")), QByteArray("a\nb\r"));
    // The datagram form has no such restriction.
    QCOMPARE(lf.serialize(QStringLiteral("a\nb")), QByteArray("a\nb"));

    // 2. The empty string is sent as a lone separator (the reference sends nothing,
    //    so the packet is lost) and read back as an empty string.
    QCOMPARE(lf.incrementalSerialize(QString()), QByteArray("\n"));
    QCOMPARE(crlf.incrementalSerialize(QString()), QByteArray("\r\n"));
    QString why;
    QVERIFY2(decodesTo(lf, QByteArray("\n"), QVariantList {QString()}, &why), qPrintable(why));
    QVERIFY2(decodesTo(crlf, QByteArray("\r\n"), QVariantList {QString()}, &why), qPrintable(why));
}

// A packet that is not a string is refused, by its type's name.
void tst_LineSerializer::notTextRefused()
{
    const LineSerializer lf(Sep::LF);
    const QList<std::pair<QVariant, QString>> notText {
        {QVariant(42), QStringLiteral("a line packet must be a string, not int")},
        {QVariant(), QStringLiteral("a line packet must be a string, not an invalid QVariant")},
    };
    for (const auto &[packet, message] : notText) {
        try {
            lf.incrementalSerialize(packet);
            QFAIL(qPrintable(message));
        } catch (const SerializeError &e) {
            QCOMPARE(e.message(), message);
        }
    }
}

void tst_LineSerializer::roundTrip_data()
{
    QTest::addColumn<LineSerializer::Separator>("separator");
    QTest::addColumn<int>("encoding");
    QTest::newRow("lf-ascii") << Sep::LF << int(Enc::Ascii);
    QTest::newRow("crlf-ascii") << Sep::CRLF << int(Enc::Ascii);
    QTest::newRow("cr-ascii") << Sep::CR << int(Enc::Ascii);
    QTest::newRow("lf-utf8") << Sep::LF << int(Enc::Utf8);
    QTest::newRow("crlf-latin1") << Sep::CRLF << int(Enc::Latin1);
}

void tst_LineSerializer::roundTrip()
{
    QFETCH(LineSerializer::Separator, separator);
    QFETCH(int, encoding);
    const LineSerializer serializer(separator, Enc(encoding));
    QRandomGenerator random(606);
    QList<char32_t> alphabet {U'a',  U'Z', U'0',    U' ',    U'\t', U'"',
                              U'\\', U'{', U'\x7f', U'\x01', U'\0'};
    if (separator != Sep::LF)
        alphabet.append(U'\n');
    if (separator != Sep::CR)
        alphabet.append(U'\r');
    if (Enc(encoding) != Enc::Ascii)
        alphabet += {U'\u00e9', U'\u00ff'};
    if (Enc(encoding) == Enc::Utf8)
        alphabet += {U'\u4e2d', U'\U0001F389', U'\uFEFF'};
    QVariantList packets {QString(), QStringLiteral("x"), QString(30000, QLatin1Char('L'))};
    while (packets.size() < 300) {
        QString text;
        const int length = random.bounded(5) == 0 ? random.bounded(2000) : random.bounded(30);
        while (text.size() < length) {
            const char32_t c = alphabet.at(random.bounded(int(alphabet.size())));
            text += QString::fromUcs4(&c, 1);
        }
        // CR and LF alone are ordinary characters under CRLF; CRLF itself is not
        // (see deviations()). A trailing CR stays the text's own byte.
        while (text.contains(QStringLiteral("\r\n")))
            text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        packets.append(text);
    }
    verifyStreamRoundTrip(serializer, packets);
    if (QTest::currentTestFailed())
        return;
    for (const QVariant &packet : packets) {
        ParseError error;
        const QString text = packet.toString();
        const QVariant decoded = serializer.deserialize(serializer.serialize(packet), error);
        QVERIFY(!error.isError());
        // The datagram form strips trailing separators.
        if (!text.endsWith(separator == Sep::CRLF     ? QStringLiteral("\r\n")
                               : separator == Sep::CR ? QStringLiteral("\r")
                                                      : QStringLiteral("\n")))
            QCOMPARE(decoded, packet);
    }
}

void tst_LineSerializer::tooLongLineThenNextLine_data()
{
    QTest::addColumn<LineSerializer::Separator>("separator");
    QTest::newRow("lf") << Sep::LF;
    QTest::newRow("crlf") << Sep::CRLF;
    QTest::newRow("cr") << Sep::CR;
}

void tst_LineSerializer::tooLongLineThenNextLine()
{
    QFETCH(LineSerializer::Separator, separator);
    const LineSerializer serializer(separator);
    const qsizetype limit = 100;
    const QByteArray before = serializer.incrementalSerialize(QStringLiteral("before"));
    const QByteArray tooLong = serializer.incrementalSerialize(QString(1000, QLatin1Char('y')));
    const QByteArray after = serializer.incrementalSerialize(QStringLiteral("after"));
    const QByteArray stream = before + tooLong + after;
    for (const qsizetype chunk :
         {qsizetype(0), qsizetype(1), qsizetype(7), qsizetype(99), qsizetype(150)}) {
        const DecodeResult result = decodeStream(serializer, stream, chunk, limit);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QVERIFY(result.errors.first().isRecoverable());
        QCOMPARE(result.errors.first().offset(), before.size());
        QCOMPARE(result.packets,
                 (QVariantList {QStringLiteral("before"), QStringLiteral("after")}));
        QVERIFY(result.maxBuffered <= limit + qMax<qsizetype>(chunk, 1) + 2);
    }
    // A line that never ends: one error, nothing buffered beyond the limit.
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(limit);
    DecodeResult total;
    for (int i = 0; i < 1000; ++i) {
        const DecodeResult result = decodeStream(*decoder, QByteArray(1000, 'z'));
        total.errors += result.errors;
        QVERIFY(decoder->bufferedSize() <= limit + 1);
    }
    QCOMPARE(total.errors.size(), 1);
    const DecodeResult last = decodeStream(*decoder, after + after);
    QCOMPARE(last.packets, QVariantList {QStringLiteral("after")});
}

void tst_LineSerializer::lineAtTheLimit()
{
    const LineSerializer serializer(Sep::CRLF);
    const qsizetype limit = 50;
    const QByteArray exact = serializer.incrementalSerialize(QString(limit, QLatin1Char('e')));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(51)}) {
        const DecodeResult result = decodeStream(serializer, exact + exact, chunk, limit);
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(result.packets.size(), 2);
    }
    const QByteArray over = serializer.incrementalSerialize(QString(limit + 1, QLatin1Char('o')));
    const DecodeResult result = decodeStream(serializer, over + exact, 1, limit);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.packets.size(), 1);
}

void tst_LineSerializer::invalidBytesAreMalformed()
{
    // ASCII: a byte above 0x7f is Malformed, and the next line decodes.
    const LineSerializer ascii(Sep::LF, Enc::Ascii);
    const QByteArray stream = QByteArray("ok1\nh\xc3\xa9llo\nok2\n");
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        const DecodeResult result = decodeStream(ascii, stream, chunk);
        QCOMPARE(result.packets, (QVariantList {QStringLiteral("ok1"), QStringLiteral("ok2")}));
        QCOMPARE(result.errors.size(), 1);
        const ParseError &error = result.errors.first();
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        QVERIFY(error.isRecoverable());
        QCOMPARE(error.offset(), 4);
        QCOMPARE(error.size(), 7);
        QVERIFY2(error.message().contains(QLatin1StringView("0xc3")), qPrintable(error.message()));
    }
    ParseError error;
    QVERIFY(!ascii.deserialize(QByteArray("\xff"), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);

    // UTF-8: invalid sequences are Malformed, the stream goes on.
    const LineSerializer utf8(Sep::LF, Enc::Utf8);
    for (const QByteArray &bad :
         {QByteArray("\xff"), QByteArray("\xc3"), QByteArray("a\xc3("), QByteArray("\xed\xa0\x80"),
          QByteArray("\xc0\xaf"), QByteArray("\xf4\x90\x80\x80"), QByteArray("\xe4\xb8")}) {
        const DecodeResult result
            = decodeStream(utf8, QByteArray("\xc3\xa9\n") + bad + "\nend\n", 1);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::Malformed);
        QCOMPARE(result.packets,
                 (QVariantList {QString::fromUtf8("\u00e9"), QStringLiteral("end")}));
        ParseError e;
        QVERIFY2(!utf8.deserialize(bad, e).isValid(), bad.toHex().constData());
        QCOMPARE(e.kind(), ParseError::Kind::Malformed);
    }
    QVERIFY_THROWS_EXCEPTION(SerializeError, ascii.serialize(QString::fromUtf8("\u00e9")));
}

void tst_LineSerializer::utf8EdgeCases()
{
    const LineSerializer utf8(Sep::LF, Enc::Utf8);
    ParseError error;
    // A leading BOM is part of the text, on every line.
    const QString bom = QString(QChar(char16_t(0xfeff))) + QLatin1Char('x');
    QCOMPARE(utf8.incrementalSerialize(bom), QByteArray("\xef\xbb\xbfx\n"));
    QString why;
    QVERIFY2(decodesTo(utf8, QByteArray("\xef\xbb\xbfx\n\xef\xbb\xbfx\n"), QVariantList {bom, bom},
                       &why),
             qPrintable(why));
    QCOMPARE(utf8.deserialize(QByteArray("\xef\xbb\xbfx"), error), QVariant(bom));
    // A lone surrogate cannot be encoded.
    QString lone = QStringLiteral("a");
    lone.append(QChar(char16_t(0xd800)));
    QVERIFY_THROWS_EXCEPTION(SerializeError, utf8.serialize(lone));
    // NUL and astral characters pass.
    const QString astral = QString::fromUtf8("\U0001F389") + QChar(u'\0');
    QCOMPARE(utf8.deserialize(utf8.serialize(astral), error), QVariant(astral));
}

void tst_LineSerializer::latin1()
{
    const LineSerializer latin1(Sep::LF, Enc::Latin1);
    QCOMPARE(latin1.incrementalSerialize(QString::fromUtf8("\u00e9\u00ff")),
             QByteArray("\xe9\xff\n"));
    QVERIFY_THROWS_EXCEPTION(SerializeError, latin1.serialize(QString::fromUtf8("\u0100")));
    ParseError error;
    QCOMPARE(latin1.deserialize(QByteArray("\xe9"), error), QVariant(QString::fromUtf8("\u00e9")));
}

void tst_LineSerializer::acceptCrLf()
{
    const LineSerializer plain(Sep::LF);
    const LineSerializer accepting(Sep::LF, Enc::Ascii, true);
    QVERIFY(!plain.acceptsCrLf());
    QVERIFY(accepting.acceptsCrLf());
    QVERIFY(!LineSerializer(Sep::CRLF, Enc::Ascii, true).acceptsCrLf());
    QVERIFY(!LineSerializer(Sep::CR, Enc::Ascii, true).acceptsCrLf());

    const QByteArray mixed("a\r\nb\nc\r\r\n\r\n");
    QString why;
    QVERIFY2(decodesTo(accepting, mixed,
                       {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c\r"), QString()},
                       &why),
             qPrintable(why));
    QVERIFY2(decodesTo(plain, mixed,
                       {QStringLiteral("a\r"), QStringLiteral("b"), QStringLiteral("c\r\r"),
                        QStringLiteral("\r")},
                       &why),
             qPrintable(why));
    // We still send LF only.
    QCOMPARE(accepting.incrementalSerialize(QStringLiteral("x")), QByteArray("x\n"));
    // Datagrams: a trailing CRLF is a separator too.
    ParseError error;
    QCOMPARE(accepting.deserialize(QByteArray("end\r\n"), error), QVariant(QStringLiteral("end")));
    QCOMPARE(accepting.deserialize(QByteArray("end\r\n\n"), error),
             QVariant(QStringLiteral("end")));
    QCOMPARE(accepting.deserialize(QByteArray("end\r"), error), QVariant(QStringLiteral("end\r")));
    QCOMPARE(plain.deserialize(QByteArray("end\r\n"), error), QVariant(QStringLiteral("end\r")));
}

void tst_LineSerializer::truncated()
{
    const LineSerializer serializer(Sep::CRLF);
    const std::unique_ptr<StreamDecoder> decoder
        = serializer.createDecoder(LineSerializer::DefaultMaxPacketSize);
    const DecodeResult result = decodeStream(*decoder, QByteArray("one\r\ntwo\r"), 1);
    QCOMPARE(result.packets, QVariantList {QStringLiteral("one")});
    const ParseError error = decoder->endOfStream();
    QCOMPARE(error.kind(), ParseError::Kind::Truncated);
    QCOMPARE(error.offset(), 5);
    QCOMPARE(error.size(), 4);
}

void tst_LineSerializer::garbage()
{
    QRandomGenerator random(4711);
    for (const Enc encoding : {Enc::Ascii, Enc::Utf8, Enc::Latin1}) {
        for (const Sep separator : {Sep::LF, Sep::CRLF}) {
            const LineSerializer serializer(separator, encoding, true);
            for (int i = 0; i < 1500; ++i) {
                QByteArray bytes(random.bounded(400), Qt::Uninitialized);
                for (char &c : bytes) {
                    const int r = random.bounded(20);
                    c = r == 0 ? '\n' : r == 1 ? '\r' : char(random.bounded(256));
                }
                const qsizetype limit = random.bounded(1, 120);
                const qsizetype chunk = random.bounded(0, 30);
                const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(limit);
                const DecodeResult result = decodeStream(*decoder, bytes, chunk);
                for (const ParseError &error : result.errors) {
                    QVERIFY(error.kind() == ParseError::Kind::Malformed
                            || error.kind() == ParseError::Kind::TooLarge);
                    QVERIFY(error.isRecoverable());
                }
                QVERIFY(!result.broken);
                QVERIFY(result.maxBuffered <= limit + 2);
                for (const QVariant &packet : result.packets)
                    QCOMPARE(packet.typeId(), QMetaType::QString);
                decoder->endOfStream();
                ParseError error;
                const QVariant datagram = serializer.deserialize(bytes, error);
                QVERIFY(datagram.isValid() != error.isError());
            }
        }
    }
}

void tst_LineSerializer::bufferedSizeBounded()
{
    const LineSerializer serializer(Sep::LF);
    const qsizetype limit = 1000;
    QRandomGenerator random(3);
    QByteArray stream;
    while (stream.size() < 4 * 1024 * 1024) {
        stream += QByteArray(random.bounded(random.bounded(10) == 0 ? 100000 : 900), 'l');
        stream += '\n';
    }
    const qsizetype chunk = 65536;
    const DecodeResult result = decodeStream(serializer, stream, chunk, limit);
    QVERIFY(!result.errors.isEmpty());
    QVERIFY(!result.packets.isEmpty());
    QVERIFY2(result.maxBuffered <= limit + chunk, qPrintable(QString::number(result.maxBuffered)));
}

void tst_LineSerializer::receiverOutlivesProtocol()
{
    // The decoder refers to its serializer; the receiver keeps it alive even
    // when the protocol (the serializer's last other owner) is gone.
    StreamReceiver receiver = StreamProtocol(std::make_shared<LineSerializer>()).createReceiver();
    receiver.feed("still here\n");
    QVariant packet;
    ParseError error;
    QCOMPARE(receiver.next(packet, error), StreamDecoder::Status::Packet);
    QCOMPARE(packet.toString(), QStringLiteral("still here"));
}

QTEST_GUILESS_MAIN(tst_LineSerializer)
#include "tst_lineserializer.moc"
