// The descriptor flags every client sets on a socket it adopts, whatever its
// family: the type checks differ per transport (inetsockaddr_p.h, unixsocket_p.h).
#pragma once

#include <EasyNet/errors.h>

namespace EasyNet {

// Makes fd non-blocking and close-on-exec (an adopted socket must not leak into
// a child); false and error set ("cannot adopt descriptor N") otherwise.
bool prepareAdoptedDescriptor(int fd, Error &error);

} // namespace EasyNet
