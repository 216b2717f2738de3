// The sample dashboard data: a museum closed on Mondays, busier at weekends
// and in the summer holidays, a truck that visits schools on weekdays, and a
// small fixed pseudo-random wobble so the charts look like real counts.
#include "sample_dashboard.h"

#include "core/civil_time.h"
#include "core/manager_text.h"

#include <chrono>
#include <cmath>

namespace kiosk::dashboard {
namespace {

namespace chrono = std::chrono;

constexpr int64_t kGeneratedUtcMs =
    1'795'899'600'000; // 2026-11-28 21:00 UTC, 11-29 05:00 in Beijing

// A fixed linear congruential wobble in [0, 1).
struct Wobble {
    uint64_t state = 20261128;
    double next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    }
};

void add_year_of_days(DashboardData& data, double scale) {
    Wobble wobble;
    const chrono::sys_days first = chrono::sys_days{chrono::year{2025} / 11 / 29};
    for (int i = 0; i < 365; ++i) {
        const chrono::sys_days day = first + chrono::days{i};
        const unsigned weekday = chrono::weekday{day}.iso_encoding(); // 1 = Monday
        const unsigned month = static_cast<unsigned>(chrono::year_month_day{day}.month());
        double sessions = 120 + 40 * std::sin(i / 58.0);
        if (weekday == 1) sessions *= 0.08; // the museum is closed; the truck is not
        if (weekday >= 6) sessions *= 1.7;
        if (month == 7 || month == 8) sessions *= 1.45;
        if (month == 2 && static_cast<unsigned>(chrono::year_month_day{day}.day()) < 20)
            sessions *= 0.5; // Spring Festival
        sessions *= (0.8 + 0.4 * wobble.next()) * scale;
        data.visitors_per_day.push_back(
            {format_day(day), std::llround(sessions), 95 + 60 * wobble.next()});
    }
    for (int weekday = 0; weekday < 7; ++weekday) {
        for (int hour = 9; hour < 18; ++hour) {
            double count =
                900 - 70 * std::pow(hour - 10.5, 2) + 400 * std::exp(-std::pow(hour - 15, 2));
            if (weekday == 0) count *= 0.1;
            if (weekday >= 5) count *= 1.8;
            count = std::max(count, 40.0) * (0.85 + 0.3 * wobble.next()) * scale;
            data.sessions_by_hour_of_week[weekday][hour] = std::llround(count);
        }
        data.sessions_by_hour_of_week[weekday][8] = std::llround(12 * scale);
        data.sessions_by_hour_of_week[weekday][18] = std::llround(30 * scale);
    }
}

void add_exhibits_and_quiz(DashboardData& data, double scale) {
    const ExhibitUsage exhibits[] = {
        {"earthquake-drill", "地震避险演练", 9812, 4120.5},
        {"pendulum-lab", "单摆实验室", 8740, 2984.0},
        {"water-journey", "水的旅行", 7655, 2210.3},
        {"light-refraction", "光的折射与彩虹", 6021, 1502.7},
        {"static-electricity", "静电的秘密", 5530, 1190.2},
        {"star-explorer", "星空探索", 4102, 1876.9},
        {"waste-sorting", "垃圾分类小能手", 3377, 640.4},
        {"human-body", "人体的奥秘：心脏是怎样跳动的", 2419, 905.0},
    };
    for (ExhibitUsage exhibit : exhibits) {
        exhibit.visits = std::llround(static_cast<double>(exhibit.visits) * scale);
        exhibit.dwell_minutes *= scale;
        data.top_exhibits.push_back(exhibit);
    }
    struct Question {
        const char* pack;
        const char* id;
        const char* text;
        int64_t answers;
        int64_t correct;
    };
    const Question questions[] = {
        {"earthquake-safety", "q3", "地震发生时在高楼里，可以乘电梯逃生吗？", 1840, 612},
        {"pendulum", "q2", "单摆的周期和摆锤的质量有关吗？", 1502, 601},
        {"water-cycle", "q4", "云是由什么组成的？", 1320, 741},
        {"earthquake-safety", "q1", "地震时在室内，应该首先做什么？", 2210, 1540},
        {"light", "q1", "彩虹是光的哪种现象形成的？", 980, 702},
        {"water-cycle", "q1", "水蒸发以后去了哪里？", 1475, 1190},
        {"pendulum", "q1", "摆绳越长，单摆摆动得越快还是越慢？", 1633, 1388},
        {"earthquake-safety", "q2", "从室外躲避地震，应远离哪些地方？", 1904, 1751},
    };
    for (const Question& q : questions) {
        const int64_t answers = std::llround(static_cast<double>(q.answers) * scale);
        const int64_t correct = std::llround(static_cast<double>(q.correct) * scale);
        data.quiz_accuracy.push_back({q.pack, q.id, q.text, answers, correct,
                                      static_cast<double>(correct) / static_cast<double>(answers)});
    }
    // What the pendulum lab's kiosk.log events found: a finding with a field's
    // values (the cap's "…" among them) and one without fields.
    const auto scaled = [&](int64_t n) { return std::llround(static_cast<double>(n) * scale); };
    data.findings.push_back({"pendulum-lab",
                             "单摆实验室",
                             scaled(5200),
                             {{"resonance",
                               scaled(3100),
                               scaled(1924),
                               {{"length_m", "0.5", scaled(1100)},
                                {"length_m", "1", scaled(700)},
                                {"length_m", std::string(kOtherFindingValues), scaled(240)}}},
                              {"gravity_changed", scaled(900), scaled(610), {}}}});
}

DashboardVenue museum() {
    return {"anji-museum", "安吉县科技馆", "Anji County Science Museum"};
}
DashboardVenue truck() {
    return {"science-truck-1", "流动科技馆一号车", "Mobile Science Truck 1"};
}

KioskHealth lobby_kiosk(Language lang) {
    return {"anji-lobby-01",
            lang == Language::En ? museum().name_en : museum().name_zh,
            kGeneratedUtcMs - 7 * 60'000,
            "0.6.0",
            48'200,
            0,
            840,
            {},
            0,
            {ContentStatus::UpToDate, 7, 7, 4, 4}};
}
KioskHealth hall_kiosk(Language lang) {
    return {"anji-hall-02",
            lang == Language::En ? museum().name_en : museum().name_zh,
            kGeneratedUtcMs - 3 * 3'600'000,
            "0.6.0",
            730,
            3,
            452'000,
            {false, true, true},
            0,
            {ContentStatus::Downloading, 6, 7, 3, 5}};
}
KioskHealth truck_kiosk(Language lang) {
    return {"truck1-kiosk-a",
            lang == Language::En ? truck().name_en : truck().name_zh,
            kGeneratedUtcMs - 23 * kMsPerDay - 5 * kMsPerHour,
            "0.5.2",
            12'050,
            17,
            -2'300,
            {true, false, false},
            0,
            {ContentStatus::Expired, 4, 6, 3, 3}};
}

// Each kiosk's availability on the days of `filter`: 8 opening hours a day,
// closed on Mondays; `missing_every` > 0 loses one hour every that many days.
KioskAvailability kiosk_availability(const std::string& kiosk, const DashboardFilter& filter,
                                     int missing_every) {
    KioskAvailability availability{kiosk, {}};
    const auto first = parse_day(filter.from), last = parse_day(filter.to);
    int index = 0;
    for (auto day = *first; day <= *last; day += std::chrono::days{1}, ++index) {
        const bool monday = std::chrono::weekday{day} == std::chrono::Monday;
        const int64_t open = monday ? 0 : 8;
        const int64_t lost = open && missing_every > 0 && index % missing_every == 0 ? 3 : 0;
        availability.days.push_back({format_day(day), open, open - lost});
    }
    return availability;
}

} // namespace

DashboardData sample_dashboard(Language language) {
    DashboardData data;
    data.viewer = {"省科协 王芳", ViewerRole::ProvinceAdmin};
    data.venues = {museum(), truck()};
    data.filter = {"", "2025-11-29", "2026-11-28", language};
    add_year_of_days(data, 1.0);
    add_exhibits_and_quiz(data, 1.0);
    data.kiosks = {lobby_kiosk(language), hall_kiosk(language), truck_kiosk(language)};
    data.availability.venues = {
        {museum().id, museum().name_zh, museum().name_en, 41'210, 97'530, 2, 4'992, 4'861},
        {truck().id, truck().name_zh, truck().name_en, 6'480, 15'020, 1, 2'496, 1'310}};
    data.silent_alert_days = 7;
    data.generated_utc_ms = kGeneratedUtcMs;
    data.csrf_token = "sample-csrf-token-0123456789";
    return data;
}

DashboardData sample_manager_dashboard(Language language) {
    DashboardData data;
    data.viewer = {"李明", ViewerRole::VenueManager};
    data.venues = {museum()};
    data.filter = {museum().id, "2026-10-01", "2026-11-28", language};
    DashboardData year = sample_dashboard(language);
    for (const DayVisitors& day : year.visitors_per_day)
        if (day.day >= data.filter.from) data.visitors_per_day.push_back(day);
    data.sessions_by_hour_of_week = year.sessions_by_hour_of_week;
    add_exhibits_and_quiz(data, 0.16);
    data.kiosks = {lobby_kiosk(language), hall_kiosk(language)};
    data.availability.kiosks = {kiosk_availability(lobby_kiosk(language).id, data.filter, 0),
                                kiosk_availability(hall_kiosk(language).id, data.filter, 4)};
    data.generated_utc_ms = kGeneratedUtcMs;
    data.csrf_token = "sample-csrf-token-0123456789";
    // The notice the hub shows after an upload, in its own words.
    data.notice =
        manager_text("import_done", language,
                     {{"kiosk", "truck1-kiosk-a"}, {"buckets", "1284"}, {"stored", "1284"}});
    return data;
}

DashboardData sample_content_dashboard(Language language) {
    DashboardData data = sample_manager_dashboard(language);
    data.notice.clear();
    const std::string venue = language == Language::En ? museum().name_en : museum().name_zh;
    const auto kiosk = [&](const char* id, KioskContent content) {
        KioskHealth health{id, venue, kGeneratedUtcMs - 20 * 60'000, "0.7.0", 51'000, 0, 120, {}};
        health.content = std::move(content);
        return health;
    };
    data.kiosks = {
        kiosk("anji-lobby-01", {ContentStatus::UpToDate, 7, 7, 4, 4}),
        kiosk("anji-hall-02", {ContentStatus::Waiting, 6, 7, 4, 4}),
        kiosk("anji-hall-03", {ContentStatus::Downloading, 6, 7, 3, 5}),
        kiosk("anji-hall-04",
              {ContentStatus::Failed, 6, 7, 3, 5, 2, "signature", "pendulum-lab 1.3.0"}),
        kiosk("anji-hall-05", {ContentStatus::Failed, 6, 7, 4, 5, 1,
                               "download: connection reset after 3 retries", "solar-system 2.0.1"}),
        kiosk("anji-yard-06", {ContentStatus::Expired, 5, 7, 4, 4}),
        kiosk("anji-shop-07", {ContentStatus::None, 0, 0}),
        kiosk("anji-shop-08", {ContentStatus::NotReported, 0, 2}),
        kiosk("anji-shop-09", {ContentStatus::Unreadable, 0, 3}),
    };
    return data;
}

DashboardData sample_empty_dashboard(Language language) {
    DashboardData data;
    data.viewer = {"李明", ViewerRole::VenueManager};
    data.venues = {museum()};
    data.filter = {museum().id, "2024-01-01", "2024-01-31", language};
    data.generated_utc_ms = kGeneratedUtcMs;
    data.csrf_token = "sample-csrf-token-0123456789";
    return data;
}

} // namespace kiosk::dashboard
