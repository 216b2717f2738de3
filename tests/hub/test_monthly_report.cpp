// The monthly report on the hub (issue 20, part 2): collect_monthly_report's
// numbers on a store filled through apply_sync with known buckets (the month,
// the previous month, the same month last year; a venue and the province with
// its per-venue breakdown; a kiosk filter; the minimum-sample rule; the
// data-quality notes), GET /reports/monthly's refusals (bad month, unknown
// venue, another venue's manager) and `kiosk-hub report monthly`'s, and the
// PDFs of both read back with pdftotext ([pdf]: needs the h20-pdf renderer).
// [availability] tests need the contact history and QueryScope::kiosk of the
// h20-availability branch.
//
// Index of this file:
// [SECTION] Helpers: a store with known months
// [SECTION] The collector's numbers
// [SECTION] The route and the command: refusals and PDFs

#include "browser_test_support.h"
#include "hub_test_support.h"
#include "hub_with_managers.h"
#include "notice_test_support.h"
#include "store_backends.h"

#include "core/civil_time.h"
#include "core/signing_keys.h"
#include "hub/monthly_report_data.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

namespace kiosk::test {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: a store with known months
//-----------------------------------------------------------------------------

const std::string kEpoch(32, 'a');
constexpr int64_t kSyncedAt = 1795829400000;  // 2026-11-28 (the buckets' sync time)
constexpr int64_t kReportNow = 1796400000000; // 2026-12-04 22:40 Beijing time
constexpr const char* kPassword = "correct horse battery";

void sync_buckets(hub::HubStore& store, const std::string& kiosk,
                  const std::vector<sync::Bucket>& buckets) {
    sync::SyncBatch batch = make_batch(kEpoch, 100);
    batch.buckets = buckets;
    batch.titles = {{"question", "pack/q1", "最难的题", "The hardest"}};
    int64_t stored = 0;
    std::string error;
    INFO(error);
    REQUIRE(store.apply_sync({kiosk, &batch, kSyncedAt}, stored, error));
}

// Venue v1 (museum: kiosks k1, k2; k4 never synced), v2 (truck: k3).
//   2026-11: k1 5 visitors on the 3rd (hour 10), k2 3 on the 4th (hour 14), k3 7 on the 5th;
//            exhibit pendulum 6 visits 60 s dwell 5 visitors (k1);
//            questions q1 25 answers 5 correct, q2 30/27, q3 4/0 (below 20); k1 dropped 3 log
//            events
//   2026-10: k1 4 visitors.   2025-11: k1 2 visitors.
void fill_known_months(const std::string& data_dir) {
    std::string error;
    std::unique_ptr<hub::HubStore> store =
        hub::open_hub_store(kiosk::test::test_store(data_dir), error);
    INFO(error);
    REQUIRE(store);
    REQUIRE(store->add_venue({"v1", "县博物馆", "County museum", "county_museum"}, error));
    REQUIRE(store->add_venue({"v2", "流动科技馆", "Science truck", "mobile_exhibit"}, error));
    for (auto [kiosk, venue] : {std::pair{"k1", "v1"}, std::pair{"k2", "v1"}, std::pair{"k3", "v2"},
                                std::pair{"k4", "v1"}})
        REQUIRE(store->add_kiosk({kiosk, venue, "hash"}, error));
    sync_buckets(*store, "k1",
                 {{"2026-11-03", "kiosk", "", "sessions", 5, 1},
                  {"2026-11-03", "kiosk", "", "session_ms", 50000, 2},
                  {"2026-11-03", "hour", "10", "sessions", 5, 3},
                  {"2026-11-03", "exhibit", "pendulum", "visits", 6, 4},
                  {"2026-11-03", "exhibit", "pendulum", "dwell_ms", 60000, 5},
                  {"2026-11-03", "exhibit", "pendulum", "visitors", 5, 6},
                  {"2026-11-03", "question", "pack/q1", "answers", 25, 7},
                  {"2026-11-03", "question", "pack/q1", "correct", 5, 8},
                  {"2026-11-03", "question", "pack/q2", "answers", 30, 9},
                  {"2026-11-03", "question", "pack/q2", "correct", 27, 10},
                  {"2026-11-03", "question", "pack/q3", "answers", 4, 11},
                  {"2026-11-03", "kiosk", "", "dropped_log_events", 3, 12},
                  {"2026-10-10", "kiosk", "", "sessions", 4, 13},
                  {"2025-11-20", "kiosk", "", "sessions", 2, 14}});
    sync_buckets(*store, "k2",
                 {{"2026-11-04", "kiosk", "", "sessions", 3, 1},
                  {"2026-11-04", "hour", "14", "sessions", 3, 2}});
    sync_buckets(*store, "k3",
                 {{"2026-11-05", "kiosk", "", "sessions", 7, 1},
                  {"2026-11-05", "hour", "10", "sessions", 7, 2}});
    // Registered in May 2026 (add_kiosk records the real clock).
    exec_hub_sql(data_dir, "UPDATE kiosks SET created_utc_ms = 1780000000000");
}

struct KnownStore {
    TempFolder folder;
    std::string data = folder.file("hub");
    std::unique_ptr<hub::HubStore> store;
    KnownStore() {
        fill_known_months(data);
        std::string error;
        store = hub::open_hub_store(kiosk::test::test_store(data), error);
        REQUIRE(store);
    }
    report::MonthlyReport collect(const std::string& venue, const std::string& kiosk = "") {
        hub::MonthlyRequest request;
        request.venue = venue;
        request.kiosk = kiosk;
        request.month = "2026-11";
        request.now_utc_ms = kReportNow;
        std::string error;
        std::optional<report::MonthlyReport> report =
            hub::collect_monthly_report(*store, nullptr, nullptr, request, error);
        INFO(error);
        REQUIRE(report);
        return *report;
    }
};

bool has_note(const report::MonthlyReport& report, const std::string& part) {
    return std::any_of(
        report.data_quality.begin(), report.data_quality.end(),
        [&](const std::string& note) { return note.find(part) != std::string::npos; });
}

// pdftotext's text of a PDF (with -layout), "" when it cannot be read.
std::string pdf_text(const TempFolder& folder, const std::string& pdf_path) {
    const std::string text_path = folder.file("pdf.txt");
    const std::string command =
        "pdftotext -layout '" + pdf_path + "' '" + text_path + "' 2>/dev/null";
    if (std::system(command.c_str()) != 0) return "";
    return read_text_file(text_path);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The collector's numbers
//-----------------------------------------------------------------------------

TEST_CASE("monthly report: a venue's month against last month and the same month last year",
          "[hub][monthly]") {
    KnownStore known;
    const report::MonthlyReport report = known.collect("v1");
    CHECK(report.scope_name == "县博物馆");
    CHECK_FALSE(report.province);
    CHECK(report.days == DayRange{"2026-11-01", "2026-11-30"});
    CHECK(report.this_month.known);
    CHECK(report.this_month.visitors == 8);
    CHECK(report.this_month.session_ms == 50000);
    CHECK(report.this_month.exhibit_visits == 6);
    CHECK(report.this_month.quiz_answers == 59);
    CHECK(report.this_month.quiz_correct == 32);
    CHECK(report.this_month.active_kiosks == 2);
    CHECK(report.previous_month.known);
    CHECK(report.previous_month.visitors == 4);
    CHECK(report.previous_month.active_kiosks == 1);
    CHECK(report.same_month_last_year.visitors == 2);

    REQUIRE(report.visitors_per_day.size() == 30);
    CHECK(report.visitors_per_day[2].day == "2026-11-03");
    CHECK(report.visitors_per_day[2].visitors == 5);
    CHECK(report.visitors_per_day[3].visitors == 3);
    CHECK(report.visitors_per_day[4].visitors == 0); // k3's day is v2's
    CHECK(report.visitors_by_hour[10] == 5);
    CHECK(report.visitors_by_hour[14] == 3);

    REQUIRE(report.exhibits.size() == 1);
    CHECK(report.exhibits[0].id == "pendulum");
    CHECK(report.exhibits[0].visits == 6);
    CHECK(report.exhibits[0].dwell_ms == 60000);
    CHECK(report.exhibits[0].visitors == 5);
}

TEST_CASE("monthly report: hardest questions need the minimum answers, the rest are counted",
          "[hub][monthly]") {
    KnownStore known;
    const report::MonthlyReport report = known.collect("v1");
    CHECK(report.min_answers == 20);
    REQUIRE(report.hardest_questions.size() == 2);
    CHECK(report.hardest_questions[0].question_id == "q1");
    CHECK(report.hardest_questions[0].pack == "pack");
    CHECK(report.hardest_questions[0].text == "最难的题");
    CHECK(report.hardest_questions[0].answers == 25);
    CHECK(report.hardest_questions[0].correct == 5);
    CHECK(report.hardest_questions[1].question_id == "q2");
    CHECK(report.questions_below_minimum == 1); // q3: 4 answers
}

TEST_CASE("monthly report: the province sums every venue and breaks down by venue",
          "[hub][monthly]") {
    KnownStore known;
    const report::MonthlyReport report = known.collect("");
    CHECK(report.province);
    CHECK(report.this_month.visitors == 15);
    CHECK(report.this_month.active_kiosks == 3);
    CHECK(report.visitors_by_hour[10] == 12);
    REQUIRE(report.venues.size() == 2);
    CHECK(report.venues[0].id == "v1"); // 8 visitors before v2's 7
    CHECK(report.venues[0].name == "县博物馆");
    CHECK(report.venues[0].month.visitors == 8);
    CHECK(report.venues[0].month.active_kiosks == 2);
    CHECK(report.venues[0].kiosks == 3);
    CHECK(report.venues[1].id == "v2");
    CHECK(report.venues[1].month.visitors == 7);
    CHECK(report.venues[1].kiosks == 1);
    CHECK(report.kiosks.size() == 4);
}

TEST_CASE("monthly report: data-quality notes name silent kiosks and dropped events",
          "[hub][monthly]") {
    KnownStore known;
    const report::MonthlyReport report = known.collect("v1");
    CHECK(has_note(report, "k4"));             // never synced: silent
    CHECK_FALSE(has_note(report, "k1\u3001")); // synced on the 28th: not silent
    CHECK(has_note(report, "3 条日志事件"));   // k1's dropped log events
    CHECK(report.content_known == false);      // no library given
    CHECK(report.notices_known == false);
    // Days of November with no visitors while v1 had kiosks: 30 - 2 (the 3rd and 4th).
    CHECK(has_note(report, "28 天"));
}

TEST_CASE("monthly report: a bad month, an unknown venue or kiosk, a kiosk of another venue",
          "[hub][monthly]") {
    KnownStore known;
    hub::MonthlyRequest request;
    request.now_utc_ms = kReportNow;
    std::string error;
    for (const auto& [venue, kiosk, month, expected] :
         std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
             {"v1", "", "2026-13", "2026-13"},
             {"v1", "", "2026-1", "YYYY-MM"},
             {"nowhere", "", "2026-11", "nowhere"},
             {"v1", "k9", "2026-11", "k9"},
             {"v1", "k3", "2026-11", "k3"}}) {
        request.venue = venue;
        request.kiosk = kiosk;
        request.month = month;
        INFO(venue << " " << kiosk << " " << month);
        CHECK_FALSE(hub::collect_monthly_report(*known.store, nullptr, nullptr, request, error));
        CHECK(error.find(expected) != std::string::npos);
    }
}

TEST_CASE("monthly report: one kiosk's month ([availability]: QueryScope::kiosk in the store)",
          "[hub][monthly][availability]") {
    KnownStore known;
    const report::MonthlyReport report = known.collect("v1", "k2");
    CHECK(report.kiosk == "k2");
    CHECK(report.this_month.visitors == 3);
    CHECK(report.this_month.active_kiosks == 1);
    CHECK(report.visitors_by_hour[10] == 0);
    CHECK(report.visitors_by_hour[14] == 3);
    REQUIRE(report.kiosks.size() == 1);
    CHECK(report.kiosks[0].kiosk == "k2");
}

TEST_CASE("monthly report: availability from the contact history ([availability])",
          "[hub][monthly][availability]") {
    KnownStore known;
    const report::MonthlyReport report = known.collect("v1");
    REQUIRE(report.availability_known);
    CHECK_FALSE(has_note(report, "可用率暂无法统计"));
    // Opening hours 09:00-17:00 every day (the default): 30 x 8. k1 and k2
    // were heard from once, at their sync on 2026-11-28 (outside opening hours
    // at 14:10 UTC = 22:10 Beijing time): 0 available hours.
    for (const report::KioskAvailabilityLine& line : report.kiosks) {
        INFO(line.kiosk);
        CHECK(line.open_hours == 240);
        CHECK(line.available_hours == 0);
    }
}

TEST_CASE("monthly report: the content shown in the scope with each review's status",
          "[hub][monthly]") {
    KnownStore known;
    std::string error;
    std::unique_ptr<hub::LibraryStore> library =
        hub::open_library_store(kiosk::test::test_store(known.data), error);
    REQUIRE(library);
    // Today is 2026-12-04 in Beijing: a review ending by 2027-01-03 is expiring.
    const auto add = [&](const std::string& id, const std::vector<hub::LibraryReview>& reviews) {
        hub::LibraryPackage package;
        package.id = id;
        package.version = "1.0.0";
        package.kind = "exhibit";
        package.title_zh = id + " 中文";
        package.title_en = id + " English";
        package.publisher_key_id = "0123456789abcdef";
        package.sha256 = std::string(64, 'a');
        package.size = 4;
        package.reviews = reviews;
        const std::string staged = known.folder.write("hub/library/" + id + ".staged", "pkg!");
        INFO(error);
        REQUIRE(library->add_package(package, staged, error) == hub::AddPackageOutcome::Added);
        REQUIRE(library->publish_item(id, error));
    };
    const auto approved = [](const std::string& expires, bool trusted = true) {
        return hub::LibraryReview{
            "fedcba9876543210",  "approved", "2026-01-01", expires, trusted, "",
            std::string(64, 's')};
    };
    add("valid-item", {approved("2027-06-30")});
    add("expiring-item", {approved("2027-01-03")});
    add("expired-item", {approved("2026-11-30")});
    add("unreviewed-item",
        {approved("2027-06-30", false)}); // an untrusted key's counts for nothing
    add("elsewhere-item", {approved("2027-06-30")});
    REQUIRE(library->assign("k1", {"valid-item", "expiring-item", "expired-item"}, error));
    REQUIRE(library->assign("k2", {"valid-item", "unreviewed-item"}, error));
    REQUIRE(library->assign("k3", {"elsewhere-item"}, error)); // venue v2

    hub::MonthlyRequest request;
    request.venue = "v1";
    request.month = "2026-11";
    request.now_utc_ms = kReportNow;
    std::optional<report::MonthlyReport> report =
        hub::collect_monthly_report(*known.store, library.get(), nullptr, request, error);
    INFO(error);
    REQUIRE(report);
    CHECK(report->content_known);
    CHECK_FALSE(report->notices_known);
    std::map<std::string, report::ContentLine> lines;
    for (const report::ContentLine& line : report->content)
        lines[line.id] = line;
    REQUIRE(lines.size() == 4); // not the other venue's item
    CHECK(lines["valid-item"].review_status == "valid");
    CHECK(lines["valid-item"].kiosks == 2);
    CHECK(lines["valid-item"].title == "valid-item 中文");
    CHECK(lines["expiring-item"].review_status == "expiring");
    CHECK(lines["expiring-item"].review_expires == "2027-01-03");
    CHECK(lines["expired-item"].review_status == "expired");
    CHECK(lines["unreviewed-item"].review_status == "none");
    CHECK(lines["unreviewed-item"].review_expires.empty());

    request.venue = "";
    request.language = Language::En;
    report = hub::collect_monthly_report(*known.store, library.get(), nullptr, request, error);
    REQUIRE(report);
    bool elsewhere = false;
    for (const report::ContentLine& line : report->content) {
        elsewhere = elsewhere || line.id == "elsewhere-item";
        if (line.id == "valid-item") CHECK(line.title == "valid-item English");
    }
    CHECK(elsewhere); // the province sees every venue's content
}

TEST_CASE("monthly report: notices sent in the month and how many kiosks showed them",
          "[hub][monthly]") {
    KnownStore known;
    std::unique_ptr<hub::NoticeStore> notices = open_notices(known.data);
    const SecretKey key = generate_key();
    constexpr int64_t kNov10 = 1794297600000; // 2026-11-10T08:00:00Z
    constexpr int64_t kOct20 = 1792483200000; // 2026-10-20T08:00:00Z
    const sync::Notice november = make_notice("quake-nov", {"v1"}, kNov10, kNov10 + kNoticeHourMs);
    const sync::Notice october = make_notice("quake-oct", {"v1"}, kOct20, kOct20 + kNoticeHourMs);
    REQUIRE(store_notice(*notices, october, key, kOct20) == hub::AddNoticeOutcome::Added);
    REQUIRE(store_notice(*notices, november, key, kNov10) == hub::AddNoticeOutcome::Added);
    std::string error;
    REQUIRE(notices->store_receipts("k1", "v1", {{"quake-nov", kNov10 + 1000, false, 12, 1}},
                                    kNov10 + 60'000, error));
    REQUIRE(notices->store_receipts("k2", "v1", {{"quake-nov", 0, false, 0, 0}}, // received only
                                    kNov10 + 60'000, error));

    hub::MonthlyRequest request;
    request.venue = "v1";
    request.month = "2026-11";
    request.now_utc_ms = kReportNow;
    const std::optional<report::MonthlyReport> report =
        hub::collect_monthly_report(*known.store, nullptr, notices.get(), request, error);
    INFO(error);
    REQUIRE(report);
    CHECK(report->notices_known);
    CHECK_FALSE(report->content_known);
    REQUIRE(report->notices.size() == 1); // not October's
    const report::NoticeLine& line = report->notices.front();
    CHECK(line.headline == "地震预警：请立即避险");
    CHECK(line.severity == "Severe");
    CHECK(line.sent_utc_ms == kNov10);
    CHECK(line.kiosks_targeted == 3); // k1, k2, k4 of v1
    CHECK(line.kiosks_shown == 1);    // k2 received it but never showed it
}

TEST_CASE("monthly report: availability that cannot be read is unknown with a note, not a failure",
          "[hub][monthly]") {
    KnownStore known;
    const report::MonthlyReport readable = known.collect("v1");
    CHECK(readable.availability_known);
    CHECK_FALSE(has_note(readable, "可用率暂无法统计"));

    // The contact history made unreadable under the store (as a damaged
    // hub.db would be): the report is still made, says so, and lists the kiosks.
    known.store.reset();
    kiosk::test::exec_hub_sql(known.data, "DROP TABLE kiosk_contacts");
    std::string error;
    known.store = hub::open_hub_store(kiosk::test::test_store(known.data), error);
    REQUIRE(known.store);
    const report::MonthlyReport report = known.collect("v1");
    CHECK_FALSE(report.availability_known);
    CHECK(has_note(report, "可用率暂无法统计"));
    CHECK(report.kiosks.size() == 3); // k1, k2, k4 listed still
}

//-----------------------------------------------------------------------------
// [SECTION] The route and the command: refusals and PDFs
//-----------------------------------------------------------------------------

namespace {

// The known months in a hub process, with a manager of v1 and an administrator.
struct ReportHub : kiosk::test::HubWithManagers {
    ReportHub() : HubWithManagers(fill_known_months, "v1", kPassword) {}
};

} // namespace

TEST_CASE("GET /reports/monthly: signed in only; another venue 403, bad month or venue 400 with "
          "the form kept",
          "[hub][monthly]") {
    ReportHub hub;
    Browser anonymous(hub.hub->port());
    auto refused = anonymous.get("/reports/monthly?venue=v1&month=2026-11");
    REQUIRE(refused);
    CHECK(refused->status == 303);

    Browser manager = hub.signed_in("manager");
    auto other = manager.get("/reports/monthly?venue=v2&month=2026-11");
    REQUIRE(other);
    CHECK(other->status == 403);
    CHECK(other->body.find("只能查看自己场馆") != std::string::npos);
    CHECK(other->body.find("action=\"/reports/monthly\"") != std::string::npos);
    CHECK(manager.get("/reports/monthly?month=2026-11&kiosk=k3")->status == 400); // v2's kiosk

    auto bad_month = manager.get("/reports/monthly?venue=v1&month=2026-13");
    REQUIRE(bad_month);
    CHECK(bad_month->status == 400);
    CHECK(bad_month->body.find("2026-13") != std::string::npos);
    CHECK(bad_month->body.find("action=\"/reports/monthly\"") != std::string::npos);
    CHECK(bad_month->body.find("value=\"2026-13\"") != std::string::npos);

    Browser admin = hub.signed_in("admin");
    auto unknown = admin.get("/reports/monthly?venue=nowhere&month=2026-11&lang=en");
    REQUIRE(unknown);
    CHECK(unknown->status == 400);
    CHECK(unknown->body.find("There is no venue &quot;nowhere&quot;.") != std::string::npos);
    CHECK(admin.get("/reports/monthly?venue=v1&month=2026-11&kiosk=k9")->status == 400);
    CHECK(admin.get("/reports/monthly?venue=" + std::string(65, 'v'))->status == 400);
}

TEST_CASE("the dashboard links the monthly report with last month picked", "[hub][monthly]") {
    ReportHub hub;
    Browser manager = hub.signed_in("manager");
    auto page = manager.get("/dashboard?venue=v1");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    CHECK(page->body.find("月度报告（PDF）") != std::string::npos);
    const std::string this_month = local_day(now_utc_ms(), kDefaultVenueUtcOffsetMin).substr(0, 7);
    CHECK(page->body.find("name=\"month\" required pattern=\"[0-9]{4}-[0-9]{2}\" value=\"" +
                          *shift_month(this_month, -1) + "\"") != std::string::npos);
}

TEST_CASE("GET /reports/monthly gives the venue's PDF with its numbers ([pdf])",
          "[hub][monthly][pdf]") {
    ReportHub hub;
    Browser admin = hub.signed_in("admin");
    auto answer = admin.get("/reports/monthly?venue=v1&month=2026-11");
    REQUIRE(answer);
    INFO(answer->body.substr(0, 400));
    REQUIRE(answer->status == 200);
    CHECK(answer->get_header_value("Content-Type") == "application/pdf");
    CHECK(answer->get_header_value("Content-Disposition") ==
          "attachment; filename=\"monthly-v1-2026-11.pdf\"");
    const std::string path = hub.folder.write("route.pdf", answer->body);
    const std::string text = pdf_text(hub.folder, path);
    CHECK(text.find("县博物馆") != std::string::npos);
    CHECK(text.find("最难的题") != std::string::npos);
    CHECK(text.find("2026-11") != std::string::npos);

    auto province = admin.get("/reports/monthly?month=2026-11");
    REQUIRE(province);
    REQUIRE(province->status == 200);
    CHECK(province->get_header_value("Content-Disposition") ==
          "attachment; filename=\"monthly-province-2026-11.pdf\"");
    const std::string province_text =
        pdf_text(hub.folder, hub.folder.write("province.pdf", province->body));
    CHECK(province_text.find("流动科技馆") != std::string::npos);
}

TEST_CASE("kiosk-hub report monthly refuses bad requests with the managers' words",
          "[hub][monthly]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    fill_known_months(data);
    const std::string base = "report monthly --data " + data + " ";
    CHECK(run_hub_command(folder, base + "--venue v1 --month 2026-11").code == 2); // no -o
    check_refused(run_hub_command(folder, base + "--month 2026-11 -o r.pdf"), 2, "--province");
    check_refused(run_hub_command(folder, base + "--venue v1 --province --month 2026-11 -o r.pdf"),
                  2, "--province");
    check_refused(run_hub_command(folder, base + "--venue v1 --month 2026-13 -o r.pdf"), 2,
                  "2026-13");
    check_refused(
        run_hub_command(folder, base + "--venue nowhere --month 2026-11 -o r.pdf --lang en"), 2,
        "There is no venue \"nowhere\".");
    check_refused(run_hub_command(folder, base + "--venue v1 --kiosk k3 --month 2026-11 -o r.pdf"),
                  2, "k3");
    check_refused(run_hub_command(folder, "report monthly --data " + folder.file("none") +
                                              " --venue v1 --month 2026-11 -o r.pdf"),
                  1, folder.file("none")); // its hub.db, or (PostgreSQL) the folder itself
    CHECK_FALSE(std::filesystem::exists(folder.file("none")));
    CHECK_FALSE(std::filesystem::exists(folder.file("r.pdf")));
}

TEST_CASE("kiosk-hub report monthly writes the PDF, and says so when it cannot ([pdf])",
          "[hub][monthly][pdf]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    fill_known_months(data);
    const std::string base = "report monthly --data " + data + " --month 2026-11 ";
    const CommandRun wrote = run_hub_command(folder, base + "--venue v1 -o r.pdf");
    require_ok(wrote);
    CHECK(wrote.out.find("r.pdf") != std::string::npos);
    const std::string text = pdf_text(folder, folder.file("r.pdf"));
    CHECK(text.find("县博物馆") != std::string::npos);
    CHECK(text.find("最难的题") != std::string::npos);
    require_ok(run_hub_command(folder, base + "--province --lang en -o p.pdf"));
    CHECK(pdf_text(folder, folder.file("p.pdf")).find("Science truck") != std::string::npos);

    check_refused(run_hub_command(folder, base + "--venue v1 -o " + folder.file("no/such/r.pdf")),
                  1, folder.file("no/such/r.pdf"));
}

} // namespace kiosk::test
