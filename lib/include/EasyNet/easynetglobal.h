/// \file
/// Export macro for libEasyNet.
#pragma once

#include <QtCore/qglobal.h>

/// \namespace EasyNet
/// Everything libEasyNet declares: the event-driven clients (AbstractClient), the
/// blocking clients (AbstractBlockingClient), the protocols and serializers, and the
/// address, error and ancillary-data value types.

/// \def EASYNET_EXPORT
/// Marks the classes and functions exported from libEasyNet: empty with
/// EASYNET_STATIC, the export attribute while building the library
/// (EASYNET_BUILDING_LIBRARY), the import attribute otherwise. On ELF both are
/// visibility "default"; the library is built with hidden visibility, so
/// nothing else is exported.
#if defined(EASYNET_STATIC)
#define EASYNET_EXPORT
#elif defined(EASYNET_BUILDING_LIBRARY)
#define EASYNET_EXPORT Q_DECL_EXPORT
#else
#define EASYNET_EXPORT Q_DECL_IMPORT
#endif
