// DescriptorInfo: what a file descriptor received over a Unix socket is, in
// words for the packet log: its fstat() type and, where /proc/self/fd tells,
// its target ("regular file, 12 bytes: /tmp/notes.txt", "socket:[4711]").
#pragma once

#include <QtCore/QString>

namespace EasyNetConsole::DescriptorInfo {

QString describe(int fd);

} // namespace EasyNetConsole::DescriptorInfo
