// Every ```lua block of the curators' guide (exhibits/README.md, Chinese) and
// its English twin (README.en.md) runs: complete examples are written to a
// folder with a generated thumbnail, validated with `kioskctl validate`,
// checked with luacheck and previewed headless; fragments run inside a harness
// exhibit, where their "<!-- run: ... -->" line says (guide_blocks.h); a kiosk
// config fragment replaces that field of the sample config, which must still
// load. A block without a run line fails, so no block escapes. Every failure
// names the guide, the line and the error.
#include "../app/app_test_support.h"
#include "exhibit_checks.h"
#include "guide_blocks.h"

#include "core/kiosk_config.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>

using namespace kiosk::test;

namespace {

const char* const kGuides[] = {"exhibits/README.md", "exhibits/README.en.md"};

std::string where(const GuideBlock& block) {
    return block.guide + ":" + std::to_string(block.first_line);
}

// The harness's "main.lua:N:" lines that fall in the fragment, told as guide
// lines: the fragment's first line is line `first` of main.lua.
std::string as_guide_lines(const std::string& text, const GuideBlock& block, int first) {
    static const std::regex place(R"(main\.lua:(\d+):)");
    std::string out;
    auto last = text.cbegin();
    for (std::sregex_iterator it(text.begin(), text.end(), place), end; it != end; ++it) {
        out.append(last, (*it)[0].first);
        const int line = std::stoi((*it)[1].str());
        out += line >= first
                   ? block.guide + ":" + std::to_string(block.first_line + line - first) + ":"
                   : (*it)[0].str();
        last = (*it)[0].second;
    }
    out.append(last, text.cend());
    return out;
}

// A fragment `block` inside a harness exhibit: "main", "load", "update" or
// "draw", optionally followed by "with LUA".
std::string fragment_problems(const GuideBlock& block, const std::string& place,
                              const std::string& with) {
    const std::string id = "guide-fragment";
    TempFolder folder;
    std::string main_lua =
        "-- " + where(block) + " (a fragment of the guide, run in " + place + ")\n" + with + "\n";
    int first = 3; // main.lua's line of the fragment's first line
    if (place != "main") {
        main_lua += "function exhibit." + place + "(" + (place == "update" ? "dt" : "") + ")\n";
        ++first;
    }
    main_lua += block.code;
    if (place != "main") main_lua += "end\n";
    write_test_exhibit(folder, id, main_lua);
    // The files the guide's fragments name, in every harness: sheet.png and
    // ding.wav (tests/exhibits/harness-files), the narration example's recordings.
    for (const char* files : {"tests/exhibits/harness-files", "exhibits/examples/narration"})
        for (const auto& file : std::filesystem::directory_iterator(source_path(files))) {
            const std::string name = file.path().filename().string();
            if (name == "main.lua" || name == "manifest.lua" ||
                name.ends_with(".png") && files[0] == 'e')
                continue;
            std::filesystem::copy_file(file.path(), folder.file(id + "/" + name));
        }
    const std::string problems =
        preview_problems(folder.file(id), folder.file("data"), "--frames 30");
    return problems.empty() ? "" : as_guide_lines(problems, block, first);
}

// A kiosk config fragment `key = ...`: the sample config with that field replaced
// must still load.
std::string config_problems(const GuideBlock& block) {
    std::smatch key;
    if (!std::regex_search(block.code, key, std::regex(R"(^\s*([a-z_]+)\s*=)")))
        return "a config fragment must start with `key =`";
    const std::string sample = read_text(source_path("kiosk-config/county-museum.lua"));
    // The sample's field: from "  key = {" to the first line "  }," after it.
    std::smatch field;
    if (!std::regex_search(sample, field,
                           std::regex("\n  " + key[1].str() + R"( = \{[\s\S]*?\n  \},?\n)")))
        return "kiosk-config/county-museum.lua has no field '" + key[1].str() + "' to replace";
    // Loading checks the values, not whether the sample's folders exist here.
    TempFolder folder;
    const std::string path =
        folder.write("kiosk.lua", field.prefix().str() + "\n" + block.code + field.suffix().str());
    const kiosk::ConfigLoadResult config = kiosk::load_kiosk_config(path);
    std::string problems;
    for (const std::string& error : config.errors)
        problems += error + "\n";
    return config.ok() ? "" : problems;
}

struct CompleteExample {
    const GuideBlock* main = nullptr;
    const GuideBlock* manifest = nullptr;
};

std::string example_problems(const std::string& name, const CompleteExample& example) {
    TempFolder parent;
    const std::string folder = parent.file(name);
    std::filesystem::create_directories(folder);
    write_text(folder + "/manifest.lua", example.manifest->code);
    // A manifest shown alone gets the smallest program that draws.
    write_text(folder + "/main.lua", example.main ? example.main->code
                                                  : "function exhibit.draw()\n"
                                                    "  kiosk.clear(\"#10263F\")\nend\n");
    write_thumbnail(folder + "/thumbnail.png");
    std::string problems;
    for (const std::string& found : {validate_problems(folder), luacheck_problems(folder),
                                     preview_problems(folder, parent.file("data"), "--frames 60")})
        problems += found;
    return problems;
}

// The problems of one guide's blocks, each "GUIDE:LINE: problem".
std::vector<std::string> guide_problems(const std::vector<GuideBlock>& blocks) {
    std::vector<std::string> problems;
    std::map<std::string, CompleteExample> examples;
    static const std::regex example(R"(example ([a-z0-9-]+) (main|manifest))");
    static const std::regex fragment(R"((main|load|update|draw)( with (.*))?)");
    for (const GuideBlock& block : blocks) {
        std::smatch match;
        std::string found;
        if (block.run.empty()) {
            found = "a ```lua block without a \"<!-- run: ... -->\" line before it "
                    "(tests/exhibits/guide_blocks.h says which)";
        } else if (std::regex_match(block.run, match, example)) {
            CompleteExample& parts = examples[match[1].str()];
            (match[2] == "main" ? parts.main : parts.manifest) = &block;
        } else if (std::regex_match(block.run, match, fragment)) {
            found = fragment_problems(block, match[1].str(), match[3].str());
        } else if (block.run == "config") {
            found = config_problems(block);
        } else {
            found = "unknown run line \"" + block.run + "\" (tests/exhibits/guide_blocks.h)";
        }
        if (!found.empty()) problems.push_back(where(block) + ": " + found);
    }
    for (const auto& [name, parts] : examples) {
        if (!parts.manifest) {
            problems.push_back(where(*parts.main) + ": example " + name + " has no manifest block");
            continue;
        }
        if (std::string found = example_problems(name, parts); !found.empty())
            problems.push_back(where(parts.main ? *parts.main : *parts.manifest) + ": example " +
                               name + ": " + found);
    }
    return problems;
}

GuideBlock block_at(const std::string& run, const std::string& code) {
    GuideBlock block;
    block.guide = "test-guide.md";
    block.first_line = 40;
    block.run = run;
    block.code = code;
    return block;
}

} // namespace

TEST_CASE("every lua block of the curators' guides runs", "[guide]") {
    for (const char* guide : kGuides) {
        std::string error;
        const std::vector<GuideBlock> blocks = read_lua_blocks(guide, error);
        INFO(guide);
        CHECK(error.empty());
        CHECK(blocks.size() >= 7); // the guide as written for issue 19; more come, none go
        for (const std::string& problem : guide_problems(blocks))
            FAIL_CHECK(problem);
    }
}

TEST_CASE("the two guides are twins: the same blocks, run the same way", "[guide]") {
    std::string error;
    const std::vector<GuideBlock> zh = read_lua_blocks(kGuides[0], error);
    const std::vector<GuideBlock> en = read_lua_blocks(kGuides[1], error);
    REQUIRE(zh.size() == en.size());
    for (size_t i = 0; i < zh.size(); ++i) {
        INFO(where(zh[i]) + " and " + where(en[i]));
        CHECK(zh[i].run == en[i].run);
    }
}

TEST_CASE("a guide block that is not annotated or does not run fails, naming its line", "[guide]") {
    SECTION("no run line") {
        const auto problems = guide_problems({block_at("", "kiosk.clear(\"#000000\")\n")});
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("test-guide.md:40: a ```lua block without") == 0);
    }
    SECTION("an unknown place") {
        const auto problems = guide_problems({block_at("touch", "local x = 1\n")});
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("unknown run line") != std::string::npos);
    }
    SECTION("a typo in a draw fragment, on its second line") {
        const auto problems = guide_problems(
            {block_at("draw with local r = 5",
                      "kiosk.clear(\"#000000\")\nkiosk.circel(\"fill\", 1, 1, r)\n")});
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("test-guide.md:41:") != std::string::npos);
        CHECK(problems[0].find("circel") != std::string::npos);
    }
    SECTION("a name the fragment needs but is not given") {
        const auto problems = guide_problems({block_at("load", "speed = speed + 1\n")});
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("test-guide.md:40:") != std::string::npos);
    }
    SECTION("a complete example whose manifest validate refuses") {
        const auto problems =
            guide_problems({block_at("example bubbles main", "function exhibit.draw() end\n"),
                            block_at("example bubbles manifest",
                                     "return { id = \"bubbles\", version = \"1.0.0\",\n"
                                     "  title = { zh = \"泡泡\", en = \"Bubbles\" },\n"
                                     "  summary = { zh = \"泡泡\", en = \"Bubbles\" }, thumbnail = "
                                     "\"thumbnail.png\" }\n")});
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("example bubbles") != std::string::npos);
        CHECK(problems[0].find("kind") != std::string::npos);
    }
    SECTION("a config fragment out of range") {
        const auto problems = guide_problems(
            {block_at("config", "exhibit_limits = { memory_mb = 5000, time_budget_ms = 50 },\n")});
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("memory_mb") != std::string::npos);
    }
}
