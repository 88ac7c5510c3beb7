/// \file
/// Export macro for libEasyNet.
#pragma once

#include <QtCore/qglobal.h>

#if defined(EASYNET_STATIC)
#  define EASYNET_EXPORT
#elif defined(EASYNET_BUILDING_LIBRARY)
#  define EASYNET_EXPORT Q_DECL_EXPORT
#else
#  define EASYNET_EXPORT Q_DECL_IMPORT
#endif
