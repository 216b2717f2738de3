// What the kiosk records about visits: one typed call per interaction, each
// turned into an EventRecord (time, local day, clock flags, the current
// anonymous session, JSON fields) and the rollup counts it changes. This file
// owns the event kinds, their fields and the clock-sanity and rate rules; the
// EventStore only stores. With no store (statistics off) every call is a no-op.
//
// Event kinds and their fields (subject in brackets):
//   boot {version}                      config_loaded [kiosk name] {file, venue}
//   shutdown {}                         content_changed {exhibits, quizzes}
//   content_refused [id or file] {reason}
//   clock_jump {delta_ms}               storage_recovered {dropped_raw_events} (by the store)
//   session_start {}                    session_end {reason, duration_ms, dropped_log_events}
//   screen_enter [screen] {}            screen_leave [screen] {dwell_ms}
//   exhibit_enter [id] {}               exhibit_leave [id] {dwell_ms}
//   exhibit_event [id] {event, data}    exhibit_error [id] {kind, callback, file, line, message}
//   quiz_start [pack] {questions}       quiz_finish [pack] {score, questions}
//   quiz_answer [pack] {question, chosen: [option ids], correct, answer_ms}
//   notice_takeover [identifier] {status, severity}   an emergency notice took the
//                                       screen over in this visitor session
//   notice_opened [identifier] {content}              its "learn what to do" opened content
// (session_end's reason: idle | shutdown | interrupted, the last when a
// notice took the screen over during the visit.) The notice events count no
// rollup: the hub gets their counts in the heartbeat's notice receipts.
//
// Nothing here can identify a visitor: a session is a random id made at the
// first touch and forgotten at idle; no names, faces, devices or addresses exist.
#pragma once

#include "core/bilingual.h"
#include "event_store.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace kiosk::telemetry {

struct InteractionLimits {
    int exhibit_events_per_session = 600; // kiosk.log events kept per visitor session
    size_t exhibit_event_bytes = 1024;    // name + fields JSON
    int64_t clock_jump_ms = 120000;       // a wall-clock change this large is a jump
    size_t finding_value_bytes = 64;      // a field value is cut to this (at a character)
    size_t finding_values_per_field = 32; // distinct values a field keeps a day; then "…"
};

class InteractionLog {
    struct Open {
        std::string id, version;
        int64_t since_mono = 0;
        bool active = false;
    };

public:
    // `store` may be null: statistics are off and nothing is recorded.
    InteractionLog(EventStore* store, const Clock& clock, InteractionLimits limits = {});

    // System.
    void boot(const std::string& software_version);
    void config_loaded(const std::string& kiosk_name, const std::string& config_file,
                       const std::string& venue);
    void shutdown();
    void content_changed(int exhibits, int quizzes);
    void content_refused(const std::string& what, const std::string& reason);

    // Visitor sessions: events between start and end carry the session id.
    void session_started(const std::string& session_id);
    void session_ended(const std::string& reason); // "idle" | "shutdown" | "interrupted"
    bool in_session() const { return !session_.empty(); }

    // Screens and exhibits; the leave call works out the dwell time.
    void screen_entered(const std::string& screen);
    void screen_left();
    void exhibit_entered(const std::string& id, const std::string& version, const Bilingual& title);
    void exhibit_left();
    // kiosk.log(name, fields): false when dropped (bad name, too large, or over
    // the session's bound; the drop is counted).
    bool exhibit_event(const std::string& name, const std::string& fields_json);
    // Events the exhibit API dropped before they got here (its per-second rate).
    void exhibit_events_dropped(int64_t count);
    void exhibit_error(const std::string& kind, const std::string& callback,
                       const std::string& file, int line, const std::string& message);

    // Quiz rounds.
    void quiz_started(const std::string& pack, const std::string& version, const Bilingual& title,
                      int questions);
    // `prompt` and `option_labels` (by option id) name the question and its
    // options in reports.
    void quiz_answered(const std::string& question, const Bilingual& prompt,
                       const std::vector<std::pair<std::string, Bilingual>>& option_labels,
                       const std::vector<std::string>& chosen, bool correct, int64_t answer_ms);
    void quiz_finished(int score, int questions);

    // Emergency notices (issue 18, part 4).
    void notice_takeover(const std::string& identifier, const std::string& status,
                         const std::string& severity);
    void notice_opened(const std::string& identifier, const std::string& content_id);

    bool enabled() const { return store_ != nullptr; }
    int64_t dropped_exhibit_events() const { return dropped_total_; }

private:
    EventRecord make(const std::string& kind, const std::string& subject,
                     const std::string& version, std::string fields_json);
    void record(EventRecord event);
    void enter(Open& open, const std::string& kind, const std::string& subject_kind,
               const std::string& id, const std::string& version, const Bilingual* title,
               bool count_visitors);
    // Adds `kind subject visitors` to `event` unless this session already
    // counted it on the event's day (nothing outside a session).
    void count_visitor(EventRecord& event, const std::string& kind, const std::string& subject);
    void count_findings(EventRecord& event, const std::string& name,
                        const std::string& fields_json);
    // `value` as finding_value keeps it on `day`: itself while the field
    // (EXHIBIT/EVENT/FIELD) has fewer than the limit's values that day, else "…".
    std::string kept_value(const std::string& day, const std::string& field,
                           const std::string& value);
    void leave(Open& open, const std::string& kind, const std::string& subject_kind);

    EventStore* store_;
    const Clock& clock_;
    InteractionLimits limits_;
    bool have_baseline_ = false;
    int64_t clock_baseline_ms_ = 0; // utc - mono at the boot's first event
    bool clock_jumped_ = false;

    std::string session_;
    int64_t session_started_mono_ = 0;
    int session_exhibit_events_ = 0;
    int64_t session_dropped_ = 0; // reported by the next session_end
    int64_t dropped_total_ = 0;

    Open screen_, exhibit_, quiz_;

    std::set<std::string> visitors_counted_; // "DAY KIND SUBJECT" this session
    std::string values_day_;
    std::map<std::string, std::set<std::string>> values_kept_; // by field, on values_day_
};

} // namespace kiosk::telemetry
