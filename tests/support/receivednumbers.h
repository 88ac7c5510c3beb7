// The "n" member of every packet a console session received ({"n": 7}), in
// order, from a QSignalSpy on ConsoleSession::packetReceived: how the repeat
// and library tests check that {{counter}} counted 1, 2, 3... (-1 where a
// packet has no whole number "n"). Header-only: for the tests that link the
// console core.
#pragma once

#include "packetformat.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QSignalSpy>

namespace EasyNetTest {

inline QList<qint64> receivedNumbers(const QSignalSpy &received)
{
    QList<qint64> numbers;
    for (const QList<QVariant> &arguments : received)
        numbers.append(QJsonDocument::fromJson(
                           EasyNetConsole::PacketFormat::toJsonText(arguments.first()).toUtf8())
                           .object()
                           .value(QStringLiteral("n"))
                           .toInteger(-1));
    return numbers;
}

// 1, 2, ..., last.
inline QList<qint64> oneTo(qint64 last)
{
    QList<qint64> numbers;
    for (qint64 n = 1; n <= last; ++n)
        numbers.append(n);
    return numbers;
}

} // namespace EasyNetTest
