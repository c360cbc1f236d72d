// libpng (and zlib), through the system's pkg-config: used by CGraphvizPNG to encode the images cairo draws.
#ifndef ENTENTE_CPNG_SHIM_H
#define ENTENTE_CPNG_SHIM_H

#include <png.h>

#endif
