// Hand-built monthly reports (engine/report/monthly_report.h) for tests and
// benchmarks: a venue's November 2026 with every section filled, a province's
// with any number of venues and kiosks, and a month with nothing in it. The
// numbers are chosen so a reader of the PDF can find each one and its change:
//   visitors 12,600 (previous month 10,500: +20.0%; last year not known: —),
//   average session 4.5 min (previous 4.0: +12.5%), exhibit visits 23,456
//   (previous 25,000: -6.2%), quiz answers 3,456 with 75.0% accuracy
//   (previous 70.0%: +5.0 points), 7 kiosks with visitors (previous 7: 0.0%).
// Header-only, so other test folders and bench/ include it without a library.
#pragma once

#include "report/monthly_report.h"

#include <cstdio>
#include <string>
#include <vector>

namespace kiosk::test {

namespace sample_detail {

inline std::string words(Language language, const char* zh, const char* en) {
    return language == Language::Zh ? zh : en;
}

inline report::MonthFigures figures(int64_t visitors, int64_t session_ms, int64_t exhibit_visits,
                                    int64_t answers, int64_t correct, int64_t kiosks) {
    report::MonthFigures month;
    month.known = true;
    month.visitors = visitors;
    month.session_ms = session_ms;
    month.exhibit_visits = exhibit_visits;
    month.quiz_answers = answers;
    month.quiz_correct = correct;
    month.active_kiosks = kiosks;
    return month;
}

// 2026-11-20 00:00 UTC: the report was made on the 20th at 08:00 Beijing time.
constexpr int64_t kGeneratedUtcMs = 1795132800000;
constexpr int64_t kHourMs = 3600 * 1000;

} // namespace sample_detail

// Every day of November 2026 (the 1st is a Sunday) with visitors, weekends busier.
inline std::vector<report::DayCount> sample_november_days() {
    std::vector<report::DayCount> days;
    for (int day = 1; day <= 30; ++day) {
        const bool weekend = day % 7 == 1 || day % 7 == 0; // Sundays 1, 8.. Saturdays 7, 14..
        char text[16];
        std::snprintf(text, sizeof text, "2026-11-%02d", day);
        days.push_back({text, (weekend ? 700 : 300) + (day * 37) % 120});
    }
    return days;
}

inline report::MonthlyReport sample_venue_report(Language language = Language::Zh) {
    using namespace sample_detail;
    report::MonthlyReport r;
    r.language = language;
    r.month = "2026-11";
    r.days = {"2026-11-01", "2026-11-30"};
    r.scope_name = words(language, "青山县科技馆", "Qingshan County Science Museum");
    r.generated_utc_ms = kGeneratedUtcMs;
    r.source = "hub";
    r.this_month = figures(12600, 12600 * 270000LL, 23456, 3456, 2592, 7);
    r.previous_month = figures(10500, 10500 * 240000LL, 25000, 3000, 2100, 7);
    r.same_month_last_year = {}; // not known: every change against it is "—"
    r.visitors_per_day = sample_november_days();
    for (int hour = 9; hour <= 17; ++hour)
        r.visitors_by_hour[size_t(hour)] = 600 + (hour * 53) % 900;
    r.exhibits = {
        {"light-refraction", words(language, "光的折射", "Refraction of light"), 5678,
         5678 * 150000LL, 4321, 987},
        {"sound-waves", words(language, "声波的秘密", "The secret of sound waves"), 4567,
         4567 * 90000LL, 3210, 0},
        {"magnet-lab", "", 3456, 3456 * 60000LL, -1, 12},
    };
    r.quiz_rounds = 1234;
    r.min_answers = 20;
    r.hardest_questions = {
        {"space", "moon-distance", words(language, "地球到月球有多远？", "How far is the Moon?"),
         120, 30},
        {"light", "speed", words(language, "光速是多少？", "How fast is light?"), 80, 40},
    };
    r.questions_below_minimum = 17;
    for (int k = 1; k <= 3; ++k) {
        report::KioskAvailabilityLine line;
        line.kiosk = "kiosk-0" + std::to_string(k);
        line.venue_name = r.scope_name;
        line.open_hours = 270;
        line.available_hours = k == 1 ? 270 : k == 2 ? 243 : 0;
        line.last_seen_utc_ms = k == 3 ? 0 : kGeneratedUtcMs - k * kHourMs;
        r.kiosks.push_back(line);
    }
    r.content_known = true;
    r.content = {
        {"light-refraction", "3", words(language, "光的折射", "Refraction of light"), 3, "valid",
         "2027-06-30"},
        {"sound-waves", "2", words(language, "声波的秘密", "The secret of sound waves"), 2,
         "expiring", "2026-12-15"},
        {"space-quiz", "5", words(language, "太空题库", "Space quiz pack"), 1, "expired",
         "2026-10-31"},
    };
    r.notices_known = true;
    r.notices = {{words(language, "暴雨红色预警", "Red rainstorm warning"), "Severe",
                  kGeneratedUtcMs - 72 * kHourMs, 10, 8}};
    r.data_quality = {words(language, "终端 kiosk-03 已超过 12 天未联系。",
                            "Kiosk kiosk-03 has not been heard from for more than 12 days.")};
    return r;
}

// A province report with `venue_count` venues and `kiosk_count` kiosks (dealt
// to the venues in turn): the per-venue and per-kiosk tables span pages.
inline report::MonthlyReport sample_province_report(int venue_count, int kiosk_count,
                                                    Language language = Language::Zh) {
    using namespace sample_detail;
    report::MonthlyReport r = sample_venue_report(language);
    r.province = true;
    r.scope_name = words(language, "全省科技馆联盟", "Provincial science museum network");
    r.kiosks.clear();
    r.venues.clear();
    for (int v = 0; v < venue_count; ++v) {
        report::VenueLine venue;
        venue.id = "venue-" + std::to_string(v + 1);
        venue.name = words(language, "县科技馆-", "Venue ") + std::to_string(v + 1);
        venue.month = figures(5000 - v, (5000 - v) * 200000LL, 9000 - v, 800 + v, 600, 10);
        venue.open_hours = 270;
        venue.available_hours = 270 - v % 200;
        r.venues.push_back(venue);
    }
    for (int k = 0; k < kiosk_count; ++k) {
        report::KioskAvailabilityLine line;
        char id[32];
        std::snprintf(id, sizeof id, "kiosk-%04d", k + 1);
        line.kiosk = id;
        const int venue = venue_count > 0 ? k % venue_count : 0;
        line.venue_name = venue_count > 0 ? r.venues[size_t(venue)].name : r.scope_name;
        if (venue_count > 0) ++r.venues[size_t(venue)].kiosks;
        line.open_hours = 270;
        line.available_hours = 270 - k % 271;
        line.last_seen_utc_ms = kGeneratedUtcMs - (k % 48) * kHourMs;
        r.kiosks.push_back(line);
    }
    return r;
}

// A month with nothing known: no data before the first sync.
inline report::MonthlyReport empty_monthly_report(Language language = Language::Zh) {
    report::MonthlyReport r;
    r.language = language;
    r.month = "2026-11";
    r.days = {"2026-11-01", "2026-11-30"};
    r.scope_name = sample_detail::words(language, "新建场馆", "New venue");
    r.generated_utc_ms = sample_detail::kGeneratedUtcMs;
    r.source = "hub";
    for (int day = 1; day <= 30; ++day) {
        char text[16];
        std::snprintf(text, sizeof text, "2026-11-%02d", day);
        r.visitors_per_day.push_back({text, 0});
    }
    return r;
}

} // namespace kiosk::test
