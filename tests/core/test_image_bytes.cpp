// image_bytes_problem: only PNG and JPEG reach stb_image, and a JPEG whose
// Huffman table holds more than 256 codes (which stb_image 2.27 overflows on,
// found by tests/fuzz) is refused wherever stb_image would read that table.
#include "core/image_bytes.h"

#include <catch2/catch.hpp>

#include <string>

using kiosk::image_bytes_problem;

namespace {

const std::string kNotPicture = "is not a PNG or JPEG picture";
const std::string kDamagedJpeg = "is a damaged JPEG (a Huffman table with more than 256 codes)";

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (int value : values)
        out += char(value);
    return out;
}

// A DHT segment with one table: `counts` codes of each length 1..16, values 0, 1, ...
std::string dht(const std::vector<int>& counts) {
    int codes = 0;
    for (int count : counts)
        codes += count;
    const int length = 2 + 1 + 16 + codes;
    std::string out = bytes({0xFF, 0xC4, length >> 8, length & 0xFF, 0x00});
    for (int count : counts)
        out += char(count);
    for (int i = 0; i < codes; ++i)
        out += char(i);
    return out;
}

// The standard luminance DC table (12 codes) and one with 16 x 17 = 272 codes.
const std::vector<int> kStandardCounts = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
const std::vector<int> kTooManyCounts = std::vector<int>(16, 17);

const std::string kSoi = bytes({0xFF, 0xD8});
const std::string kEoi = bytes({0xFF, 0xD9});
// A scan header (one component) followed by entropy-coded data that holds a
// stuffed 0xFF 0x00 and a restart marker, as real scans do.
const std::string kScan = bytes({0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12,
                                 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56});

} // namespace

TEST_CASE("only PNG and JPEG pictures are handed to the decoder", "[image]") {
    CHECK(image_bytes_problem("\x89PNG\r\n\x1a\n then the chunks") == "");
    CHECK(image_bytes_problem(kSoi + dht(kStandardCounts) + kEoi) == "");
    CHECK(image_bytes_problem("") == kNotPicture);
    CHECK(image_bytes_problem("GIF89a") == kNotPicture);
    CHECK(image_bytes_problem("BM:") == kNotPicture);
    CHECK(image_bytes_problem("P6BS%E") == kNotPicture); // a 0 x 0 PNM that stb_image decodes
    CHECK(image_bytes_problem("\x89PNX\r\n\x1a\n") == kNotPicture);
}

TEST_CASE("a JPEG Huffman table with more than 256 codes is refused wherever it is", "[image]") {
    // In the header, after a good table in the same segment, and after a scan
    // (progressive JPEGs define tables between scans).
    CHECK(image_bytes_problem(kSoi + dht(kTooManyCounts) + kEoi) == kDamagedJpeg);
    std::string two_tables = dht(kStandardCounts);
    const std::string second = dht(kTooManyCounts).substr(4);
    const int length = int(two_tables.size() - 2 + second.size());
    two_tables[2] = char(length >> 8);
    two_tables[3] = char(length & 0xFF);
    CHECK(image_bytes_problem(kSoi + two_tables + second + kEoi) == kDamagedJpeg);
    CHECK(image_bytes_problem(kSoi + dht(kStandardCounts) + kScan + dht(kTooManyCounts) + kEoi) ==
          kDamagedJpeg);
    // Truncated in the middle of the counts: the decoder reads zeros there.
    CHECK(image_bytes_problem(kSoi + dht(kTooManyCounts).substr(0, 12)) == "");
    CHECK(image_bytes_problem(kSoi + dht(kTooManyCounts).substr(0, 21)) == kDamagedJpeg);
}

TEST_CASE("bytes the decoder never reads as a table do not refuse a JPEG", "[image]") {
    // The same bytes inside an APP1 segment (EXIF data) and after EOI.
    const std::string table = dht(kTooManyCounts);
    const int length = int(2 + table.size());
    const std::string app1 = bytes({0xFF, 0xE1, length >> 8, length & 0xFF}) + table;
    CHECK(image_bytes_problem(kSoi + app1 + dht(kStandardCounts) + kScan + kEoi) == "");
    CHECK(image_bytes_problem(kSoi + dht(kStandardCounts) + kEoi + table) == "");
}
