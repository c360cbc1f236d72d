#include "CGraphvizPNG.h"

#include <graphviz/gvcjob.h>
#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_device.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Graphviz's output writer (gvio.h, which Debian's libgraphviz-dev does not install; exported by libgvc).
extern size_t gvwrite(GVJ_t *job, const char *s, size_t len);

/// The zlib level of the next encodings (one Graphviz executor per process: no concurrent use).
static int entente_png_level = 3;

/// The encoded file, grown as libpng writes it; handed to Graphviz in one piece once complete, so a failure
/// never leaves a truncated PNG in the output.
typedef struct {
  unsigned char *bytes;
  size_t count;
  size_t capacity;
  int failed;
} entente_png_buffer;

static void entente_png_write(png_structp png, png_bytep data, png_size_t length) {
  entente_png_buffer *buffer = (entente_png_buffer *)png_get_io_ptr(png);
  if (buffer->failed) return;
  if (buffer->count + length > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 65536;
    while (capacity < buffer->count + length) capacity *= 2;
    unsigned char *grown = (unsigned char *)realloc(buffer->bytes, capacity);
    if (grown == NULL) {
      buffer->failed = 1;
      png_error(png, "out of memory");
    }
    buffer->bytes = grown;
    buffer->capacity = capacity;
  }
  memcpy(buffer->bytes + buffer->count, data, length);
  buffer->count += length;
}

static void entente_png_flush(png_structp png) { (void)png; }

/// Encodes cairo's ARGB32 image (premultiplied, native-endian 32-bit pixels, `width * 4` bytes a row) as
/// cairo's `cairo_surface_write_to_png_stream` lays it out: RGB when opaque, else RGBA un-premultiplied.
static int entente_png_encode(const uint32_t *pixels, unsigned width, unsigned height, entente_png_buffer *out) {
  size_t total = (size_t)width * height;
  uint32_t all = 0xff000000u;
  for (size_t i = 0; i < total; i++) all &= pixels[i];
  int opaque = (all >> 24) == 0xff;
  int channels = opaque ? 3 : 4;
  unsigned char *row = (unsigned char *)malloc((size_t)width * channels);
  if (row == NULL) return -1;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  if (png == NULL || info == NULL) {
    png_destroy_write_struct(&png, &info);
    free(row);
    return -1;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    free(row);
    return -1;
  }
  png_set_write_fn(png, out, entente_png_write, entente_png_flush);
  png_set_compression_level(png, entente_png_level);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR(png, info, width, height, 8, opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_color_16 white;
  memset(&white, 0, sizeof white);
  white.gray = 0xff;
  white.red = white.green = white.blue = 0xff;
  png_set_bKGD(png, info, &white);
  png_write_info(png, info);
  for (unsigned y = 0; y < height; y++) {
    const uint32_t *source = pixels + (size_t)y * width;
    unsigned char *target = row;
    if (opaque) {
      for (unsigned x = 0; x < width; x++, target += 3) {
        uint32_t pixel = source[x];
        target[0] = (unsigned char)(pixel >> 16);
        target[1] = (unsigned char)(pixel >> 8);
        target[2] = (unsigned char)pixel;
      }
    } else {
      for (unsigned x = 0; x < width; x++, target += 4) {
        uint32_t pixel = source[x];
        uint32_t alpha = pixel >> 24;
        if (alpha == 0) {
          target[0] = target[1] = target[2] = target[3] = 0;
        } else {
          // cairo's unpremultiply_data, to the same rounding.
          target[0] = (unsigned char)((((pixel >> 16) & 0xff) * 255 + alpha / 2) / alpha);
          target[1] = (unsigned char)((((pixel >> 8) & 0xff) * 255 + alpha / 2) / alpha);
          target[2] = (unsigned char)(((pixel & 0xff) * 255 + alpha / 2) / alpha);
          target[3] = (unsigned char)alpha;
        }
      }
    }
    png_write_row(png, row);
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  free(row);
  return out->failed ? -1 : 0;
}

/// The device's `format` step: Graphviz calls it after cairo has drawn the page into `job->imagedata`.
static void entente_png_format(GVJ_t *job) {
  if (job->imagedata == NULL || job->width == 0 || job->height == 0) {
    agerr(AGERR, "entente-png: cairo drew no image (%u x %u)\n", job->width, job->height);
    return;
  }
  entente_png_buffer buffer = {NULL, 0, 0, 0};
  if (entente_png_encode((const uint32_t *)job->imagedata, job->width, job->height, &buffer) != 0) {
    agerr(AGERR, "entente-png: libpng could not encode the %u x %u image\n", job->width, job->height);
  } else if (gvwrite(job, (const char *)buffer.bytes, buffer.count) != buffer.count) {
    agerr(AGERR, "entente-png: could not write the encoded image\n");
  }
  free(buffer.bytes);
}

static gvdevice_engine_t entente_png_engine = {NULL, entente_png_format, NULL};

// As Graphviz's pango plugin declares its `png:cairo` device: binary, true colour, no margin, 96 dpi.
static gvdevice_features_t entente_png_features = {
    GVDEVICE_BINARY_FORMAT | GVDEVICE_DOES_TRUECOLOR, {0., 0.}, {0., 0.}, {96., 96.}};

// Id 0: the cairo renderer then takes its own id (its generic image path), draws into an ARGB32 image surface
// of the job's size exactly as for `png`, and leaves the image in `job->imagedata` for `format`.
static gvplugin_installed_t entente_png_devices[] = {
    {0, ENTENTE_PNG_FORMAT ":cairo", 1, &entente_png_engine, &entente_png_features},
    {0, NULL, 0, NULL, NULL}};

static gvplugin_api_t entente_png_apis[] = {{API_device, entente_png_devices}, {(api_t)0, NULL}};

static gvplugin_library_t entente_png_library = {"entente_png", entente_png_apis};

void entente_png_device_install(GVC_t *gvc, int level) {
  entente_png_level = level < 0 ? 0 : (level > 9 ? 9 : level);
  gvAddLibrary(gvc, &entente_png_library);
}
