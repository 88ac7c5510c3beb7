// The gadget fuzz_json decodes typed, against the map path: the fields of the
// golden vector {"z": 1, "a": 2, "m": 3}, so that its mutations are often
// whole packets. An integer set in place (z), converted into a double (a) and
// into a bool (m); small enough for QVariant to keep inside itself, so that
// the decoder builds every packet in the same one (GadgetBuilder).
#pragma once

#include <QtCore/QObject>

struct FuzzPacket
{
    Q_GADGET
    Q_PROPERTY(int z MEMBER z)
    Q_PROPERTY(double a MEMBER a)
    Q_PROPERTY(bool m MEMBER m)
public:
    int z = 0;
    double a = 0;
    bool m = false;
};
static_assert(sizeof(FuzzPacket) <= 3 * sizeof(void *));
