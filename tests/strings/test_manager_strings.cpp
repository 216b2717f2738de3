// The managers' words (engine/core/manager-strings.lua, docs/glossary.md):
// every key the code looks up is in the file with zh and en and no key is
// unused; the Chinese uses the glossary's terms, none of the rejected words,
// and no English beyond the glossary's allowed tokens; and no Chinese literal
// is left in the managers' C++ (engine/stats, dashboard, hub, kioskctl, report).
#include "core/manager_text.h"
#include "core/random_id.h"
#include "source_scan.h"
#include "stats/stats_report.h"
#include "stats_fixture.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

const fs::path kSource = kiosk::test::source_dir();
const char* const kManagerFolders[] = {"engine/stats", "engine/dashboard", "engine/hub",
                                       "engine/kioskctl", "engine/report"};
// Managers' code in core: the lookup itself, with manager_time's zone word.
const char* const kManagerFiles[] = {"engine/core/manager_text.cpp", "engine/core/findings.cpp"};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The .cpp and .h files of the managers' code, as paths relative to the repo.
std::vector<fs::path> manager_sources() {
    std::vector<fs::path> files;
    for (const char* folder : kManagerFolders)
        for (const auto& entry : fs::directory_iterator(kSource / folder))
            if (entry.path().extension() == ".cpp" || entry.path().extension() == ".h")
                files.push_back(fs::relative(entry.path(), kSource));
    for (const char* file : kManagerFiles)
        files.emplace_back(file);
    std::sort(files.begin(), files.end());
    return files;
}

struct KeyUses {
    std::map<std::string, std::string> keys;     // key -> first "file:line" using it
    std::map<std::string, std::string> prefixes; // "report_" + key lookups
    std::vector<std::string> dynamic;            // "file:line: ..." lookups of a computed key
};

// Every manager_text("key", ...) and text_of("key", ...) in `text` (one file).
void find_key_uses(const std::string& file, const std::string& text, KeyUses& uses) {
    const test::ScannedSource scanned = test::scan_source(text);
    std::map<size_t, const test::SourceLiteral*> literal_at;
    for (const test::SourceLiteral& literal : scanned.literals)
        literal_at[literal.offset] = &literal;
    static const std::regex kCall(R"(\b(manager_text|text_of)\(\s*)");
    for (std::sregex_iterator it(scanned.code.begin(), scanned.code.end(), kCall), end; it != end;
         ++it) {
        const size_t argument = size_t(it->position() + it->length());
        const std::string where = file + ":" + std::to_string(test::line_at(text, argument));
        const auto literal = literal_at.find(argument);
        if (literal != literal_at.end()) {
            size_t after = argument + literal->second->text.size() + 2;
            while (after < scanned.code.size() && std::isspace(uint8_t(scanned.code[after])))
                ++after;
            if (after < scanned.code.size() && scanned.code[after] == '+')
                uses.prefixes.emplace(literal->second->text, where);
            else
                uses.keys.emplace(literal->second->text, where);
            continue;
        }
        // A computed key is allowed only where a helper forwards its `key`
        // parameter (or in the helper's own declaration).
        static const std::regex kForward(R"(^(key\b|std::|const\b))");
        if (!std::regex_search(scanned.code.substr(argument, 16), kForward))
            uses.dynamic.push_back(where + ": " + scanned.code.substr(argument, 40));
    }
}

// The stats reports' keys: each table, column, "about" field and data-quality
// check is looked up as "report_" + its key; build every report to list them.
std::set<std::string> stats_report_keys() {
    const fs::path folder = fs::temp_directory_path() / ("kiosk-strings-test-" + make_random_id());
    fs::create_directories(folder);
    const std::string db_path = (folder / "kiosk.db").string();
    REQUIRE(test::make_stats_fixture(db_path).empty());
    std::set<std::string> keys{"about", "empty"};
    {
        std::string error;
        auto db = telemetry::ReadOnlyKioskDb::open(db_path, error);
        REQUIRE(db);
        stats::DayRange range;
        REQUIRE(stats::resolve_day_range(*db, "", "", range, error));
        for (const bool full : {true, false}) {
            const auto set = stats::build_stats_reports(*db, {range, Language::Zh, full, 0}, error);
            REQUIRE(set);
            for (const stats::ReportField& field : set->about)
                keys.insert(field.key);
            for (const stats::ReportTable& table : set->tables) {
                keys.insert(table.key);
                for (const stats::ReportColumn& column : table.columns)
                    if (column.key != "chart") keys.insert(column.key); // no header
                if (table.key == "data_quality" && full)
                    for (const auto& row : table.rows)
                        keys.insert(row.at(0).display()); // the check's key
            }
        }
    }
    fs::remove_all(folder);
    return keys;
}

// A table of docs/glossary.md: the rows (cells trimmed) under the heading
// that starts with `heading`, without its header and separator rows.
std::vector<std::vector<std::string>> glossary_table(const std::string& heading) {
    std::istringstream in(read_file(kSource / "docs/glossary.md"));
    std::vector<std::vector<std::string>> rows;
    bool inside = false, header = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("## ", 0) == 0) {
            inside = line.rfind("## " + heading, 0) == 0;
            header = inside;
            continue;
        }
        if (!inside || line.empty() || line[0] != '|') continue;
        std::vector<std::string> cells;
        std::istringstream row(line.substr(1));
        for (std::string cell; std::getline(row, cell, '|');) {
            const size_t first = cell.find_first_not_of(' '), last = cell.find_last_not_of(' ');
            cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
        }
        if (header) {
            header = false; // the column names
            continue;
        }
        if (!cells.empty() && cells[0].rfind("---", 0) == 0) continue;
        rows.push_back(cells);
    }
    return rows;
}

struct GlossaryTerm {
    std::string headword; // "人次" of "人次（访客人次）"
    std::vector<std::string> rejected;
};

std::vector<GlossaryTerm> glossary_terms() {
    std::vector<GlossaryTerm> terms;
    for (const auto& row : glossary_table("术语")) {
        REQUIRE(row.size() == 4);
        GlossaryTerm term;
        term.headword = row[0].substr(0, row[0].find("（"));
        std::string rejected = row[3] + "、";
        for (size_t at = 0, next; (next = rejected.find("、", at)) != std::string::npos;
             at = next + std::string("、").size()) {
            const std::string word = rejected.substr(at, next - at);
            if (!word.empty() && word != "—") term.rejected.push_back(word);
        }
        terms.push_back(term);
    }
    return terms;
}

std::vector<std::string> allowed_ascii_tokens() {
    std::vector<std::string> tokens;
    for (const auto& row : glossary_table("中文里允许的英文"))
        tokens.push_back(row.at(0));
    // Longest first, so "kioskctl sync export" goes before any shorter token.
    std::sort(tokens.begin(), tokens.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return tokens;
}

// The ASCII words of `zh` that are not placeholders or allowed tokens.
std::vector<std::string> english_words(std::string zh, const std::vector<std::string>& allowed) {
    zh = std::regex_replace(zh, std::regex(R"(\{[a-z_]+\})"), " ");
    for (const std::string& token : allowed)
        for (size_t at = zh.find(token); at != std::string::npos; at = zh.find(token, at))
            zh.replace(at, token.size(), " ");
    std::vector<std::string> words;
    static const std::regex kWord("[A-Za-z]+");
    for (std::sregex_iterator it(zh.begin(), zh.end(), kWord), end; it != end; ++it)
        words.push_back(it->str());
    return words;
}

} // namespace

TEST_CASE("Every key the managers' code uses is in manager-strings.lua, and no other",
          "[manager_strings]") {
    KeyUses uses;
    for (const fs::path& file : manager_sources())
        find_key_uses(file.string(), read_file(kSource / file), uses);
    CAPTURE(uses.dynamic);
    CHECK(uses.dynamic.empty()); // a computed key the scan cannot check
    REQUIRE(uses.keys.size() > 100);
    for (const auto& [prefix, where] : uses.prefixes) {
        INFO(where << ": a lookup of \"" << prefix << "\" + a computed key");
        CHECK(prefix == "report_"); // the only computed keys this test can list
    }
    for (const std::string& key : stats_report_keys())
        uses.keys.emplace("report_" + key, "engine/stats/stats_report.cpp (a report's key)");

    const StringsTable& table = manager_strings();
    for (const auto& [key, where] : uses.keys) {
        INFO(where << ": key " << key);
        const Bilingual* text = table.find(key);
        REQUIRE(text != nullptr);
        CHECK_FALSE(text->zh.empty());
        CHECK_FALSE(text->en.empty());
    }
    std::vector<std::string> unused;
    for (const std::string& text : table.keys())
        if (!uses.keys.count(text)) unused.push_back(text);
    CAPTURE(unused);
    CHECK(unused.empty());
}

TEST_CASE("The managers' Chinese uses the glossary's terms, none of the rejected words",
          "[manager_strings][glossary]") {
    const std::vector<GlossaryTerm> terms = glossary_terms();
    REQUIRE(terms.size() >= 10);
    const StringsTable& table = manager_strings();
    for (const GlossaryTerm& term : terms) {
        bool used = false;
        for (const std::string& key : table.keys()) {
            const std::string& zh = table.find(key)->zh;
            used = used || zh.find(term.headword) != std::string::npos;
            for (const std::string& rejected : term.rejected) {
                INFO(key << " = \"" << zh << "\": say " << term.headword << ", not " << rejected);
                CHECK(zh.find(rejected) == std::string::npos);
            }
        }
        INFO("the glossary's " << term.headword << " is in no managers' string");
        CHECK(used);
    }
}

TEST_CASE("No untranslated English in the managers' Chinese", "[manager_strings][glossary]") {
    const std::vector<std::string> allowed = allowed_ascii_tokens();
    REQUIRE(std::count(allowed.begin(), allowed.end(), "CSV") == 1);
    const StringsTable& table = manager_strings();
    for (const std::string& key : table.keys()) {
        const std::string& zh = table.find(key)->zh;
        INFO(key << " = \"" << zh << "\"");
        CHECK(english_words(zh, allowed).empty());
    }
    CHECK(english_words("导入失败：not a sync bundle: kiosk: missing", allowed) ==
          std::vector<std::string>{"not", "a", "sync", "bundle", "kiosk", "missing"});
    CHECK(english_words("数据纪元 epoch", allowed) == std::vector<std::string>{"epoch"});
    CHECK(english_words("{n} 个数据纪元（epoch），CSV", allowed).empty());
}

TEST_CASE("No Chinese literal in the managers' C++: the words come from the strings file",
          "[manager_strings]") {
    std::vector<std::string> found;
    for (const fs::path& file : manager_sources()) {
        const test::ScannedSource scanned = test::scan_source(read_file(kSource / file));
        for (const test::SourceLiteral& literal : scanned.literals)
            if (test::has_chinese(literal.text))
                found.push_back(file.string() + ":" + std::to_string(literal.line) + ": \"" +
                                literal.text + "\"");
    }
    CAPTURE(found);
    CHECK(found.empty());
}

TEST_CASE("The source scanner finds literals, skips comments, keeps lines", "[manager_strings]") {
    const test::ScannedSource scanned =
        test::scan_source("// \"注释\"\nint a = 86'400'000; /* \"也是\n注释\" */ f(\"一\", 'x');\n"
                          "g(R\"x(二\")x\", u8\"三\");\n");
    REQUIRE(scanned.literals.size() == 3);
    CHECK(scanned.literals[0].text == "一");
    CHECK(scanned.literals[0].line == 3);
    CHECK(scanned.literals[1].text == "二\"");
    CHECK(scanned.literals[1].line == 4);
    CHECK(scanned.literals[2].text == "三");
    CHECK(scanned.code.find("注释") == std::string::npos);
    CHECK(test::has_chinese("答题"));
    CHECK(test::has_chinese("（"));
    CHECK_FALSE(test::has_chinese("plain ASCII, é"));
}
