// Tests for strings_table.h: content/strings.lua has every key the runtime
// uses, in both languages, and the loader reports missing text precisely.
#include "core/data_reader.h"
#include "core/strings_table.h"
#include "temp_folder.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace kiosk;

namespace {

const std::string kStringsFile = kiosk::test::source_dir() + "/content/strings.lua";

const std::vector<std::string> kRuntimeKeys = {
    "home_title",
    "home_subtitle",
    "language_toggle_to_en",
    "language_toggle_to_zh",
    "attract_title",
    "attract_hint",
    "exhibit_resting_title",
    "exhibit_resting_body",
    "dev_error_title",
    "badge_not_reviewed",
    "dev_error_hint",
    "back_home",
    "admin_title",
    "admin_enter_pin",
    "admin_wrong_pin",
    "admin_locked",
    "admin_cancel",
    "admin_exit",
    "admin_close",
    "admin_version",
    "admin_config_file",
    "admin_data_dir",
    "admin_content",
    "kind_exhibit",
    "no_exhibits",
    "admin_delete",
    "admin_ok",
};

} // namespace

TEST_CASE("content/strings.lua has every runtime string in both languages", "[strings_table]") {
    StringsLoadResult result = load_strings_table(kStringsFile, kRuntimeKeys);
    INFO((result.errors.empty() ? std::string() : result.errors[0]));
    REQUIRE(result.ok());
    REQUIRE(result.warnings.empty());
    const StringsTable& table = *result.table;
    REQUIRE(table.size() >= kRuntimeKeys.size()); // the app's screens add their own keys
    for (const std::string& key : kRuntimeKeys) {
        INFO(key);
        const Bilingual* text = table.find(key);
        REQUIRE(text != nullptr);
        REQUIRE_FALSE(text->zh.empty());
        REQUIRE_FALSE(text->en.empty());
        REQUIRE(is_valid_utf8(text->zh));
    }
    REQUIRE(table.get("home_title", Language::Zh) == "探索科学");
    REQUIRE(table.get("home_title", Language::En) == "Explore Science");
    REQUIRE(table.get("language_toggle_to_zh", Language::En) == "中文");
    REQUIRE(table.get("back_home", Language::En) == "Home");

    std::vector<std::string> all = table.all_text();
    REQUIRE(all.size() == 2 * table.size());
    REQUIRE(std::find(all.begin(), all.end(), "尝试次数过多，请稍后再试") != all.end());
    REQUIRE(std::find(all.begin(), all.end(), "Touch the screen to start") != all.end());
}

TEST_CASE("strings table errors", "[strings_table]") {
    test::TempFolder folder;
    SECTION("missing English, missing entries, wrong shapes") {
        std::string path =
            folder.write("strings.lua", "return {\n"
                                        "  home_title = { zh = '探索科学' },\n"
                                        "  back_home = '返回',\n"
                                        "  extra = { zh = '额外', en = 'Extra', de = 'x' },\n"
                                        "  'stray',\n"
                                        "}\n");
        StringsLoadResult result =
            load_strings_table(path, {"home_title", "back_home", "admin_title"});
        REQUIRE_FALSE(result.ok());
        REQUIRE(result.errors ==
                std::vector<std::string>{
                    path + ":2: home_title: missing required key 'en'",
                    path + ":3: back_home: expected a table like { zh = \"...\", en = \"...\" }, "
                           "got string \"返回\"",
                    path + ":4: extra: unknown key 'de'",
                    path + ":1: missing required string 'admin_title'",
                    path + ":5: unexpected list item [1] (this table takes named keys)",
                });
    }
    SECTION("extra keys are fine and unknown keys show as '?'") {
        std::string path = folder.write("strings.lua", "return { a = { zh = '甲', en = 'A' } }\n");
        StringsLoadResult result = load_strings_table(path, {});
        REQUIRE(result.ok());
        REQUIRE(result.table->get("a", Language::En) == "A");
        REQUIRE(result.table->get("b", Language::Zh) == "?");
        REQUIRE(result.table->find("b") == nullptr);
    }
    SECTION("missing file") {
        StringsLoadResult result = load_strings_table(folder.file("none.lua"), {"a"});
        REQUIRE(result.errors.size() == 1);
        REQUIRE(
            result.errors[0].ends_with("none.lua: cannot open file: No such file or directory"));
    }
}

TEST_CASE("bilingual basics", "[strings_table]") {
    Bilingual text{"中文", ""};
    REQUIRE(text.in(Language::En) == "中文"); // falls back to Chinese
    text.en = "Chinese";
    REQUIRE(text.in(Language::En) == "Chinese");
    REQUIRE(std::string(language_code(Language::Zh)) == "zh");
    REQUIRE(std::string(language_code(Language::En)) == "en");
    REQUIRE(parse_language("en") == Language::En);
    REQUIRE(parse_language("zh") == Language::Zh);
    REQUIRE_FALSE(parse_language("ZH"));
    REQUIRE_FALSE(parse_language(""));
}
