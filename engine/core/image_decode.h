// Pictures in content (thumbnails, quiz pictures, exhibit images) are PNG or
// JPEG files. This file owns decoding them into RGBA pixels, for the kiosk
// (render/images.cpp) and for `kioskctl validate` (content/content_check.cpp),
// so that both accept exactly the same files, and the limits that apply.
//
// PNG goes through libpng and JPEG through libjpeg-turbo, Debian's libraries,
// maintained for security and fuzzed upstream. Debian 12's stb_image 2.27,
// used before, mishandles damaged files (it writes past its Huffman tables,
// nothings/stb#1289, its JPEG bit reader shifts past 32 bits, and it reserves
// whatever a PNG chunk declares, up to 2 GiB), as tests/fuzz found. Anything
// else (BMP, GIF, PSD, TGA, ...) is refused: content never needs it. Damaged
// data is refused too, rather than shown half grey: `kioskctl validate`
// reports it, so a curator finds it before a visitor does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

constexpr int kMaxImageSide = 8192; // pixels, each side

struct DecodedImage {
    int width = 0;                   // 1 .. kMaxImageSide
    int height = 0;                  // 1 .. kMaxImageSide
    std::vector<unsigned char> rgba; // width * height * 4 bytes, rows top to bottom
};

// The picture in `bytes`, or nullopt and `problem`: "is not a PNG or JPEG
// picture", "is larger than 8192 px a side (9000 x 20)" or "does not decode
// (the decoder's reason)".
std::optional<DecodedImage> decode_image(std::string_view bytes, std::string& problem);

} // namespace kiosk
