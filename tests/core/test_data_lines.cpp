// Tests for the line map of lua_data.h: exact lines of keys, nested tables and
// list items through the loader, tricky tokens (long strings and comments,
// escapes, CRLF) through scan_data_lines, and survival on garbage input.
#include "core/lua_data.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

using namespace kiosk;

namespace {

const std::string kFixture = kiosk::test::source_dir() + "/tests/core/fixtures/lines.lua";

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

int field_line(const std::map<std::string, DataLines>& lines, const std::string& path) {
    auto found = lines.find(path);
    return found == lines.end() ? -1 : found->second.field_line;
}

int value_line(const std::map<std::string, DataLines>& lines, const std::string& path) {
    auto found = lines.find(path);
    return found == lines.end() ? -1 : found->second.value_line;
}

} // namespace

TEST_CASE("loaded fields carry the line they are written on", "[lua_data][lines]") {
    DataLoadResult result = load_lua_data_file(kFixture);
    REQUIRE(result.ok());
    const DataValue& root = *result.root;
    REQUIRE(root.line == 6);
    REQUIRE(root.find("title")->line == 7);

    const DataField& window = *root.find("window");
    REQUIRE(window.line == 8);
    REQUIRE(window.value.line == 8);
    REQUIRE(window.value.find("width")->line == 9);
    REQUIRE(window.value.find("height")->line == 10);
    REQUIRE(window.value.find("height")->value.line == 11);

    const DataValue& dirs = root.find("exhibit_dirs")->value;
    REQUIRE(dirs.find(int64_t{1})->line == 14);
    REQUIRE(dirs.find(int64_t{2})->line == 15);
    REQUIRE(dirs.find(int64_t{2})->value.string == "../b\nwith a newline");
    REQUIRE(dirs.find(int64_t{3})->line == 17); // after a multi-line long string

    REQUIRE(root.find("quoted key")->line == 21); // after a long comment with "]]" inside
    REQUIRE(root.find(int64_t{7})->line == 22);
    const DataValue& deep = root.find("nested")->value.find("deep")->value;
    REQUIRE(deep.find("deeper")->value.find("value")->line == 23);

    const DataValue& list = root.find("list")->value;
    REQUIRE(list.find(int64_t{1})->value.find("name")->line == 24);
    REQUIRE(list.find(int64_t{2})->line == 24);
    REQUIRE(list.find(int64_t{2})->value.find("extra")->line == 25);
}

TEST_CASE("the scanner maps key paths to lines", "[lua_data][lines]") {
    auto lines = scan_data_lines(read_text(kFixture));
    REQUIRE(field_line(lines, "") == 6);
    REQUIRE(field_line(lines, "window.width") == 9);
    REQUIRE(field_line(lines, "exhibit_dirs[2]") == 15);
    REQUIRE(field_line(lines, "[\"quoted key\"]") == 21);
    REQUIRE(field_line(lines, "[7]") == 22);
    REQUIRE(field_line(lines, "nested.deep.deeper.value") == 23);
    REQUIRE(field_line(lines, "list[2].extra") == 25);
    REQUIRE(field_line(lines, "base") == -1); // locals are not fields

    SECTION("line breaks as Lua counts them") {
        auto crlf = scan_data_lines("return {\r\n a = 1,\r\n b = 2,\n\r c = 3,\r\r d = 4 }");
        REQUIRE(field_line(crlf, "a") == 2);
        REQUIRE(field_line(crlf, "b") == 3);
        REQUIRE(field_line(crlf, "c") == 4);
        REQUIRE(field_line(crlf, "d") == 6);
    }
    SECTION("strings and comments that look like code") {
        auto tricky = scan_data_lines(R"(return {
  a = "} -- not a comment {",
  b = 'say \"hi\" \
and more',
  c = "\z
       continued",
  -- d = 1,
  --[[ e = 2,
  ]] f = [==[ ]] } ]=] ]==],
  g = { x = "{" }, h = 1,
})");
        REQUIRE(field_line(tricky, "a") == 2);
        REQUIRE(field_line(tricky, "b") == 3);
        REQUIRE(field_line(tricky, "c") == 5);
        REQUIRE(field_line(tricky, "d") == -1);
        REQUIRE(field_line(tricky, "e") == -1);
        REQUIRE(field_line(tricky, "f") == 9);
        REQUIRE(field_line(tricky, "g.x") == 10);
        REQUIRE(field_line(tricky, "h") == 10);
    }
    SECTION("keys in brackets, positional counting, separators") {
        auto keys =
            scan_data_lines("return {\n 'one';\n [\"two\"] = 2,\n 'three',\n [10] = 'ten',\n"
                            " [0x10] = 16,\n [ 'a' .. 'b' ] = 3,\n 'four' }");
        REQUIRE(field_line(keys, "[1]") == 2);
        REQUIRE(field_line(keys, "two") == 3);
        REQUIRE(field_line(keys, "[2]") == 4);
        REQUIRE(field_line(keys, "[10]") == 5);
        REQUIRE(field_line(keys, "[16]") == 6);
        REQUIRE(field_line(keys, "[3]") == 8); // the computed key is skipped, not counted
    }
    SECTION("values spanning lines and expressions with tables") {
        auto values =
            scan_data_lines("return {\n a =\n\n  { 1 },\n b = ({ x = 1 }).x,\n c = f(1, 2),"
                            "\n d = 4 }");
        REQUIRE(field_line(values, "a") == 2);
        REQUIRE(value_line(values, "a") == 4);
        REQUIRE(field_line(values, "a[1]") == 4);
        REQUIRE(field_line(values, "c") == 6);
        REQUIRE(field_line(values, "d") == 7);
    }
    SECTION("the last top-level return is the one that counts") {
        auto blocks = scan_data_lines(
            "local function f() return { x = 1 } end\nif false then return { y = 1 } end\n"
            "for i = 1, 2 do end\nreturn {\n z = 1 }");
        REQUIRE(field_line(blocks, "x") == -1);
        REQUIRE(field_line(blocks, "y") == -1);
        REQUIRE(field_line(blocks, "z") == 5);
    }
    SECTION("no literal table returned: no lines, no harm") {
        REQUIRE(scan_data_lines("local t = { a = 1 } return t").empty());
        REQUIRE(scan_data_lines("").empty());
    }
}

TEST_CASE("the scanner and loader survive truncated and garbage input", "[lua_data][lines]") {
    std::string sample = read_text(kFixture);
    REQUIRE(sample.size() > 100);

    SECTION("every prefix of a real file") {
        for (size_t length = 0; length <= sample.size(); length++) {
            std::string_view prefix(sample.data(), length);
            auto lines = scan_data_lines(prefix);
            for (const auto& [path, line] : lines)
                REQUIRE(line.field_line >= 1);
            DataLoadResult result = load_lua_data_string(prefix, "prefix.lua");
            REQUIRE(result.ok() == result.errors.empty());
        }
    }
    SECTION("random bytes and random token soup") {
        std::mt19937 random(12345);
        const char* pieces[] = {
            "{",        "}",  "[",  "]",  "[[", "]]", "[==[", "--",     "--[[",
            "\"",       "'",  "\\", "=",  "==", ",",  ";",    "return", "end",
            "function", "do", "x",  "1",  "0x", "\n", "\r",   " ",      "\xE4\xB8\xAD",
            "\xFF",     "(",  ")",  "..."};
        for (int round = 0; round < 2000; round++) {
            std::string text;
            int count = static_cast<int>(random() % 60);
            for (int i = 0; i < count; i++) {
                if (random() % 4 == 0)
                    text += static_cast<char>(random() % 256);
                else
                    text += pieces[random() % (sizeof pieces / sizeof pieces[0])];
            }
            scan_data_lines(text);
            if (round % 4 == 0) scan_data_lines("return {" + text);
            DataLoadResult result = load_lua_data_string(text, "soup.lua");
            REQUIRE(result.ok() == result.errors.empty());
        }
    }
    SECTION("deep nesting does not overflow the scanner's stack") {
        std::string deep = "return " + std::string(200000, '{') + std::string(200000, '}');
        auto lines = scan_data_lines(deep);
        REQUIRE(field_line(lines, "") == 1);
        REQUIRE(field_line(lines, "[1][1]") == 1);
        REQUIRE_FALSE(load_lua_data_string(deep, "deep.lua").ok()); // Lua's own parser limit
        auto unclosed = scan_data_lines("return " + std::string(200000, '{'));
        REQUIRE(field_line(unclosed, "") == 1);
    }
}
