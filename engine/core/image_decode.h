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
//
// A few kilobytes of PNG can declare 8192 x 8192 px, 256 MiB once decoded, so
// a picture's size is read from its header and checked against the memory
// budget left for pictures before any pixel memory is allocated.
#pragma once

#include <cstddef>
#include <cstdint>
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

constexpr size_t kNoPictureBudget = SIZE_MAX;
// The kiosk's own screens (home-screen thumbnails, quiz pictures) show pictures
// of at most this many pixels a side (a camera photo fits; a bigger one is
// refused from its header, so a few kilobytes cannot cost 256 MiB a tile).
constexpr int kMaxScreenPictureSide = 4096;

struct ImageSize {
    int width = 0;
    int height = 0;
    size_t rgba_bytes() const { return size_t(width) * size_t(height) * 4; }
};

// The picture's size from its header alone (PNG IHDR, JPEG SOF): no pixels
// are decoded or allocated. nullopt and `problem` (as decode_image says it)
// when it is not a PNG or JPEG, its header does not decode, or a side is over
// kMaxImageSide.
std::optional<ImageSize> read_image_size(std::string_view bytes, std::string& problem);

// "" when a picture of `size` fits in `bytes_left`; otherwise "is 8192 x 8192
// px, 256 MiB once decoded: over the 64 MiB left of the picture budget".
std::string picture_budget_problem(const ImageSize& size, size_t bytes_left);
// "" when neither side of `size` is over `max_side`; otherwise "is 8192 x 8192
// px: the kiosk shows pictures here of at most 4096 px a side".
std::string picture_side_problem(const ImageSize& size, int max_side);

// The picture in `bytes`, or nullopt and `problem`: "is not a PNG or JPEG
// picture", "is larger than 8192 px a side (9000 x 20)", over `bytes_left`
// (picture_budget_problem, checked from the header before any pixel memory is
// allocated) or "does not decode (the decoder's reason)".
std::optional<DecodedImage> decode_image(std::string_view bytes, std::string& problem,
                                         size_t bytes_left = kNoPictureBudget);

} // namespace kiosk
