// The check before stb_image decodes a picture (see image_bytes.h).
#include "image_bytes.h"

#include <cstddef>
#include <cstdint>

namespace kiosk {
namespace {

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";
constexpr unsigned kMarkerDht = 0xC4;
constexpr unsigned kMarkerEoi = 0xD9;
constexpr unsigned kMaxHuffmanCodes = 256;

// The byte at `at`, or 0 past the end (stb_image reads zeros there).
unsigned byte_at(std::string_view bytes, size_t at) {
    return at < bytes.size() ? static_cast<unsigned char>(bytes[at]) : 0;
}

// Whether every table of the DHT segment whose length field is at `at` holds
// at most 256 codes, reading it as stb_image does: length, then tables of
// (class and id, 16 code counts, the values) while the length lasts.
bool huffman_tables_fit(std::string_view bytes, size_t at) {
    int64_t left = int64_t(byte_at(bytes, at) << 8 | byte_at(bytes, at + 1)) - 2;
    size_t table = at + 2;
    while (left > 0 && table < bytes.size()) {
        unsigned codes = 0;
        for (size_t i = 0; i < 16; ++i)
            codes += byte_at(bytes, table + 1 + i);
        if (codes > kMaxHuffmanCodes) return false;
        table += 17 + codes;
        left -= 17 + int64_t(codes);
    }
    return true;
}

// Walks the JPEG's markers after SOI. Outside a segment stb_image skips any
// byte until 0xFF (after a scan its entropy-coded data; 0xFF 0x00 there is a
// stuffed byte and 0xFF 0xD0..0xD7 a restart, neither a segment); every other
// marker but EOI starts a segment with a 16-bit length, skipped whole.
bool jpeg_tables_fit(std::string_view bytes) {
    size_t at = 2;
    while (at < bytes.size()) {
        if (byte_at(bytes, at) != 0xFF) {
            ++at;
            continue;
        }
        while (at < bytes.size() && byte_at(bytes, at) == 0xFF)
            ++at;
        if (at >= bytes.size()) break;
        const unsigned marker = byte_at(bytes, at++);
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
        if (marker == kMarkerEoi) break;
        if (marker == kMarkerDht && !huffman_tables_fit(bytes, at)) return false;
        const size_t length = byte_at(bytes, at) << 8 | byte_at(bytes, at + 1);
        at += length < 2 ? 2 : length;
    }
    return true;
}

} // namespace

std::string image_bytes_problem(std::string_view bytes) {
    if (bytes.substr(0, kPngSignature.size()) == kPngSignature) return "";
    if (byte_at(bytes, 0) != 0xFF || byte_at(bytes, 1) != 0xD8)
        return "is not a PNG or JPEG picture";
    if (!jpeg_tables_fit(bytes))
        return "is a damaged JPEG (a Huffman table with more than 256 codes)";
    return "";
}

} // namespace kiosk
