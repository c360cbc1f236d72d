// A Graphviz output device that writes the image cairo draws for Graphviz's own `png` device, encoded with a
// fast zlib level and one PNG filter instead of cairo's PNG writer (libpng's adaptive filters, zlib level 6).
#ifndef ENTENTE_CGRAPHVIZPNG_H
#define ENTENTE_CGRAPHVIZPNG_H

#include <graphviz/gvc.h>

/// The output format name the device is registered under (`gvRenderData(gvc, g, ENTENTE_PNG_FORMAT, …)`).
#define ENTENTE_PNG_FORMAT "entente-png"

/// Registers the device with `gvc` (call once per context): output format `entente-png`, drawn by the `cairo`
/// renderer of Graphviz's pango plugin exactly as for `png` (same image surface, size and pixels), encoded by
/// libpng with zlib level `level` (0–9) and no row filter. The decoded pixels equal those of `png`'s output;
/// the colour type (RGB when every pixel is opaque, RGBA otherwise, alpha un-premultiplied as cairo does) and
/// the white background chunk are cairo's too.
void entente_png_device_install(GVC_t *gvc, int level);

#endif
