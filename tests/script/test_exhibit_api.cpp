// The exhibit API listed once (issue 16): engine/script/exhibit_api.lua names
// every kiosk function, callback and Lua name an exhibit can reach. These tests
// hold the C++ to that list: the file is well formed, a live exhibit reaches
// exactly the names it lists (so a binding added to api_*.cpp or a library
// opened in sandbox.cpp without an entry there fails), and the host knows
// exactly the callbacks it lists. .luacheckrc and the curators' guide are
// checked against the same file by scripts/exhibit-api.lua (ctest).
#include "core/data_reader.h"
#include "script_test_support.h"
#include "test_paths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace kiosk;
using kiosk::test::ScriptedExhibit;

namespace {

const std::string kApiFile = kiosk::test::source_dir() + "/engine/script/exhibit_api.lua";

// What exhibit_api.lua lists, as the walk below writes names: "kiosk",
// "kiosk.clear", "math.pi", "print".
struct ListedApi {
    std::set<std::string> reachable;
    std::vector<std::string> callbacks;
    std::set<std::string> absent;
};

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines)
        text += line + "\n";
    return text;
}

// A kiosk function or a callback: { name = ..., forms = { ... }, summary = { zh, en } },
// each form written as a call of `prefix` + name. Returns the name ("" when missing).
std::string read_documented_function(DataReader& entry, const std::string& prefix) {
    const std::string name = entry.required_string("name").value_or("");
    const std::vector<std::string> forms = entry.string_list("forms", 8);
    if (forms.empty()) entry.error("forms", "expected at least one way to write the call");
    for (const std::string& form : forms)
        if (form.rfind(prefix + name, 0) != 0 ||
            form.find_first_of("({", prefix.size() + name.size()) != prefix.size() + name.size())
            entry.error("forms", "'" + form + "' is not a call of " + prefix + name);
    entry.bilingual("summary", BilingualRule::EnRequired);
    entry.finish();
    return name;
}

ListedApi read_listed_api() {
    DataLoadResult loaded = load_lua_data_file(kApiFile);
    INFO(joined(loaded.errors));
    REQUIRE(loaded.ok());
    DataErrors errors;
    DataReader root(*loaded.root, kApiFile, "", errors);
    ListedApi api;
    api.reachable = {"kiosk", "exhibit"};
    // Adds `name` (read at `key` of `reader`) to the reachable names, once.
    const auto reachable = [&api](DataReader& reader, std::string_view key, std::string name) {
        if (!api.reachable.insert(name).second) reader.error(key, name + " is listed twice");
    };
    for (DataReader& function : root.table_list("kiosk", 200))
        reachable(function, "name", "kiosk." + read_documented_function(function, "kiosk."));
    for (DataReader& callback : root.table_list("callbacks", 32))
        api.callbacks.push_back(read_documented_function(callback, "exhibit."));
    for (const std::string& name : root.string_list("base", 64))
        reachable(root, "base", name);
    for (DataReader& library : root.table_list("libraries", 16)) {
        const std::string name = library.required_string("name").value_or("");
        reachable(library, "name", name);
        for (const std::string& field : library.string_list("fields", 64))
            reachable(library, "fields", name + "." + field);
        library.finish();
    }
    for (const std::string& name : root.string_list("unoffered", 16))
        reachable(root, "unoffered", name);
    for (const std::string& name : root.string_list("absent", 32))
        api.absent.insert(name);
    root.finish();
    INFO(joined(errors.errors));
    REQUIRE(errors.ok());
    return api;
}

// Every name a live exhibit can reach: each global, and each field of a table
// that a global holds (the libraries, kiosk, exhibit), as "global.field".
std::set<std::string> names_an_exhibit_reaches() {
    ScriptedExhibit walker(R"(
local names = {}
for key, value in pairs(_G) do
  names[#names + 1] = key
  if type(value) == "table" and value ~= _G then
    for field in pairs(value) do names[#names + 1] = key .. "." .. field end
  end
end
error("NAMES:" .. table.concat(names, " "), 0)
)");
    REQUIRE(walker.host->failed());
    const std::string message = walker.host->error().message;
    REQUIRE(message.rfind("NAMES:", 0) == 0);
    std::istringstream words(message.substr(6));
    return {std::istream_iterator<std::string>(words), std::istream_iterator<std::string>()};
}

// The names in `a` but not in `b`, space separated ("" when none).
std::string minus(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::vector<std::string> rest;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(rest));
    std::string text;
    for (const std::string& name : rest)
        text += (text.empty() ? "" : " ") + name;
    return text;
}

// The names in both, space separated ("" when none).
std::string common(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::set<std::string> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                          std::inserter(both, both.begin()));
    return minus(both, {});
}

} // namespace

TEST_CASE("exhibit_api.lua is well formed", "[exhibit_api]") {
    const ListedApi api = read_listed_api(); // fails with file:line messages
    CHECK(api.reachable.count("kiosk.clear") == 1);
    CHECK(api.reachable.count("math.pi") == 1);
    CHECK(api.absent.count("io") == 1);
    CHECK(common(api.reachable, api.absent) == "");
}

TEST_CASE("an exhibit reaches exactly the names exhibit_api.lua lists", "[exhibit_api]") {
    const ListedApi api = read_listed_api();
    const std::set<std::string> reached = names_an_exhibit_reaches();
    // Both directions by name: a new binding, library or global needs its entry.
    {
        INFO("an exhibit reaches these, but engine/script/exhibit_api.lua does not list them");
        CHECK(minus(reached, api.reachable) == "");
    }
    {
        INFO("engine/script/exhibit_api.lua lists these, but an exhibit cannot reach them");
        CHECK(minus(api.reachable, reached) == "");
    }
    {
        INFO("engine/script/exhibit_api.lua lists these as absent, but an exhibit reaches them");
        CHECK(common(reached, api.absent) == "");
    }
}

TEST_CASE("the host knows exactly the callbacks exhibit_api.lua lists", "[exhibit_api]") {
    const ListedApi api = read_listed_api();
    std::vector<std::string> known;
    for (const char* name : kExhibitCallbackNames) {
        INFO("an ExhibitCallback without a name in kExhibitCallbackNames (exhibit_host.h)");
        REQUIRE(name != nullptr);
        known.push_back(name);
    }
    INFO("kExhibitCallbackNames (exhibit_host.h): " << joined(known));
    INFO("callbacks in engine/script/exhibit_api.lua: " << joined(api.callbacks));
    CHECK(known == api.callbacks);
}
