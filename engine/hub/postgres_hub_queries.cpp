// The PostgreSQL HubStore's dashboard reads (postgres_hub_store.h): the same
// sums as SqliteHubStore's, from venue_totals for one venue, province_totals
// for every venue (never buckets, so an all-venue query reads one row per
// day and subject however many kiosks there are) and buckets for one kiosk.
// The day range prunes the month partitions. Sums are numeric in PostgreSQL,
// so a sum past 64 bits reads as StoreReadError, never as a wrong number.
#include "postgres_hub_store.h"

#include "availability_days.h"
#include "core/checked_sum.h"

namespace kiosk::hub {
namespace {

// The rows a scope reads, up to the WHERE conditions that follow: one venue's
// rows of venue_totals, province_totals when the scope is every venue, or one
// kiosk's own buckets over its epochs (nothing for a kiosk not of the venue).
// A list of venues (a region) reads their rows of venue_totals.
std::string totals_of(const QueryScope& scope) {
    if (!scope.kiosk.empty())
        return std::string(" FROM buckets WHERE kiosk = :kiosk AND "
                           "epoch IN (SELECT epoch FROM kiosk_epochs WHERE kiosk = :kiosk) AND ") +
               (!scope.venue.empty() ? ":kiosk IN (SELECT id FROM kiosks WHERE venue = :venue) AND "
                : reads_venue_list(scope)
                    ? ":kiosk IN (SELECT id FROM kiosks WHERE venue = ANY(:venues::text[])) AND "
                    : "");
    if (reads_venue_list(scope))
        return " FROM venue_totals WHERE venue = ANY(:venues::text[]) AND ";
    return scope.venue.empty() ? " FROM province_totals WHERE "
                               : " FROM venue_totals WHERE venue = :venue AND ";
}

// For the queries that filter kiosks or venues by the list: true when the
// scope has none (one venue or every venue), else its venues.
std::string in_venue_list(const std::string& column) {
    return "(cardinality(:venues::text[]) = 0 OR " + column + " = ANY(:venues::text[]))";
}

constexpr const char* kInDays = "day BETWEEN :from::date AND :to::date ";

// PostgreSQL's dates start at year 1; SQLite compares text, so a range
// from "0000-01-01" (everything) starts at the first date there is.
std::string first_date(const std::string& day) {
    return day.size() == 10 && day < "0001-01-01" ? "0001-01-01" : day;
}

// The scope's list of venues as a text[] parameter: empty unless reads_venue_list.
PgParam venue_list(const QueryScope& scope) {
    return pg_text_array(reads_venue_list(scope) ? scope.venues : std::vector<std::string>{});
}

PgStatement scoped(const std::string& sql, const QueryScope& scope) {
    return with_named_params(sql, {{"from", first_date(scope.from)},
                                   {"to", scope.to},
                                   {"venue", scope.venue},
                                   {"kiosk", scope.kiosk},
                                   {"venues", venue_list(scope)}});
}

// A sum column, which must fit in 64 bits.
int64_t exact_sum(const PgResult& rows, int row, int column, const char* what) {
    try {
        return rows.int64(row, column);
    } catch (const StoreReadError&) {
        throw StoreReadError(std::string(what) + ": a sum exceeds 64 bits");
    }
}

} // namespace

std::vector<MetricTotal> PostgresHubStore::sum_metrics(const QueryScope& scope, const char* where,
                                                       const char* what) {
    const PgResult rows =
        read(scoped("SELECT kind, subject, metric, sum(value)" + totals_of(scope) + where +
                        kInDays + "GROUP BY kind, subject, metric ORDER BY kind, subject, metric",
                    scope),
             what);
    std::vector<MetricTotal> totals;
    for (int row = 0; row < rows.rows(); ++row)
        totals.push_back({rows.text(row, 0), rows.text(row, 1), rows.text(row, 2),
                          exact_sum(rows, row, 3, what)});
    return totals;
}

std::vector<DayTotals> PostgresHubStore::daily_totals(const QueryScope& scope) {
    const char* what = "visitors per day";
    const PgResult rows = read(
        scoped("SELECT to_char(day, 'YYYY-MM-DD'), "
               "sum(CASE metric WHEN 'sessions' THEN value ELSE 0 END), "
               "sum(CASE metric WHEN 'session_ms' THEN value ELSE 0 END)" +
                   totals_of(scope) +
                   "kind = 'kiosk' AND subject = '' AND metric IN ('sessions', 'session_ms') AND " +
                   kInDays + "GROUP BY day ORDER BY day",
               scope),
        what);
    std::vector<DayTotals> days;
    for (int row = 0; row < rows.rows(); ++row)
        days.push_back(
            {rows.text(row, 0), exact_sum(rows, row, 1, what), exact_sum(rows, row, 2, what)});
    return days;
}

std::vector<HourOfWeek> PostgresHubStore::sessions_by_hour_of_week(const QueryScope& scope) {
    const char* what = "sessions by hour of the week";
    const PgResult rows =
        read(scoped("SELECT extract(isodow FROM day)::integer - 1, subject, sum(value)" +
                        totals_of(scope) + "kind = 'hour' AND metric = 'sessions' AND " + kInDays +
                        "GROUP BY day, subject",
                    scope),
             what);
    std::map<std::pair<int, int>, CheckedSum> cells;
    for (int row = 0; row < rows.rows(); ++row) {
        const std::string hour = rows.text(row, 1);
        if (hour.size() != 2 || !isdigit(hour[0]) || !isdigit(hour[1])) continue;
        const int hour_number = std::stoi(hour);
        if (hour_number > 23) continue;
        cells[{int(rows.int64(row, 0)), hour_number}] += exact_sum(rows, row, 2, what);
    }
    std::vector<HourOfWeek> result;
    for (const auto& [cell, sessions] : cells) {
        if (!sessions.value()) throw StoreReadError(std::string(what) + ": a sum exceeds 64 bits");
        result.push_back({cell.first, cell.second, *sessions.value()});
    }
    return result;
}

std::vector<ExhibitTotals> PostgresHubStore::top_exhibits(const QueryScope& scope,
                                                          ExhibitOrder order, int limit) {
    const char* what = "top exhibits";
    const PgResult rows = read(
        scoped("SELECT subject, sum(CASE metric WHEN 'visits' THEN value ELSE 0 END) AS visits, "
               "sum(CASE metric WHEN 'dwell_ms' THEN value ELSE 0 END) AS dwell, "
               "sum(CASE metric WHEN 'interactions' THEN value ELSE 0 END), "
               "sum(CASE metric WHEN 'errors' THEN value ELSE 0 END)" +
                   totals_of(scope) +
                   "kind = 'exhibit' AND metric IN ('visits', 'dwell_ms', 'interactions', "
                   "'errors') AND " +
                   kInDays + "GROUP BY subject ORDER BY " +
                   (order == ExhibitOrder::by_visits ? "visits DESC, dwell DESC"
                                                     : "dwell DESC, visits DESC") +
                   ", subject LIMIT " + std::to_string(std::max(limit, 0)),
               scope),
        what);
    std::vector<ExhibitTotals> exhibits;
    for (int row = 0; row < rows.rows(); ++row)
        exhibits.push_back({rows.text(row, 0), exact_sum(rows, row, 1, what),
                            exact_sum(rows, row, 2, what), exact_sum(rows, row, 3, what),
                            exact_sum(rows, row, 4, what)});
    return exhibits;
}

std::vector<QuestionTotals> PostgresHubStore::quiz_accuracy(const QueryScope& scope) {
    const char* what = "quiz accuracy";
    const PgResult rows =
        read(scoped("SELECT subject, answers, correct FROM (SELECT subject, "
                    "sum(CASE metric WHEN 'answers' THEN value ELSE 0 END) AS answers, "
                    "sum(CASE metric WHEN 'correct' THEN value ELSE 0 END) AS correct" +
                        totals_of(scope) +
                        "kind = 'question' AND metric IN ('answers', 'correct') AND " + kInDays +
                        "GROUP BY subject) AS q ORDER BY answers = 0, "
                        "correct::float8 / greatest(answers, 1)::float8, answers DESC, subject",
                    scope),
             what);
    std::vector<QuestionTotals> questions;
    for (int row = 0; row < rows.rows(); ++row)
        questions.push_back(
            {rows.text(row, 0), exact_sum(rows, row, 1, what), exact_sum(rows, row, 2, what)});
    return questions;
}

std::vector<MetricTotal> PostgresHubStore::metric_totals(const QueryScope& scope) {
    return sum_metrics(scope, "", "totals");
}

std::vector<MetricTotal> PostgresHubStore::finding_totals(const QueryScope& scope) {
    return sum_metrics(scope,
                       "kind IN ('exhibit', 'finding', 'finding_value') AND "
                       "metric IN ('visitors', 'events') AND ",
                       "findings");
}

std::map<std::string, int64_t> PostgresHubStore::kiosk_sessions(const QueryScope& scope) {
    const char* what = "sessions per kiosk";
    // Each kiosk's buckets of the month partitions the days fall in, through
    // the buckets' key (kiosk, epoch, day, ...), over its known epochs.
    const PgResult rows = read(
        scoped("SELECT e.kiosk, sum(b.value) FROM kiosk_epochs e JOIN kiosks k ON k.id = e.kiosk "
               "JOIN buckets b ON b.kiosk = e.kiosk AND b.epoch = e.epoch AND b.kind = 'kiosk' "
               "AND b.subject = '' AND b.metric = 'sessions' AND b.day BETWEEN :from::date AND "
               ":to::date WHERE (:venue = '' OR k.venue = :venue) AND "
               "(:kiosk = '' OR k.id = :kiosk) AND " +
                   in_venue_list("k.venue") +
                   " GROUP BY e.kiosk HAVING sum(b.value) > 0 ORDER BY e.kiosk",
               scope),
        what);
    std::map<std::string, int64_t> sessions;
    for (int row = 0; row < rows.rows(); ++row)
        sessions[rows.text(row, 0)] = exact_sum(rows, row, 1, what);
    return sessions;
}

std::vector<sync::SubjectTitle> PostgresHubStore::subject_titles(const std::string& venue,
                                                                 const std::string& kind) {
    // For every venue: per subject, the (zh, en) the most venues hold, then
    // the one held longest (smallest `seen`).
    const PgResult rows =
        venue.empty()
            ? read({"SELECT kind, subject, zh, en FROM (SELECT kind, subject, zh, en, "
                    "row_number() OVER (PARTITION BY subject ORDER BY count(*) DESC, min(seen)) "
                    "AS pick FROM venue_subject_titles WHERE kind = $1 "
                    "GROUP BY kind, subject, zh, en) AS held WHERE pick = 1 ORDER BY subject",
                    {kind}},
                   "subject titles")
            : read({"SELECT kind, subject, zh, en FROM venue_subject_titles "
                    "WHERE kind = $1 AND venue = $2 ORDER BY subject",
                    {kind, venue}},
                   "subject titles");
    std::vector<sync::SubjectTitle> titles;
    for (int row = 0; row < rows.rows(); ++row)
        titles.push_back(
            {rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3)});
    return titles;
}

std::map<std::string, int64_t> PostgresHubStore::epochs_opened_since(const std::string& venue,
                                                                     int64_t since_utc_ms) {
    const PgResult rows =
        read(with_named_params(
                 "SELECT e.kiosk, count(*) FROM kiosk_epochs e JOIN kiosks k ON k.id = e.kiosk "
                 "WHERE e.first_seen_utc_ms >= :since AND (:venue = '' OR k.venue = :venue) "
                 "GROUP BY e.kiosk",
                 {{"since", pg_param(since_utc_ms)}, {"venue", venue}}),
             "kiosk epochs");
    std::map<std::string, int64_t> opened;
    for (int row = 0; row < rows.rows(); ++row)
        opened[rows.text(row, 0)] = rows.int64(row, 1);
    return opened;
}

std::vector<AvailabilityDay> PostgresHubStore::kiosk_availability(const QueryScope& scope,
                                                                  int32_t utc_offset_min) {
    const ContactDays range = contact_days_of(scope, utc_offset_min);
    const PgResult rows =
        read(scoped("SELECT k.id, k.created_utc_ms, k.revoked_utc_ms, v.open_minute, "
                    "v.close_minute, v.closed_weekdays FROM kiosks k JOIN venues v ON "
                    "v.id = k.venue WHERE (:venue = '' OR k.venue = :venue) AND "
                    "(:kiosk = '' OR k.id = :kiosk) AND " +
                        in_venue_list("k.venue") + " ORDER BY k.venue, k.id",
                    scope),
             "kiosk availability");
    std::vector<KioskPeriod> kiosks;
    for (int row = 0; row < rows.rows(); ++row)
        kiosks.push_back(
            {rows.text(row, 0),
             rows.int64(row, 1),
             rows.int64(row, 2),
             {int(rows.int64(row, 3)), int(rows.int64(row, 4)), unsigned(rows.int64(row, 5))}});
    // Every kiosk's contacts in the range at once, by kiosk.
    const PgResult contacts =
        read(with_named_params(
                 "SELECT c.kiosk, c.utc_day, c.hours FROM kiosk_contacts c JOIN kiosks k ON "
                 "k.id = c.kiosk WHERE c.utc_day BETWEEN :first AND :last AND "
                 "(:venue = '' OR k.venue = :venue) AND (:kiosk = '' OR k.id = :kiosk) AND " +
                     in_venue_list("k.venue"),
                 {{"first", pg_param(range.first_utc_day)},
                  {"last", pg_param(range.last_utc_day)},
                  {"venue", scope.venue},
                  {"kiosk", scope.kiosk},
                  {"venues", venue_list(scope)}}),
             "kiosk contacts");
    std::map<std::string, std::vector<std::pair<int64_t, uint32_t>>> heard_by_kiosk;
    for (int row = 0; row < contacts.rows(); ++row)
        heard_by_kiosk[contacts.text(row, 0)].emplace_back(contacts.int64(row, 1),
                                                           uint32_t(contacts.int64(row, 2)));
    return availability_days(
        scope, utc_offset_min, kiosks,
        [&](const std::string& kiosk, const ContactDays& days, std::vector<uint32_t>& heard) {
            for (const auto& [utc_day, hours] : heard_by_kiosk[kiosk])
                heard[size_t(utc_day - days.first_utc_day)] |= hours;
        });
}

std::vector<VenueSummary> PostgresHubStore::venue_summaries(const QueryScope& scope) {
    const char* what = "visitors by venue";
    const std::string sql =
        !scope.kiosk.empty()
            ? "SELECT (SELECT venue FROM kiosks WHERE id = :kiosk" +
                  std::string(scope.venue.empty() ? "" : " AND venue = :venue") +
                  "), sum(CASE kind WHEN 'kiosk' THEN value ELSE 0 END), "
                  "sum(CASE kind WHEN 'exhibit' THEN value ELSE 0 END)" +
                  totals_of(scope) +
                  "((kind = 'kiosk' AND subject = '' AND metric = 'sessions') OR "
                  "(kind = 'exhibit' AND metric = 'visits')) AND " +
                  kInDays
            : "SELECT v.id, (SELECT sum(value) FROM venue_totals t WHERE t.venue = v.id AND "
              "t.kind = 'kiosk' AND t.metric = 'sessions' AND t.day BETWEEN :from::date AND "
              ":to::date AND t.subject = ''), (SELECT sum(value) FROM venue_totals t WHERE "
              "t.venue = v.id AND t.kind = 'exhibit' AND t.metric = 'visits' AND t.day BETWEEN "
              ":from::date AND :to::date) FROM venues v WHERE (:venue = '' OR v.id = :venue) AND " +
                  in_venue_list("v.id") + " ORDER BY v.id";
    const PgResult rows = read(scoped(sql, scope), what);
    std::vector<VenueSummary> venues;
    for (int row = 0; row < rows.rows(); ++row) {
        if (rows.text(row, 0).empty()) continue; // a kiosk not of the scope's venue
        venues.push_back(
            {rows.text(row, 0), exact_sum(rows, row, 1, what), exact_sum(rows, row, 2, what)});
    }
    return venues;
}

} // namespace kiosk::hub
