// Test helper shared by tests/core and tests/kioskctl: a valid PNG of any size that is tiny on disk
// (1-bit grey, all black, deflated), as an attacker would make to declare a huge picture in a few
// kilobytes.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>

namespace kiosk::test {

inline void append_png_chunk(std::string& png, const char* type, const std::string& data) {
    const uint32_t length = uint32_t(data.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        png += char((length >> shift) & 0xFF);
    const std::string body = std::string(type, 4) + data;
    png += body;
    const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()));
    for (int shift = 24; shift >= 0; shift -= 8)
        png += char((crc >> shift) & 0xFF);
}

// A width x height PNG of a few kilobytes (width a multiple of 8).
inline std::string tiny_png(uint32_t width, uint32_t height) {
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string header;
    for (uint32_t value : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8)
            header += char((value >> shift) & 0xFF);
    header +=
        std::string("\x01\x00\x00\x00\x00", 5); // 1 bit, grey, deflate, no filter, no interlace
    append_png_chunk(png, "IHDR", header);
    const std::string rows(size_t(height) * (1 + width / 8), '\0'); // filter 0, black pixels
    uLongf packed_size = compressBound(uLong(rows.size()));
    std::string packed(packed_size, '\0');
    compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
              reinterpret_cast<const Bytef*>(rows.data()), uLong(rows.size()), 9);
    packed.resize(packed_size);
    append_png_chunk(png, "IDAT", packed);
    append_png_chunk(png, "IEND", "");
    return png;
}

} // namespace kiosk::test
