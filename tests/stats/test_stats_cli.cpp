// kioskctl stats as a manager runs it on the fixture kiosk.db: the terminal
// summary (numbers, hardest question first, CJK-aligned columns), the CSV and
// JSON exports read back to the same numbers and Chinese text, the raw events
// export, read-only use (bytes unchanged, a live WAL, a read-only folder), and
// every refusal: broken databases, bad dates, bad options, unwritable output.
#include "stats_fixture.h"
#include "stats_test_support.h"

#include "stats/report_export.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <map>

using kiosk::test::CommandRun;
using kiosk::test::CsvRows;
using kiosk::test::run_kioskctl;
using kiosk::test::TempFolder;
namespace fs = std::filesystem;

namespace {

std::string make_fixture(const TempFolder& folder, const std::string& name = "kiosk.db") {
    const std::string path = folder.file(name);
    const std::string error = kiosk::test::make_stats_fixture(path);
    INFO(error);
    REQUIRE(error.empty());
    return path;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::vector<std::string> words_of(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string word; in >> word;)
        words.push_back(word);
    return words;
}

// The lines of the terminal table under `title` (its header and rows).
std::vector<std::string> terminal_table(const std::string& output, const std::string& title) {
    std::vector<std::string> lines = lines_of(output), table;
    for (size_t i = 0; i + 2 < lines.size(); ++i) {
        if (lines[i] != title) continue;
        for (size_t j = i + 2; j < lines.size() && !lines[j].empty(); ++j)
            table.push_back(lines[j]);
        break;
    }
    return table;
}

CsvRows read_csv_export(const std::string& path) {
    const std::string text = kiosk::test::read_file(path);
    REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0); // the BOM Excel and WPS need for UTF-8
    return kiosk::test::parse_csv(text.substr(3));
}

} // namespace

TEST_CASE("stats summary prints the fixture's numbers in CJK-aligned columns", "[stats][cli]") {
    TempFolder folder;
    make_fixture(folder);
    CommandRun run = run_kioskctl(folder, "stats summary --db kiosk.db");
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    CHECK(run.err.empty());

    std::vector<std::string> visitors = terminal_table(run.out, "每日访客");
    REQUIRE(visitors.size() == 6); // issue 20: the total row last
    CHECK(words_of(visitors[5]) == std::vector<std::string>{"合计", "7", "70.0"});
    CHECK(words_of(visitors[0]) == std::vector<std::string>{"日期", "访客人次", "平均时长（秒）"});
    CHECK(words_of(visitors[1]) == std::vector<std::string>{"1970-01-01", "1", "10.0"});
    CHECK(words_of(visitors[2]) == std::vector<std::string>{"2025-06-01", "3", "120.0"});
    CHECK(words_of(visitors[4]) == std::vector<std::string>{"2025-06-03", "1", "30.0"});

    std::vector<std::string> hours = terminal_table(run.out, "繁忙时段");
    REQUIRE(hours.size() == 6); // header, the four hours with visitors, 合计 (issue 20)
    CHECK(words_of(hours[5]) == std::vector<std::string>{"合计", "7", "100.0"});
    CHECK(words_of(hours[4]) == std::vector<std::string>{"14", "3", "42.9", std::string(30, '#')});

    std::vector<std::string> exhibits = terminal_table(run.out, "展项（按访问次数）");
    REQUIRE(exhibits.size() == 5);
    CHECK(words_of(exhibits[1]) ==
          std::vector<std::string>{"pendulum-lab", "单摆实验室", "5", "9.0", "108.0", "1"});
    // Right-aligned numbers end every row at the same display column only if
    // the Chinese titles were padded by their display width, not their bytes.
    for (const std::string& line : exhibits)
        CHECK(kiosk::test::columns_of(line) == kiosk::test::columns_of(exhibits[0]));
    std::vector<std::string> by_dwell = terminal_table(run.out, "展项（按停留时间）");
    REQUIRE(by_dwell.size() == 5);
    CHECK(words_of(by_dwell[1])[0] == "light-maze");

    std::vector<std::string> quiz = terminal_table(run.out, "测验正确率（最难在前）");
    REQUIRE(quiz.size() == 3);
    CHECK(words_of(quiz[1]) == std::vector<std::string>{"physics-basics", "q2",
                                                        "光在真空中每秒约传播多少公里？", "6", "1",
                                                        "16.7"});
    CHECK(words_of(quiz[2]).back() == "75.0");

    std::vector<std::string> quality = terminal_table(run.out, "数据质量");
    REQUIRE(quality.size() == 8);
    CHECK(quality[2].find("时间不可信") != std::string::npos);
    CHECK(words_of(quality[2]).back() == "2");
    CHECK(words_of(quality[5]).back() == "7"); // dropped exhibit log events
    CHECK(words_of(quality[6]).back() == "2"); // dropped raw events

    std::vector<std::string> jumps = terminal_table(run.out, "时钟跳变");
    REQUIRE(jumps.size() == 2);
    CHECK(words_of(jumps[1]) == std::vector<std::string>{"8", "2025-06-02", "2025-06-02", "10:00",
                                                         "北京时间", "boot-0001", "3600.0"});

    CommandRun english =
        run_kioskctl(folder, "stats summary --db kiosk.db --lang en --from 2025-06-01 --top 1");
    INFO(english.out << english.err);
    REQUIRE(english.code == 0);
    std::vector<std::string> days = terminal_table(english.out, "Visitors per day");
    REQUIRE(days.size() == 5); // header, three days, Total (issue 20)
    CHECK(words_of(days[4])[0] == "Total");
    CHECK(words_of(days[1])[0] == "2025-06-01");
    std::vector<std::string> top = terminal_table(english.out, "Exhibits by visits");
    REQUIRE(top.size() == 2);
    CHECK(top[1].find("Pendulum lab") != std::string::npos);
    std::vector<std::string> english_quality = terminal_table(english.out, "Data quality");
    REQUIRE(english_quality.size() == 8);
    CHECK(words_of(english_quality[2]).back() == "0"); // no 1970 events from June on
    CHECK(english_quality[7].find("whole database") != std::string::npos);
    CHECK(words_of(english_quality[7]).back() == "2");
}

TEST_CASE("stats export csv has a BOM and parses back to the same numbers and Chinese text",
          "[stats][cli]") {
    TempFolder folder;
    make_fixture(folder);
    CommandRun run = run_kioskctl(folder, "stats export --db kiosk.db --format csv -o r.csv");
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    CHECK(run.out.find("r.csv") != std::string::npos);
    CsvRows rows = read_csv_export(folder.file("r.csv"));

    CsvRows visitors = kiosk::test::csv_section(rows, "每日访客");
    CHECK(visitors == CsvRows{{"日期", "访客人次", "平均时长（秒）"},
                              {"1970-01-01", "1", "10.0"},
                              {"2025-06-01", "3", "120.0"},
                              {"2025-06-02", "2", "45.0"},
                              {"2025-06-03", "1", "30.0"},
                              {"合计", "7", "70.0"}}); // issue 20: the total row
    CsvRows exhibits = kiosk::test::csv_section(rows, "展项（按访问次数）");
    REQUIRE(exhibits.size() == 5);
    CHECK(exhibits[1] ==
          std::vector<std::string>{"pendulum-lab", "单摆实验室", "5", "9.0", "108.0", "1"});
    CHECK(exhibits[2] ==
          std::vector<std::string>{"water-cycle", "水的循环, \"雨\"", "3", "1.5", "30.0", "0"});
    CsvRows quiz = kiosk::test::csv_section(rows, "测验正确率（最难在前）");
    REQUIRE(quiz.size() == 3);
    CHECK(quiz[1] == std::vector<std::string>{"physics-basics", "q2",
                                              "光在真空中每秒约传播多少公里？", "6", "1", "16.7"});
    CsvRows quality = kiosk::test::csv_section(rows, "数据质量");
    REQUIRE(quality.size() == 8);
    CHECK(quality[2][0] == "implausible_time");
    CHECK(quality[2][2] == "2");
    CHECK(kiosk::test::csv_section(rows, "每日汇总").size() == 37); // header + 36 rollups
    CHECK(kiosk::test::csv_section(rows, "繁忙时段").size() == 26); // header, 24 hours, 合计

    REQUIRE(
        run_kioskctl(folder, "stats export --db kiosk.db --format csv --lang en -o en.csv").code ==
        0);
    CsvRows english = read_csv_export(folder.file("en.csv"));
    CsvRows english_visitors = kiosk::test::csv_section(english, "Visitors per day");
    REQUIRE(english_visitors.size() == 6);
    CHECK(english_visitors[5][0] == "Total");
    CHECK(english_visitors[0] ==
          std::vector<std::string>{"Day", "Sessions", "Average session (s)"});
    CHECK(kiosk::test::csv_section(english, "Exhibits by visits")[1][1] == "Pendulum lab");
}

TEST_CASE("stats export json parses back to the same numbers under English keys", "[stats][cli]") {
    TempFolder folder;
    make_fixture(folder);
    CommandRun run = run_kioskctl(
        folder, "stats export --db kiosk.db --format json --from 2025-06-01 -o r.json");
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    nlohmann::json json = nlohmann::json::parse(kiosk::test::read_file(folder.file("r.json")));
    CHECK(json["database"]["epoch"] == "fixture-epoch-0001");
    CHECK(json["database"]["schema_version"] == 3);
    CHECK(json["from"] == "2025-06-01");
    CHECK(json["to"] == "2025-06-03");
    CHECK(json["language"] == "zh");
    const nlohmann::json& reports = json["reports"];
    REQUIRE(reports["visitors_per_day"].size() == 3);
    CHECK(reports["visitors_per_day"][0]["day"] == "2025-06-01");
    CHECK(reports["visitors_per_day"][0]["sessions"] == 3);
    CHECK(reports["visitors_per_day"][0]["average_session_s"].get<double>() == Approx(120.0));
    REQUIRE(reports["busiest_hours"].size() == 24);
    CHECK(reports["busiest_hours"][14]["sessions"] == 3);
    CHECK(reports["busiest_hours"][14]["share_percent"].get<double>() == Approx(50.0));
    const nlohmann::json& exhibit = reports["exhibits_by_visits"][0];
    CHECK(exhibit["exhibit"] == "pendulum-lab");
    CHECK(exhibit["title"] == "单摆实验室");
    CHECK(exhibit["visits"] == 5);
    CHECK(exhibit["dwell_total_min"].get<double>() == Approx(9.0));
    CHECK(exhibit["average_dwell_s"].get<double>() == Approx(108.0));
    CHECK(reports["exhibits_by_dwell"][0]["exhibit"] == "light-maze");
    const nlohmann::json& hardest = reports["quiz_accuracy"][0];
    CHECK(hardest["question"] == "q2");
    CHECK(hardest["question_text"] == "光在真空中每秒约传播多少公里？");
    CHECK(hardest["answers"] == 6);
    CHECK(hardest["correct"] == 1);
    CHECK(hardest["accuracy_percent"].get<double>() == Approx(16.7));
    CHECK(reports["quiz_options"][0]["option_text"] == "摆长");
    std::map<std::string, int64_t> quality;
    for (const auto& row : reports["data_quality"])
        quality[row["check"].get<std::string>()] = row["count"].get<int64_t>();
    CHECK(quality == std::map<std::string, int64_t>{{"events_in_range", 9},
                                                    {"implausible_time", 0},
                                                    {"clock_changed", 2},
                                                    {"clock_jump_events", 1},
                                                    {"dropped_log_events", 7},
                                                    {"dropped_raw_events", 2},
                                                    {"implausible_time_all", 2}});
    CHECK(reports["clock_jumps"][0]["jump_s"].get<double>() == Approx(3600.0));
    CHECK(reports["daily_rollups"].size() == 33); // 36 rows less 1970's three
    CHECK(reports["exhibits_by_visits"][3]["title"] == "");
}

TEST_CASE("stats export --report events writes the raw events, all or in a range", "[stats][cli]") {
    TempFolder folder;
    make_fixture(folder);
    CommandRun all =
        run_kioskctl(folder, "stats export --db kiosk.db --format csv --report events -o e.csv");
    INFO(all.out << all.err);
    REQUIRE(all.code == 0);
    CHECK(all.out.find("wrote 11 events") != std::string::npos);
    CsvRows rows = read_csv_export(folder.file("e.csv"));
    REQUIRE(rows.size() == 12);
    CHECK(rows[11][1] == "1970-01-01T00:01:05.000Z");

    CommandRun from_june = run_kioskctl(
        folder,
        "stats export --db kiosk.db --format csv --report events --from 2025-06-02 -o e.csv");
    REQUIRE(from_june.code == 0);
    rows = read_csv_export(folder.file("e.csv"));
    REQUIRE(rows.size() == 3); // events 8 and 9; the 1970 ones are outside
    CHECK(rows[1][0] == "8");
    CHECK(rows[1][7] == "clock_jump");

    CommandRun as_json =
        run_kioskctl(folder, "stats export --db kiosk.db --format json --report events -o e.json");
    CHECK(as_json.code == 2);
    CHECK(as_json.err.find("CSV only") != std::string::npos);
    CHECK_FALSE(fs::exists(folder.file("e.json")));
}

TEST_CASE("kiosk.db is only read: bytes unchanged, a live WAL is seen, a read-only folder works",
          "[stats][cli]") {
    TempFolder folder;
    const std::string db = make_fixture(folder);
    const std::string before = kiosk::test::read_file(db);
    for (const char* arguments :
         {"stats summary --db kiosk.db", "stats export --db kiosk.db --format csv -o r.csv",
          "stats export --db kiosk.db --format xlsx -o r.xlsx",
          "stats export --db kiosk.db --format json -o r.json",
          "stats export --db kiosk.db --format csv --report events -o e.csv"}) {
        CommandRun run = run_kioskctl(folder, arguments);
        INFO(arguments << "\n" << run.out << run.err);
        CHECK(run.code == 0);
    }
    CHECK(kiosk::test::read_file(db) == before);
    CHECK_FALSE(fs::exists(db + "-wal")); // nothing left beside a copy
    CHECK_FALSE(fs::exists(db + "-shm"));

    // A kiosk still running: its newest day sits in the -wal, not yet in the file.
    sqlite3* writer = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &writer) == SQLITE_OK);
    REQUIRE(sqlite3_exec(writer,
                         "PRAGMA wal_autocheckpoint = 0;"
                         "INSERT INTO rollups(day, subject_kind, subject, metric, value) VALUES"
                         " ('2025-06-04', 'kiosk', '', 'sessions', 9)",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    const std::string with_wal = kiosk::test::read_file(db);
    REQUIRE(fs::file_size(db + "-wal") > 0);
    CommandRun live = run_kioskctl(folder, "stats summary --db kiosk.db --from 2025-06-04");
    INFO(live.out << live.err);
    CHECK(live.code == 0);
    std::vector<std::string> live_days = terminal_table(live.out, "每日访客");
    REQUIRE(live_days.size() == 3); // header, the day, 合计
    CHECK(words_of(live_days[1]) == std::vector<std::string>{"2025-06-04", "9", "0.0"});
    CHECK(kiosk::test::read_file(db) == with_wal);

    // Copies on a read-only folder: one cleanly closed, one with that -wal and no -shm.
    const bool root = geteuid() == 0;
    if (root && !fs::exists("/usr/bin/setpriv")) {
        WARN("running as root without setpriv: the read-only folder part is not checked");
        sqlite3_close(writer);
        return;
    }
    fs::create_directories(folder.path() / "ro-clean");
    fs::create_directories(folder.path() / "ro-wal");
    fs::copy_file(db, folder.file("ro-wal/kiosk.db"));
    fs::copy_file(db + "-wal", folder.file("ro-wal/kiosk.db-wal"));
    sqlite3_close(writer); // checkpoints the WAL into the file and removes it
    REQUIRE_FALSE(fs::exists(db + "-wal"));
    fs::copy_file(db, folder.file("ro-clean/kiosk.db"));
    for (const char* sub : {"ro-clean", "ro-wal"}) {
        for (const auto& entry : fs::directory_iterator(folder.path() / sub))
            fs::permissions(entry.path(),
                            fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        fs::permissions(folder.path() / sub, fs::perms::owner_read | fs::perms::owner_exec |
                                                 fs::perms::group_read | fs::perms::group_exec |
                                                 fs::perms::others_read | fs::perms::others_exec);
    }
    const std::string clean_before = kiosk::test::read_file(folder.file("ro-clean/kiosk.db"));
    CommandRun clean =
        run_kioskctl(folder, "stats summary --db ro-clean/kiosk.db --from 2025-06-04", root);
    INFO(clean.out << clean.err);
    CHECK(clean.code == 0);
    std::vector<std::string> clean_days = terminal_table(clean.out, "每日访客");
    REQUIRE(clean_days.size() == 3); // header, the day, 合计
    CHECK(words_of(clean_days[1]) == std::vector<std::string>{"2025-06-04", "9", "0.0"});
    CHECK(kiosk::test::read_file(folder.file("ro-clean/kiosk.db")) == clean_before);

    CommandRun stale = run_kioskctl(folder, "stats summary --db ro-wal/kiosk.db", root);
    INFO(stale.out << stale.err);
    CHECK(stale.code == 0);
    CHECK(stale.err.find("kioskctl: note: ro-wal/kiosk.db-wal cannot be read") !=
          std::string::npos);
    CHECK(stale.out.find("单摆实验室") != std::string::npos);

    for (const char* sub : {"ro-clean", "ro-wal"}) // let TempFolder remove them
        fs::permissions(folder.path() / sub, fs::perms::owner_all, fs::perm_options::add);
}

TEST_CASE("broken databases are refused with a message naming the file, which stays untouched",
          "[stats][cli]") {
    TempFolder folder;
    CommandRun missing = run_kioskctl(folder, "stats summary --db nope.db");
    CHECK(missing.code == 2);
    CHECK(missing.err == "kioskctl: nope.db: no such file\n");
    CHECK_FALSE(fs::exists(folder.file("nope.db")));

    const std::string text = "day,sessions\n2025-06-01,3\n";
    folder.write("fake.db", text);
    CommandRun fake = run_kioskctl(folder, "stats summary --db fake.db");
    CHECK(fake.code == 2);
    CHECK(fake.err.find("fake.db: not a kiosk database (not an SQLite database file)") !=
          std::string::npos);
    CHECK(kiosk::test::read_file(folder.file("fake.db")) == text);

    {
        sqlite3* other = nullptr;
        REQUIRE(sqlite3_open(folder.file("other.db").c_str(), &other) == SQLITE_OK);
        REQUIRE(sqlite3_exec(other, "CREATE TABLE notes(text)", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
        sqlite3_close(other);
    }
    CommandRun other = run_kioskctl(folder, "stats summary --db other.db");
    CHECK(other.code == 2);
    CHECK(other.err.find("other.db: not a kiosk database") != std::string::npos);

    REQUIRE(kiosk::test::make_versioned_database(folder.file("newer.db"), 99).empty());
    const std::string newer_bytes = kiosk::test::read_file(folder.file("newer.db"));
    CommandRun newer = run_kioskctl(folder, "stats export --db newer.db --format csv -o newer.csv");
    CHECK(newer.code == 2);
    CHECK(newer.err.find("newer.db: the database has schema version 99, newer than this "
                         "kioskctl reads (3)") != std::string::npos);
    CHECK(kiosk::test::read_file(folder.file("newer.db")) == newer_bytes);
    CHECK_FALSE(fs::exists(folder.file("newer.csv")));

    REQUIRE(kiosk::test::make_versioned_database(folder.file("old.db"), 1).empty());
    const std::string old_bytes = kiosk::test::read_file(folder.file("old.db"));
    CommandRun old = run_kioskctl(folder, "stats summary --db old.db");
    CHECK(old.code == 2);
    CHECK(old.err.find("old.db: the database has schema version 1, older") != std::string::npos);
    CHECK(old.err.find("let the kiosk software open it once") != std::string::npos);
    CHECK(kiosk::test::read_file(folder.file("old.db")) == old_bytes);

    fs::create_directories(folder.path() / "data");
    CommandRun directory = run_kioskctl(folder, "stats summary --db data");
    CHECK(directory.code == 2);
    CHECK(directory.err.find("data: is a folder") != std::string::npos);
}

TEST_CASE("bad dates, ranges and options exit 2 with a message", "[stats][cli]") {
    TempFolder folder;
    const std::string db = make_fixture(folder);
    const std::string before = kiosk::test::read_file(db);

    CommandRun bad_day = run_kioskctl(folder, "stats summary --db kiosk.db --from 2025-02-30");
    CHECK(bad_day.code == 2);
    CHECK(bad_day.err ==
          "kioskctl: --from 2025-02-30: not a day; write YYYY-MM-DD, for example 2025-06-01\n");
    CHECK(bad_day.out.empty());

    CommandRun slashes = run_kioskctl(folder, "stats summary --db kiosk.db --to 2025/06/01");
    CHECK(slashes.code == 2);
    CHECK(slashes.err.find("--to 2025/06/01: not a day") != std::string::npos);

    CommandRun backwards =
        run_kioskctl(folder, "stats summary --db kiosk.db --from 2025-06-03 --to 2025-06-01");
    CHECK(backwards.code == 2);
    CHECK(backwards.err == "kioskctl: --from 2025-06-03 is after --to 2025-06-01\n");

    CommandRun backwards_export = run_kioskctl(
        folder,
        "stats export --db kiosk.db --format csv --from 2025-06-03 --to 2025-06-01 -o x.csv");
    CHECK(backwards_export.code == 2);
    CHECK_FALSE(fs::exists(folder.file("x.csv")));

    CommandRun language = run_kioskctl(folder, "stats summary --db kiosk.db --lang fr");
    CHECK(language.code == 2);
    CHECK(language.err.find("--lang") != std::string::npos);

    CommandRun format = run_kioskctl(folder, "stats export --db kiosk.db --format pdf -o x.pdf");
    CHECK(format.code == 2);
    CHECK(format.err.find("--format") != std::string::npos);

    CommandRun no_db = run_kioskctl(folder, "stats summary");
    CHECK(no_db.code == 2);
    CHECK(no_db.err.find("--db") != std::string::npos);

    CommandRun onto_db =
        run_kioskctl(folder, "stats export --db kiosk.db --format csv -o ./kiosk.db");
    CHECK(onto_db.code == 2);
    CHECK(onto_db.err.find("is the database itself") != std::string::npos);

    CommandRun nowhere =
        run_kioskctl(folder, "stats export --db kiosk.db --format xlsx -o no/such/folder/r.xlsx");
    CHECK(nowhere.code == 2);
    CHECK(nowhere.err.find("no/such/folder/r.xlsx") != std::string::npos);
    for (const char* format_name : {"csv", "json"}) {
        CommandRun unwritable =
            run_kioskctl(folder, std::string("stats export --db kiosk.db --format ") + format_name +
                                     " -o no/such/r.out");
        CHECK(unwritable.code == 2);
        CHECK(unwritable.err.find("no/such/r.out: cannot write") != std::string::npos);
    }
    CHECK(kiosk::test::read_file(db) == before);
}

TEST_CASE("an empty kiosk.db gives empty reports, not an error", "[stats][cli]") {
    TempFolder folder;
    REQUIRE(kiosk::test::make_versioned_database(folder.file("empty.db"), 2).empty());
    CommandRun summary = run_kioskctl(folder, "stats summary --db empty.db");
    INFO(summary.out << summary.err);
    CHECK(summary.code == 0);
    CHECK(summary.out.find("（无）") != std::string::npos);
    CommandRun json = run_kioskctl(folder, "stats export --db empty.db --format json -o e.json");
    REQUIRE(json.code == 0);
    nlohmann::json document = nlohmann::json::parse(kiosk::test::read_file(folder.file("e.json")));
    CHECK(document["from"].is_null());
    CHECK(document["reports"]["visitors_per_day"].empty());
    CHECK(run_kioskctl(folder, "stats export --db empty.db --format xlsx -o e.xlsx").code == 0);
}

TEST_CASE("every stats command explains itself with --help", "[stats][cli]") {
    TempFolder folder;
    for (const char* command : {"stats", "stats summary", "stats export"}) {
        INFO(command);
        CommandRun help = run_kioskctl(folder, std::string(command) + " --help");
        CHECK(help.code == 0);
        CHECK(help.out.find("Usage") != std::string::npos);
    }
    CommandRun help = run_kioskctl(folder, "stats export --help");
    CHECK(help.out.find("--format") != std::string::npos);
    CHECK(help.out.find("--report") != std::string::npos);
    CHECK(run_kioskctl(folder, "stats").code == 2); // a subcommand is required
}
