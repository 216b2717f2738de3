// The managers' reports over kiosk.db (see stats_report.h): the day-range rules, one query per
// report over `rollups` (titles from `subjects`, clock flags from `events`), their titles and
// headers from the managers' words (core/manager_text.h), and the raw events CSV export (streamed
// straight from sqlite3_column_text into CsvWriter's buffer, one row at a time).
//
// Index of this file:
// [SECTION] Words: titles, headers, times
// [SECTION] SQLite and cells: shared errors, the kiosk's offset, titles, subjects
// [SECTION] The reports, one query each
// [SECTION] Day ranges: resolve_day_range
// [SECTION] Building the reports: build_stats_reports
// [SECTION] Raw events: export_events_csv

#include "stats_report.h"

#include "findings_tables.h"

#include "core/checked_sum.h"
#include "core/civil_time.h"
#include "core/findings.h"
#include "core/manager_text.h"
#include "core/sqlite_statement.h"
#include "telemetry/schema.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <unordered_map>

namespace kiosk::stats {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Words: titles, headers, times
//-----------------------------------------------------------------------------

// Every title, header and label the reports show is the managers' word
// "report_" + its key (the key is also the JSON name): core/manager-strings.lua.
std::string word(const std::string& key, Language language) {
    return manager_text("report_" + key, language);
}

ReportTable make_table(const std::string& key, std::initializer_list<const char*> columns,
                       Language language) {
    ReportTable table;
    table.key = key;
    table.title = word(key, language);
    for (const char* column : columns) // the bar chart's column has no header
        table.columns.push_back(
            {column, std::string_view(column) == "chart" ? "" : word(column, language)});
    return table;
}

//-----------------------------------------------------------------------------
// [SECTION] SQLite and cells: shared errors, the kiosk's offset, titles, subjects
//-----------------------------------------------------------------------------

// A report's statements share the reports' first error (core/sqlite_statement.h):
// after a failure the later ones do not run, so a report reads as straight-line
// code with one check at the end, and a failed query is an error on the page,
// never an empty table.
SqliteStatement& bind_range(SqliteStatement& query, const DayRange& range) {
    return query.bind(1, range.from).bind(2, range.to);
}

// The error the reports show for a failed read.
std::string reading_failed(const telemetry::ReadOnlyKioskDb& db, const std::string& error) {
    return db.path() + ": reading the reports: " + error;
}

// The title of subject (alias s) in the report's language, falling back to the other.
const char* title_sql(Language language) {
    return language == Language::En ? "coalesce(nullif(s.title_en, ''), s.title_zh, '')"
                                    : "coalesce(nullif(s.title_zh, ''), s.title_en, '')";
}

// The first cell of a table's total row.
ReportCell total_label(Language language) {
    return ReportCell::of_text(manager_text("report_total", language));
}

ReportCell text(std::string value) {
    return ReportCell::of_text(std::move(value));
}
ReportCell integer(int64_t value) {
    return ReportCell::of_integer(value);
}
// numerator / denominator * scale with `places` decimals; empty when dividing by 0.
ReportCell ratio(double numerator, double denominator, double scale = 1, int places = 1) {
    if (denominator == 0) return ReportCell{};
    return ReportCell::of_decimal(numerator / denominator * scale, places);
}

// "PACK/QUESTION[/OPTION]" split at the first (and, for options, the last) slash.
void split_subject(const std::string& subject, bool with_option, std::string& pack,
                   std::string& question, std::string& option) {
    size_t first = subject.find('/');
    pack = subject.substr(0, first);
    std::string rest = first == std::string::npos ? "" : subject.substr(first + 1);
    if (with_option) {
        size_t last = rest.rfind('/');
        question = rest.substr(0, last);
        option = last == std::string::npos ? "" : rest.substr(last + 1);
    } else {
        question = rest;
        option.clear();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] The reports, one query each
//-----------------------------------------------------------------------------

void visitors_per_day(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options,
                      ReportSet& set, std::string& error) {
    ReportTable table =
        make_table("visitors_per_day", {"day", "sessions", "average_session_s"}, options.language);
    // Every day with any rollup row (the kiosk was on) is listed, with 0 sessions if need be.
    SqliteStatement query(
        db.handle(),
        "SELECT day,"
        " sum(CASE WHEN subject_kind = 'kiosk' AND subject = '' AND metric = 'sessions'"
        " THEN value ELSE 0 END),"
        " sum(CASE WHEN subject_kind = 'kiosk' AND subject = '' AND metric = 'session_ms'"
        " THEN value ELSE 0 END)"
        " FROM rollups WHERE day BETWEEN ?1 AND ?2 GROUP BY day ORDER BY day",
        error);
    bind_range(query, options.range);
    CheckedSum sessions, session_ms;
    while (query.next()) {
        table.rows.push_back({ReportCell::of_day(query.text(0)), integer(query.integer(1)),
                              ratio(double(query.integer(2)), double(query.integer(1)), 0.001)});
        sessions += query.integer(1);
        session_ms += query.integer(2);
    }
    if (!table.rows.empty() && sessions.value() && session_ms.value())
        table.total = {total_label(options.language), integer(*sessions.value()),
                       ratio(double(*session_ms.value()), double(*sessions.value()), 0.001)};
    set.tables.push_back(std::move(table));
}

void busiest_hours(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options,
                   ReportSet& set, std::string& error) {
    ReportTable table =
        options.full
            ? make_table("busiest_hours", {"hour", "sessions", "share_percent"}, options.language)
            : make_table("busiest_hours", {"hour", "sessions", "share_percent", "chart"},
                         options.language);
    CheckedSum hour_sums[24], total_sum;
    SqliteStatement query(db.handle(),
                          "SELECT subject, sum(value) FROM rollups WHERE day BETWEEN ?1 AND ?2"
                          " AND subject_kind = 'hour' AND metric = 'sessions' GROUP BY subject",
                          error);
    bind_range(query, options.range);
    while (query.next()) {
        const int hour = std::atoi(query.text(0).c_str());
        if (hour < 0 || hour > 23) continue;
        hour_sums[hour] += query.integer(1);
        total_sum += query.integer(1);
    }
    int64_t sessions[24] = {};
    int64_t most = 0;
    bool overflowed = total_sum.overflowed();
    for (int hour = 0; hour < 24; ++hour) {
        sessions[hour] = hour_sums[hour].value().value_or(0);
        overflowed = overflowed || hour_sums[hour].overflowed();
        most = std::max(most, sessions[hour]);
    }
    if (overflowed && error.empty()) error = "busiest hours: a sum exceeds 64 bits";
    const int64_t total = total_sum.value().value_or(0);
    for (int hour = 0; hour < 24; ++hour) {
        if (!options.full && sessions[hour] == 0) continue; // the terminal shows open hours
        std::vector<ReportCell> row{integer(hour), integer(sessions[hour]),
                                    ratio(double(sessions[hour]), double(total), 100)};
        if (!options.full)
            row.push_back(text(std::string(
                size_t(most ? std::ceil(30.0 * double(sessions[hour]) / double(most)) : 0), '#')));
        table.rows.push_back(std::move(row));
    }
    if (total > 0 && !overflowed)
        table.total = {total_label(options.language), integer(total), ratio(1, 1, 100)};
    set.tables.push_back(std::move(table));
}

void exhibits(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options, ReportSet& set,
              std::string& error) {
    const std::string sql =
        std::string("SELECT r.subject, ") + title_sql(options.language) +
        ", sum(CASE WHEN r.metric = 'visits' THEN r.value ELSE 0 END) AS visits,"
        " sum(CASE WHEN r.metric = 'dwell_ms' THEN r.value ELSE 0 END) AS dwell,"
        " sum(CASE WHEN r.metric = 'errors' THEN r.value ELSE 0 END)"
        " FROM rollups r LEFT JOIN subjects s"
        " ON s.subject_kind = r.subject_kind AND s.subject = r.subject"
        " WHERE r.day BETWEEN ?1 AND ?2 AND r.subject_kind = 'exhibit'"
        " GROUP BY r.subject ORDER BY visits DESC, dwell DESC, r.subject";
    ReportTable by_visits =
        make_table("exhibits_by_visits",
                   {"exhibit", "title", "visits", "dwell_total_min", "average_dwell_s", "errors"},
                   options.language);
    struct Row {
        std::vector<ReportCell> cells;
        int64_t visits, dwell_ms;
    };
    std::vector<Row> rows;
    SqliteStatement query(db.handle(), sql, error);
    bind_range(query, options.range);
    while (query.next()) {
        const int64_t visits = query.integer(2), dwell_ms = query.integer(3);
        rows.push_back({{text(query.text(0)), text(query.text(1)), integer(visits),
                         ReportCell::of_decimal(double(dwell_ms) / 60000.0),
                         ratio(double(dwell_ms), double(visits), 0.001), integer(query.integer(4))},
                        visits,
                        dwell_ms});
    }
    ReportTable by_dwell = by_visits;
    by_dwell.key = "exhibits_by_dwell";
    by_dwell.title = word(by_dwell.key, options.language);
    const size_t top =
        options.full || options.top <= 0 ? rows.size() : std::min(rows.size(), size_t(options.top));
    for (size_t i = 0; i < top; ++i)
        by_visits.rows.push_back(rows[i].cells);
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.dwell_ms != b.dwell_ms ? a.dwell_ms > b.dwell_ms : a.visits > b.visits;
    });
    for (size_t i = 0; i < top; ++i)
        by_dwell.rows.push_back(rows[i].cells);
    set.tables.push_back(std::move(by_visits));
    set.tables.push_back(std::move(by_dwell));
}

// kiosk.log events by name and field value, each a share of the exhibit's
// visitors over the same days (core/findings.h).
void findings(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options, ReportSet& set,
              std::string& error) {
    FindingsGatherer gatherer;
    const std::string sql =
        std::string("SELECT r.subject_kind, r.subject, r.metric, sum(r.value), ") +
        title_sql(options.language) +
        " FROM rollups r LEFT JOIN subjects s"
        " ON s.subject_kind = r.subject_kind AND s.subject = r.subject"
        " WHERE r.day BETWEEN ?1 AND ?2 AND r.metric IN ('visitors', 'events')"
        " AND r.subject_kind IN ('exhibit', 'finding', 'finding_value')"
        " GROUP BY r.subject_kind, r.subject, r.metric";
    SqliteStatement query(db.handle(), sql, error);
    bind_range(query, options.range);
    while (query.next()) {
        gatherer.add(query.text(0), query.text(1), query.text(2), query.integer(3));
        if (query.text(0) == "exhibit") gatherer.set_title(query.text(1), query.text(4));
    }
    const std::vector<ExhibitFindings> exhibits = gatherer.gather();
    if (gatherer.overflowed() && error.empty()) error = "findings: a sum exceeds 64 bits";
    add_findings_tables(exhibits, options.language, options.full, set);
}

void quiz_rounds(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options, ReportSet& set,
                 std::string& error) {
    ReportTable table = make_table("quiz_rounds",
                                   {"pack", "title", "rounds_started", "rounds_completed",
                                    "completion_percent", "average_score"},
                                   options.language);
    const std::string sql = std::string("SELECT r.subject, ") + title_sql(options.language) +
                            ", sum(CASE WHEN r.metric = 'visits' THEN r.value ELSE 0 END),"
                            " sum(CASE WHEN r.metric = 'completions' THEN r.value ELSE 0 END),"
                            " sum(CASE WHEN r.metric = 'score_total' THEN r.value ELSE 0 END)"
                            " FROM rollups r LEFT JOIN subjects s"
                            " ON s.subject_kind = r.subject_kind AND s.subject = r.subject"
                            " WHERE r.day BETWEEN ?1 AND ?2 AND r.subject_kind = 'quiz'"
                            " GROUP BY r.subject ORDER BY r.subject";
    SqliteStatement query(db.handle(), sql, error);
    bind_range(query, options.range);
    while (query.next()) {
        const int64_t started = query.integer(2), completed = query.integer(3);
        table.rows.push_back({text(query.text(0)), text(query.text(1)), integer(started),
                              integer(completed), ratio(double(completed), double(started), 100),
                              ratio(double(query.integer(4)), double(completed))});
    }
    set.tables.push_back(std::move(table));
}

// Returns answers per "PACK/QUESTION" for the option shares.
std::map<std::string, int64_t> quiz_accuracy(const telemetry::ReadOnlyKioskDb& db,
                                             const StatsOptions& options, ReportSet& set,
                                             std::string& error) {
    ReportTable table =
        make_table("quiz_accuracy",
                   {"pack", "question", "question_text", "answers", "correct", "accuracy_percent"},
                   options.language);
    const std::string sql =
        std::string("SELECT r.subject, ") + title_sql(options.language) +
        ", sum(CASE WHEN r.metric = 'answers' THEN r.value ELSE 0 END) AS answers,"
        " sum(CASE WHEN r.metric = 'correct' THEN r.value ELSE 0 END) AS correct"
        " FROM rollups r LEFT JOIN subjects s"
        " ON s.subject_kind = r.subject_kind AND s.subject = r.subject"
        " WHERE r.day BETWEEN ?1 AND ?2 AND r.subject_kind = 'question'"
        " GROUP BY r.subject HAVING answers > 0"
        " ORDER BY CAST(correct AS REAL) / answers, answers DESC, r.subject";
    std::map<std::string, int64_t> answers_by_question;
    SqliteStatement query(db.handle(), sql, error);
    bind_range(query, options.range);
    while (query.next()) {
        std::string pack, question, unused;
        split_subject(query.text(0), false, pack, question, unused);
        const int64_t answers = query.integer(2), correct = query.integer(3);
        answers_by_question[query.text(0)] = answers;
        if (!options.full && options.top > 0 && table.rows.size() >= size_t(options.top)) continue;
        table.rows.push_back({text(pack), text(question), text(query.text(1)), integer(answers),
                              integer(correct), ratio(double(correct), double(answers), 100)});
    }
    set.tables.push_back(std::move(table));
    return answers_by_question;
}

void quiz_options(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options,
                  const std::map<std::string, int64_t>& answers_by_question, ReportSet& set,
                  std::string& error) {
    ReportTable table = make_table(
        "quiz_options", {"pack", "question", "option", "option_text", "choices", "share_percent"},
        options.language);
    const std::string sql = std::string("SELECT r.subject, ") + title_sql(options.language) +
                            ", sum(r.value) FROM rollups r LEFT JOIN subjects s"
                            " ON s.subject_kind = r.subject_kind AND s.subject = r.subject"
                            " WHERE r.day BETWEEN ?1 AND ?2 AND r.subject_kind = 'option'"
                            " AND r.metric = 'choices' GROUP BY r.subject ORDER BY r.subject";
    SqliteStatement query(db.handle(), sql, error);
    bind_range(query, options.range);
    while (query.next()) {
        std::string pack, question, option;
        split_subject(query.text(0), true, pack, question, option);
        auto answers = answers_by_question.find(pack + "/" + question);
        const int64_t choices = query.integer(2);
        table.rows.push_back(
            {text(pack), text(question), text(option), text(query.text(1)), integer(choices),
             ratio(double(choices),
                   answers == answers_by_question.end() ? 0.0 : double(answers->second), 100)});
    }
    set.tables.push_back(std::move(table));
}

void data_quality(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options, ReportSet& set,
                  std::string& error) {
    ReportTable table =
        options.full
            ? make_table("data_quality", {"check", "description", "count"}, options.language)
            : make_table("data_quality", {"description", "count"}, options.language);
    auto add = [&](const char* check, int64_t count) {
        std::vector<ReportCell> row;
        if (options.full) row.push_back(text(check));
        row.push_back(text(word(check, options.language)));
        row.push_back(integer(count));
        table.rows.push_back(std::move(row));
    };
    {
        SqliteStatement events(db.handle(),
                               "SELECT count(*), coalesce(sum((clock_flags & 1) != 0), 0),"
                               " coalesce(sum((clock_flags & 2) != 0), 0),"
                               " coalesce(sum(kind = 'clock_jump'), 0)"
                               " FROM events WHERE day BETWEEN ?1 AND ?2",
                               error);
        bind_range(events, options.range);
        if (events.next()) {
            add("events_in_range", events.integer(0));
            add("implausible_time", events.integer(1));
            add("clock_changed", events.integer(2));
            add("clock_jump_events", events.integer(3));
        }
    }
    {
        SqliteStatement dropped(
            db.handle(),
            "SELECT coalesce(sum(CASE WHEN metric = 'dropped_log_events' THEN value END), 0),"
            " coalesce(sum(CASE WHEN metric = 'dropped_raw_events' THEN value END), 0)"
            " FROM rollups WHERE day BETWEEN ?1 AND ?2"
            " AND subject_kind = 'kiosk' AND subject = ''",
            error);
        bind_range(dropped, options.range);
        if (dropped.next()) {
            add("dropped_log_events", dropped.integer(0));
            add("dropped_raw_events", dropped.integer(1));
        }
    }
    {
        // Outside any range too: a 1970 clock files its events under 1970.
        SqliteStatement all(db.handle(), "SELECT count(*) FROM events WHERE clock_flags & 1",
                            error);
        if (all.next()) add("implausible_time_all", all.integer(0));
    }
    set.tables.push_back(std::move(table));
}

void clock_jumps(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options, ReportSet& set,
                 std::string& error) {
    ReportTable table =
        make_table("clock_jumps", {"seq", "day", "time", "boot_id", "jump_s"}, options.language);
    SqliteStatement query(
        db.handle(),
        "SELECT e.seq, e.day, e.utc_ms, b.boot_id,"
        " CASE WHEN json_valid(e.fields) THEN json_extract(e.fields, '$.delta_ms') END,"
        " e.utc_offset_min"
        " FROM events e LEFT JOIN boots b ON b.boot = e.boot"
        " WHERE e.day BETWEEN ?1 AND ?2 AND e.kind = 'clock_jump' ORDER BY e.seq",
        error);
    bind_range(query, options.range);
    while (query.next())
        table.rows.push_back(
            {integer(query.integer(0)), text(query.text(1)),
             ReportCell::of_time(
                 query.integer(2), int32_t(query.integer(5)),
                 manager_time(query.integer(2), int32_t(query.integer(5)), options.language)),
             text(query.text(3)),
             query.is_null(4) ? ReportCell{}
                              : ReportCell::of_decimal(double(query.integer(4)) / 1000.0)});
    set.tables.push_back(std::move(table));
}

void daily_rollups(const telemetry::ReadOnlyKioskDb& db, const StatsOptions& options,
                   ReportSet& set, std::string& error) {
    ReportTable table =
        make_table("daily_rollups", {"day", "subject_kind", "subject", "title", "metric", "value"},
                   options.language);
    const std::string sql = std::string("SELECT r.day, r.subject_kind, r.subject, ") +
                            title_sql(options.language) +
                            ", r.metric, r.value FROM rollups r LEFT JOIN subjects s"
                            " ON s.subject_kind = r.subject_kind AND s.subject = r.subject"
                            " WHERE r.day BETWEEN ?1 AND ?2"
                            " ORDER BY r.day, r.subject_kind, r.subject, r.metric";
    SqliteStatement query(db.handle(), sql, error);
    bind_range(query, options.range);
    while (query.next())
        table.rows.push_back({ReportCell::of_day(query.text(0)), text(query.text(1)),
                              text(query.text(2)), text(query.text(3)), text(query.text(4)),
                              integer(query.integer(5))});
    set.tables.push_back(std::move(table));
}

} // namespace

int32_t kiosk_utc_offset_min(const telemetry::ReadOnlyKioskDb& db, std::string& error) {
    SqliteStatement latest(db.handle(),
                           "SELECT utc_offset_min FROM events ORDER BY seq DESC LIMIT 1", error);
    return latest.next() ? int32_t(latest.integer(0)) : kDefaultVenueUtcOffsetMin;
}

//-----------------------------------------------------------------------------
// [SECTION] Day ranges: resolve_day_range
//-----------------------------------------------------------------------------

bool resolve_day_range(const telemetry::ReadOnlyKioskDb& db, const std::string& from,
                       const std::string& to, DayRange& range, std::string& error) {
    for (const auto& [option, value] : {std::pair{"--from", &from}, std::pair{"--to", &to}}) {
        if (!value->empty() && !is_valid_day(*value)) {
            error = std::string(option) + " " + *value +
                    ": not a day; write YYYY-MM-DD, for example 2025-06-01";
            return false;
        }
    }
    if (!from.empty() && !to.empty() && from > to) {
        error = "--from " + from + " is after --to " + to;
        return false;
    }
    range.from = from.empty() ? db.first_day() : from;
    range.to = to.empty() ? db.last_day() : to;
    // One end given beyond the data's other end: an empty range at that end, not an error.
    if (from.empty() && !to.empty() && (range.from.empty() || range.from > to)) range.from = to;
    if (to.empty() && !from.empty() && (range.to.empty() || range.to < from)) range.to = from;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Building the reports: build_stats_reports
//-----------------------------------------------------------------------------

std::optional<ReportSet> build_stats_reports(const telemetry::ReadOnlyKioskDb& db,
                                             const StatsOptions& options, std::string& error) {
    error.clear();
    const Language language = options.language;
    ReportSet set;
    set.language = language_code(language);
    set.about_title = word("about", language);
    set.empty_text = word("empty", language);
    set.from = options.range.from;
    set.to = options.range.to;
    auto about = [&](const char* key, ReportCell value) {
        set.about.push_back({key, word(key, language), std::move(value)});
    };
    // One read transaction: every report sees the same snapshot of a live kiosk's file.
    sqlite3_exec(db.handle(), "BEGIN", nullptr, nullptr, nullptr);
    const std::string created = telemetry::read_meta(db.handle(), "created_utc_ms");
    about("file", text(db.path()));
    about("epoch", text(telemetry::read_meta(db.handle(), "epoch")));
    about("schema_version", integer(telemetry::kSchemaVersion));
    const int32_t utc_offset_min = kiosk_utc_offset_min(db, error);
    const int64_t created_utc_ms = std::atoll(created.c_str());
    about("created", created.empty() ? ReportCell{}
                                     : ReportCell::of_time(
                                           created_utc_ms, utc_offset_min,
                                           manager_time(created_utc_ms, utc_offset_min, language)));
    about("software_version",
          text(query_text(db.handle(),
                          "SELECT software_version FROM boots ORDER BY boot DESC LIMIT 1")));
    about("data_first_day", ReportCell::of_day(db.first_day()));
    about("data_last_day", ReportCell::of_day(db.last_day()));
    about("from", ReportCell::of_day(options.range.from));
    about("to", ReportCell::of_day(options.range.to));

    visitors_per_day(db, options, set, error);
    busiest_hours(db, options, set, error);
    exhibits(db, options, set, error);
    findings(db, options, set, error);
    quiz_rounds(db, options, set, error);
    std::map<std::string, int64_t> answers = quiz_accuracy(db, options, set, error);
    if (options.full) quiz_options(db, options, answers, set, error);
    data_quality(db, options, set, error);
    clock_jumps(db, options, set, error);
    if (options.full) daily_rollups(db, options, set, error);
    sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr);
    if (!error.empty()) {
        error = reading_failed(db, error);
        return std::nullopt;
    }
    return set;
}

//-----------------------------------------------------------------------------
// [SECTION] Raw events: export_events_csv
//-----------------------------------------------------------------------------

bool export_events_csv(const telemetry::ReadOnlyKioskDb& db, const DayRange* range,
                       const std::string& path, int64_t& rows, std::string& error) {
    rows = 0;
    // Boot ids by number: a lookup here is cheaper than a join per event.
    std::unordered_map<int64_t, std::string> boot_ids;
    {
        SqliteStatement boots(db.handle(), "SELECT boot, boot_id FROM boots");
        while (boots.next())
            boot_ids[boots.integer(0)] = boots.text(1);
        if (!boots.ok()) {
            error = reading_failed(db, boots.error());
            return false;
        }
    }
    const char* sql = range
                          ? "SELECT seq, utc_ms, utc_offset_min, day, boot, mono_ms, session, kind,"
                            " subject, content_version, fields, clock_flags FROM events"
                            " WHERE day BETWEEN ?1 AND ?2 ORDER BY seq"
                          : "SELECT seq, utc_ms, utc_offset_min, day, boot, mono_ms, session, kind,"
                            " subject, content_version, fields, clock_flags FROM events"
                            " ORDER BY seq";
    SqliteStatement query(db.handle(), sql);
    if (range) bind_range(query, *range);
    if (!query.ok()) {
        error = reading_failed(db, query.error());
        return false;
    }
    CsvWriter csv;
    if (!csv.open(path, error)) return false;
    for (const char* header :
         {"seq", "utc_time", "utc_offset_min", "day", "boot_id", "mono_ms", "session", "kind",
          "subject", "content_version", "fields", "clock_flags", "local_time"})
        csv.plain_field(header);
    csv.end_row();

    char time[kIsoTimeBufferBytes];
    int64_t last_boot = -1;
    std::string_view boot_id;
    while (query.next()) {
        csv.field(query.integer(0));
        const int64_t utc_ms = query.integer(1);
        const int64_t offset_min = query.integer(2);
        csv.plain_field(std::string_view(time, write_iso_utc_ms(utc_ms, time)));
        csv.field(offset_min);
        csv.field(query.text_view(3));
        const int64_t boot = query.integer(4);
        if (boot != last_boot) {
            auto found = boot_ids.find(boot);
            boot_id =
                found == boot_ids.end() ? std::string_view() : std::string_view(found->second);
            last_boot = boot;
        }
        csv.field(boot_id);
        csv.field(query.integer(5));
        if (query.is_null(6))
            csv.empty_field();
        else
            csv.field(query.text_view(6));
        for (int column = 7; column <= 10; ++column)
            csv.field(query.text_view(column));
        csv.field(query.integer(11));
        csv.plain_field(
            std::string_view(time, write_iso_local_ms(utc_ms, int32_t(offset_min), time)));
        csv.end_row();
        ++rows;
    }
    if (!query.ok()) {
        error = reading_failed(db, query.error());
        return false; // the CsvWriter removes its partial file
    }
    return csv.finish(error);
}

} // namespace kiosk::stats
