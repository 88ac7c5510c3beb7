#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QFile>
#include <QtCore/QHashFunctions>
#include <QtCore/QStringDecoder>

#include <sys/socket.h>
#include <sys/un.h>

#include <cstddef>
#include <cstring>
#include <optional>

namespace EasyNet {

static_assert(sizeof(sockaddr_un::sun_path) == UnixSocketAddress::MaxPathLength,
              "UnixSocketAddress::MaxPathLength must be sizeof(sun_path)");

namespace {

constexpr qsizetype PathOffset = offsetof(sockaddr_un, sun_path);

QLatin1StringView unnamedText()
{
    return QLatin1StringView("<unnamed>");
}

void appendHexEscape(QString &out, uchar byte)
{
    static const char digits[] = "0123456789abcdef";
    out += QLatin1StringView("\\x");
    out += QLatin1Char(digits[byte >> 4]);
    out += QLatin1Char(digits[byte & 0xf]);
}

// "\xHH" for control characters and bytes that are not UTF-8 text, "\\" for '\'.
QString escapeAbstractName(const QByteArray &name)
{
    QString out;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(name);
    if (!decoder.hasError()) {
        for (QChar c : decoded) {
            if (c == QLatin1Char('\\'))
                out += QLatin1StringView("\\\\");
            else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                appendHexEscape(out, uchar(c.unicode()));
            else
                out += c;
        }
        return out;
    }
    for (char ch : name) {
        const uchar byte = uchar(ch);
        if (byte == '\\')
            out += QLatin1StringView("\\\\");
        else if (byte < 0x20 || byte >= 0x7f)
            appendHexEscape(out, byte);
        else
            out += QLatin1Char(ch);
    }
    return out;
}

int hexValue(QChar c)
{
    if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        return c.unicode() - u'0';
    if (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        return c.unicode() - u'a' + 10;
    if (c >= QLatin1Char('A') && c <= QLatin1Char('F'))
        return c.unicode() - u'A' + 10;
    return -1;
}

std::optional<QByteArray> unescapeAbstractName(QStringView text)
{
    QByteArray out;
    qsizetype runStart = 0; // start of the current run of plain text
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] != QLatin1Char('\\')) {
            ++i;
            continue;
        }
        out += text.sliced(runStart, i - runStart).toUtf8();
        if (i + 1 < text.size() && text[i + 1] == QLatin1Char('\\')) {
            out += '\\';
            i += 2;
        } else if (i + 3 < text.size() && text[i + 1] == QLatin1Char('x')
                   && hexValue(text[i + 2]) >= 0 && hexValue(text[i + 3]) >= 0) {
            out += char(hexValue(text[i + 2]) * 16 + hexValue(text[i + 3]));
            i += 4;
        } else {
            return std::nullopt;
        }
        runStart = i;
    }
    out += text.sliced(runStart).toUtf8();
    return out;
}

} // namespace

UnixSocketAddress UnixSocketAddress::unnamed()
{
    return UnixSocketAddress(Kind::Unnamed, QByteArray());
}

UnixSocketAddress UnixSocketAddress::fromPath(const QString &path, bool *ok)
{
    if (path.isEmpty() || path.contains(QChar(0))) {
        if (ok)
            *ok = false;
        return {};
    }
    return fromNativePath(QFile::encodeName(path), ok);
}

UnixSocketAddress UnixSocketAddress::fromNativePath(QByteArrayView path, bool *ok)
{
    const bool valid = !path.isEmpty() && path.size() <= MaxPathLength && !path.contains('\0');
    if (ok)
        *ok = valid;
    if (!valid)
        return {};
    return UnixSocketAddress(Kind::Path, path.toByteArray());
}

UnixSocketAddress UnixSocketAddress::fromAbstractName(QByteArrayView name, bool *ok)
{
    const bool valid = name.size() <= MaxAbstractNameLength;
    if (ok)
        *ok = valid;
    if (!valid)
        return {};
    return UnixSocketAddress(Kind::Abstract, name.toByteArray());
}

QString UnixSocketAddress::path() const
{
    return m_kind == Kind::Path ? QFile::decodeName(m_bytes) : QString();
}

QByteArray UnixSocketAddress::nativePath() const
{
    return m_kind == Kind::Path ? m_bytes : QByteArray();
}

QByteArray UnixSocketAddress::abstractName() const
{
    return m_kind == Kind::Abstract ? m_bytes : QByteArray();
}

QString UnixSocketAddress::toString() const
{
    switch (m_kind) {
    case Kind::Null: return QString();
    case Kind::Unnamed: return unnamedText();
    case Kind::Abstract: return QLatin1Char('@') + escapeAbstractName(m_bytes);
    case Kind::Path: {
        const QString text = QFile::decodeName(m_bytes);
        // A relative path that would read as another kind gets a "./" prefix.
        if (text.startsWith(QLatin1Char('@')) || text == unnamedText())
            return QStringLiteral("./") + text;
        return text;
    }
    }
    return QString();
}

UnixSocketAddress UnixSocketAddress::fromString(QStringView text, bool *ok)
{
    if (text == unnamedText()) {
        if (ok)
            *ok = true;
        return unnamed();
    }
    if (text.startsWith(QLatin1Char('@'))) {
        const auto name = unescapeAbstractName(text.sliced(1));
        if (!name) {
            if (ok)
                *ok = false;
            return {};
        }
        return fromAbstractName(*name, ok);
    }
    return fromPath(text.toString(), ok);
}

qsizetype UnixSocketAddress::toSockAddr(::sockaddr_un &addr) const
{
    std::memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    switch (m_kind) {
    case Kind::Null: return -1;
    case Kind::Unnamed: return qsizetype(sizeof(sa_family_t));
    case Kind::Path:
        std::memcpy(addr.sun_path, m_bytes.constData(), size_t(m_bytes.size()));
        // The terminating NUL counts when there is room for it (as getsockname says).
        return PathOffset + m_bytes.size() + (m_bytes.size() < MaxPathLength ? 1 : 0);
    case Kind::Abstract:
        std::memcpy(addr.sun_path + 1, m_bytes.constData(), size_t(m_bytes.size()));
        return PathOffset + 1 + m_bytes.size();
    }
    return -1;
}

UnixSocketAddress UnixSocketAddress::fromSockAddr(const ::sockaddr_un &addr, qsizetype length,
                                                  bool *ok)
{
    if (ok)
        *ok = false;
    if (length == 0) { // recvmsg()/recvfrom(): the sender is not bound
        if (ok)
            *ok = true;
        return unnamed();
    }
    if (length < qsizetype(sizeof(sa_family_t)) || addr.sun_family != AF_UNIX)
        return {};
    // A path of exactly sizeof(sun_path) bytes: Linux reports one more byte (the NUL
    // it keeps after it) than the structure holds.
    const qsizetype full = qsizetype(sizeof(sockaddr_un));
    if (length > full + 1 || (length == full + 1 && addr.sun_path[0] == '\0'))
        return {};
    length = qMin(length, full);
    if (ok)
        *ok = true;
    if (length <= PathOffset)
        return unnamed();
    const qsizetype size = length - PathOffset;
    if (addr.sun_path[0] == '\0')
        return UnixSocketAddress(Kind::Abstract, QByteArray(addr.sun_path + 1, size - 1));
    const qsizetype pathLength = qsizetype(strnlen(addr.sun_path, size_t(size)));
    return UnixSocketAddress(Kind::Path, QByteArray(addr.sun_path, pathLength));
}

size_t qHash(const UnixSocketAddress &address, size_t seed) noexcept
{
    const QByteArray bytes = address.kind() == UnixSocketAddress::Kind::Path
        ? address.nativePath()
        : address.abstractName();
    return qHashMulti(seed, int(address.kind()), bytes);
}

QDebug operator<<(QDebug debug, const UnixSocketAddress &address)
{
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "EasyNet::UnixSocketAddress("
                              << (address.isNull() ? QStringLiteral("null") : address.toString())
                              << ')';
    return debug;
}

} // namespace EasyNet
