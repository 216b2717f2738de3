// engine/core/sqlite_statement.h: values round-trip through bind and the
// column readers, NULL text reads as "", the first failure sticks (within a
// statement and across statements sharing an error), a failed prepare names
// its SQL, and reset() makes a prepared statement reusable.
#include "core/sqlite_statement.h"

#include <catch2/catch.hpp>

using kiosk::SqliteStatement;

namespace {

struct MemoryDb {
    sqlite3* db = nullptr;
    MemoryDb() { REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK); }
    ~MemoryDb() { sqlite3_close(db); }
};

} // namespace

TEST_CASE("SqliteStatement: text, integers, reals, blobs and NULL round-trip",
          "[core][sqlite_statement]") {
    MemoryDb memory;
    REQUIRE(kiosk::exec_sql(memory.db, "CREATE TABLE t(a, b, c, d, e, f)"));
    const std::string blob("\x00\x01zero\x00", 7);
    {
        SqliteStatement insert(memory.db, "INSERT INTO t VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, std::string("展项 one")).bind(2, int64_t(9007199254740993LL)).bind(3, 2.5);
        insert.bind_blob(4, blob).bind_null(5).bind(6, std::string_view());
        CHECK(insert.run());
        CHECK(insert.ok());
    }
    SqliteStatement select(memory.db, "SELECT a, b, c, d, e, f, typeof(f) FROM t");
    REQUIRE(select.next());
    CHECK(select.text(0) == "展项 one");
    CHECK(select.integer(1) == 9007199254740993LL);
    CHECK(select.real(2) == 2.5);
    CHECK(select.blob_view(3) == blob);
    CHECK(select.type(1) == SQLITE_INTEGER);
    CHECK(select.is_null(4));
    CHECK(select.text(5).empty());
    CHECK(select.text(6) == "text"); // an empty view binds '', not NULL
    CHECK_FALSE(select.next());
    CHECK(select.ok());
    CHECK(select.error().empty());
}

TEST_CASE("SqliteStatement: NULL reads as empty text and an empty blob",
          "[core][sqlite_statement]") {
    MemoryDb memory;
    SqliteStatement select(memory.db, "SELECT NULL, NULL");
    REQUIRE(select.next());
    CHECK(select.text(0).empty());
    CHECK(select.text_view(0).empty());
    CHECK(select.blob_view(1).empty());
    CHECK(kiosk::query_text(memory.db, "SELECT NULL").empty());
    CHECK(kiosk::query_int64(memory.db, "SELECT NULL", -7) == -7);
    CHECK(kiosk::query_int64(memory.db, "SELECT 42", -7) == 42);
    CHECK(kiosk::query_int64(memory.db, "SELECT nothing FROM nowhere", -7) == -7);
}

TEST_CASE("SqliteStatement: a failed prepare names the statement and SQLite's reason",
          "[core][sqlite_statement]") {
    MemoryDb memory;
    SqliteStatement select(memory.db, "SELECT day FROM nowhere");
    CHECK_FALSE(select.ok());
    CHECK(select.error() == "cannot prepare \"SELECT day FROM nowhere\": no such table: nowhere");
    CHECK(select.error_code() == SQLITE_ERROR);
    // Binding and stepping a statement that never prepared do nothing.
    CHECK_FALSE(select.bind(1, "x").next());
    CHECK(select.step() == SQLITE_ERROR);
    select.reset();
    CHECK_FALSE(select.ok());
}

TEST_CASE("SqliteStatement: the first failure sticks; later steps do nothing",
          "[core][sqlite_statement]") {
    MemoryDb memory;
    // The second row overflows: abs() of the smallest integer.
    SqliteStatement select(memory.db,
                           "SELECT 1 UNION ALL SELECT abs(-9223372036854775807 - 1) UNION ALL "
                           "SELECT 3");
    REQUIRE(select.next());
    CHECK(select.integer(0) == 1);
    CHECK_FALSE(select.next());
    CHECK(select.error() == "integer overflow");
    // SQLite would start the statement over on another sqlite3_step; the
    // wrapper does not step again, so no row comes back.
    CHECK_FALSE(select.next());
    CHECK_FALSE(select.next());
    CHECK(select.error() == "integer overflow");

    SECTION("a failed bind ends the statement before it runs") {
        MemoryDb other;
        REQUIRE(kiosk::exec_sql(other.db, "CREATE TABLE t(a)"));
        SqliteStatement insert(other.db, "INSERT INTO t VALUES(?1)");
        insert.bind(3, "no such parameter").bind(1, "fine");
        CHECK_FALSE(insert.run());
        CHECK(insert.error() == "parameter ?3: column index out of range");
        CHECK(insert.error_code() == SQLITE_RANGE);
        CHECK(kiosk::query_int64(other.db, "SELECT count(*) FROM t", -1) == 0);
    }
}

TEST_CASE("SqliteStatement: statements sharing an error report the first failure",
          "[core][sqlite_statement]") {
    MemoryDb memory;
    std::string error;
    {
        SqliteStatement first(memory.db, "SELECT 1", error);
        CHECK(first.next());
    }
    CHECK(error.empty());
    {
        SqliteStatement failing(memory.db, "SELECT abs(-9223372036854775807 - 1)", error);
        CHECK_FALSE(failing.next());
    }
    CHECK(error == "integer overflow");
    // Later statements do not run, and do not overwrite the first failure.
    SqliteStatement later(memory.db, "SELECT 2", error);
    CHECK_FALSE(later.next());
    CHECK(later.error() == "integer overflow");
    SqliteStatement broken(memory.db, "SELECT nothing FROM nowhere", error);
    CHECK_FALSE(broken.next());
    CHECK(error == "integer overflow");
}

TEST_CASE("SqliteStatement: reset reuses a prepared statement, clearing its parameters",
          "[core][sqlite_statement]") {
    MemoryDb memory;
    REQUIRE(kiosk::exec_sql(memory.db, "CREATE TABLE t(k TEXT PRIMARY KEY, v)"));
    SqliteStatement insert(memory.db, "INSERT INTO t VALUES(?1, ?2)", kiosk::StatementUse::reused);
    const std::string keys[] = {"a", "b", "c"};
    for (int i = 0; i < 3; ++i) {
        insert.reset();
        insert.bind_view(1, keys[i]).bind(2, i);
        REQUIRE(insert.run());
    }
    // A failure in one use (a duplicate key) is forgotten by reset().
    insert.reset();
    CHECK_FALSE(insert.bind(1, "a").bind(2, 9).run());
    CHECK((insert.error_code() & 0xff) == SQLITE_CONSTRAINT);
    CHECK(insert.error() == "UNIQUE constraint failed: t.k");
    insert.reset();
    CHECK(insert.ok());
    CHECK(insert.error().empty());
    insert.bind(1, "d"); // ?2 was cleared by reset: NULL
    CHECK(insert.run());
    SqliteStatement select(memory.db, "SELECT group_concat(k || '=' || ifnull(v, 'null'), ',') "
                                      "FROM (SELECT * FROM t ORDER BY k)");
    REQUIRE(select.next());
    CHECK(select.text(0) == "a=0,b=1,c=2,d=null");
}

TEST_CASE("exec_sql reports SQLite's message", "[core][sqlite_statement]") {
    MemoryDb memory;
    std::string error;
    CHECK(kiosk::exec_sql(memory.db, "CREATE TABLE t(a); INSERT INTO t VALUES(1)", &error));
    CHECK_FALSE(kiosk::exec_sql(memory.db, std::string("INSERT INTO nowhere VALUES(1)"), &error));
    CHECK(error == "no such table: nowhere");
    CHECK_FALSE(kiosk::exec_sql(memory.db, "SELECT * FROM nowhere"));
}
