// Debian's tshark (Wireshark's command line) run on a capture file, for the
// tests of the console's pcapng export: every checksum checked (IP, TCP, UDP),
// fields read back per frame, a TCP stream followed. A test skips when tshark
// is missing, except in CI (SKIP_WITHOUT_TSHARK, SKIP_UNLESS_CI).
#pragma once

#include "testsupport.h" // SKIP_UNLESS_CI

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>
#include <utility>

#define SKIP_WITHOUT_TSHARK()                                                                      \
    do {                                                                                           \
        if (EasyNetTest::Tshark::program().isEmpty())                                              \
            SKIP_UNLESS_CI(QStringLiteral("tshark is not installed (Debian package tshark)"));     \
    } while (false)

namespace EasyNetTest {

class Tshark
{
public:
    // The executable, empty when not installed.
    static QString program();
    // tshark -r file, checksums checked, with args; its standard output, or
    // nothing with *error (the exit status and standard error).
    static std::optional<QByteArray> run(const QString &file, const QStringList &args,
                                         QString *error);
    // -T fields with these fields (and more arguments, a -Y filter say): one
    // list of values per frame, in order (a field with several values has
    // them separated by ",").
    static std::optional<QList<QStringList>> fields(const QString &file, const QStringList &fields,
                                                    QString *error, const QStringList &more = {});
    // The bytes of TCP stream `stream` each way (-z follow,tcp,raw): the
    // first node's (the client's, which sent the SYN) and the second's.
    static std::optional<std::pair<QByteArray, QByteArray>> followTcp(const QString &file,
                                                                      int stream, QString *error);
    // The display filter that matches any frame with a problem: malformed,
    // an expert item of warning or error severity (a bad checksum is one),
    // a TCP analysis flag (retransmission, lost segment, window full, ...).
    static QString problemFilter();
};

} // namespace EasyNetTest
