// Pictures in content (thumbnails, quiz pictures, exhibit images) are PNG or
// JPEG files, decoded by stb_image (Debian 12 ships version 2.27). This file
// owns the check every picture passes before its bytes reach stb_image, in the
// kiosk (render/images.cpp) and in `kioskctl validate` (content_check.cpp):
//   * PNG or JPEG by signature. stb_image would also decode BMP, GIF, PSD,
//     TGA, HDR, PIC and PNM, which content never needs and which hold most of
//     its known bugs (a 0 x 0 PNM decodes, then no texture can be made).
//   * A JPEG whose Huffman table (DHT) holds more than 256 codes is refused:
//     stb_image 2.27 writes past its tables on one (nothings/stb#1289, fixed
//     upstream in 2.28; found here by tests/fuzz). The check walks the file's
//     markers the way stb_image reads them, so it sees every table stb would.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Why `bytes` must not be decoded, or "" when they may be:
// "is not a PNG or JPEG picture", or "is a damaged JPEG (...)".
std::string image_bytes_problem(std::string_view bytes);

} // namespace kiosk
