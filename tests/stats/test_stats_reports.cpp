// The stats library on the fixture kiosk.db (stats_fixture.cpp lists the
// expected numbers): every report's rows, ranges and languages, day
// validation, report times in the kiosk's zone, display widths, the CSV writer's quoting and the
// raw events export, read back with the tests' own CSV parser.
#include "stats_fixture.h"
#include "stats_test_support.h"

#include "core/civil_time.h"
#include "stats/report_export.h"
#include "stats/stats_report.h"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <sstream>

using namespace kiosk;
using namespace kiosk::telemetry;
using kiosk::test::TempFolder;

namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Fixture {
    TempFolder folder;
    std::string path = folder.file("kiosk.db");
    std::unique_ptr<telemetry::ReadOnlyKioskDb> db;

    // `extra_sql` runs on the fixture before it is opened read-only.
    explicit Fixture(const std::string& extra_sql = "") {
        const std::string made = kiosk::test::make_stats_fixture(path);
        INFO(made);
        REQUIRE(made.empty());
        if (!extra_sql.empty()) {
            sqlite3* writable = nullptr;
            REQUIRE(sqlite3_open(path.c_str(), &writable) == SQLITE_OK);
            const int result = sqlite3_exec(writable, extra_sql.c_str(), nullptr, nullptr, nullptr);
            INFO(sqlite3_errmsg(writable));
            sqlite3_close(writable);
            REQUIRE(result == SQLITE_OK);
        }
        std::string error;
        db = telemetry::ReadOnlyKioskDb::open(path, error);
        INFO(error);
        REQUIRE(db);
    }

    stats::ReportSet reports(const std::string& from, const std::string& to,
                             kiosk::Language language, bool full, int top = 10) {
        stats::StatsOptions options;
        std::string error;
        REQUIRE(stats::resolve_day_range(*db, from, to, options.range, error));
        options.language = language;
        options.full = full;
        options.top = top;
        std::optional<stats::ReportSet> set = stats::build_stats_reports(*db, options, error);
        INFO(error);
        REQUIRE(set);
        return *set;
    }
};

const stats::ReportTable* find_table(const stats::ReportSet& set, const std::string& key) {
    for (const stats::ReportTable& table : set.tables)
        if (table.key == key) return &table;
    return nullptr;
}

// A table's rows as the terminal and CSV show them.
Rows shown(const stats::ReportSet& set, const std::string& key) {
    const stats::ReportTable* table = find_table(set, key);
    if (!table) return {{"<no table " + key + ">"}};
    Rows rows;
    for (const auto& row : table->rows) {
        rows.emplace_back();
        for (const stats::ReportCell& cell : row)
            rows.back().push_back(cell.display());
    }
    return rows;
}

std::vector<std::string> column(const Rows& rows, size_t index) {
    std::vector<std::string> values;
    for (const auto& row : rows)
        values.push_back(index < row.size() ? row[index] : "<missing>");
    return values;
}

} // namespace

TEST_CASE("every report counts the fixture's rollups, in Chinese by default", "[stats]") {
    Fixture fixture;
    CHECK(fixture.db->first_day() == "1970-01-01");
    CHECK(fixture.db->last_day() == "2025-06-03");
    stats::ReportSet set = fixture.reports("", "", kiosk::Language::Zh, true);
    CHECK(set.from == "1970-01-01");
    CHECK(set.to == "2025-06-03");

    std::vector<std::string> keys;
    for (const stats::ReportTable& table : set.tables)
        keys.push_back(table.key);
    CHECK(keys == std::vector<std::string>{"visitors_per_day", "busiest_hours",
                                           "exhibits_by_visits", "exhibits_by_dwell", "findings",
                                           "finding_values", "quiz_rounds", "quiz_accuracy",
                                           "quiz_options", "data_quality", "clock_jumps",
                                           "daily_rollups"});
    CHECK(find_table(set, "visitors_per_day")->title == "每日访客");
    CHECK(find_table(set, "visitors_per_day")->columns[1].header == "访客人次");

    CHECK(shown(set, "visitors_per_day") == Rows{{"1970-01-01", "1", "10.0"},
                                                 {"2025-06-01", "3", "120.0"},
                                                 {"2025-06-02", "2", "45.0"},
                                                 {"2025-06-03", "1", "30.0"}});

    Rows hours = shown(set, "busiest_hours");
    REQUIRE(hours.size() == 24);
    CHECK(hours[8] == std::vector<std::string>{"8", "1", "14.3"});
    CHECK(hours[9] == std::vector<std::string>{"9", "2", "28.6"});
    CHECK(hours[10] == std::vector<std::string>{"10", "1", "14.3"});
    CHECK(hours[14] == std::vector<std::string>{"14", "3", "42.9"});
    CHECK(hours[0] == std::vector<std::string>{"0", "0", "0.0"});

    CHECK(shown(set, "exhibits_by_visits") ==
          Rows{{"pendulum-lab", "单摆实验室", "5", "9.0", "108.0", "1"},
               {"water-cycle", "水的循环, \"雨\"", "3", "1.5", "30.0", "0"},
               {"light-maze", "光的迷宫", "2", "10.0", "300.0", "0"},
               {"mystery-box", "", "1", "0.0", "0.0", "0"}});
    CHECK(column(shown(set, "exhibits_by_dwell"), 0) ==
          std::vector<std::string>{"light-maze", "pendulum-lab", "water-cycle", "mystery-box"});

    CHECK(shown(set, "quiz_rounds") ==
          Rows{{"physics-basics", "物理入门", "2", "1", "50.0", "2.0"}});
    CHECK(shown(set, "quiz_accuracy") ==
          Rows{{"physics-basics", "q2", "光在真空中每秒约传播多少公里？", "6", "1", "16.7"},
               {"physics-basics", "q1", "单摆的周期取决于什么？", "4", "3", "75.0"}});
    CHECK(shown(set, "quiz_options") ==
          Rows{{"physics-basics", "q1", "a", "摆长", "3", "75.0"},
               {"physics-basics", "q1", "b", "摆锤的质量", "1", "25.0"}});

    Rows quality = shown(set, "data_quality");
    CHECK(column(quality, 0) == std::vector<std::string>{"events_in_range", "implausible_time",
                                                         "clock_changed", "clock_jump_events",
                                                         "dropped_log_events", "dropped_raw_events",
                                                         "implausible_time_all"});
    CHECK(column(quality, 2) == std::vector<std::string>{"11", "2", "2", "1", "7", "2", "2"});
    CHECK(quality[1][1].find("时间不可信") != std::string::npos);

    // Managers read the kiosk's local time, the zone named (2025-06-02T02:00:00.000Z at +08:00).
    CHECK(shown(set, "clock_jumps") ==
          Rows{{"8", "2025-06-02", "2025-06-02 10:00 北京时间", "boot-0001", "3600.0"}});

    Rows rollups = shown(set, "daily_rollups");
    CHECK(rollups.size() == 36); // every row the fixture inserted
    CHECK(std::find(rollups.begin(), rollups.end(),
                    std::vector<std::string>{"2025-06-01", "exhibit", "pendulum-lab", "单摆实验室",
                                             "visits", "4"}) != rollups.end());

    // The source block names the database.
    std::map<std::string, std::string> about;
    for (const stats::ReportField& field : set.about)
        about[field.key] = field.value.display();
    CHECK(about["epoch"] == "fixture-epoch-0001");
    CHECK(about["schema_version"] == "3");
    CHECK(about["created"] == "2025-06-01 08:00 北京时间"); // 2025-06-01T00:00:00.000Z
}

TEST_CASE("a day range and English: 1970 drops out of the range but not out of the "
          "whole-database clock count",
          "[stats]") {
    Fixture fixture;
    stats::ReportSet set = fixture.reports("2025-06-01", "", kiosk::Language::En, true);
    CHECK(set.to == "2025-06-03");
    CHECK(column(shown(set, "visitors_per_day"), 0) ==
          std::vector<std::string>{"2025-06-01", "2025-06-02", "2025-06-03"});
    CHECK(find_table(set, "visitors_per_day")->title == "Visitors per day");
    CHECK(column(shown(set, "exhibits_by_visits"), 1) ==
          std::vector<std::string>{"Pendulum lab", "Water cycle, \"rain\"", "Light maze", ""});
    CHECK(column(shown(set, "data_quality"), 2) ==
          std::vector<std::string>{"9", "0", "2", "1", "7", "2", "2"});

    stats::ReportSet one_day =
        fixture.reports("2025-06-02", "2025-06-02", kiosk::Language::En, true);
    CHECK(shown(one_day, "visitors_per_day") == Rows{{"2025-06-02", "2", "45.0"}});
    CHECK(column(shown(one_day, "exhibits_by_visits"), 0) ==
          std::vector<std::string>{"water-cycle", "pendulum-lab"});
    CHECK(shown(one_day, "quiz_accuracy").empty());
}

TEST_CASE("the terminal summary keeps the top rows, the open hours and no export-only tables",
          "[stats]") {
    Fixture fixture;
    stats::ReportSet set = fixture.reports("", "", kiosk::Language::Zh, false, 2);
    CHECK(find_table(set, "quiz_options") == nullptr);
    CHECK(find_table(set, "daily_rollups") == nullptr);
    CHECK(column(shown(set, "exhibits_by_visits"), 0) ==
          std::vector<std::string>{"pendulum-lab", "water-cycle"});
    CHECK(column(shown(set, "exhibits_by_dwell"), 0) ==
          std::vector<std::string>{"light-maze", "pendulum-lab"});
    Rows hours = shown(set, "busiest_hours");
    CHECK(column(hours, 0) == std::vector<std::string>{"8", "9", "10", "14"});
    CHECK(hours[3][3] == std::string(30, '#')); // the busiest hour has the full bar
    CHECK(hours[0][3] == std::string(10, '#'));
}

TEST_CASE("findings: each finding's share of the exhibit's visitors over the days, values under it",
          "[stats][findings]") {
    // Two days of the light maze: 10 visitors, 4 of whom found total reflection.
    Fixture fixture(R"sql(
INSERT INTO rollups(day, subject_kind, subject, metric, value, changed_seq) VALUES
  ('2025-06-01', 'exhibit', 'light-maze', 'visitors', 6, 5),
  ('2025-06-02', 'exhibit', 'light-maze', 'visitors', 4, 5),
  ('2025-06-01', 'finding', 'light-maze/total_reflection', 'events', 7, 5),
  ('2025-06-01', 'finding', 'light-maze/total_reflection', 'visitors', 3, 5),
  ('2025-06-02', 'finding', 'light-maze/total_reflection', 'events', 2, 5),
  ('2025-06-02', 'finding', 'light-maze/total_reflection', 'visitors', 1, 5),
  ('2025-06-01', 'finding', 'light-maze/mirror_used', 'events', 1, 5),
  ('2025-06-01', 'finding', 'light-maze/mirror_used', 'visitors', 1, 5),
  ('2025-06-01', 'finding_value', 'light-maze/total_reflection/angle=45', 'visitors', 2, 5),
  ('2025-06-02', 'finding_value', 'light-maze/total_reflection/angle=45', 'visitors', 1, 5),
  ('2025-06-01', 'finding_value', 'light-maze/total_reflection/angle=…', 'visitors', 1, 5),
  ('2025-06-01', 'finding_value', 'light-maze/total_reflection/angle=60', 'visitors', 2, 5);
)sql");
    stats::ReportSet summary = fixture.reports("", "", kiosk::Language::En, false);
    CHECK(shown(summary, "findings") ==
          Rows{{"light-maze", "Light maze", "total_reflection: found by 40% of visitors", "4", "9"},
               {"", "", "  angle = 45: 30% of visitors", "3", ""},
               {"", "", "  angle = 60: 20% of visitors", "2", ""},
               {"", "", "  angle = other values: 10% of visitors", "1", ""},
               {"light-maze", "Light maze", "mirror_used: found by 10% of visitors", "1", "1"}});
    stats::ReportSet zh = fixture.reports("", "", kiosk::Language::Zh, false);
    CHECK(shown(zh, "findings")[0][2] == "total_reflection：40% 的观众发现了");
    CHECK(find_table(zh, "findings")->title == "展项中的发现");
    CHECK(find_table(summary, "finding_values") == nullptr); // export only

    stats::ReportSet full = fixture.reports("", "", kiosk::Language::En, true);
    CHECK(shown(full, "findings") ==
          Rows{{"light-maze", "Light maze", "total_reflection", "9", "4", "10", "40.0"},
               {"light-maze", "Light maze", "mirror_used", "1", "1", "10", "10.0"}});
    CHECK(shown(full, "finding_values") ==
          Rows{{"light-maze", "total_reflection", "angle", "45", "3", "10", "30.0"},
               {"light-maze", "total_reflection", "angle", "60", "2", "10", "20.0"},
               {"light-maze", "total_reflection", "angle", "…", "1", "10", "10.0"}});
    // One day: 3 of 6.
    stats::ReportSet one_day =
        fixture.reports("2025-06-01", "2025-06-01", kiosk::Language::En, true);
    CHECK(shown(one_day, "findings")[0] == std::vector<std::string>{"light-maze", "Light maze",
                                                                    "total_reflection", "7", "3",
                                                                    "6", "50.0"});
}

TEST_CASE("days are real calendar days and a range runs forwards", "[stats]") {
    CHECK(is_valid_day("2025-06-01"));
    CHECK(is_valid_day("2024-02-29"));
    CHECK(is_valid_day("1970-01-01"));
    CHECK_FALSE(is_valid_day("2025-02-29"));
    CHECK_FALSE(is_valid_day("1900-02-29"));
    CHECK_FALSE(is_valid_day("2025-13-01"));
    CHECK_FALSE(is_valid_day("2025-04-31"));
    CHECK_FALSE(is_valid_day("2025-6-1"));
    CHECK_FALSE(is_valid_day("2025/06/01"));
    CHECK_FALSE(is_valid_day("2025-06-01x"));
    CHECK_FALSE(is_valid_day(""));

    Fixture fixture;
    stats::DayRange range;
    std::string error;
    CHECK_FALSE(stats::resolve_day_range(*fixture.db, "2025-06-03", "2025-06-01", range, error));
    CHECK(error == "--from 2025-06-03 is after --to 2025-06-01");
    CHECK_FALSE(stats::resolve_day_range(*fixture.db, "2025-02-30", "", range, error));
    CHECK(error.find("--from 2025-02-30: not a day; write YYYY-MM-DD") == 0);
    CHECK_FALSE(stats::resolve_day_range(*fixture.db, "", "tomorrow", range, error));
    CHECK(error.find("--to tomorrow") == 0);
    // One end beyond the data: an empty range there, not an error.
    REQUIRE(stats::resolve_day_range(*fixture.db, "2026-01-01", "", range, error));
    CHECK(range.from == "2026-01-01");
    CHECK(range.to == "2026-01-01");
    REQUIRE(stats::resolve_day_range(*fixture.db, "", "1969-12-31", range, error));
    CHECK(range.from == "1969-12-31");
}

TEST_CASE("display width counts Chinese as two columns and combining marks as none", "[stats]") {
    CHECK(stats::display_width("") == 0);
    CHECK(stats::display_width("abc") == 3);
    CHECK(stats::display_width("单摆实验室") == 10);
    CHECK(stats::display_width("占比（%）") == 9);
    CHECK(stats::display_width("e\xCC\x81") == 1); // e + combining acute
    CHECK(stats::display_width("Ａ") == 2);        // fullwidth Latin
}

TEST_CASE("the text writer aligns columns by display width", "[stats]") {
    stats::ReportSet set;
    set.about_title = "About";
    stats::ReportTable table;
    table.key = "t";
    table.title = "Table";
    table.columns = {{"name", "名称"}, {"count", "Count"}};
    table.rows = {
        {stats::ReportCell::of_text("单摆实验室"), stats::ReportCell::of_integer(5)},
        {stats::ReportCell::of_text("abc"), stats::ReportCell::of_integer(12345)},
        {stats::ReportCell::of_text("光的迷宫 x"), stats::ReportCell::of_decimal(2.25, 2)}};
    set.tables.push_back(table);
    std::ostringstream out;
    write_text(set, out);
    std::istringstream lines(out.str());
    std::vector<std::string> table_lines;
    bool in_table = false;
    for (std::string line; std::getline(lines, line);) {
        if (line.find("名称") != std::string::npos) in_table = true;
        if (in_table && !line.empty()) table_lines.push_back(line);
    }
    INFO(out.str());
    REQUIRE(table_lines.size() == 4);
    for (const std::string& line : table_lines)
        CHECK(kiosk::test::columns_of(line) == kiosk::test::columns_of(table_lines[0]));
    CHECK(table_lines[3].find("2.25") != std::string::npos);
}

TEST_CASE("stats::write_csv: BOM, CRLF, and RFC 4180 quoting that parses back", "[stats]") {
    TempFolder folder;
    stats::ReportSet set;
    set.about_title = "Source";
    set.about = {{"file", "File", stats::ReportCell::of_text("a,b.db")}};
    stats::ReportTable table;
    table.key = "t";
    table.title = "Tricky \"text\"";
    table.columns = {{"text", "Text"}, {"n", "N"}};
    const std::vector<std::string> tricky = {
        "plain",         "comma, here", "say \"hi\"",  "two\r\nlines",
        "bare\nnewline", " spaced ",    "单摆,实验室", ""};
    for (const std::string& text : tricky)
        table.rows.push_back({stats::ReportCell::of_text(text), stats::ReportCell::of_integer(-7)});
    set.tables.push_back(table);
    const std::string path = folder.file("t.csv");
    std::string error;
    REQUIRE(stats::write_csv(set, path, error));
    CHECK_FALSE(std::filesystem::exists(path + ".partial"));
    const std::string text = kiosk::test::read_file(path);
    REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(text.find("\r\n") != std::string::npos);
    CHECK(text.find("\"comma, here\"") != std::string::npos);
    CHECK(text.find("\"say \"\"hi\"\"\"") != std::string::npos);
    CHECK(text.find("plain,-7") != std::string::npos); // unquoted when nothing needs it
    kiosk::test::CsvRows rows = kiosk::test::parse_csv(text.substr(3));
    CHECK(rows[0] == std::vector<std::string>{"Source"});
    CHECK(rows[1] == std::vector<std::string>{"File", "a,b.db"});
    kiosk::test::CsvRows section = kiosk::test::csv_section(rows, "Tricky \"text\"");
    REQUIRE(section.size() == tricky.size() + 1);
    CHECK(section[0] == std::vector<std::string>{"Text", "N"});
    for (size_t i = 0; i < tricky.size(); ++i)
        CHECK(section[i + 1] == std::vector<std::string>{tricky[i], "-7"});
}

TEST_CASE("the raw events CSV holds every event with its boot id, UTC time and JSON fields",
          "[stats]") {
    Fixture fixture;
    const std::string path = fixture.folder.file("events.csv");
    std::string error;
    int64_t rows_written = 0;
    REQUIRE(stats::export_events_csv(*fixture.db, nullptr, path, rows_written, error));
    CHECK(rows_written == 11);
    const std::string text = kiosk::test::read_file(path);
    REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
    kiosk::test::CsvRows rows = kiosk::test::parse_csv(text.substr(3));
    REQUIRE(rows.size() == 12);
    // The stored UTC time first; the same instant at the event's own offset last.
    CHECK(rows[0] == std::vector<std::string>{"seq", "utc_time", "utc_offset_min", "day", "boot_id",
                                              "mono_ms", "session", "kind", "subject",
                                              "content_version", "fields", "clock_flags",
                                              "local_time"});
    CHECK(rows[1] == std::vector<std::string>{"1", "2025-06-01T01:00:00.000Z", "480", "2025-06-01",
                                              "boot-0001", "0", "", "boot", "", "",
                                              "{\"version\":\"0.3.0\"}", "0",
                                              "2025-06-01T09:00:00.000+08:00"});
    CHECK(rows[4] == std::vector<std::string>{
                         "4", "2025-06-01T01:01:10.123Z", "480", "2025-06-01", "boot-0001", "70123",
                         "s-aaaa", "exhibit_event", "pendulum-lab", "1.2.0",
                         "{\"event\":\"swing\",\"data\":{\"note\":\"a, \\\"quoted\\\" 文本\"}}",
                         "0", "2025-06-01T09:01:10.123+08:00"});
    CHECK(rows[10] == std::vector<std::string>{"10", "1970-01-01T00:00:05.000Z", "480",
                                               "1970-01-01", "boot-0002", "0", "", "boot", "", "",
                                               "{\"version\":\"0.3.0\"}", "1",
                                               "1970-01-01T08:00:05.000+08:00"});

    stats::DayRange one_day{"2025-06-02", "2025-06-02"};
    REQUIRE(stats::export_events_csv(*fixture.db, &one_day, path, rows_written, error));
    CHECK(rows_written == 2);
    rows = kiosk::test::parse_csv(kiosk::test::read_file(path).substr(3));
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][0] == "8");
    CHECK(rows[2][0] == "9");
}

TEST_CASE("CSV text that starts like a formula is kept as text", "[stats]") {
    kiosk::test::TempFolder folder;
    const std::string path = folder.file("guard.csv");
    stats::CsvWriter csv;
    std::string error;
    REQUIRE(csv.open(path, error));
    csv.field(std::string_view("=HYPERLINK(\"http://x\")"));
    csv.field(std::string_view("@SUM(A1)"));
    csv.field(std::string_view("-2+3"));
    csv.field(std::string_view("单摆实验室"));
    csv.field(int64_t(-5));
    csv.end_row();
    REQUIRE(csv.finish(error));
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text ==
          "\xEF\xBB\xBF\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),'-2+3,单摆实验室,-5\r\n");
}

TEST_CASE("report times are the kiosk's local time at its latest event's offset, the zone named",
          "[stats]") {
    TempFolder folder;
    const std::string path = folder.file("kiosk.db");
    REQUIRE(kiosk::test::make_stats_fixture(path).empty());
    auto change = [&](const char* sql) {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    };
    auto about_and_jumps = [&](Language language) {
        std::string error;
        std::unique_ptr<telemetry::ReadOnlyKioskDb> db =
            telemetry::ReadOnlyKioskDb::open(path, error);
        REQUIRE(db);
        stats::StatsOptions options;
        REQUIRE(stats::resolve_day_range(*db, "", "", options.range, error));
        options.language = language;
        std::optional<stats::ReportSet> set = stats::build_stats_reports(*db, options, error);
        REQUIRE(set);
        std::string created;
        for (const stats::ReportField& field : set->about)
            if (field.key == "created") created = field.value.display();
        const Rows jumps = shown(*set, "clock_jumps");
        return std::pair{created, jumps.empty() ? std::string() : jumps[0][2]};
    };

    // The kiosk moved to UTC-5 at its latest event; each clock jump keeps its own offset.
    change("UPDATE events SET utc_offset_min = -300 WHERE seq = 11");
    CHECK(
        about_and_jumps(Language::Zh) ==
        std::pair<std::string, std::string>{"2025-05-31 19:00 UTC-5", "2025-06-02 10:00 北京时间"});
    CHECK(about_and_jumps(Language::En).second == "2025-06-02 10:00 Beijing time");
    // No events at all: the default venue zone, Beijing time.
    change("DELETE FROM events");
    CHECK(about_and_jumps(Language::Zh).first == "2025-06-01 08:00 北京时间");
}
