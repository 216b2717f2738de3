// decode_image: the one decoder of content pictures for the kiosk and for
// `kioskctl validate`. PNG and JPEG decode to RGBA; other formats, pictures
// over 8192 px a side and damaged files are refused with a reason; the
// damaged JPEGs tests/fuzz found in stb_image (a Huffman table of more than
// 256 codes) are refused by libjpeg-turbo instead of overflowing, and so
// are JPEGs whose data ends early and PNGs whose chunks lie about their size.
#include "core/image_decode.h"
#include "tiny_png.h"

#include <catch2/catch.hpp>
#include <stb_image_write.h>
#include <zlib.h>

#include <cstdlib>
#include <string>
#include <vector>

using kiosk::decode_image;
using kiosk::DecodedImage;

namespace {

void append(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
}

// A width x height picture, red rising to the right, written by stb_image_write.
std::string picture(const char* format, int width, int height) {
    std::vector<unsigned char> rgb(size_t(width) * height * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            unsigned char* p = &rgb[(size_t(y) * width + x) * 3];
            p[0] = static_cast<unsigned char>(x * 255 / (width - 1));
            p[1] = 40;
            p[2] = 200;
        }
    std::string out;
    const bool png = std::string(format) == "png";
    if (png)
        stbi_write_png_to_func(append, &out, width, height, 3, rgb.data(), width * 3);
    else if (std::string(format) == "jpg")
        stbi_write_jpg_to_func(append, &out, width, height, 3, rgb.data(), 95);
    else
        stbi_write_bmp_to_func(append, &out, width, height, 3, rgb.data());
    return out;
}

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (int value : values)
        out += char(value);
    return out;
}

// Recomputes the CRC of the PNG chunk whose type starts at `type`, after a
// test changed its data (libpng checks it).
void fix_png_crc(std::string& png, size_t type, size_t data_length) {
    const uLong crc =
        crc32(0, reinterpret_cast<const Bytef*>(png.data() + type), uInt(4 + data_length));
    for (int i = 0; i < 4; ++i)
        png[type + 4 + data_length + i] = char((crc >> (24 - 8 * i)) & 0xFF);
}

std::string problem_of(const std::string& file) {
    std::string problem;
    const std::optional<DecodedImage> image = decode_image(file, problem);
    return image ? "" : problem;
}

} // namespace

TEST_CASE("PNG and JPEG pictures decode to RGBA pixels", "[image]") {
    for (const char* format : {"png", "jpg"}) {
        INFO(format);
        std::string problem;
        const std::optional<DecodedImage> image = decode_image(picture(format, 40, 30), problem);
        REQUIRE(image);
        CHECK(problem.empty());
        CHECK(image->width == 40);
        CHECK(image->height == 30);
        REQUIRE(image->rgba.size() == 40 * 30 * 4);
        const unsigned char* left = &image->rgba[(15 * 40 + 0) * 4];
        const unsigned char* right = &image->rgba[(15 * 40 + 39) * 4];
        CHECK(left[0] < 20); // red rises from left to right (JPEG: within its error)
        CHECK(right[0] > 235);
        CHECK(std::abs(int(right[2]) - 200) < 10);
        CHECK(right[3] == 255);
    }
}

TEST_CASE("other formats, oversized and damaged pictures are refused with a reason", "[image]") {
    CHECK(problem_of("") == "is not a PNG or JPEG picture");
    CHECK(problem_of("not a picture") == "is not a PNG or JPEG picture");
    CHECK(problem_of(picture("bmp", 4, 4)) == "is not a PNG or JPEG picture");
    CHECK(problem_of("P6BS%E") == "is not a PNG or JPEG picture"); // a 0 x 0 PNM stb decodes
    CHECK(problem_of("GIF89a\x02") == "is not a PNG or JPEG picture");

    std::string wide = picture("png", 8, 6); // IHDR width and height: 9000 x 6
    wide.replace(16, 4, bytes({0x00, 0x00, 0x23, 0x28}));
    fix_png_crc(wide, 12, 13);
    CHECK(problem_of(wide) == "is larger than 8192 px a side (9000 x 6)");
    std::string tall = picture("jpg", 8, 8); // SOF0 height 9000 (bytes 5..6 of the segment)
    const size_t sof = tall.find(bytes({0xFF, 0xC0}));
    REQUIRE(sof != std::string::npos);
    tall.replace(sof + 5, 2, bytes({0x23, 0x28}));
    CHECK(problem_of(tall) == "is larger than 8192 px a side (8 x 9000)");

    const std::string png = picture("png", 8, 6);
    CHECK(problem_of(png.substr(0, png.size() / 2)).rfind("does not decode (", 0) == 0);
    CHECK(problem_of(bytes({0xFF, 0xD8, 0xFF, 0xD9})).rfind("does not decode (", 0) == 0);
}

TEST_CASE("a JPEG Huffman table with more than 256 codes is refused", "[image]") {
    // Found by tests/fuzz (regressions/image/jpeg-dht-more-than-256-codes.jpg):
    // Debian's stb_image 2.27 writes past its tables on this; libjpeg-turbo refuses it.
    std::string jpeg = picture("jpg", 16, 16);
    const size_t dht = jpeg.find(bytes({0xFF, 0xC4}));
    REQUIRE(dht != std::string::npos);
    for (size_t i = 0; i < 16; ++i) // the first table's 16 code counts: 16 x 17 = 272 codes
        jpeg[dht + 5 + i] = char(17);
    const std::string problem = problem_of(jpeg);
    CHECK(problem.rfind("does not decode (", 0) == 0);
    CHECK(problem.find("Huffman") != std::string::npos);
}

TEST_CASE("a JPEG whose data ends early is refused, not shown half grey", "[image]") {
    const std::string jpeg = picture("jpg", 64, 64);
    const std::string problem = problem_of(jpeg.substr(0, jpeg.size() * 2 / 3));
    CHECK(problem == "does not decode (Premature end of JPEG file)");
}

TEST_CASE("a PNG chunk that declares more bytes than the file has is refused", "[image]") {
    // Found by tests/fuzz (regressions/image/png-idat-declares-4-gib.png): stb_image
    // reserved the declared length, up to 2 GiB, before reading it.
    std::string png = picture("png", 8, 6);
    const size_t idat = png.find("IDAT");
    REQUIRE(idat != std::string::npos);
    png.replace(idat - 4, 4, bytes({0x7F, 0x40, 0xDF, 0x49})); // about 2 GiB
    CHECK(problem_of(png).rfind("does not decode (", 0) == 0);
}

TEST_CASE("a picture's size is read from its header, and checked against a budget", "[image]") {
    std::string problem;
    for (const char* format : {"png", "jpg"}) {
        INFO(format);
        const std::optional<kiosk::ImageSize> size =
            kiosk::read_image_size(picture(format, 40, 30), problem);
        REQUIRE(size);
        CHECK(size->width == 40);
        CHECK(size->height == 30);
        CHECK(size->rgba_bytes() == 40 * 30 * 4);
        // A budget one byte short refuses it; exactly enough decodes it.
        CHECK_FALSE(decode_image(picture(format, 40, 30), problem, 40 * 30 * 4 - 1));
        CHECK(problem == "is 40 x 30 px, 0.0 MiB once decoded: over the 0.0 MiB left of the "
                         "picture budget");
        CHECK(decode_image(picture(format, 40, 30), problem, 40 * 30 * 4));
    }
    // 8 KB on disk, 256 MiB decoded.
    const std::string huge = kiosk::test::tiny_png(8192, 8192);
    REQUIRE(huge.size() < 64 * 1024);
    const std::optional<kiosk::ImageSize> size = kiosk::read_image_size(huge, problem);
    REQUIRE(size);
    CHECK(kiosk::picture_budget_problem(*size, size_t(64) << 20) ==
          "is 8192 x 8192 px, 256 MiB once decoded: over the 64 MiB left of the picture budget");
    CHECK(kiosk::picture_budget_problem(*size, size_t(256) << 20).empty());
    CHECK_FALSE(decode_image(huge, problem, size_t(64) << 20));
    CHECK(problem ==
          "is 8192 x 8192 px, 256 MiB once decoded: over the 64 MiB left of the picture budget");
    // The header reader refuses what the decoder refuses.
    CHECK_FALSE(kiosk::read_image_size("not a picture", problem));
    CHECK(problem == "is not a PNG or JPEG picture");
    std::string wide = picture("png", 8, 6);
    wide.replace(16, 4, bytes({0x00, 0x00, 0x23, 0x28}));
    fix_png_crc(wide, 12, 13);
    CHECK_FALSE(kiosk::read_image_size(wide, problem));
    CHECK(problem == "is larger than 8192 px a side (9000 x 6)");
}
