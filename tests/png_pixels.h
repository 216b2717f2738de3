// Reading a screenshot's pixels in tests: a PNG file as RGBA (stb_image, as
// the engine links it), whether a pixel is a colour, and what fraction of the
// picture is that colour. Shared by the app tests (a KioskApp in the test
// process) and the end-to-end tests (screenshots of kiosk processes).
// Colours are ImU32 values (0xAABBGGRR, render/theme.h); alpha is ignored and
// each channel may be off by 8.
#pragma once

#include <stb_image.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace kiosk::test {

// A PNG file read as RGBA; `pixels` is null when it cannot be read.
struct Png {
    int width = 0, height = 0;
    unsigned char* pixels = nullptr;
    explicit Png(const std::string& path) {
        int channels = 0;
        pixels = stbi_load(path.c_str(), &width, &height, &channels, 4);
    }
    ~Png() { stbi_image_free(pixels); }
    Png(const Png&) = delete;
    Png& operator=(const Png&) = delete;
    const unsigned char* at(int x, int y) const { return pixels + (size_t(y) * width + x) * 4; }
};

// Whether the pixel at (x, y) is `colour`.
inline bool pixel_is(const Png& png, int x, int y, uint32_t colour) {
    const unsigned char* pixel = png.at(x, y);
    const int rgb[] = {int(colour & 0xff), int((colour >> 8) & 0xff), int((colour >> 16) & 0xff)};
    for (int c = 0; c < 3; ++c)
        if (std::abs(int(pixel[c]) - rgb[c]) > 8) return false;
    return true;
}

// The fraction of `png`'s pixels that are `colour` (0 when it was not read).
inline double colour_fraction(const Png& png, uint32_t colour) {
    if (!png.pixels) return 0;
    int64_t same = 0;
    for (int y = 0; y < png.height; ++y)
        for (int x = 0; x < png.width; ++x)
            same += pixel_is(png, x, y, colour);
    return double(same) / double(int64_t(png.width) * png.height);
}

} // namespace kiosk::test
