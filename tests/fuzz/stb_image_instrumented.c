/* The fuzz tree only: stb_image's implementation compiled from Debian's
 * libstb-dev header, the same source as libstb, so that the image fuzz target
 * gets coverage (and ASan checks) inside the decoders. Its definitions take
 * the place of libstb's in that one executable. */
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
