#include "descriptorinfo.h"

#include <QtCore/QCoreApplication>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace EasyNetConsole::DescriptorInfo {

namespace {

QString typeName(mode_t mode)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("EasyNetConsole::DescriptorInfo", text);
    };
    switch (mode & S_IFMT) {
    case S_IFREG: return tr("regular file");
    case S_IFDIR: return tr("directory");
    case S_IFCHR: return tr("character device");
    case S_IFBLK: return tr("block device");
    case S_IFIFO: return tr("pipe");
    case S_IFSOCK: return tr("socket");
    case S_IFLNK: return tr("symbolic link");
    default: return tr("unknown type");
    }
}

} // namespace

QString describe(int fd)
{
    struct stat info = {};
    if (::fstat(fd, &info) != 0)
        return QCoreApplication::translate("EasyNetConsole::DescriptorInfo",
                                           "descriptor %1: fstat failed: %2")
            .arg(fd)
            .arg(QString::fromLocal8Bit(std::strerror(errno)));
    QString text = typeName(info.st_mode);
    if (S_ISREG(info.st_mode))
        text += info.st_size == 1
            ? QCoreApplication::translate("EasyNetConsole::DescriptorInfo", ", 1 byte")
            : QCoreApplication::translate("EasyNetConsole::DescriptorInfo", ", %1 bytes")
                  .arg(qint64(info.st_size));
    // readlink(), not QFile::symLinkTarget(): "socket:[4711]" is no path to resolve.
    char target[4096];
    const QByteArray link = "/proc/self/fd/" + QByteArray::number(fd);
    const ssize_t length = ::readlink(link.constData(), target, sizeof target);
    if (length > 0)
        text += QStringLiteral(": ") + QString::fromLocal8Bit(target, qsizetype(length));
    return text;
}

} // namespace EasyNetConsole::DescriptorInfo
