// Dashboard queries, access rules and export tables (see dashboard_data.h).
//
// Index of this file:
// [SECTION] Reading a part of the page, export cells, the availability parts
// [SECTION] Titles, access rules and the checked query
// [SECTION] Loading the dashboard
// [SECTION] The export tables
#include "dashboard_data.h"

#include "core/checked_sum.h"
#include "core/civil_time.h"
#include "core/day_ranges.h"
#include "core/findings.h"
#include "core/log.h"
#include "core/manager_text.h"
#include "stats/findings_tables.h"
#include "sync/content_snapshot.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>

namespace kiosk::hub {
//-----------------------------------------------------------------------------
// [SECTION] Reading a part of the page, export cells, the availability parts
//-----------------------------------------------------------------------------

namespace {

namespace chrono = std::chrono;
using stats::ReportCell;

constexpr int64_t kLowDiskMb = 1024;

// Runs `read` (one part of the page's queries); when the store cannot read
// it, marks that part unreadable, so the page says so instead of showing it
// empty, and logs why.
template <typename Read>
void read_part(dashboard::DashboardData& data, bool& unreadable, const char* part, Read read) {
    try {
        read();
    } catch (const StoreReadError& error) {
        unreadable = true;
        const std::string detail = std::string(part) + ": " + error.what();
        data.unreadable_detail += (data.unreadable_detail.empty() ? "" : "; ") + detail;
        log_warning("dashboard: could not read " + detail);
    }
}

// A time as the exports write it (the managers' form; ISO 8601 in JSON; a date-time in XLSX).
stats::ReportCell time_cell(int64_t utc_ms, int32_t utc_offset_min, Language lang) {
    return stats::ReportCell::of_time(utc_ms, utc_offset_min,
                                      manager_time(utc_ms, utc_offset_min, lang));
}

stats::ReportCell total_label(Language lang) {
    return stats::ReportCell::of_text(manager_text("report_total", lang));
}

// The kiosk's status in the page's words: its alerts, or 正常 without any.
std::string kiosk_status(const dashboard::KioskHealth& kiosk, const dashboard::DashboardData& data,
                         Language lang) {
    std::vector<std::string> words;
    if (kiosk.alerts.silent)
        words.push_back(manager_text("alert_silent", lang, {{"n", data.silent_alert_days}}));
    if (kiosk.alerts.clock_skew) words.push_back(manager_text("alert_clock_skew", lang));
    if (kiosk.alerts.low_disk) words.push_back(manager_text("alert_low_disk", lang));
    if (kiosk.alerts.many_epochs)
        words.push_back(manager_text("alert_many_epochs", lang, {{"n", kiosk.recent_epochs}}));
    if (words.empty()) return manager_text("all_good", lang);
    std::string joined;
    for (const std::string& word : words)
        joined += (joined.empty() ? "" : " · ") + word;
    return joined;
}

// The availability sections' numbers: with one venue (or kiosk), each
// kiosk's days; with every venue, the breakdown by venue (visitors, visits,
// kiosks, and the opening hours its kiosks were available).
dashboard::AvailabilityParts load_availability(HubStore& store, const QueryScope& scope,
                                               int32_t utc_offset_min) {
    dashboard::AvailabilityParts parts;
    const std::vector<AvailabilityDay> days = store.kiosk_availability(scope, utc_offset_min);
    if (!scope.venue.empty()) {
        for (const AvailabilityDay& day : days) {
            if (parts.kiosks.empty() || parts.kiosks.back().kiosk != day.kiosk)
                parts.kiosks.push_back({day.kiosk, {}});
            parts.kiosks.back().days.push_back({day.day, day.open_hours, day.available_hours});
        }
        return parts;
    }
    // Every venue, or a region's (scope.venues).
    const std::set<std::string> listed(scope.venues.begin(), scope.venues.end());
    std::map<std::string, dashboard::VenueBreakdown> by_venue;
    for (const Venue& venue : store.venues())
        if (!reads_venue_list(scope) || listed.count(venue.id))
            by_venue[venue.id] = {venue.id, venue.name_zh, venue.name_en};
    for (const VenueSummary& summary : store.venue_summaries(scope)) {
        by_venue[summary.venue].sessions = summary.sessions;
        by_venue[summary.venue].exhibit_visits = summary.exhibit_visits;
    }
    std::map<std::string, std::string> venue_of; // kiosk -> venue
    for (const KioskRecord& kiosk : store.kiosk_health("")) {
        venue_of[kiosk.id] = kiosk.venue;
        const auto venue = by_venue.find(kiosk.venue);
        if (!kiosk.revoked_utc_ms && venue != by_venue.end()) ++venue->second.kiosks;
    }
    for (const AvailabilityDay& day : days) {
        const auto venue = by_venue.find(venue_of[day.kiosk]);
        if (venue == by_venue.end()) continue;
        venue->second.open_hours += day.open_hours; // at most 24 an hour per kiosk-day
        venue->second.available_hours += day.available_hours;
    }
    for (auto& [id, venue] : by_venue)
        if (!id.empty()) parts.venues.push_back(std::move(venue));
    return parts;
}

} // namespace

std::map<std::string, std::string> titles_in(HubStore& store, const std::string& venue,
                                             const std::string& kind, Language language) {
    std::map<std::string, std::string> titles;
    for (const sync::SubjectTitle& title : store.subject_titles(venue, kind)) {
        const std::string& wanted = language == Language::En ? title.en : title.zh;
        titles[title.subject] = wanted.empty() ? (title.zh.empty() ? title.en : title.zh) : wanted;
    }
    return titles;
}

//-----------------------------------------------------------------------------
// [SECTION] Titles, access rules and the checked query
//-----------------------------------------------------------------------------

std::string title_of(const std::map<std::string, std::string>& titles, const std::string& subject) {
    const auto found = titles.find(subject);
    return found == titles.end() ? "" : found->second;
}

bool may_see_venue(const UserRecord& viewer, const std::string& venue) {
    return viewer.role == "province_admin" || viewer.venue == venue;
}

FilterCheck check_dashboard_query(HubStore& store, const UserRecord& viewer,
                                  const DashboardQuery& query, const std::string& today,
                                  const VenueDivisions& divisions) {
    FilterCheck check;
    const Language lang = parse_language(query.lang).value_or(Language::Zh);
    check.filter.language = lang;
    auto refuse = [&](int status, std::string message) {
        check.status = status;
        check.message = std::move(message);
        return check;
    };

    DashboardQuery days = query;
    if (!query.range.empty()) {
        const std::optional<RangePreset> preset = parse_range_preset(query.range);
        if (!preset) return refuse(400, manager_text("filter_bad_range", lang));
        if (!query.from.empty() || !query.to.empty())
            return refuse(400, manager_text("filter_range_and_dates", lang));
        const std::optional<DayRange> range = preset_range(*preset, today);
        if (!range) return refuse(400, manager_text("filter_bad_to", lang));
        days.from = range->from;
        days.to = range->to;
    }
    const auto to = parse_day(days.to.empty() ? today : days.to);
    if (!to) return refuse(400, manager_text("filter_bad_to", lang));
    // By default the 30 days ending `to`, but not before 0001-01-01, so that the
    // page's own links name real days (found by tests/fuzz: "to=0001-01-05").
    const chrono::sys_days first_day{chrono::year{1} / chrono::January / 1};
    const auto from = days.from.empty() ? std::optional(std::max(*to - chrono::days{29}, first_day))
                                        : parse_day(days.from);
    if (!from) return refuse(400, manager_text("filter_bad_from", lang));
    if (*from > *to) return refuse(400, manager_text("filter_from_after_to", lang));
    if ((*to - *from).count() >= kMaxRangeDays)
        return refuse(400, manager_text("filter_range_too_long", lang));
    check.filter.from = format_day(*from);
    check.filter.to = format_day(*to);

    const bool admin = viewer.role == "province_admin";
    if (!query.region.empty()) { // a province, city or county of the venues
        if (!is_region_code(query.region))
            return refuse(400, manager_text("filter_bad_region", lang));
        if (!admin) return refuse(403, manager_text("filter_not_your_region", lang));
        check.filter.region = query.region;
        check.filter.region_venues = region_scope_venues(venues_in_region(divisions, query.region));
    }
    std::string venue = query.venue;
    if (!query.kiosk.empty()) {
        if (!is_valid_id(query.kiosk)) return refuse(400, manager_text("filter_bad_kiosk", lang));
        const std::optional<KioskRecord> kiosk = store.find_kiosk(query.kiosk);
        if (!kiosk) return refuse(400, manager_text("filter_no_such_kiosk", lang));
        if (!may_see_venue(viewer, kiosk->venue))
            return refuse(403, manager_text("filter_not_your_kiosk", lang));
        if (!venue.empty() && venue != kiosk->venue)
            return refuse(400, manager_text("filter_kiosk_not_in_venue", lang));
        venue = kiosk->venue; // "all venues" with a kiosk: its venue
        check.filter.kiosk_id = kiosk->id;
    }
    if (venue.empty() && !admin) venue = viewer.venue;
    if (!venue.empty() && !may_see_venue(viewer, venue))
        return refuse(403, manager_text("filter_not_your_venue", lang));
    if (!venue.empty() && !store.find_venue(venue))
        return refuse(400, manager_text("filter_no_such_venue", lang));
    const std::vector<std::string>& in_region = check.filter.region_venues;
    if (!venue.empty() && !check.filter.region.empty() &&
        std::find(in_region.begin(), in_region.end(), venue) == in_region.end())
        return refuse(400, manager_text("filter_venue_not_in_region", lang));
    check.filter.venue_id = venue;
    return check;
}

dashboard::KioskContent judge_content_state(const std::string& kiosk,
                                            const std::string& stored_json, int64_t hub_version) {
    using dashboard::ContentStatus;
    dashboard::KioskContent content;
    content.hub_version = hub_version;
    if (stored_json.empty()) return content; // NotReported
    std::string error;
    const std::optional<sync::ContentState> state = sync::parse_content_state(stored_json, error);
    if (!state) {
        log_warning("dashboard: kiosk " + kiosk + ": stored content_state: " + error);
        content.status = ContentStatus::Unreadable;
        return content;
    }
    content.live_version = state->snapshot_version;
    content.have = state->have;
    content.need = state->need;
    content.failure_count = static_cast<int64_t>(state->failures.size());
    if (!state->failures.empty()) {
        const sync::ContentFailure& first = state->failures.front();
        content.failure_reason = first.reason;
        content.failure_package = first.id + (first.version.empty() ? "" : " " + first.version);
    }
    if (state->state == "failed")
        content.status = ContentStatus::Failed;
    else if (state->state == "expired")
        content.status = ContentStatus::Expired;
    else if (state->state == "downloading")
        content.status = ContentStatus::Downloading;
    else if (hub_version > state->snapshot_version) // "none" or "up_to_date", behind the hub
        content.status = ContentStatus::Waiting;
    else
        content.status = state->state == "none" ? ContentStatus::None : ContentStatus::UpToDate;
    return content;
}

//-----------------------------------------------------------------------------
// [SECTION] Loading the dashboard
//-----------------------------------------------------------------------------

dashboard::DashboardData dashboard_frame(HubStore& store, const UserRecord& viewer,
                                         const dashboard::DashboardFilter& filter,
                                         int64_t now_utc_ms, const VenueDivisions& divisions) {
    dashboard::DashboardData data;
    data.viewer.name = viewer.name;
    data.viewer.role = viewer.role == "province_admin" ? dashboard::ViewerRole::ProvinceAdmin
                                                       : dashboard::ViewerRole::VenueManager;
    data.filter = filter;
    data.generated_utc_ms = now_utc_ms;
    for (const Venue& venue : store.venues())
        if (may_see_venue(viewer, venue.id))
            data.venues.push_back({venue.id, venue.name_zh, venue.name_en});
    if (viewer.role == "province_admin") data.regions = region_choices(divisions);
    return data;
}

dashboard::DashboardData load_dashboard(HubStore& store, const UserRecord& viewer,
                                        const dashboard::DashboardFilter& filter,
                                        int64_t now_utc_ms, int silent_alert_days,
                                        LibraryStore* library, int32_t utc_offset_min,
                                        const VenueDivisions& divisions) {
    dashboard::DashboardData data = dashboard_frame(store, viewer, filter, now_utc_ms, divisions);
    data.utc_offset_min = utc_offset_min;
    data.silent_alert_days = silent_alert_days;

    std::map<std::string, std::string> venue_names; // id -> name in the page's language
    for (const Venue& venue : store.venues())
        venue_names[venue.id] = filter.language == Language::En && !venue.name_en.empty()
                                    ? venue.name_en
                                    : venue.name_zh;

    const QueryScope scope{filter.venue_id, filter.from, filter.to, filter.kiosk_id,
                           filter.region_venues};
    // The kiosk rows of a region: its venues' (kiosk_health reads every venue's).
    const std::set<std::string> region_venues(filter.region_venues.begin(),
                                              filter.region_venues.end());
    auto in_scope = [&](const KioskRecord& kiosk) {
        return !reads_venue_list(scope) || region_venues.count(kiosk.venue) > 0;
    };
    dashboard::UnreadableParts& unreadable = data.unreadable;
    read_part(data, unreadable.visitors, "visitors per day", [&] {
        std::map<std::string, DayTotals> by_day;
        for (const DayTotals& day : store.daily_totals(scope))
            by_day[day.day] = day;
        const auto first = parse_day(filter.from), last = parse_day(filter.to);
        for (auto day = first.value_or(chrono::sys_days{}); first && last && day <= *last;
             day += chrono::days{1}) {
            const auto found = by_day.find(format_day(day));
            dashboard::DayVisitors visitors{format_day(day), 0, 0};
            if (found != by_day.end() && found->second.sessions > 0) {
                visitors.sessions = found->second.sessions;
                visitors.average_session_s = static_cast<double>(found->second.session_ms) /
                                             static_cast<double>(found->second.sessions) / 1000.0;
            }
            data.visitors_per_day.push_back(visitors);
        }
    });

    read_part(data, unreadable.hour_of_week, "sessions by hour of the week", [&] {
        CheckedSum cells[7][24];
        for (const HourOfWeek& cell : store.sessions_by_hour_of_week(scope))
            if (cell.weekday >= 0 && cell.weekday < 7 && cell.hour >= 0 && cell.hour < 24)
                cells[cell.weekday][cell.hour] += cell.sessions;
        for (int weekday = 0; weekday < 7; ++weekday)
            for (int hour = 0; hour < 24; ++hour) {
                if (!cells[weekday][hour].value())
                    throw StoreReadError("a cell's sum exceeds 64 bits");
                data.sessions_by_hour_of_week[weekday][hour] = *cells[weekday][hour].value();
            }
    });

    read_part(data, unreadable.top_exhibits, "top exhibits", [&] {
        const std::map<std::string, std::string> exhibit_titles =
            titles_in(store, filter.venue_id, "exhibit", filter.language);
        for (const ExhibitTotals& exhibit : store.top_exhibits(scope, ExhibitOrder::by_visits, 10))
            data.top_exhibits.push_back({exhibit.exhibit, title_of(exhibit_titles, exhibit.exhibit),
                                         exhibit.visits,
                                         static_cast<double>(exhibit.dwell_ms) / 60000.0});
    });

    read_part(data, unreadable.quiz_accuracy, "quiz accuracy", [&] {
        const std::map<std::string, std::string> question_texts =
            titles_in(store, filter.venue_id, "question", filter.language);
        for (const hub::QuestionTotals& question : store.quiz_accuracy(scope)) {
            const size_t slash = question.question.find('/');
            data.quiz_accuracy.push_back({});
            auto& shown = data.quiz_accuracy.back();
            shown.pack = slash == std::string::npos ? "" : question.question.substr(0, slash);
            shown.question_id = slash == std::string::npos ? question.question
                                                           : question.question.substr(slash + 1);
            shown.text = title_of(question_texts, question.question);
            shown.answers = question.answers;
            shown.correct = question.correct;
            shown.accuracy = question.answers > 0 ? static_cast<double>(question.correct) /
                                                        static_cast<double>(question.answers)
                                                  : 0;
        }
    });

    read_part(data, unreadable.findings, "findings", [&] {
        const std::map<std::string, std::string> exhibit_titles =
            titles_in(store, filter.venue_id, "exhibit", filter.language);
        FindingsGatherer gatherer;
        for (const MetricTotal& total : store.finding_totals(scope))
            gatherer.add(total.kind, total.subject, total.metric, total.value);
        for (const auto& [exhibit, title] : exhibit_titles)
            gatherer.set_title(exhibit, title);
        data.findings = gatherer.gather();
        if (gatherer.overflowed()) throw StoreReadError("a finding's sum exceeds 64 bits");
    });

    data.many_epochs_alert = kEpochAlertCount;
    read_part(data, unreadable.kiosks, "kiosks", [&] {
        const std::map<std::string, int64_t> recent_epochs = store.epochs_opened_since(
            filter.venue_id, now_utc_ms - int64_t(kEpochWindowDays) * kMsPerDay);
        for (const KioskRecord& kiosk : store.kiosk_health(filter.venue_id)) {
            if (!filter.venue_id.empty()) data.kiosk_choices.push_back(kiosk.id);
            if (!filter.kiosk_id.empty() && kiosk.id != filter.kiosk_id) continue;
            if (!in_scope(kiosk)) continue;
            dashboard::KioskHealth health;
            health.id = kiosk.id;
            health.venue = venue_names.count(kiosk.venue) ? venue_names[kiosk.venue] : kiosk.venue;
            health.last_seen_utc_ms = kiosk.last_seen_utc_ms;
            health.software_version = kiosk.software_version;
            health.disk_free_mb = kiosk.disk_free_mb;
            health.error_count = kiosk.errors;
            health.clock_skew_ms = kiosk.clock_skew_ms;
            const auto epochs = recent_epochs.find(kiosk.id);
            health.recent_epochs = epochs == recent_epochs.end() ? 0 : epochs->second;
            health.alerts.silent =
                kiosk.last_seen_utc_ms == 0 ||
                now_utc_ms - kiosk.last_seen_utc_ms > int64_t(silent_alert_days) * kMsPerDay;
            health.alerts.clock_skew =
                kiosk.last_seen_utc_ms != 0 && std::llabs(kiosk.clock_skew_ms) > kClockSkewAlertMs;
            health.alerts.low_disk = kiosk.last_seen_utc_ms != 0 && kiosk.disk_free_mb < kLowDiskMb;
            health.alerts.many_epochs = health.recent_epochs >= kEpochAlertCount;
            const std::optional<StoredSnapshot> snapshot =
                library ? library->last_snapshot(kiosk.id) : std::nullopt;
            health.content = judge_content_state(kiosk.id, kiosk.content_state_json,
                                                 snapshot ? snapshot->version : 0);
            data.kiosks.push_back(health);
        }
    });

    read_part(data, unreadable.availability, "availability",
              [&] { data.availability = load_availability(store, scope, utc_offset_min); });
    return data;
}

//-----------------------------------------------------------------------------
// [SECTION] The export tables
//-----------------------------------------------------------------------------

stats::ReportSet dashboard_reports(const dashboard::DashboardData& data) {
    const Language lang = data.filter.language;
    stats::ReportSet set;
    set.about_key = "query";
    set.about_title = manager_text("export_about", lang);
    set.from = data.filter.from;
    set.to = data.filter.to;
    set.language = language_code(lang);
    std::string venue_name =
        data.filter.region.empty()
            ? manager_text("all_venues", lang)
            : manager_text("region_named", lang, {{"region", data.filter.region}});
    for (const dashboard::DashboardVenue& venue : data.venues)
        if (venue.id == data.filter.venue_id)
            venue_name =
                lang == Language::En && !venue.name_en.empty() ? venue.name_en : venue.name_zh;
    set.about = {
        // The province's export names "all venues" rather than leaving the cell empty.
        {"venue", manager_text("venue", lang),
         stats::ReportCell::of_text(data.filter.venue_id.empty() ? venue_name
                                                                 : data.filter.venue_id)},
        {"venue_name", manager_text("export_venue_name", lang),
         stats::ReportCell::of_text(venue_name)},
        {"from", manager_text("from", lang), stats::ReportCell::of_text(data.filter.from)},
        {"to", manager_text("to", lang), stats::ReportCell::of_text(data.filter.to)},
        {"generated", manager_text("generated_at", lang),
         time_cell(data.generated_utc_ms, data.utc_offset_min, lang)},
        {"user", manager_text("username", lang), stats::ReportCell::of_text(data.viewer.name)},
    };
    if (!data.filter.kiosk_id.empty()) // after the venue's id and name
        set.about.insert(set.about.begin() + 2, {"kiosk", manager_text("export_kiosk", lang),
                                                 stats::ReportCell::of_text(data.filter.kiosk_id)});
    if (!data.filter.region.empty()) // after the venue's id and name
        set.about.insert(set.about.begin() + 2, {"region", manager_text("region", lang),
                                                 stats::ReportCell::of_text(data.filter.region)});

    stats::ReportTable days{"visitors_per_day",
                            manager_text("visitors_per_day", lang),
                            {{"day", manager_text("report_day", lang)},
                             {"sessions", manager_text("total_visitors", lang)},
                             {"average_session_s", manager_text("report_average_session_s", lang)}},
                            {}};
    CheckedSum day_sessions;
    double day_seconds = 0;
    for (const dashboard::DayVisitors& day : data.visitors_per_day) {
        days.rows.push_back({stats::ReportCell::of_day(day.day),
                             stats::ReportCell::of_integer(day.sessions),
                             stats::ReportCell::of_decimal(day.average_session_s, 1)});
        day_sessions += day.sessions;
        day_seconds += day.average_session_s * double(day.sessions);
    }
    if (!data.unreadable.visitors && day_sessions.value())
        days.total = {
            total_label(lang), stats::ReportCell::of_integer(*day_sessions.value()),
            *day_sessions.value() > 0
                ? stats::ReportCell::of_decimal(day_seconds / double(*day_sessions.value()), 1)
                : stats::ReportCell{}};

    stats::ReportTable hours{"sessions_by_hour_of_week",
                             manager_text("hour_of_week", lang),
                             {{"weekday", manager_text("export_weekday", lang)},
                              {"hour", manager_text("export_hour", lang)},
                              {"sessions", manager_text("total_visitors", lang)},
                              // appended (readers may depend on the first three):
                              // ISO 8601's weekday number, 1 = Monday .. 7 = Sunday
                              {"weekday_number", manager_text("export_weekday_number", lang)}},
                             {}};
    const std::array<std::string, 7> weekdays = dashboard::weekday_names(lang);
    CheckedSum week_sessions;
    for (int weekday = 0; weekday < 7; ++weekday) // 0 = Monday, as weekday_names
        for (int hour = 0; hour < 24; ++hour)
            if (data.sessions_by_hour_of_week[weekday][hour] > 0) {
                hours.rows.push_back(
                    {stats::ReportCell::of_text(weekdays[weekday]),
                     stats::ReportCell::of_integer(hour),
                     stats::ReportCell::of_integer(data.sessions_by_hour_of_week[weekday][hour]),
                     stats::ReportCell::of_integer(weekday + 1)});
                week_sessions += data.sessions_by_hour_of_week[weekday][hour];
            }
    if (!data.unreadable.hour_of_week && week_sessions.value())
        hours.total = {
            total_label(lang), {}, stats::ReportCell::of_integer(*week_sessions.value()), {}};

    stats::ReportTable exhibits{"top_exhibits",
                                manager_text("top_exhibits", lang),
                                {{"exhibit", manager_text("exhibit", lang)},
                                 {"title", manager_text("report_title", lang)},
                                 {"visits", manager_text("visits", lang)},
                                 {"dwell_minutes", manager_text("report_dwell_total_min", lang)}},
                                {}};
    for (const dashboard::ExhibitUsage& exhibit : data.top_exhibits)
        exhibits.rows.push_back({stats::ReportCell::of_text(exhibit.id),
                                 stats::ReportCell::of_text(exhibit.title),
                                 stats::ReportCell::of_integer(exhibit.visits),
                                 stats::ReportCell::of_decimal(exhibit.dwell_minutes, 1)});

    stats::ReportTable quiz{"quiz_accuracy",
                            manager_text("quiz_accuracy", lang),
                            {{"pack", manager_text("pack", lang)},
                             {"question", manager_text("report_question", lang)},
                             {"text", manager_text("report_question_text", lang)},
                             {"answers", manager_text("answers", lang)},
                             {"correct", manager_text("correct", lang)},
                             {"accuracy_percent", manager_text("accuracy", lang)}},
                            {}};
    CheckedSum quiz_answers, quiz_correct;
    for (const auto& question : data.quiz_accuracy) {
        quiz.rows.push_back({stats::ReportCell::of_text(question.pack),
                             stats::ReportCell::of_text(question.question_id),
                             stats::ReportCell::of_text(question.text),
                             stats::ReportCell::of_integer(question.answers),
                             stats::ReportCell::of_integer(question.correct),
                             stats::ReportCell::of_decimal(question.accuracy * 100, 1)});
        quiz_answers += question.answers;
        quiz_correct += question.correct;
    }
    // All answers and the share of them that was right (every question weighs by its answers).
    if (!data.unreadable.quiz_accuracy && !data.quiz_accuracy.empty() && quiz_answers.value() &&
        quiz_correct.value())
        quiz.total = {total_label(lang),
                      {},
                      {},
                      stats::ReportCell::of_integer(*quiz_answers.value()),
                      stats::ReportCell::of_integer(*quiz_correct.value()),
                      *quiz_answers.value() > 0
                          ? stats::ReportCell::of_decimal(double(*quiz_correct.value()) * 100 /
                                                              double(*quiz_answers.value()),
                                                          1)
                          : stats::ReportCell{}};

    stats::ReportTable kiosks{"kiosks",
                              manager_text("kiosk_health", lang),
                              {{"kiosk", manager_text("kiosk", lang)},
                               {"venue", manager_text("venue", lang)},
                               {"last_seen", manager_text("last_seen", lang)},
                               {"software_version", manager_text("version", lang)},
                               {"disk_free_mb", manager_text("export_disk_free_mb", lang)},
                               {"errors", manager_text("errors", lang)},
                               {"clock_skew_s", manager_text("export_clock_skew_s", lang)},
                               {"status", manager_text("export_status", lang)}},
                              {}};
    for (const dashboard::KioskHealth& kiosk : data.kiosks)
        kiosks.rows.push_back(
            {stats::ReportCell::of_text(kiosk.id), stats::ReportCell::of_text(kiosk.venue),
             kiosk.last_seen_utc_ms ? time_cell(kiosk.last_seen_utc_ms, data.utc_offset_min, lang)
                                    : stats::ReportCell{},
             stats::ReportCell::of_text(kiosk.software_version),
             stats::ReportCell::of_integer(kiosk.disk_free_mb),
             stats::ReportCell::of_integer(kiosk.error_count),
             stats::ReportCell::of_decimal(double(kiosk.clock_skew_ms) / 1000.0, 1),
             stats::ReportCell::of_text(kiosk_status(kiosk, data, lang))});

    set.tables = {days, hours, exhibits, quiz};
    stats::add_findings_tables(data.findings, lang, true, set);
    set.tables.push_back(std::move(kiosks));
    return set;
}

} // namespace kiosk::hub
