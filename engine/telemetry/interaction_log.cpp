// InteractionLog: each typed call becomes an event with its fields and the
// rollup counts it changes (the mapping is listed in schema.h), stamped with
// the clock and checked for clock sanity.
#include "interaction_log.h"

#include "core/civil_time.h"
#include "core/json_text.h"
#include "core/utf8_text.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

namespace kiosk::telemetry {
namespace {

constexpr int kClockImplausible = 1;
constexpr int kClockChangedThisBoot = 2;

// A tiny JSON object writer for the fields: keys are our own literals.
class Fields {
public:
    Fields& text(const char* key, std::string_view value) {
        open(key);
        append_json_string(out_, value);
        return *this;
    }
    Fields& number(const char* key, int64_t value) {
        open(key);
        out_ += std::to_string(value);
        return *this;
    }
    Fields& boolean(const char* key, bool value) {
        open(key);
        out_ += value ? "true" : "false";
        return *this;
    }
    Fields& raw(const char* key, std::string_view json) {
        open(key);
        out_ += json;
        return *this;
    }
    std::string done() { return out_ + "}"; }

private:
    void open(const char* key) {
        out_ += out_.size() > 1 ? ",\"" : "\"";
        out_ += key;
        out_ += "\":";
    }
    std::string out_ = "{";
};

constexpr const char* kOtherValues = "\u2026"; // "…": the values beyond a field's cap

// A field value as findings count it: strings as they are, true/false, and
// numbers as Lua prints them ("" for anything else).
std::string finding_value_text(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number()) return value.dump();
    return "";
}

std::string two_digits(int value) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value);
    return text;
}

} // namespace

InteractionLog::InteractionLog(EventStore* store, const Clock& clock, InteractionLimits limits)
    : store_(store), clock_(clock), limits_(limits) {
    if (!store_) return;
    // Today's kept values: EXHIBIT/EVENT/FIELD=VALUE (exhibit ids, event and
    // field names hold no '/' or '=').
    values_day_ = store_->opening_day();
    for (const std::string& subject : store_->opening_day_finding_values()) {
        const size_t event_slash = subject.find('/');
        const size_t field_slash = subject.find('/', event_slash + 1);
        const size_t equals = subject.find('=', field_slash + 1);
        if (event_slash == std::string::npos || field_slash == std::string::npos ||
            equals == std::string::npos ||
            subject.compare(equals + 1, std::string::npos, kOtherValues) == 0)
            continue;
        values_kept_[subject.substr(0, equals)].insert(subject.substr(equals + 1));
    }
}

EventRecord InteractionLog::make(const std::string& kind, const std::string& subject,
                                 const std::string& version, std::string fields_json) {
    EventRecord event;
    event.time = clock_.now();
    // The wall clock against the monotonic one: a change beyond the limit is a
    // jump, recorded as its own event; later events of this boot are flagged.
    const int64_t offset = event.time.utc_ms - event.time.mono_ms;
    if (!have_baseline_) {
        have_baseline_ = true;
        clock_baseline_ms_ = offset;
    } else if (std::llabs(offset - clock_baseline_ms_) > limits_.clock_jump_ms) {
        const int64_t delta = offset - clock_baseline_ms_;
        clock_baseline_ms_ = offset;
        clock_jumped_ = true;
        EventRecord jump;
        jump.time = event.time;
        jump.day = local_day(jump.time.utc_ms, jump.time.utc_offset_min);
        jump.kind = "clock_jump";
        jump.fields_json = Fields().number("delta_ms", delta).done();
        jump.clock_flags =
            kClockChangedThisBoot | (plausible_utc_ms(jump.time.utc_ms) ? 0 : kClockImplausible);
        store_->record(std::move(jump));
    }
    event.day = local_day(event.time.utc_ms, event.time.utc_offset_min);
    event.session = session_;
    event.kind = kind;
    event.subject = subject;
    event.content_version = version;
    event.fields_json = std::move(fields_json);
    if (!plausible_utc_ms(event.time.utc_ms)) event.clock_flags |= kClockImplausible;
    if (clock_jumped_) event.clock_flags |= kClockChangedThisBoot;
    return event;
}

void InteractionLog::record(EventRecord event) {
    store_->record(std::move(event));
}

// ---- system ----

void InteractionLog::boot(const std::string& software_version) {
    if (!store_) return;
    record(make("boot", "", "", Fields().text("version", software_version).done()));
}

void InteractionLog::config_loaded(const std::string& kiosk_name, const std::string& config_file,
                                   const std::string& venue) {
    if (!store_) return;
    record(make("config_loaded", kiosk_name, "",
                Fields().text("file", config_file).text("venue", venue).done()));
}

void InteractionLog::shutdown() {
    if (!store_) return;
    record(make("shutdown", "", "", "{}"));
}

void InteractionLog::content_changed(int exhibits, int quizzes) {
    if (!store_) return;
    record(make("content_changed", "", "",
                Fields().number("exhibits", exhibits).number("quizzes", quizzes).done()));
}

void InteractionLog::content_refused(const std::string& what, const std::string& reason) {
    if (!store_) return;
    EventRecord event = make("content_refused", what, "", Fields().text("reason", reason).done());
    event.counts.push_back({"content", what, "errors", 1});
    record(std::move(event));
}

// ---- sessions ----

void InteractionLog::session_started(const std::string& session_id) {
    if (!store_) return;
    session_ = session_id;
    session_exhibit_events_ = 0;
    visitors_counted_.clear();
    EventRecord event = make("session_start", "", "", "{}");
    session_started_mono_ = event.time.mono_ms;
    event.counts.push_back({"kiosk", "", "sessions", 1});
    event.counts.push_back({"hour",
                            two_digits(local_hour(event.time.utc_ms, event.time.utc_offset_min)),
                            "sessions", 1});
    record(std::move(event));
}

void InteractionLog::session_ended(const std::string& reason) {
    if (!store_ || session_.empty()) return;
    const int64_t duration = clock_.now().mono_ms - session_started_mono_;
    EventRecord event = make("session_end", "", "",
                             Fields()
                                 .text("reason", reason)
                                 .number("duration_ms", duration)
                                 .number("dropped_log_events", session_dropped_)
                                 .done());
    event.counts.push_back({"kiosk", "", "session_ms", duration});
    if (session_dropped_)
        event.counts.push_back({"kiosk", "", "dropped_log_events", session_dropped_});
    session_dropped_ = 0;
    record(std::move(event));
    session_.clear();
}

// ---- screens and exhibits ----

void InteractionLog::enter(Open& open, const std::string& kind, const std::string& subject_kind,
                           const std::string& id, const std::string& version,
                           const Bilingual* title, bool count_visitors) {
    EventRecord event = make(kind + "_enter", id, version, "{}");
    open = Open{id, version, event.time.mono_ms, true};
    event.counts.push_back({subject_kind, id, "visits", 1});
    if (count_visitors) count_visitor(event, subject_kind, id);
    if (title) event.titles.push_back({subject_kind, id, title->zh, title->en});
    record(std::move(event));
}

void InteractionLog::leave(Open& open, const std::string& kind, const std::string& subject_kind) {
    if (!open.active) return;
    open.active = false;
    const int64_t dwell = clock_.now().mono_ms - open.since_mono;
    EventRecord event =
        make(kind + "_leave", open.id, open.version, Fields().number("dwell_ms", dwell).done());
    event.counts.push_back({subject_kind, open.id, "dwell_ms", dwell});
    record(std::move(event));
}

void InteractionLog::screen_entered(const std::string& screen) {
    if (!store_) return;
    leave(screen_, "screen", "screen");
    enter(screen_, "screen", "screen", screen, "", nullptr, false);
}

void InteractionLog::screen_left() {
    if (!store_) return;
    leave(screen_, "screen", "screen");
}

void InteractionLog::exhibit_entered(const std::string& id, const std::string& version,
                                     const Bilingual& title) {
    if (!store_) return;
    leave(exhibit_, "exhibit", "exhibit");
    enter(exhibit_, "exhibit", "exhibit", id, version, &title, true);
}

void InteractionLog::exhibit_left() {
    if (!store_) return;
    leave(exhibit_, "exhibit", "exhibit");
}

bool InteractionLog::exhibit_event(const std::string& name, const std::string& fields_json) {
    if (!store_) return false;
    const bool fits =
        valid_event_name(name) && name.size() + fields_json.size() <= limits_.exhibit_event_bytes &&
        fields_json.size() >= 2 && fields_json.front() == '{' && fields_json.back() == '}';
    if (!exhibit_.active || !fits ||
        session_exhibit_events_ >= limits_.exhibit_events_per_session) {
        exhibit_events_dropped(1);
        return false;
    }
    ++session_exhibit_events_;
    EventRecord event = make("exhibit_event", exhibit_.id, exhibit_.version,
                             Fields().text("event", name).raw("data", fields_json).done());
    event.counts.push_back({"exhibit", exhibit_.id, "interactions", 1});
    count_findings(event, name, fields_json);
    record(std::move(event));
    return true;
}

void InteractionLog::count_visitor(EventRecord& event, const std::string& kind,
                                   const std::string& subject) {
    if (session_.empty()) return;
    if (visitors_counted_.insert(event.day + ' ' + kind + ' ' + subject).second)
        event.counts.push_back({kind, subject, "visitors", 1});
}

void InteractionLog::count_findings(EventRecord& event, const std::string& name,
                                    const std::string& fields_json) {
    const std::string finding = exhibit_.id + "/" + name;
    event.counts.push_back({"finding", finding, "events", 1});
    // A session that crossed midnight is the exhibit's visitor on this day too.
    count_visitor(event, "exhibit", exhibit_.id);
    count_visitor(event, "finding", finding);
    const nlohmann::json fields = nlohmann::json::parse(fields_json, nullptr, false);
    if (!fields.is_object()) return;
    for (const auto& [field_name, value] : fields.items()) {
        if (!valid_event_name(field_name)) continue;
        const std::string text = finding_value_text(value);
        if (text.empty() && !value.is_string()) continue;
        const std::string field = finding + "/" + field_name;
        const std::string kept = kept_value(
            event.day, field, std::string(utf8_prefix(text, limits_.finding_value_bytes)));
        count_visitor(event, "finding_value", field + "=" + kept);
    }
}

std::string InteractionLog::kept_value(const std::string& day, const std::string& field,
                                       const std::string& value) {
    if (day != values_day_) {
        values_day_ = day;
        values_kept_.clear();
    }
    std::set<std::string>& kept = values_kept_[field];
    if (kept.count(value)) return value;
    if (kept.size() >= limits_.finding_values_per_field) return kOtherValues;
    kept.insert(value);
    return value;
}

void InteractionLog::exhibit_events_dropped(int64_t count) {
    session_dropped_ += count;
    dropped_total_ += count;
}

void InteractionLog::exhibit_error(const std::string& kind, const std::string& callback,
                                   const std::string& file, int line, const std::string& message) {
    if (!store_) return;
    EventRecord event = make("exhibit_error", exhibit_.id, exhibit_.version,
                             Fields()
                                 .text("kind", kind)
                                 .text("callback", callback)
                                 .text("file", file)
                                 .number("line", line)
                                 .text("message", message.substr(0, 2000))
                                 .done());
    event.counts.push_back({"exhibit", exhibit_.id, "errors", 1});
    record(std::move(event));
}

// ---- quizzes ----

void InteractionLog::quiz_started(const std::string& pack, const std::string& version,
                                  const Bilingual& title, int questions) {
    if (!store_) return;
    quiz_ = Open{pack, version, clock_.now().mono_ms, true};
    EventRecord event =
        make("quiz_start", pack, version, Fields().number("questions", questions).done());
    event.counts.push_back({"quiz", pack, "visits", 1});
    event.titles.push_back({"quiz", pack, title.zh, title.en});
    record(std::move(event));
}

void InteractionLog::quiz_answered(
    const std::string& question, const Bilingual& prompt,
    const std::vector<std::pair<std::string, Bilingual>>& option_labels,
    const std::vector<std::string>& chosen, bool correct, int64_t answer_ms) {
    if (!store_ || !quiz_.active) return;
    std::string chosen_json = "[";
    for (const std::string& id : chosen) {
        if (chosen_json.size() > 1) chosen_json += ",";
        append_json_string(chosen_json, id);
    }
    chosen_json += "]";
    EventRecord event = make("quiz_answer", quiz_.id, quiz_.version,
                             Fields()
                                 .text("question", question)
                                 .raw("chosen", chosen_json)
                                 .boolean("correct", correct)
                                 .number("answer_ms", answer_ms)
                                 .done());
    const std::string question_subject = quiz_.id + "/" + question;
    event.counts.push_back({"question", question_subject, "answers", 1});
    event.counts.push_back({"question", question_subject, "correct", correct ? 1 : 0});
    for (const std::string& id : chosen)
        event.counts.push_back({"option", question_subject + "/" + id, "choices", 1});
    event.titles.push_back({"question", question_subject, prompt.zh, prompt.en});
    for (const auto& [id, label] : option_labels)
        event.titles.push_back({"option", question_subject + "/" + id, label.zh, label.en});
    record(std::move(event));
}

void InteractionLog::quiz_finished(int score, int questions) {
    if (!store_ || !quiz_.active) return;
    quiz_.active = false;
    EventRecord event = make("quiz_finish", quiz_.id, quiz_.version,
                             Fields().number("score", score).number("questions", questions).done());
    event.counts.push_back({"quiz", quiz_.id, "completions", 1});
    event.counts.push_back({"quiz", quiz_.id, "score_total", score});
    record(std::move(event));
}

// ---- emergency notices ----

void InteractionLog::notice_takeover(const std::string& identifier, const std::string& status,
                                     const std::string& severity) {
    if (!store_) return;
    record(make("notice_takeover", identifier, "",
                Fields().text("status", status).text("severity", severity).done()));
}

void InteractionLog::notice_opened(const std::string& identifier, const std::string& content_id) {
    if (!store_) return;
    record(make("notice_opened", identifier, "", Fields().text("content", content_id).done()));
}

} // namespace kiosk::telemetry
