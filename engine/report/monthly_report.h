// The monthly evaluation report (月度评估报告, issue 20 part 2) as data, and
// its one drawing: an A4 PDF set with pango on cairo (Chinese first, English
// on request), charts as vectors. The hub fills a MonthlyReport for a venue
// or for the province from its stores (hub/monthly_report_data.h); kioskctl
// fills one from a kiosk's own kiosk.db (stats/monthly_from_kiosk.h). Both
// hand it to render_monthly_pdf, which reads nothing else: every number and
// every word the PDF shows is in this struct or in the managers' strings
// (core/manager_text.h, keys "monthly_*"), so a test can build a report by
// hand and read the PDF's text back (pdftotext) for the same numbers.
//
// Days and hours are the venue's local ones (utc_offset_min); counts are
// exact int64 sums (core/checked_sum.h); a figure that could not be read is
// marked unknown, never shown as 0.
#pragma once

#include "core/bilingual.h"
#include "core/day_ranges.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::report {

// The headline figures of one month. `known` is false when the month has no
// readable data at all (before the first kiosk synced, or a failed read):
// the change against it is then shown as "—", never as +100 %.
struct MonthFigures {
    bool known = false;
    int64_t visitors = 0;       // sessions (访客人次)
    int64_t session_ms = 0;     // their total time
    int64_t exhibit_visits = 0; // exhibit openings
    int64_t quiz_answers = 0;
    int64_t quiz_correct = 0;
    int64_t active_kiosks = 0; // kiosks with at least one visitor in the month
};

struct DayCount {
    std::string day; // YYYY-MM-DD, every day of the month in order, 0 when none
    int64_t visitors = 0;
};

struct ExhibitLine {
    std::string id;
    std::string title; // in the report's language; "" shows the id
    int64_t visits = 0;
    int64_t dwell_ms = 0;
    int64_t visitors = 0; // distinct visitors (core/findings.h "visitors"); -1 = not recorded
    int64_t findings = 0; // finding events logged by the exhibit
};

struct QuestionLine {
    std::string pack, question_id;
    std::string text; // the prompt in the report's language; "" shows PACK/QUESTION
    int64_t answers = 0;
    int64_t correct = 0;
};

// The share of opening hours each kiosk was reachable and working, from the
// hub's contact history (HubStore::kiosk_availability). From a kiosk's own
// database the kiosk knows only when it ran: `source_is_kiosk` says so.
struct KioskAvailabilityLine {
    std::string kiosk;
    std::string venue_name;
    int64_t open_hours = 0;       // opening hours in the month (venue's hours)
    int64_t available_hours = 0;  // of those, hours it was heard from
    int64_t last_seen_utc_ms = 0; // 0 = never
    bool source_is_kiosk = false;
};

// One package shown in the month and its scientific review (issue 17).
struct ContentLine {
    std::string id, version;
    std::string title;          // in the report's language; "" shows the id
    int64_t kiosks = 0;         // kiosks it is assigned to / shown on
    std::string review_status;  // "valid", "expiring" (within 30 days), "expired", "none"
    std::string review_expires; // YYYY-MM-DD, "" when none
};

// One emergency notice sent in the month and its delivery (issue 18).
struct NoticeLine {
    std::string headline; // in the report's language
    std::string severity; // CAP: Extreme | Severe | Moderate | Minor | Unknown
    int64_t sent_utc_ms = 0;
    int64_t kiosks_targeted = 0;
    int64_t kiosks_shown = 0; // delivery receipts saying it was shown
};

// The province report's per-venue breakdown.
struct VenueLine {
    std::string id, name; // name in the report's language
    MonthFigures month;
    int64_t kiosks = 0;
    int64_t open_hours = 0, available_hours = 0;
};

struct MonthlyReport {
    Language language = Language::Zh;
    std::string month;      // YYYY-MM
    DayRange days;          // the month's first..last day
    bool province = false;  // all venues (with `venues`) or one venue
    std::string scope_name; // the venue's name, or the province's title, in the language
    std::string region;     // with province: a region's code (issue 22); "" = every venue
    std::string kiosk;      // "" = every kiosk of the scope, else one kiosk's id
    int32_t utc_offset_min = 8 * 60;
    int64_t generated_utc_ms = 0;
    std::string source; // "hub" or "kiosk.db FILE" (shown in the data-quality section)

    MonthFigures this_month;
    MonthFigures previous_month;                // month - 1
    MonthFigures same_month_last_year;          // month - 12
    std::vector<DayCount> visitors_per_day;     // every day of the month
    std::array<int64_t, 24> visitors_by_hour{}; // local hour the session started
    std::vector<ExhibitLine> exhibits;          // by visits, most first (all of them)
    int64_t quiz_rounds = 0;                    // quizzes started; -1 = not recorded
    // The hardest questions: lowest accuracy first, only those with at least
    // min_answers answers; questions_below_minimum counts the others.
    int min_answers = 20;
    std::vector<QuestionLine> hardest_questions; // offer_hardest_question
    int64_t questions_below_minimum = 0;
    std::vector<KioskAvailabilityLine> kiosks; // by venue then id
    // False when the hub's contact history could not be read (the kiosks are
    // listed, their hours unknown) or the report comes from a kiosk.db.
    bool availability_known = false;
    std::vector<ContentLine> content; // empty with content_known = false: no library
    bool content_known = false;
    std::vector<NoticeLine> notices; // sent in the month, oldest first
    bool notices_known = false;
    std::vector<VenueLine> venues; // province reports: one per venue, by visitors, most first
    // Data-quality notes, already in the report's language: kiosks silent for
    // days, clock jumps, dropped events, days with no data, sums refused.
    std::vector<std::string> data_quality;
};

// The hardest-questions rule, for every filler: offered in accuracy order
// (lowest first), a question with fewer than report.min_answers answers is
// only counted in questions_below_minimum; the others are kept, at most
// kMaxHardestQuestions of them.
constexpr size_t kMaxHardestQuestions = 10;
void offer_hardest_question(MonthlyReport& report, QuestionLine question);

// The PDF: A4 portrait, fonts found through fontconfig (a CJK face:
// WenQuanYi Micro Hei or Noto Sans CJK), text with pango, charts as cairo
// paths. Returns the file's bytes; nullopt with `error` (in English, for
// logs) when cairo or pango fail. Never throws.
std::optional<std::string> render_monthly_pdf(const MonthlyReport& report, std::string& error);

// render_monthly_pdf written to `path`, created for its owner only (0600)
// and never through a symlink (core/private_files.h). False with `error`.
bool write_monthly_pdf(const MonthlyReport& report, const std::string& path, std::string& error);

} // namespace kiosk::report
