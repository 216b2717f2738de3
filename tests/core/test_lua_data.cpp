// Tests for lua_data.h loading: the value tree, the sandbox (no libraries,
// empty _ENV, memory and instruction caps, no bytecode) and every way a data
// file can fail, with the exact message a curator would read.
#include "core/lua_data.h"
#include "temp_folder.h"

#include <catch2/catch.hpp>
#include <lua.hpp>

#include <string>

using namespace kiosk;

namespace {

DataLoadResult load(std::string_view text) {
    return load_lua_data_string(text, "test.lua");
}

std::string only_error(const DataLoadResult& result) {
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.errors.size() == 1);
    return result.errors[0];
}

int write_to_string(lua_State*, const void* bytes, size_t size, void* out) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(bytes), size);
    return 0;
}

std::string compile_to_bytecode(const char* source) {
    lua_State* L = luaL_newstate();
    REQUIRE(luaL_loadstring(L, source) == LUA_OK);
    std::string bytecode;
    lua_dump(L, write_to_string, &bytecode, 0);
    lua_close(L);
    return bytecode;
}

} // namespace

TEST_CASE("a data file becomes a value tree", "[lua_data]") {
    DataLoadResult result = load(R"(
local w = 640
return {
  name = "青山",
  width = w * 2,
  ratio = 1.5,
  whole_float = 3.0,
  big = 9007199254740993,
  on = true,
  off = false,
  list = { "a", "b", "c" },
  nested = { inner = { x = 1 } },
}
)");
    REQUIRE(result.ok());
    REQUIRE(result.errors.empty());
    const DataValue& root = *result.root;
    REQUIRE(root.kind == DataKind::Table);
    REQUIRE(root.fields.size() == 9);

    REQUIRE(root.find("name")->value.kind == DataKind::String);
    REQUIRE(root.find("name")->value.string == "青山");

    const DataValue& width = root.find("width")->value;
    REQUIRE(width.kind == DataKind::Number);
    REQUIRE(width.is_integer);
    REQUIRE(width.integer == 1280);
    REQUIRE(width.number == 1280.0);

    REQUIRE_FALSE(root.find("ratio")->value.is_integer);
    REQUIRE(root.find("ratio")->value.number == 1.5);
    REQUIRE_FALSE(root.find("whole_float")->value.is_integer);
    REQUIRE(root.find("big")->value.integer == 9007199254740993LL); // exact beyond 2^53

    REQUIRE(root.find("on")->value.kind == DataKind::Boolean);
    REQUIRE(root.find("on")->value.boolean);
    REQUIRE_FALSE(root.find("off")->value.boolean);

    const DataValue& list = root.find("list")->value;
    REQUIRE(list.fields.size() == 3);
    REQUIRE(list.fields[0].key == DataKey::at(1));
    REQUIRE(list.fields[2].value.string == "c");
    REQUIRE(list.find(int64_t{2})->value.string == "b");

    REQUIRE(root.find("nested")->value.find("inner")->value.find("x")->value.integer == 1);
    REQUIRE(root.find("missing") == nullptr);

    SECTION("fields keep source order") {
        REQUIRE(root.fields[0].key.name == "name");
        REQUIRE(root.fields[1].key.name == "width");
        REQUIRE(root.fields[8].key.name == "nested");
    }
}

TEST_CASE("key paths read like Lua", "[lua_data]") {
    REQUIRE(data_key_path("", DataKey::named("window")) == "window");
    REQUIRE(data_key_path("window", DataKey::named("width")) == "window.width");
    REQUIRE(data_key_path("exhibit_dirs", DataKey::at(2)) == "exhibit_dirs[2]");
    REQUIRE(data_key_path("", DataKey::at(1)) == "[1]");
    REQUIRE(data_key_path("labels", DataKey::named("two words")) == "labels[\"two words\"]");
    REQUIRE(data_key_path("", DataKey::named("1")) == "[\"1\"]");
}

TEST_CASE("the sandbox has no libraries and an empty environment", "[lua_data]") {
    SECTION("globals are absent") {
        DataLoadResult result =
            load("return { has_next = (next ~= nil), has_string = (string ~= nil) }");
        REQUIRE(result.ok());
        REQUIRE_FALSE(result.root->find("has_next")->value.boolean);
        REQUIRE_FALSE(result.root->find("has_string")->value.boolean);
    }
    SECTION("calling a library function is a runtime error with a hint") {
        REQUIRE(only_error(load("return { x = print('hi') }")) ==
                "test.lua:1: attempt to call a nil value (global 'print') "
                "(data files run without Lua's libraries or globals)");
    }
    SECTION("strings have no methods") {
        REQUIRE(only_error(load("return { s = ('x'):rep(3) }"))
                    .starts_with("test.lua:1: attempt to index"));
    }
    SECTION("assigning globals touches only the empty _ENV") {
        REQUIRE(load("x = 1 return { y = x }").root->find("y")->value.integer == 1);
        REQUIRE(load("return { y = x }").root->fields.empty());
    }
}

TEST_CASE("values that are not data are refused with their key path", "[lua_data]") {
    SECTION("function") {
        REQUIRE(only_error(load("return {\n  window = {\n    width = function() end,\n  },\n}")) ==
                "test.lua:3: window.width: functions are not allowed in data files");
    }
    SECTION("function as a list item") {
        REQUIRE(only_error(load("return {\n  dirs = { 'a',\n    function() end } }")) ==
                "test.lua:3: dirs[2]: functions are not allowed in data files");
    }
    SECTION("coroutine cannot even be made without libraries") {
        REQUIRE(only_error(load("return { co = coroutine.create(function() end) }"))
                    .starts_with("test.lua:1: attempt to index a nil value"));
    }
    SECTION("every bad value is listed, in line order") {
        DataLoadResult result =
            load("return {\n a = function() end,\n b = 1,\n c = function() end,\n}");
        REQUIRE(result.errors.size() == 2);
        REQUIRE(result.errors[0] == "test.lua:2: a: functions are not allowed in data files");
        REQUIRE(result.errors[1] == "test.lua:4: c: functions are not allowed in data files");
    }
    SECTION("boolean key") {
        REQUIRE(only_error(load("return { [true] = 1 }")) ==
                "test.lua:1: keys must be names or whole numbers, found a boolean as a key");
    }
    SECTION("fractional key") {
        REQUIRE(only_error(load("return {\n  t = { [1.5] = 1 } }")) ==
                "test.lua:2: t: keys must be names or whole numbers, found a fractional number as "
                "a key");
    }
    SECTION("integral float key becomes an integer") {
        REQUIRE(load("return { [2.0] = 'x' }").root->find(int64_t{2}) != nullptr);
    }
    SECTION("cycle") {
        REQUIRE(only_error(load("local t = {} t.self = t return t")) ==
                "test.lua: self: this table contains itself; data must be a tree");
    }
    SECTION("shared (not cyclic) tables are fine") {
        DataLoadResult result = load("local s = { 1 } return { a = s, b = s }");
        REQUIRE(result.ok());
        REQUIRE(result.root->find("b")->value.fields.size() == 1);
    }
    SECTION("nesting deeper than the cap") {
        std::string text = "return " + std::string(40, '{') + std::string(40, '}');
        REQUIRE(only_error(load(text)).find("tables are nested too deeply (more than 32 levels)") !=
                std::string::npos);
        std::string ok_text = "return " + std::string(32, '{') + std::string(32, '}');
        REQUIRE(load(ok_text).ok());
    }
}

TEST_CASE("the file must return exactly one table", "[lua_data]") {
    REQUIRE(only_error(load("return 5")) ==
            "test.lua: expected the file to return a table, got number");
    REQUIRE(only_error(load("return 'x'")) ==
            "test.lua: expected the file to return a table, got string");
    REQUIRE(only_error(load("")) == "test.lua: expected the file to return a table, got nothing");
    REQUIRE(only_error(load("local x = {}")) ==
            "test.lua: expected the file to return a table, got nothing");
    REQUIRE(only_error(load("return nil")) ==
            "test.lua: expected the file to return a table, got nil");
    REQUIRE(only_error(load("return {}, {}")) ==
            "test.lua: expected the file to return one table, got 2 values");
}

TEST_CASE("syntax and runtime errors keep Lua's file:line message", "[lua_data]") {
    SECTION("syntax error") {
        REQUIRE(only_error(load("return {\n  a = 1,\n  b = = 2,\n}")) ==
                "test.lua:3: unexpected symbol near '='");
    }
    SECTION("missing comma") {
        REQUIRE(only_error(load("return {\n  a = 1\n  b = 2\n}")) ==
                "test.lua:3: '}' expected (to close '{' at line 1) near 'b'");
    }
    SECTION("truncated file") {
        REQUIRE(only_error(load("return {\n  a = 1\n")) ==
                "test.lua:3: '}' expected (to close '{' at line 1) near <eof>");
    }
    SECTION("runtime error") {
        REQUIRE(only_error(load("return {\n  x = nil + 1,\n}")) ==
                "test.lua:2: attempt to perform arithmetic on a nil value");
    }
    SECTION("long chunk names are not shortened") {
        std::string name =
            "/some/very/long/folder/name/that/goes/on/and/on/kiosk-config/county-museum.lua";
        DataLoadResult result = load_lua_data_string("return {\n  = 1 }", name);
        REQUIRE(only_error(result) == name + ":2: unexpected symbol near '='");
    }
}

TEST_CASE("compiled bytecode is refused", "[lua_data]") {
    std::string bytecode = compile_to_bytecode("return { a = 1 }");
    REQUIRE(bytecode.starts_with(LUA_SIGNATURE));
    REQUIRE(only_error(load(bytecode)) ==
            "test.lua: this is compiled Lua bytecode; data files must be Lua source text");
}

TEST_CASE("the instruction cap stops endless loops", "[lua_data]") {
    REQUIRE(only_error(load("while true do end")) ==
            "test.lua:1: took too long (more than 1000000 instructions)");
    SECTION("a custom cap") {
        DataLimits limits;
        limits.instructions = 5000;
        DataLoadResult result = load_lua_data_string(
            "local n = 0\nfor i = 1, 100000 do\n  n = n + i\nend\nreturn {}", "loop.lua", limits);
        REQUIRE(only_error(result).starts_with("loop.lua:"));
        REQUIRE(only_error(result).ends_with(": took too long (more than 5000 instructions)"));
        REQUIRE(load_lua_data_string("local n = 0 for i = 1, 100 do n = n + i end return { n = n }",
                                     "ok.lua", limits)
                    .ok());
    }
}

TEST_CASE("the memory cap stops runaway allocation", "[lua_data]") {
    REQUIRE(only_error(load("local s = 'x' for i = 1, 40 do s = s .. s end return {}")) ==
            "test.lua: uses too much memory (more than 16 MiB)");
    SECTION("a custom cap") {
        DataLimits limits;
        limits.memory_bytes = 64 * 1024;
        DataLoadResult result = load_lua_data_string(
            "local t = {} for i = 1, 100000 do t[i] = i end return {}", "big.lua", limits);
        REQUIRE(only_error(result) == "big.lua: uses too much memory (more than 65536 bytes)");
    }
    SECTION("a cap too small for Lua itself") {
        DataLimits limits;
        limits.memory_bytes = 16;
        REQUIRE(only_error(load_lua_data_string("return {}", "tiny.lua", limits))
                    .starts_with("tiny.lua: "));
    }
    SECTION("files larger than the cap are not even run") {
        DataLimits limits;
        limits.memory_bytes = 100;
        std::string text = "return { s = '" + std::string(200, 'x') + "' }";
        REQUIRE(only_error(load_lua_data_string(text, "huge.lua", limits)) ==
                "huge.lua: file is too large (217 bytes; the limit is 100 bytes)");
    }
}

TEST_CASE("files are read from disk", "[lua_data]") {
    test::TempFolder folder;
    SECTION("a good file") {
        std::string path = folder.write("good.lua", "return { a = 1 }\n");
        DataLoadResult result = load_lua_data_file(path);
        REQUIRE(result.ok());
        REQUIRE(result.root->find("a")->value.integer == 1);
    }
    SECTION("messages name the path") {
        std::string path = folder.write("bad.lua", "return {\n  a = ,\n}\n");
        REQUIRE(only_error(load_lua_data_file(path)) == path + ":2: unexpected symbol near ','");
    }
    SECTION("a UTF-8 byte order mark is skipped") {
        std::string path = folder.write("bom.lua", "\xEF\xBB\xBFreturn {\n  a = 'é' }\n");
        DataLoadResult result = load_lua_data_file(path);
        REQUIRE(result.ok());
        REQUIRE(result.root->find("a")->line == 2);
    }
    SECTION("missing file") {
        std::string path = folder.file("missing.lua");
        REQUIRE(only_error(load_lua_data_file(path)) ==
                path + ": cannot open file: No such file or directory");
    }
    SECTION("a folder is not a file") {
        REQUIRE(only_error(load_lua_data_file(folder.path().string())) ==
                folder.path().string() + ": cannot open file: Is a directory");
    }
}
