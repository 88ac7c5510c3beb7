// JsonReader: the packet of one JSON text, through Qt's parser, with the value
// model and the strictness documented in jsonserializer.h.
#pragma once

#include <EasyNet/parseerror.h>

#include <QtCore/QByteArrayView>
#include <QtCore/QVariant>

namespace EasyNet {

class JsonReader
{
public:
    // The value of one JSON text (surrounding whitespace allowed). On failure
    // returns an invalid QVariant and fills error (offsets relative to text).
    static QVariant read(QByteArrayView text, ParseError &error);
};

} // namespace EasyNet
