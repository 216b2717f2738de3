// Issue 20 on a kiosk's own kiosk.db: the monthly report's numbers from the
// stats fixture (monthly_report_from_kiosk), `kioskctl stats report`'s
// refusals and its PDF read back with pdftotext ([pdf]: the h20-pdf
// renderer), and `kioskctl stats summary|export --month | --range` (the same
// days as --from/--to; refused together with them or with each other).
#include "stats_fixture.h"
#include "stats_test_support.h"

#include "core/civil_time.h"
#include "core/day_ranges.h"
#include "stats/monthly_from_kiosk.h"

#include <filesystem>

using kiosk::test::CommandRun;
using kiosk::test::run_kioskctl;
using kiosk::test::TempFolder;
namespace fs = std::filesystem;

namespace {

std::string make_fixture(const TempFolder& folder) {
    const std::string path = folder.file("kiosk.db");
    const std::string error = kiosk::test::make_stats_fixture(path);
    INFO(error);
    REQUIRE(error.empty());
    return path;
}

kiosk::report::MonthlyReport fixture_month(const std::string& path, int min_answers) {
    std::string error;
    std::unique_ptr<kiosk::telemetry::ReadOnlyKioskDb> db =
        kiosk::telemetry::ReadOnlyKioskDb::open(path, error);
    REQUIRE(db);
    std::optional<kiosk::report::MonthlyReport> report = kiosk::stats::monthly_report_from_kiosk(
        *db, "2025-06", kiosk::Language::Zh, min_answers, 1750000000000, error);
    INFO(error);
    REQUIRE(report);
    return *report;
}

} // namespace

TEST_CASE("a kiosk's month: the fixture's June numbers, and what only a hub knows unknown",
          "[stats][monthly]") {
    TempFolder folder;
    const kiosk::report::MonthlyReport report = fixture_month(make_fixture(folder), 20);
    CHECK(report.days == kiosk::DayRange{"2025-06-01", "2025-06-30"});
    CHECK(report.this_month.known);
    CHECK(report.this_month.visitors == 6);        // 3 + 2 + 1
    CHECK(report.this_month.session_ms == 480000); // 360 s + 90 s + 30 s
    CHECK(report.this_month.exhibit_visits == 11); // 5 + 3 + 2 + 1
    CHECK(report.this_month.quiz_answers == 10);
    CHECK(report.this_month.quiz_correct == 4);
    CHECK(report.this_month.active_kiosks == 1);
    CHECK_FALSE(report.previous_month.known); // May 2025: no data
    CHECK_FALSE(report.same_month_last_year.known);
    REQUIRE(report.visitors_per_day.size() == 30);
    CHECK(report.visitors_per_day[0].visitors == 3);
    CHECK(report.visitors_per_day[1].visitors == 2);
    CHECK(report.visitors_by_hour[14] == 3);
    REQUIRE(report.exhibits.size() == 4);
    CHECK(report.exhibits[0].id == "pendulum-lab");
    CHECK(report.exhibits[0].title == "单摆实验室");
    CHECK(report.exhibits[0].visits == 5);
    CHECK(report.exhibits[0].dwell_ms == 540000);
    CHECK(report.quiz_rounds == 2);
    // Neither question has 20 answers.
    CHECK(report.hardest_questions.empty());
    CHECK(report.questions_below_minimum == 2);
    CHECK_FALSE(report.availability_known);
    CHECK_FALSE(report.content_known);
    CHECK_FALSE(report.notices_known);
    REQUIRE(report.kiosks.size() == 1);
    CHECK(report.kiosks[0].source_is_kiosk);
    REQUIRE_FALSE(report.data_quality.empty());
    CHECK(report.data_quality[0].find("kiosk.db") != std::string::npos);
}

TEST_CASE("a kiosk's month: the hardest questions with a smaller minimum sample",
          "[stats][monthly]") {
    TempFolder folder;
    const kiosk::report::MonthlyReport report = fixture_month(make_fixture(folder), 5);
    REQUIRE(report.hardest_questions.size() == 1);
    CHECK(report.hardest_questions[0].question_id == "q2");
    CHECK(report.hardest_questions[0].answers == 6);
    CHECK(report.hardest_questions[0].correct == 1);
    CHECK(report.questions_below_minimum == 1); // q1: 4 answers
}

TEST_CASE("stats summary --month and --range give the same days as --from/--to",
          "[stats][monthly]") {
    TempFolder folder;
    make_fixture(folder);
    const CommandRun month = run_kioskctl(folder, "stats summary --db kiosk.db --month 2025-06");
    const CommandRun dates =
        run_kioskctl(folder, "stats summary --db kiosk.db --from 2025-06-01 --to 2025-06-30");
    REQUIRE(month.code == 0);
    CHECK(month.out == dates.out);
    CHECK(month.out.find("2025-06-30") != std::string::npos);
    // Today is the kiosk's day at its events' offset (+08:00 in the fixture).
    const std::string today = kiosk::local_day(kiosk::now_utc_ms(), 480);
    const CommandRun range =
        run_kioskctl(folder, "stats summary --db kiosk.db --range last-30-days");
    const kiosk::DayRange last_30 =
        *kiosk::preset_range(kiosk::RangePreset::last_30_days, std::string_view(today));
    const CommandRun same = run_kioskctl(folder, "stats summary --db kiosk.db --from " +
                                                     last_30.from + " --to " + last_30.to);
    REQUIRE(range.code == 0);
    CHECK(range.out == same.out);
}

TEST_CASE("stats refuses --month and --range with --from/--to, together, or malformed",
          "[stats][monthly]") {
    TempFolder folder;
    make_fixture(folder);
    const std::string db = " --db kiosk.db ";
    for (const std::string& command :
         {std::string("stats summary"), std::string("stats export --format csv -o r.csv")}) {
        INFO(command);
        CommandRun with_dates =
            run_kioskctl(folder, command + db + "--month 2025-06 --from 2025-06-01");
        CHECK(with_dates.code == 2);
        CHECK(with_dates.err.find("--from") != std::string::npos);
        CommandRun both = run_kioskctl(folder, command + db + "--month 2025-06 --range this-year");
        CHECK(both.code == 2);
        CHECK(both.err.find("--range") != std::string::npos);
        CommandRun bad_month = run_kioskctl(folder, command + db + "--month 2026-13");
        CHECK(bad_month.code == 2);
        CHECK(bad_month.err.find("2026-13") != std::string::npos);
        CommandRun bad_range = run_kioskctl(folder, command + db + "--range fortnight --lang en");
        CHECK(bad_range.code == 2);
        CHECK(bad_range.err.find("fortnight") != std::string::npos);
        CHECK(bad_range.err.find("last-30-days") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(folder.file("r.csv")));
}

TEST_CASE("stats report refuses a missing -o, a bad month and the database as output",
          "[stats][monthly]") {
    TempFolder folder;
    make_fixture(folder);
    CHECK(run_kioskctl(folder, "stats report --db kiosk.db --month 2025-06").code == 2);
    CHECK(run_kioskctl(folder, "stats report --db kiosk.db -o r.pdf").code == 2);
    CommandRun bad = run_kioskctl(folder, "stats report --db kiosk.db --month 2026-13 -o r.pdf");
    CHECK(bad.code == 2);
    CHECK(bad.err.find("2026-13") != std::string::npos);
    CommandRun onto =
        run_kioskctl(folder, "stats report --db kiosk.db --month 2025-06 -o kiosk.db");
    CHECK(onto.code == 2);
    CHECK(onto.err.find("is the database itself") != std::string::npos);
    CHECK_FALSE(fs::exists(folder.file("r.pdf")));
}

TEST_CASE("stats report writes the kiosk's month as a PDF with its numbers ([pdf])",
          "[stats][monthly][pdf]") {
    TempFolder folder;
    make_fixture(folder);
    CommandRun wrote = run_kioskctl(folder, "stats report --db kiosk.db --month 2025-06 -o r.pdf");
    INFO(wrote.err);
    REQUIRE(wrote.code == 0);
    CHECK(wrote.out.find("r.pdf") != std::string::npos);
    REQUIRE(std::system(
                ("pdftotext -layout '" + folder.file("r.pdf") + "' '" + folder.file("r.txt") + "'")
                    .c_str()) == 0);
    const std::string text = kiosk::test::read_file(folder.file("r.txt"));
    CHECK(text.find("单摆实验室") != std::string::npos);
    CHECK(text.find("2025-06") != std::string::npos);

    CommandRun nowhere =
        run_kioskctl(folder, "stats report --db kiosk.db --month 2025-06 -o no/such/r.pdf");
    CHECK(nowhere.code == 2);
    CHECK(nowhere.err.find("no/such/r.pdf") != std::string::npos);
}
