// The managers' reports over kiosk.db (see stats_report.h): the day-range rules, one query per
// report over `rollups` (titles from `subjects`, clock flags from `events`), the bilingual words of
// every title and header in one table, and the raw events CSV export (streamed straight from
// sqlite3_column_text into CsvWriter's buffer, one row at a time).
#include "stats_report.h"

#include "core/checked_sum.h"
#include "core/sqlite_statement.h"
#include "telemetry/clock.h"
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

// ---- words ---------------------------------------------------------------------------------

// Every title, header and label the reports show, for managers (not
// visitors): key (also the JSON name), Simplified Chinese, English.
struct Words {
    const char* key;
    const char* zh;
    const char* en;
};

constexpr Words kWords[] = {
    // the source
    {"about", "数据来源", "Source"},
    {"file", "数据库文件", "Database file"},
    {"epoch", "数据库编号（epoch）", "Database epoch"},
    {"schema_version", "结构版本", "Schema version"},
    {"created_utc", "创建时间（UTC）", "Created (UTC)"},
    {"software_version", "最近开机的软件版本", "Software version at the last boot"},
    {"data_first_day", "最早有数据的日期", "First day with data"},
    {"data_last_day", "最晚有数据的日期", "Last day with data"},
    {"from", "报表起始日", "Report from"},
    {"to", "报表截止日", "Report to"},
    {"empty", "（无）", "(none)"},
    // report titles
    {"visitors_per_day", "每日访客", "Visitors per day"},
    {"busiest_hours", "繁忙时段", "Busiest hours"},
    {"exhibits_by_visits", "展品（按访问次数）", "Exhibits by visits"},
    {"exhibits_by_dwell", "展品（按停留时间）", "Exhibits by dwell time"},
    {"quiz_rounds", "答题轮次", "Quiz rounds"},
    {"quiz_accuracy", "答题正确率（最难在前）", "Quiz accuracy, hardest first"},
    {"quiz_options", "选项选择次数", "Quiz option choices"},
    {"data_quality", "数据质量", "Data quality"},
    {"clock_jumps", "时钟跳变", "Clock jumps"},
    {"daily_rollups", "每日汇总", "Daily rollups"},
    // columns
    {"day", "日期", "Day"},
    {"sessions", "访客人次", "Sessions"},
    {"average_session_s", "平均时长（秒）", "Average session (s)"},
    {"hour", "时段（点）", "Hour"},
    {"share_percent", "占比（%）", "Share (%)"},
    {"chart", "", ""},
    {"exhibit", "展品编号", "Exhibit"},
    {"title", "名称", "Title"},
    {"visits", "访问次数", "Visits"},
    {"dwell_total_min", "总停留（分钟）", "Total dwell (min)"},
    {"average_dwell_s", "平均停留（秒）", "Average dwell (s)"},
    {"errors", "出错次数", "Errors"},
    {"pack", "题库", "Quiz pack"},
    {"rounds_started", "开始轮次", "Rounds started"},
    {"rounds_completed", "完成轮次", "Rounds completed"},
    {"completion_percent", "完成率（%）", "Completed (%)"},
    {"average_score", "平均得分", "Average score"},
    {"question", "题目编号", "Question"},
    {"question_text", "题目", "Question text"},
    {"answers", "作答次数", "Answers"},
    {"correct", "答对次数", "Correct"},
    {"accuracy_percent", "正确率（%）", "Accuracy (%)"},
    {"option", "选项编号", "Option"},
    {"option_text", "选项", "Option text"},
    {"choices", "选择次数", "Choices"},
    {"check", "检查项", "Check"},
    {"description", "说明", "Description"},
    {"count", "数量", "Count"},
    {"seq", "事件序号", "Event seq"},
    {"utc_time", "时间（UTC）", "Time (UTC)"},
    {"boot_id", "开机编号", "Boot id"},
    {"jump_s", "跳变（秒）", "Jump (s)"},
    {"subject_kind", "对象类别", "Subject kind"},
    {"subject", "对象", "Subject"},
    {"metric", "指标", "Metric"},
    {"value", "数值", "Value"},
    // data-quality checks
    {"events_in_range", "范围内的事件", "Events in the range"},
    {"implausible_time", "时间不可信的事件（早于2025年或晚于2100年）",
     "Implausible time: before 2025 or after 2100"},
    {"clock_changed", "开机后时钟被改过的事件", "Clock changed earlier in the same boot"},
    {"clock_jump_events", "时钟跳变", "Clock jumps"},
    {"dropped_log_events", "超出限制未记录的展品日志事件",
     "Exhibit log events dropped by the limits"},
    {"dropped_raw_events", "磁盘满时未保存的原始事件（汇总中仍计入）",
     "Raw events lost on a full disk (still counted)"},
    {"implausible_time_all", "整个数据库中时间不可信的事件", "Implausible time, whole database"},
};

std::string word(const std::string& key, Language language) {
    for (const Words& entry : kWords)
        if (key == entry.key) return language == Language::En ? entry.en : entry.zh;
    return key; // a missing word shows its key rather than nothing
}

ReportTable make_table(const std::string& key, std::initializer_list<const char*> columns,
                       Language language) {
    ReportTable table;
    table.key = key;
    table.title = word(key, language);
    for (const char* column : columns)
        table.columns.push_back({column, word(column, language)});
    return table;
}

// ---- SQLite --------------------------------------------------------------------------------

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

// ---- the reports ---------------------------------------------------------------------------

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
    while (query.next())
        table.rows.push_back({text(query.text(0)), integer(query.integer(1)),
                              ratio(double(query.integer(2)), double(query.integer(1)), 0.001)});
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
    ReportTable table = make_table("clock_jumps", {"seq", "day", "utc_time", "boot_id", "jump_s"},
                                   options.language);
    SqliteStatement query(
        db.handle(),
        "SELECT e.seq, e.day, e.utc_ms, b.boot_id,"
        " CASE WHEN json_valid(e.fields) THEN json_extract(e.fields, '$.delta_ms') END"
        " FROM events e LEFT JOIN boots b ON b.boot = e.boot"
        " WHERE e.day BETWEEN ?1 AND ?2 AND e.kind = 'clock_jump' ORDER BY e.seq",
        error);
    bind_range(query, options.range);
    while (query.next())
        table.rows.push_back({integer(query.integer(0)), text(query.text(1)),
                              text(iso_utc_ms(query.integer(2))), text(query.text(3)),
                              query.is_null(4)
                                  ? ReportCell{}
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
        table.rows.push_back({text(query.text(0)), text(query.text(1)), text(query.text(2)),
                              text(query.text(3)), text(query.text(4)), integer(query.integer(5))});
    set.tables.push_back(std::move(table));
}

// ---- days and times ------------------------------------------------------------------------

void put_digits(char*& out, int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    out += digits;
}

// Writes the ISO time of `utc_ms` to `out` (room for 32 bytes); returns its length.
size_t format_iso_utc(int64_t utc_ms, char* out) {
    constexpr int64_t kDayMs = 86400000;
    int64_t days = utc_ms / kDayMs, ms_of_day = utc_ms % kDayMs;
    if (ms_of_day < 0) {
        ms_of_day += kDayMs;
        --days;
    }
    const auto [year, month, day] = telemetry::civil_from_days(days);
    if (year < 0 || year > 9999)
        return size_t(std::snprintf(out, 32, "%lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                    static_cast<long long>(year), month, day,
                                    int(ms_of_day / 3600000), int(ms_of_day / 60000 % 60),
                                    int(ms_of_day / 1000 % 60), int(ms_of_day % 1000)));
    char* start = out;
    put_digits(out, year, 4);
    *out++ = '-';
    put_digits(out, month, 2);
    *out++ = '-';
    put_digits(out, day, 2);
    *out++ = 'T';
    put_digits(out, ms_of_day / 3600000, 2);
    *out++ = ':';
    put_digits(out, ms_of_day / 60000 % 60, 2);
    *out++ = ':';
    put_digits(out, ms_of_day / 1000 % 60, 2);
    *out++ = '.';
    put_digits(out, ms_of_day % 1000, 3);
    *out++ = 'Z';
    return size_t(out - start);
}

} // namespace

// ---- ranges --------------------------------------------------------------------------------

bool resolve_day_range(const telemetry::ReadOnlyKioskDb& db, const std::string& from,
                       const std::string& to, DayRange& range, std::string& error) {
    for (const auto& [option, value] : {std::pair{"--from", &from}, std::pair{"--to", &to}}) {
        if (!value->empty() && !telemetry::is_valid_day(*value)) {
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

std::string iso_utc_ms(int64_t utc_ms) {
    char buffer[32];
    return std::string(buffer, format_iso_utc(utc_ms, buffer));
}

// ---- reports -------------------------------------------------------------------------------

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
    about("created_utc",
          created.empty() ? ReportCell{} : text(iso_utc_ms(std::atoll(created.c_str()))));
    about("software_version",
          text(query_text(db.handle(),
                          "SELECT software_version FROM boots ORDER BY boot DESC LIMIT 1")));
    about("data_first_day", text(db.first_day()));
    about("data_last_day", text(db.last_day()));
    about("from", text(options.range.from));
    about("to", text(options.range.to));

    visitors_per_day(db, options, set, error);
    busiest_hours(db, options, set, error);
    exhibits(db, options, set, error);
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

// ---- raw events ----------------------------------------------------------------------------

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
          "subject", "content_version", "fields", "clock_flags"})
        csv.plain_field(header);
    csv.end_row();

    char time[32];
    int64_t last_boot = -1;
    std::string_view boot_id;
    while (query.next()) {
        csv.field(query.integer(0));
        csv.plain_field(std::string_view(time, format_iso_utc(query.integer(1), time)));
        csv.field(query.integer(2));
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
