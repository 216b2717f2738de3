// Reading a kiosk.db for the soak: plain SQL over a read-only connection, the
// JSON fields parsed with nlohmann-json, and the recount of the rollups.
#include "kiosk_db_facts.h"

#include "core/sqlite_statement.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <functional>
#include <map>

namespace kiosk::soak {
namespace {

// Runs `sql`, calling `each` for every row. False with `error` on failure.
bool for_each_row(sqlite3* db, const char* sql,
                  const std::function<void(const SqliteStatement&)>& each, std::string& error) {
    SqliteStatement statement(db, sql);
    while (statement.next())
        each(statement);
    if (statement.ok()) return true;
    error = std::string(sql) + ": " + statement.error();
    return false;
}

nlohmann::json parse_fields(const std::string& fields) {
    return nlohmann::json::parse(fields, nullptr, false);
}

std::string text_field(const nlohmann::json& fields, const char* name) {
    return fields.is_object() && fields.contains(name) && fields[name].is_string()
               ? fields[name].get<std::string>()
               : "?";
}

int64_t number_field(const nlohmann::json& fields, const char* name) {
    return fields.is_object() && fields.contains(name) && fields[name].is_number_integer()
               ? fields[name].get<int64_t>()
               : 0;
}

// The rollups the store keeps as counts of events (InteractionLog: kind ->
// subject kind and metric), recounted day by day from the raw events.
void recount(const std::string& day, const std::string& kind, const std::string& subject,
             const nlohmann::json& fields, Counts& out) {
    const auto add = [&](const std::string& subject_kind, const std::string& id,
                         const std::string& metric, int64_t n) {
        out[day + "|" + subject_kind + "|" + id + "|" + metric] += n;
    };
    if (kind == "session_start") {
        add("kiosk", "", "sessions", 1);
        add("hour", "*", "sessions", 1); // every hour's sessions, summed
    } else if (kind == "session_end") {
        add("kiosk", "", "session_ms", number_field(fields, "duration_ms"));
    } else if (kind == "screen_enter" || kind == "exhibit_enter") {
        add(kind.substr(0, kind.find('_')), subject, "visits", 1);
    } else if (kind == "screen_leave" || kind == "exhibit_leave") {
        add(kind.substr(0, kind.find('_')), subject, "dwell_ms", number_field(fields, "dwell_ms"));
    } else if (kind == "exhibit_event") {
        add("exhibit", subject, "interactions", 1);
    } else if (kind == "exhibit_error") {
        add("exhibit", subject, "errors", 1);
    } else if (kind == "quiz_start") {
        add("quiz", subject, "visits", 1);
    } else if (kind == "quiz_finish") {
        add("quiz", subject, "completions", 1);
        add("quiz", subject, "score_total", number_field(fields, "score"));
    } else if (kind == "quiz_answer") {
        const std::string question = subject + "/" + text_field(fields, "question");
        add("question", question, "answers", 1);
        add("question", question, "correct",
            fields.is_object() && fields.value("correct", false) ? 1 : 0);
        if (fields.is_object() && fields.contains("chosen") && fields["chosen"].is_array())
            for (const nlohmann::json& id : fields["chosen"])
                if (id.is_string())
                    add("option", question + "/" + id.get<std::string>(), "choices", 1);
    }
}

bool recounted(const std::string& subject_kind, const std::string& metric) {
    static const std::multimap<std::string, std::string> kinds = {
        {"kiosk", "sessions"},   {"kiosk", "session_ms"},     {"hour", "sessions"},
        {"screen", "visits"},    {"screen", "dwell_ms"},      {"exhibit", "visits"},
        {"exhibit", "dwell_ms"}, {"exhibit", "interactions"}, {"exhibit", "errors"},
        {"quiz", "visits"},      {"quiz", "completions"},     {"quiz", "score_total"},
        {"question", "answers"}, {"question", "correct"},     {"option", "choices"}};
    auto [first, last] = kinds.equal_range(subject_kind);
    for (auto it = first; it != last; ++it)
        if (it->second == metric) return true;
    return false;
}

Counts without_zeros(const Counts& counts) {
    Counts kept;
    for (const auto& [key, value] : counts)
        if (value != 0) kept[key] = value;
    return kept;
}

} // namespace

std::string event_key(const std::string& kind, const std::string& subject,
                      const std::string& fields_json) {
    if (kind == "session_end") return kind + ":" + text_field(parse_fields(fields_json), "reason");
    if (kind == "exhibit_event")
        return kind + ":" + subject + ":" + text_field(parse_fields(fields_json), "event");
    if (kind == "quiz_answer") {
        const nlohmann::json fields = parse_fields(fields_json);
        const bool right = fields.is_object() && fields.value("correct", false);
        return kind + ":" + subject + ":" + text_field(fields, "question") +
               (right ? ":right" : ":wrong");
    }
    return subject.empty() ? kind : kind + ":" + subject;
}

namespace {

// Whether the rollup "KIND|SUBJECT|METRIC" is one an expectation speaks of.
bool counted_rollup(const std::string& key, int64_t value) {
    const bool timing = key.size() > 3 && key.compare(key.size() - 3, 3, "_ms") == 0;
    // A finding's field values come from the sample exhibits' own fields,
    // which the script does not model (telemetry_tests check those rows).
    return value != 0 && !timing && key.rfind("hour|", 0) != 0 &&
           key.rfind("finding_value|", 0) != 0;
}

} // namespace

Counts counted_rollups(const Counts& rollups) {
    Counts counted;
    for (const auto& [key, value] : rollups)
        if (counted_rollup(key, value)) counted[key] = value;
    return counted;
}

Counts counted_rollups_by_day(const Counts& rollups_by_day) {
    Counts counted;
    for (const auto& [key, value] : rollups_by_day)
        if (counted_rollup(key.substr(key.find('|') + 1), value)) counted[key] = value;
    return counted;
}

std::optional<KioskDbFacts> read_kiosk_db(const std::string& path, std::string& error) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_close(db);
        return std::nullopt;
    }
    KioskDbFacts facts;
    Counts recount_by_day;
    bool ok =
        for_each_row(
            db, "PRAGMA integrity_check",
            [&](const SqliteStatement& row) { facts.integrity += row.text(0); }, error) &&
        for_each_row(
            db, "SELECT day, kind, subject, fields FROM events ORDER BY seq",
            [&](const SqliteStatement& row) {
                const std::string day = row.text(0), kind = row.text(1), subject = row.text(2),
                                  fields = row.text(3);
                ++facts.events[event_key(kind, subject, fields)];
                recount(day, kind, subject, parse_fields(fields), recount_by_day);
            },
            error) &&
        for_each_row(
            db, "SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), 0) FROM events",
            [&](const SqliteStatement& row) {
                facts.event_rows = row.integer(0);
                facts.min_seq = row.integer(1);
                facts.max_seq = row.integer(2);
            },
            error) &&
        for_each_row(
            db,
            "SELECT session, sum(kind = 'session_start'), sum(kind = 'session_end') FROM events "
            "WHERE session IS NOT NULL GROUP BY session",
            [&](const SqliteStatement& row) {
                ++facts.sessions;
                if (row.integer(1) != 1 || row.integer(2) != 1)
                    facts.session_problems.push_back(row.text(0) + ": " +
                                                     std::to_string(row.integer(1)) + " starts, " +
                                                     std::to_string(row.integer(2)) + " ends");
            },
            error) &&
        for_each_row(
            db,
            "SELECT count(*) FROM (SELECT 1 FROM events GROUP BY boot, mono_ms, kind, subject, "
            "fields HAVING count(*) > 1)",
            [&](const SqliteStatement& row) { facts.repeated_events = row.integer(0); }, error) &&
        for_each_row(
            db, "SELECT day, subject_kind, subject, metric, value FROM rollups",
            [&](const SqliteStatement& row) {
                const std::string day = row.text(0), kind = row.text(1), subject = row.text(2),
                                  metric = row.text(3);
                const int64_t value = row.integer(4);
                facts.rollups[kind + "|" + subject + "|" + metric] += value;
                facts.rollups_by_day[day + "|" + kind + "|" + subject + "|" + metric] += value;
            },
            error) &&
        for_each_row(
            db, "SELECT value FROM meta WHERE key = 'synced_seq'",
            [&](const SqliteStatement& row) { facts.synced_seq = row.integer(0); }, error);
    sqlite3_close(db);
    if (!ok) {
        error = path + ": " + error;
        return std::nullopt;
    }

    // The stored counts of the recounted kinds, the hours' sessions summed per day.
    Counts stored;
    for (const auto& [key, value] : facts.rollups_by_day) {
        const size_t kind_at = key.find('|') + 1, subject_at = key.find('|', kind_at) + 1;
        const size_t metric_at = key.rfind('|') + 1;
        const std::string kind = key.substr(kind_at, subject_at - 1 - kind_at);
        if (!recounted(kind, key.substr(metric_at))) continue;
        if (kind == "hour")
            stored[key.substr(0, subject_at) + "*|" + key.substr(metric_at)] += value;
        else
            stored[key] += value;
    }
    facts.recount_problems = differences(without_zeros(recount_by_day), without_zeros(stored));
    return facts;
}

} // namespace kiosk::soak
