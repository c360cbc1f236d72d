// libpng (and zlib), through the system's pkg-config: used by CGraphvizPNG to encode the images cairo draws.
#ifndef ENTENTE_CPNG_SHIM_H
#define ENTENTE_CPNG_SHIM_H

#include <png.h>

/// `PNG_FORMAT_RGBA` (a macro of macros, which Swift does not import): 8-bit RGBA for libpng's simplified API.
static inline png_uint_32 entente_png_format_rgba(void) { return PNG_FORMAT_RGBA; }

#endif
