// Tests for data_reader.h: every kind of problem a curator can make, with the
// exact message and line, collected all at once; plus the UTF-8 and edit
// distance helpers.
#include "core/data_reader.h"

#include <catch2/catch.hpp>

#include <string>

using namespace kiosk;

namespace {

// Loads `text` as "t.lua" and keeps the tree alive for the readers.
struct Loaded {
    explicit Loaded(std::string_view text) : result(load_lua_data_string(text, "t.lua")) {
        INFO((result.errors.empty() ? std::string() : result.errors[0]));
        REQUIRE(result.ok());
    }
    DataReader reader() { return DataReader(*result.root, "t.lua", "", errors); }

    DataLoadResult result;
    DataErrors errors;
};

} // namespace

TEST_CASE("values that match come back unchanged", "[data_reader]") {
    Loaded file(R"(return {
  name = "入口",
  mode = "en",
  ratio = 0.5,
  count = 12,
  whole = 1280.0,
  flag = true,
  dirs = { "a", "b" },
  title = { zh = "单摆", en = "Pendulum" },
  window = { width = 640 },
})");
    DataReader reader = file.reader();
    REQUIRE(reader.string("name", "x") == "入口");
    REQUIRE(reader.one_of("mode", {"zh", "en"}, "zh") == "en");
    REQUIRE(reader.number("ratio", 0, 1, 0.1) == 0.5);
    REQUIRE(reader.integer("count", 1, 20, 3) == 12);
    REQUIRE(reader.integer("whole", 320, 7680, 3) == 1280);
    REQUIRE(reader.boolean("flag", false));
    REQUIRE(reader.string_list("dirs", 16) == std::vector<std::string>{"a", "b"});
    Bilingual title = reader.bilingual("title", BilingualRule::EnRequired);
    REQUIRE(title.zh == "单摆");
    REQUIRE(title.in(Language::En) == "Pendulum");
    std::optional<DataReader> window = reader.table("window");
    REQUIRE(window);
    REQUIRE(window->integer("width", 320, 7680, 1) == 640);
    REQUIRE(window->path_of("width") == "window.width");
    window->finish();
    reader.finish();
    REQUIRE(file.errors.ok());
    REQUIRE(file.errors.warnings.empty());
}

TEST_CASE("absent optional keys give the fallback silently", "[data_reader]") {
    Loaded file("return {}");
    DataReader reader = file.reader();
    REQUIRE(reader.string("a", "fallback") == "fallback");
    REQUIRE(reader.one_of("b", {"x", "y"}, "y") == "y");
    REQUIRE(reader.number("c", 0, 1, 0.25) == 0.25);
    REQUIRE(reader.integer("d", 0, 10, 7) == 7);
    REQUIRE(reader.boolean("e", true));
    REQUIRE(reader.string_list("f", 3).empty());
    REQUIRE_FALSE(reader.table("g"));
    reader.finish();
    REQUIRE(file.errors.ok());
}

TEST_CASE("each problem has its own message at the right line", "[data_reader]") {
    SECTION("unknown key with a hint") {
        Loaded file("return {\n  idle_timeout_s = 90,\n  idel_timeout_s = 30,\n  zebra = 1,\n}");
        DataReader reader = file.reader();
        reader.number("idle_timeout_s", 10, 3600, 90);
        reader.finish();
        REQUIRE(file.errors.errors ==
                std::vector<std::string>{
                    "t.lua:3: unknown key 'idel_timeout_s' (did you mean 'idle_timeout_s'?)",
                    "t.lua:4: unknown key 'zebra'"});
    }
    SECTION("hints also come from keys asked for but absent") {
        Loaded file("return {\n  window = {\n    widht = 800,\n  },\n}");
        DataReader reader = file.reader();
        std::optional<DataReader> window = reader.table("window");
        window->integer("width", 320, 7680, 1280);
        window->finish();
        window->finish(); // reports once
        reader.finish();
        REQUIRE(file.errors.errors ==
                std::vector<std::string>{
                    "t.lua:3: window: unknown key 'widht' (did you mean 'width'?)"});
    }
    SECTION("list items in a table of named keys") {
        Loaded file("return {\n  venue = { 'Qingshan',\n    kind = 'x' },\n}");
        DataReader reader = file.reader();
        std::optional<DataReader> venue = reader.table("venue");
        venue->string("kind", "");
        venue->finish();
        REQUIRE(file.errors.errors ==
                std::vector<std::string>{
                    "t.lua:2: venue: unexpected list item [1] (this table takes named keys)"});
    }
    SECTION("wrong types") {
        Loaded file(
            "return {\n  a = 5,\n  b = 'x',\n  c = 'yes',\n  d = {},\n  e = true,\n  f = 'x',\n}");
        DataReader reader = file.reader();
        reader.string("a", "");
        reader.number("b", 0, 10, 0);
        reader.boolean("c", false);
        reader.integer("d", 0, 10, 0);
        reader.table("e");
        reader.string_list("f", 4);
        REQUIRE(
            file.errors.errors ==
            std::vector<std::string>{
                "t.lua:2: a: expected a string, got number",
                "t.lua:3: b: expected a number from 0 to 10, got string \"x\"",
                "t.lua:4: c: expected true or false, got string \"yes\"",
                "t.lua:5: d: expected an integer from 0 to 10, got table",
                "t.lua:6: e: expected a table, got boolean",
                "t.lua:7: f: expected a list of strings like { \"a\", \"b\" }, got string \"x\"",
            });
    }
    SECTION("out of range, NaN and infinities") {
        Loaded file(
            "return {\n  idle = 5,\n  nan = 0/0,\n  inf = 1/0,\n  ninf = -1/0,\n  half = 2.5,\n"
            "  frac = 1280.5,\n  big = 99999,\n}");
        DataReader reader = file.reader();
        REQUIRE(reader.integer("idle", 10, 3600, 90) == 90);
        REQUIRE(reader.number("nan", 0, 10, 1) == 1);
        REQUIRE(reader.number("inf", 0, 1e300, 1) == 1);
        REQUIRE(reader.number("ninf", -1e300, 0, 1) == 1);
        REQUIRE(reader.number("half", 2, 30, 5) == 2.5);
        REQUIRE(reader.integer("frac", 320, 7680, 1280) == 1280);
        REQUIRE(reader.integer("big", 0, 15, 0) == 0);
        REQUIRE(file.errors.errors ==
                std::vector<std::string>{
                    "t.lua:2: idle: expected an integer from 10 to 3600, got 5",
                    "t.lua:3: nan: expected a number from 0 to 10, got nan",
                    "t.lua:4: inf: expected a number from 0 to 1e+300, got inf",
                    "t.lua:5: ninf: expected a number from -1e+300 to 0, got -inf",
                    "t.lua:7: frac: expected an integer from 320 to 7680, got 1280.5",
                    "t.lua:8: big: expected an integer from 0 to 15, got 99999",
                });
    }
    SECTION("missing required keys use the enclosing table's line") {
        Loaded file("return {\n  venue = {\n    name = {\n      en = 'Museum' },\n  },\n}");
        DataReader reader = file.reader();
        reader.required_string("data_dir");
        std::optional<DataReader> venue = reader.required_table("venue");
        venue->bilingual("name", BilingualRule::EnRequired);
        venue->required_one_of("kind", {"county_museum", "mobile_exhibit"});
        reader.required_table("admin");
        REQUIRE(file.errors.errors == std::vector<std::string>{
                                          "t.lua:1: missing required key 'data_dir'",
                                          "t.lua:3: venue.name: missing required key 'zh'",
                                          "t.lua:2: venue: missing required key 'kind'",
                                          "t.lua:1: missing required key 'admin'",
                                      });
    }
    SECTION("empty required text") {
        Loaded file("return {\n  id = '',\n}");
        DataReader reader = file.reader();
        REQUIRE_FALSE(reader.required_string("id"));
        REQUIRE(file.errors.errors ==
                std::vector<std::string>{"t.lua:2: id: expected a non-empty string"});
    }
    SECTION("bad enum values, with a hint when close") {
        Loaded file("return {\n  corner = 'top_lfet',\n  language = 'fr',\n}");
        DataReader reader = file.reader();
        REQUIRE(reader.one_of("corner", {"top_left", "top_right", "bottom_left"}, "top_left") ==
                "top_left");
        REQUIRE_FALSE(reader.required_one_of("language", {"zh", "en"}));
        REQUIRE(file.errors.errors ==
                std::vector<std::string>{
                    "t.lua:2: corner: expected \"top_left\", \"top_right\" or \"bottom_left\", got "
                    "\"top_lfet\" "
                    "(did you mean \"top_left\"?)",
                    "t.lua:3: language: expected \"zh\" or \"en\", got \"fr\"",
                });
    }
    SECTION("text that is not UTF-8") {
        Loaded file("return {\n  name = 'caf\\xE9',\n  title = { zh = '\\xFF\\xFE' },\n  dirs = { "
                    "'ok', 'b\\xC0\\x80' },\n}");
        DataReader reader = file.reader();
        reader.string("name", "");
        reader.bilingual("title", BilingualRule::EnOptional);
        reader.string_list("dirs", 4);
        REQUIRE(
            file.errors.errors ==
            std::vector<std::string>{
                "t.lua:2: name: the text is not valid UTF-8 (save the file with UTF-8 encoding)",
                "t.lua:3: title.zh: the text is not valid UTF-8 (save the file with UTF-8 "
                "encoding)",
                "t.lua:4: dirs[2]: the text is not valid UTF-8 (save the file with UTF-8 encoding)",
            });
    }
    SECTION("a long or binary value is shown short") {
        Loaded file("return { mode = '" + std::string(100, 'x') + "' }");
        DataReader reader = file.reader();
        reader.one_of("mode", {"a", "b"}, "a");
        REQUIRE(file.errors.errors[0] ==
                "t.lua:1: mode: expected \"a\" or \"b\", got \"" + std::string(40, 'x') + "...\"");
    }
}

TEST_CASE("string lists", "[data_reader]") {
    SECTION("item errors name the item and its line") {
        Loaded file("return {\n  dirs = {\n    'a',\n    42,\n    name = 'c',\n  },\n}");
        DataReader reader = file.reader();
        REQUIRE(reader.string_list("dirs", 16) == std::vector<std::string>{"a"});
        REQUIRE(file.errors.errors == std::vector<std::string>{
                                          "t.lua:5: dirs.name: a list takes items without keys",
                                          "t.lua:4: dirs[2]: expected a string, got number",
                                      });
    }
    SECTION("gaps") {
        Loaded file("return {\n  dirs = { 'a', nil, 'c' },\n}");
        DataReader reader = file.reader();
        REQUIRE(reader.string_list("dirs", 16).empty());
        REQUIRE(
            file.errors.errors ==
            std::vector<std::string>{"t.lua:2: dirs: item 2 is missing (a list cannot have gaps)"});
    }
    SECTION("too many items") {
        Loaded file("return {\n  dirs = { 'a', 'b', 'c' },\n}");
        DataReader reader = file.reader();
        REQUIRE(reader.string_list("dirs", 2).empty());
        REQUIRE(file.errors.errors ==
                std::vector<std::string>{"t.lua:2: dirs: expected at most 2 items, got 3"});
    }
    SECTION("an empty list is fine") {
        Loaded file("return { dirs = {} }");
        DataReader reader = file.reader();
        REQUIRE(reader.string_list("dirs", 2).empty());
        REQUIRE(file.errors.ok());
    }
}

TEST_CASE("bilingual text", "[data_reader]") {
    SECTION("missing English is a warning when optional") {
        Loaded file("return {\n  title = {\n    zh = '单摆' },\n}");
        DataReader reader = file.reader();
        Bilingual title = reader.bilingual("title", BilingualRule::EnOptional);
        REQUIRE(file.errors.ok());
        REQUIRE(
            file.errors.warnings ==
            std::vector<std::string>{
                "t.lua:2: title: missing English text 'en' (the Chinese text is shown instead)"});
        REQUIRE(title.in(Language::En) == "单摆");
    }
    SECTION("missing English is an error when required") {
        Loaded file("return {\n  title = {\n    zh = '单摆' },\n}");
        DataReader reader = file.reader();
        reader.bilingual("title", BilingualRule::EnRequired);
        REQUIRE(file.errors.errors ==
                std::vector<std::string>{"t.lua:2: title: missing required key 'en'"});
    }
    SECTION("not a table, unknown languages") {
        Loaded file("return {\n  a = 'text',\n  b = { zh = '甲', en = 'A', fr = 'A' },\n}");
        DataReader reader = file.reader();
        reader.bilingual("a", BilingualRule::EnRequired);
        reader.bilingual("b", BilingualRule::EnRequired);
        reader.bilingual("c", BilingualRule::EnRequired);
        REQUIRE(file.errors.errors == std::vector<std::string>{
                                          "t.lua:2: a: expected a table like { zh = \"...\", en = "
                                          "\"...\" }, got string \"text\"",
                                          "t.lua:3: b: unknown key 'fr'",
                                          "t.lua:1: missing required key 'c'",
                                      });
    }
}

TEST_CASE("callers add their own errors and warnings", "[data_reader]") {
    Loaded file("return {\n  window = {\n    name = 'entrance 1',\n  },\n}");
    DataReader reader = file.reader();
    std::optional<DataReader> window = reader.table("window");
    window->error("name", "expected letters and digits");
    window->warning("", "this table is deprecated");
    reader.error("missing", "some rule");
    REQUIRE(window->line_of("name") == 3);
    REQUIRE(window->line_of("") == 2);
    REQUIRE(reader.file() == "t.lua");
    REQUIRE(file.errors.errors ==
            std::vector<std::string>{"t.lua:3: window.name: expected letters and digits",
                                     "t.lua:1: missing: some rule"});
    REQUIRE(file.errors.warnings ==
            std::vector<std::string>{"t.lua:2: window: this table is deprecated"});
}

TEST_CASE("without line information messages just drop the line", "[data_reader]") {
    Loaded file("local t = { a = 5 } return t");
    DataReader reader = file.reader();
    reader.string("a", "");
    REQUIRE(file.errors.errors ==
            std::vector<std::string>{"t.lua: a: expected a string, got number"});
}

TEST_CASE("UTF-8 validation", "[data_reader]") {
    REQUIRE(is_valid_utf8(""));
    REQUIRE(is_valid_utf8("plain ascii"));
    REQUIRE(is_valid_utf8("探索科学 🦕"));
    REQUIRE(is_valid_utf8("\xF4\x8F\xBF\xBF")); // U+10FFFF
    REQUIRE_FALSE(is_valid_utf8("\xC0\x80"));   // overlong
    REQUIRE_FALSE(is_valid_utf8("\xE0\x80\x80"));
    REQUIRE_FALSE(is_valid_utf8("\xED\xA0\x80"));     // surrogate
    REQUIRE_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // above U+10FFFF
    REQUIRE_FALSE(is_valid_utf8("\xE6\x8E"));         // truncated
    REQUIRE_FALSE(is_valid_utf8("\x80"));
    REQUIRE_FALSE(is_valid_utf8("\xFF"));
    REQUIRE_FALSE(is_valid_utf8("ok\xE6"));
}

TEST_CASE("edit distance", "[data_reader]") {
    REQUIRE(edit_distance("", "") == 0);
    REQUIRE(edit_distance("width", "width") == 0);
    REQUIRE(edit_distance("widht", "width") == 1); // a swap counts once
    REQUIRE(edit_distance("idel_timeout_s", "idle_timeout_s") == 1);
    REQUIRE(edit_distance("hight", "height") == 1);
    REQUIRE(edit_distance("abc", "") == 3);
    REQUIRE(edit_distance("kitten", "sitting") == 3);
}
