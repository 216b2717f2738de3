// The monthly report's numbers on the hub (see monthly_report_data.h). Every
// figure comes from the store's indexed dashboard queries over the venue's
// or the province's totals (never a query per day or per kiosk and day), so a
// province month of 1,000 kiosks stays fast: the headline figures of a month
// are three queries (daily_totals, top_exhibits, quiz_accuracy) plus the
// active kiosks (kiosk_sessions); the province's breakdown repeats the
// headline figures per venue. Words (data-quality notes, errors) are the
// managers' strings "monthly_collect_*".
//
// Index of this file:
// [SECTION] Helpers: local days as UTC, sums, lists of ids
// [SECTION] Checking the request
// [SECTION] Month figures, per day and hour, exhibits, questions
// [SECTION] Kiosks: availability, content and reviews, notices
// [SECTION] Data-quality notes
// [SECTION] collect_monthly_report

#include "monthly_report_data.h"

#include "core/checked_sum.h"
#include "core/civil_time.h"
#include "core/findings.h"
#include "core/log.h"
#include "core/manager_text.h"
#include "dashboard_data.h"
#include "notice_delivery.h"
#include "regions.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <map>
#include <set>

namespace kiosk::hub {
namespace {

namespace chrono = std::chrono;
using report::MonthFigures;
using report::MonthlyReport;

constexpr int kReviewExpiringDays = 30;
constexpr size_t kNoticeHistoryLimit = 100000;
constexpr size_t kIdsNamedInNote = 12;

//-----------------------------------------------------------------------------
// [SECTION] Helpers: local days as UTC, sums, lists of ids
//-----------------------------------------------------------------------------

// The UTC instant a valid local day starts at `utc_offset_min`.
int64_t day_start_utc_ms(const std::string& day, int32_t utc_offset_min) {
    return int64_t(parse_day(day)->time_since_epoch().count()) * kMsPerDay -
           int64_t(utc_offset_min) * 60000;
}

int64_t exact(const CheckedSum& sum, const char* what) {
    if (!sum.value()) throw StoreReadError(std::string(what) + ": a sum exceeds 64 bits");
    return *sum.value();
}

// "k1、k2、…" (zh) or "k1, k2, …" (en): the first kIdsNamedInNote ids.
std::string id_list(const std::vector<std::string>& ids, Language language) {
    std::string out;
    for (size_t i = 0; i < ids.size() && i < kIdsNamedInNote; ++i)
        out += (i == 0 ? "" : language == Language::En ? ", " : "\u3001") + ids[i];
    if (ids.size() > kIdsNamedInNote) out += language == Language::En ? ", \u2026" : "\u3001\u2026";
    return out;
}

std::string venue_name(const Venue& venue, Language language) {
    return language == Language::En && !venue.name_en.empty() ? venue.name_en : venue.name_zh;
}

//-----------------------------------------------------------------------------
// [SECTION] Month figures, per day and hour, exhibits, questions
//-----------------------------------------------------------------------------

// The headline figures of `scope` (one month); `active` counts the kiosks
// with visitors in it (kiosk_sessions of the same scope).
MonthFigures month_figures(HubStore& store, const QueryScope& scope, int64_t active) {
    MonthFigures figures;
    CheckedSum visitors, session_ms, visits, answers, correct;
    const std::vector<DayTotals> days = store.daily_totals(scope);
    for (const DayTotals& day : days) {
        visitors += day.sessions;
        session_ms += day.session_ms;
    }
    const std::vector<ExhibitTotals> exhibits =
        store.top_exhibits(scope, ExhibitOrder::by_visits, INT_MAX);
    for (const ExhibitTotals& exhibit : exhibits)
        visits += exhibit.visits;
    const std::vector<QuestionTotals> questions = store.quiz_accuracy(scope);
    for (const QuestionTotals& question : questions) {
        answers += question.answers;
        correct += question.correct;
    }
    figures.known = !days.empty() || !exhibits.empty() || !questions.empty() || active > 0;
    figures.visitors = exact(visitors, "visitors");
    figures.session_ms = exact(session_ms, "session time");
    figures.exhibit_visits = exact(visits, "exhibit visits");
    figures.quiz_answers = exact(answers, "quiz answers");
    figures.quiz_correct = exact(correct, "quiz answers");
    figures.active_kiosks = active;
    return figures;
}

void fill_days_and_hours(HubStore& store, const QueryScope& scope, MonthlyReport& report) {
    std::map<std::string, int64_t> by_day;
    for (const DayTotals& day : store.daily_totals(scope))
        by_day[day.day] = day.sessions;
    const chrono::sys_days first = *parse_day(scope.from), last = *parse_day(scope.to);
    for (chrono::sys_days day = first; day <= last; day += chrono::days{1}) {
        const std::string text = format_day(day);
        const auto found = by_day.find(text);
        report.visitors_per_day.push_back({text, found == by_day.end() ? 0 : found->second});
    }
    CheckedSum hours[24];
    for (const HourOfWeek& cell : store.sessions_by_hour_of_week(scope))
        if (cell.hour >= 0 && cell.hour < 24) hours[cell.hour] += cell.sessions;
    for (int hour = 0; hour < 24; ++hour)
        report.visitors_by_hour[size_t(hour)] = exact(hours[hour], "visitors by hour");
}

// Exhibits by visits with their distinct visitors and finding events; the
// quiz rounds started (kind quiz, metric visits) and dropped events, from the
// same month's totals.
void fill_exhibits(HubStore& store, const QueryScope& scope, const std::string& titles_venue,
                   MonthlyReport& report, int64_t& dropped_log, int64_t& dropped_raw) {
    const std::map<std::string, std::string> titles =
        titles_in(store, titles_venue, "exhibit", report.language);
    FindingsGatherer gatherer;
    std::map<std::string, int64_t> visitors;
    for (const MetricTotal& total : store.finding_totals(scope)) {
        gatherer.add(total.kind, total.subject, total.metric, total.value);
        if (total.kind == "exhibit" && total.metric == "visitors")
            visitors[total.subject] = total.value;
    }
    std::map<std::string, CheckedSum> finding_events;
    for (const ExhibitFindings& exhibit : gatherer.gather())
        for (const Finding& finding : exhibit.findings)
            finding_events[exhibit.exhibit] += finding.events;
    if (gatherer.overflowed()) throw StoreReadError("findings: a sum exceeds 64 bits");
    for (const ExhibitTotals& exhibit :
         store.top_exhibits(scope, ExhibitOrder::by_visits, INT_MAX)) {
        const auto seen = visitors.find(exhibit.exhibit);
        const auto found = finding_events.find(exhibit.exhibit);
        report.exhibits.push_back(
            {exhibit.exhibit, title_of(titles, exhibit.exhibit), exhibit.visits, exhibit.dwell_ms,
             seen == visitors.end() ? -1 : seen->second,
             found == finding_events.end() ? 0 : exact(found->second, "finding events")});
    }
    CheckedSum rounds, log, raw;
    for (const MetricTotal& total : store.metric_totals(scope)) {
        if (total.kind == "quiz" && total.metric == "visits") rounds += total.value;
        if (total.kind == "kiosk" && total.subject.empty()) {
            if (total.metric == "dropped_log_events") log += total.value;
            if (total.metric == "dropped_raw_events") raw += total.value;
        }
    }
    report.quiz_rounds = exact(rounds, "quiz rounds");
    dropped_log = exact(log, "dropped events");
    dropped_raw = exact(raw, "dropped events");
}

// The hardest questions: lowest accuracy first among those with at least
// min_answers answers (quiz_accuracy's order); the others are counted.
void fill_hardest_questions(HubStore& store, const QueryScope& scope,
                            const std::string& titles_venue, MonthlyReport& report) {
    const std::map<std::string, std::string> texts =
        titles_in(store, titles_venue, "question", report.language);
    for (const QuestionTotals& question : store.quiz_accuracy(scope)) {
        if (question.answers <= 0) continue;
        const size_t slash = question.question.find('/');
        report::offer_hardest_question(
            report,
            {slash == std::string::npos ? "" : question.question.substr(0, slash),
             slash == std::string::npos ? question.question : question.question.substr(slash + 1),
             title_of(texts, question.question), question.answers, question.correct});
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Kiosks: availability, content and reviews, notices
//-----------------------------------------------------------------------------

// One line per kiosk of the scope: its opening and available hours in the
// month from the contact history; when that cannot be read, the kiosks are
// listed with availability_known false.
void fill_availability(HubStore& store, const QueryScope& scope,
                       const std::vector<KioskRecord>& kiosks,
                       const std::map<std::string, Venue>& venues, MonthlyReport& report) {
    std::map<std::string, std::pair<CheckedSum, CheckedSum>> hours; // kiosk -> open, available
    try {
        for (const AvailabilityDay& day : store.kiosk_availability(scope, report.utc_offset_min)) {
            hours[day.kiosk].first += day.open_hours;
            hours[day.kiosk].second += day.available_hours;
        }
        report.availability_known = true;
    } catch (const StoreReadError& error) {
        log_warning(std::string("monthly report: kiosk availability unknown: ") + error.what());
        report.availability_known = false;
        hours.clear();
    }
    for (const KioskRecord& kiosk : kiosks) {
        report::KioskAvailabilityLine line;
        line.kiosk = kiosk.id;
        const auto venue = venues.find(kiosk.venue);
        line.venue_name =
            venue == venues.end() ? kiosk.venue : venue_name(venue->second, report.language);
        line.last_seen_utc_ms = kiosk.last_seen_utc_ms;
        const auto found = hours.find(kiosk.id);
        if (found != hours.end()) {
            line.open_hours = exact(found->second.first, "opening hours");
            line.available_hours = exact(found->second.second, "available hours");
        }
        report.kiosks.push_back(line);
    }
}

// "valid", "expiring" (within kReviewExpiringDays of today), "expired" or
// "none": the latest expiry of the version's approvals by pool reviewers.
std::pair<std::string, std::string> review_status(const LibraryPackage& package,
                                                  const std::string& today) {
    std::string expires;
    for (const LibraryReview& review : package.reviews)
        if (review.trusted && review.verdict == "approved")
            expires = std::max(expires, review.expires);
    if (expires.empty()) return {"none", ""};
    if (expires < today) return {"expired", expires};
    const std::string soon = format_day(*parse_day(today) + chrono::days{kReviewExpiringDays});
    return {expires <= soon ? "expiring" : "valid", expires};
}

void fill_content(LibraryStore& library, const std::set<std::string>& scope_kiosks,
                  const std::string& today, MonthlyReport& report) {
    std::map<std::string, int64_t> kiosks_of_item;
    for (const KioskAssignment& assignment : library.assignments())
        if (scope_kiosks.count(assignment.kiosk))
            for (const std::string& item : assignment.items)
                ++kiosks_of_item[item];
    for (const LibraryItem& item : library.items()) {
        const auto assigned = kiosks_of_item.find(item.id);
        if (assigned == kiosks_of_item.end() || item.versions.empty()) continue;
        const LibraryPackage& newest = item.versions.front();
        const auto [status, expires] = review_status(newest, today);
        report.content.push_back({item.id, newest.version,
                                  report.language == Language::En && !newest.title_en.empty()
                                      ? newest.title_en
                                      : newest.title_zh,
                                  assigned->second, status, expires});
    }
    report.content_known = true;
}

void fill_notices(NoticeStore& notices, const std::string& venue,
                  const std::vector<KioskRecord>& scope_kiosks, int64_t from_utc_ms,
                  int64_t until_utc_ms, MonthlyReport& report) {
    for (const StoredNotice& stored : notices.history(venue, kNoticeHistoryLimit)) {
        const sync::Notice& notice = stored.notice;
        if (notice.msg_type == sync::NoticeMsgType::Cancel) continue;
        if (notice.sent_utc_ms < from_utc_ms || notice.sent_utc_ms >= until_utc_ms) continue;
        const NoticeDelivery delivery = notice_delivery(scope_kiosks, notices, stored);
        report.notices.push_back({notice.headline.in(report.language),
                                  sync::to_cap(notice.severity), notice.sent_utc_ms, delivery.total,
                                  delivery.shown});
    }
    std::stable_sort(report.notices.begin(), report.notices.end(),
                     [](const report::NoticeLine& a, const report::NoticeLine& b) {
                         return a.sent_utc_ms < b.sent_utc_ms;
                     });
    report.notices_known = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Data-quality notes
//-----------------------------------------------------------------------------

struct QualityInputs {
    const MonthlyRequest& request;
    const QueryScope& scope;
    const std::vector<KioskRecord>& kiosks; // of the scope
    const std::map<std::string, Venue>& venues;
    int64_t dropped_log = 0, dropped_raw = 0;
};

void add_quality_notes(HubStore& store, const QualityInputs& in, MonthlyReport& report) {
    const Language lang = report.language;
    const MonthlyRequest& request = in.request;
    std::vector<std::string> silent, skewed;
    for (const KioskRecord& kiosk : in.kiosks) {
        if (kiosk.last_seen_utc_ms == 0 || request.now_utc_ms - kiosk.last_seen_utc_ms >
                                               int64_t(request.silent_alert_days) * kMsPerDay)
            silent.push_back(kiosk.id);
        else if (std::llabs(kiosk.clock_skew_ms) > kClockSkewAlertMs)
            skewed.push_back(kiosk.id);
    }
    if (!silent.empty())
        report.data_quality.push_back(
            manager_text("monthly_collect_note_silent", lang,
                         {{"n", std::to_string(silent.size())},
                          {"days", std::to_string(request.silent_alert_days)},
                          {"kiosks", id_list(silent, lang)}}));
    if (!skewed.empty())
        report.data_quality.push_back(manager_text(
            "monthly_collect_note_clock_skew", lang,
            {{"n", std::to_string(skewed.size())}, {"kiosks", id_list(skewed, lang)}}));

    // Epochs opened within the month: those since its start less those since the next month's.
    const int64_t month_start = day_start_utc_ms(in.scope.from, request.utc_offset_min);
    const int64_t next_month = month_start + range_days({in.scope.from, in.scope.to}) * kMsPerDay;
    const std::map<std::string, int64_t> since_start =
        store.epochs_opened_since(request.venue, month_start);
    const std::map<std::string, int64_t> since_end =
        store.epochs_opened_since(request.venue, next_month);
    std::vector<std::string> reinstalled;
    std::set<std::string> scope_kiosks;
    for (const KioskRecord& kiosk : in.kiosks)
        scope_kiosks.insert(kiosk.id);
    for (const auto& [kiosk, opened] : since_start) {
        if (!request.kiosk.empty() && kiosk != request.kiosk) continue;
        if (!request.region.empty() && !scope_kiosks.count(kiosk)) continue;
        const auto later = since_end.find(kiosk);
        if (opened - (later == since_end.end() ? 0 : later->second) >= kEpochAlertCount)
            reinstalled.push_back(kiosk);
    }
    if (!reinstalled.empty())
        report.data_quality.push_back(manager_text(
            "monthly_collect_note_epochs", lang,
            {{"n", std::to_string(kEpochAlertCount)}, {"kiosks", id_list(reinstalled, lang)}}));

    // Days of the month, up to today, with no visitors while a kiosk of the scope was registered.
    int64_t first_kiosk = INT64_MAX;
    for (const KioskRecord& kiosk : in.kiosks)
        first_kiosk = std::min(first_kiosk, kiosk.created_utc_ms);
    const std::string today = local_day(request.now_utc_ms, request.utc_offset_min);
    int64_t empty_days = 0;
    for (const report::DayCount& day : report.visitors_per_day)
        if (day.day <= today && day.visitors == 0 &&
            first_kiosk < day_start_utc_ms(day.day, request.utc_offset_min) + kMsPerDay)
            ++empty_days;
    if (empty_days > 0)
        report.data_quality.push_back(
            manager_text("monthly_collect_note_empty_days", lang, {{"n", empty_days}}));
    if (in.dropped_log > 0 || in.dropped_raw > 0)
        report.data_quality.push_back(
            manager_text("monthly_collect_note_dropped", lang,
                         {{"log", in.dropped_log}, {"raw", in.dropped_raw}}));
    if (!report.availability_known)
        report.data_quality.push_back(
            manager_text("monthly_collect_note_availability_unknown", lang));
    const bool offline = std::any_of(in.kiosks.begin(), in.kiosks.end(), [&](const KioskRecord& k) {
        const auto venue = in.venues.find(k.venue);
        return venue != in.venues.end() && venue->second.kind == "mobile_exhibit";
    });
    if (report.availability_known && offline)
        report.data_quality.push_back(
            manager_text("monthly_collect_note_offline_lower_bound", lang));
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Checking the request
//-----------------------------------------------------------------------------

std::string check_monthly_request(HubStore& store, const MonthlyRequest& request) {
    const Language lang = request.language;
    if (!is_valid_month(request.month))
        return manager_text("monthly_collect_bad_month", lang, {{"month", request.month}});
    if (!request.region.empty()) {
        if (!is_region_code(request.region)) return manager_text("filter_bad_region", lang);
        if (!request.venue.empty()) return manager_text("monthly_collect_region_and_venue", lang);
        if (request.venues.empty())
            return manager_text("monthly_collect_region_empty", lang, {{"region", request.region}});
    }
    if (!request.venue.empty() && !store.find_venue(request.venue))
        return manager_text("monthly_collect_no_venue", lang, {{"venue", request.venue}});
    if (!request.kiosk.empty()) {
        const std::optional<KioskRecord> kiosk = store.find_kiosk(request.kiosk);
        if (!kiosk)
            return manager_text("monthly_collect_no_kiosk", lang, {{"kiosk", request.kiosk}});
        if (!request.venue.empty() && kiosk->venue != request.venue)
            return manager_text("monthly_collect_kiosk_elsewhere", lang,
                                {{"kiosk", request.kiosk}, {"venue", request.venue}});
        if (!request.region.empty() && std::find(request.venues.begin(), request.venues.end(),
                                                 kiosk->venue) == request.venues.end())
            return manager_text("monthly_collect_kiosk_outside_region", lang,
                                {{"kiosk", request.kiosk}, {"region", request.region}});
    }
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] collect_monthly_report
//-----------------------------------------------------------------------------

std::optional<report::MonthlyReport> collect_monthly_report(HubStore& store, LibraryStore* library,
                                                            NoticeStore* notices,
                                                            const MonthlyRequest& request,
                                                            std::string& error) {
    error = check_monthly_request(store, request);
    if (!error.empty()) return std::nullopt;
    const Language lang = request.language;
    MonthlyReport report;
    report.language = lang;
    report.month = request.month;
    report.days = *month_range(request.month);
    report.province = request.venue.empty();
    report.region = request.region;
    // A region's venues (every venue when there is none).
    const std::set<std::string> region_venues(request.venues.begin(), request.venues.end());
    const auto in_region = [&](const std::string& venue) {
        return request.region.empty() || region_venues.count(venue) > 0;
    };
    const std::vector<std::string> scope_venues =
        request.region.empty() ? std::vector<std::string>{} : region_scope_venues(request.venues);
    report.kiosk = request.kiosk;
    report.utc_offset_min = request.utc_offset_min;
    report.generated_utc_ms = request.now_utc_ms;
    report.source = "hub";
    report.min_answers = request.min_answers;

    try {
        std::map<std::string, Venue> venues;
        for (Venue& venue : store.venues())
            venues.emplace(venue.id, std::move(venue));
        report.scope_name = !request.region.empty()
                                ? manager_text("region_named", lang, {{"region", request.region}})
                            : report.province ? manager_text("all_venues", lang)
                                              : venue_name(venues.at(request.venue), lang);

        // The kiosks of the scope: not revoked before the month began.
        const int64_t month_start = day_start_utc_ms(report.days.from, request.utc_offset_min);
        std::vector<KioskRecord> kiosks;
        std::set<std::string> kiosk_ids;
        for (KioskRecord& kiosk : store.kiosk_health(request.venue)) {
            if (!request.kiosk.empty() && kiosk.id != request.kiosk) continue;
            if (!in_region(kiosk.venue)) continue;
            if (kiosk.revoked_utc_ms != 0 && kiosk.revoked_utc_ms < month_start) continue;
            kiosk_ids.insert(kiosk.id);
            kiosks.push_back(std::move(kiosk));
        }

        const QueryScope scope{request.venue, report.days.from, report.days.to, request.kiosk,
                               scope_venues};
        auto scope_of = [&](const std::string& month) {
            const DayRange days = *month_range(month);
            return QueryScope{request.venue, days.from, days.to, request.kiosk, scope_venues};
        };
        const std::map<std::string, int64_t> active = store.kiosk_sessions(scope);
        report.this_month = month_figures(store, scope, int64_t(active.size()));
        for (auto [delta, figures] : {std::pair{-1, &report.previous_month},
                                      std::pair{-12, &report.same_month_last_year}}) {
            const std::optional<std::string> month = shift_month(request.month, delta);
            if (!month) continue; // before 0001-01: unknown
            const QueryScope earlier = scope_of(*month);
            *figures = month_figures(store, earlier, int64_t(store.kiosk_sessions(earlier).size()));
        }
        fill_days_and_hours(store, scope, report);
        int64_t dropped_log = 0, dropped_raw = 0;
        fill_exhibits(store, scope, request.venue, report, dropped_log, dropped_raw);
        fill_hardest_questions(store, scope, request.venue, report);
        fill_availability(store, scope, kiosks, venues, report);

        if (report.province) {
            std::map<std::string, std::pair<CheckedSum, CheckedSum>>
                hours; // venue -> open, available
            std::map<std::string, int64_t> kiosk_count, active_count;
            for (const KioskRecord& kiosk : kiosks)
                ++kiosk_count[kiosk.venue];
            std::map<std::string, std::string> venue_of;
            for (const KioskRecord& kiosk : kiosks)
                venue_of[kiosk.id] = kiosk.venue;
            for (const auto& [kiosk, sessions] : active)
                if (venue_of.count(kiosk)) ++active_count[venue_of[kiosk]];
            for (const report::KioskAvailabilityLine& line : report.kiosks) {
                hours[venue_of[line.kiosk]].first += line.open_hours;
                hours[venue_of[line.kiosk]].second += line.available_hours;
            }
            for (const auto& [id, venue] : venues) {
                if (!in_region(id)) continue;
                report::VenueLine line;
                line.id = id;
                line.name = venue_name(venue, lang);
                line.month = month_figures(store, {id, scope.from, scope.to, request.kiosk},
                                           active_count[id]);
                line.kiosks = kiosk_count[id];
                line.open_hours = exact(hours[id].first, "opening hours");
                line.available_hours = exact(hours[id].second, "available hours");
                report.venues.push_back(line);
            }
            std::stable_sort(report.venues.begin(), report.venues.end(),
                             [](const report::VenueLine& a, const report::VenueLine& b) {
                                 return a.month.visitors > b.month.visitors;
                             });
        }

        const std::string today = local_day(request.now_utc_ms, request.utc_offset_min);
        if (library) fill_content(*library, kiosk_ids, today, report);
        if (notices)
            fill_notices(*notices, request.venue, kiosks, month_start,
                         month_start + range_days(report.days) * kMsPerDay, report);
        add_quality_notes(store, {request, scope, kiosks, venues, dropped_log, dropped_raw},
                          report);
        if (!request.region.empty()) // notices of other regions' venues reached none of its kiosks
            std::erase_if(report.notices, [](const report::NoticeLine& notice) {
                return notice.kiosks_targeted == 0;
            });
    } catch (const StoreReadError& failure) {
        error = std::string("the monthly report's data cannot be read: ") + failure.what();
        return std::nullopt;
    }
    return report;
}

} // namespace kiosk::hub
