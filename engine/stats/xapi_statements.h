// A kiosk's raw events as xAPI 1.0.3 statements (issue 22, part 5): which
// events become statements, what each statement says, and its deterministic
// id. This file owns that mapping; kioskctl writes the statements to a file
// (command_stats.cpp) or posts them to a Learning Record Store (lrs_post.h).
//
//   exhibit_enter [id] in a visitor session -> verb "experienced", object the
//       exhibit's activity (one statement per visit; a visit's dwell comes
//       from a later exhibit_leave and is left out, so a statement never
//       changes once its event exists)
//   quiz_answer [pack] {question, chosen, correct, answer_ms} -> verb
//       "answered", object the question's activity, result.success = correct,
//       result.response = the chosen option ids joined by "[,]", result.duration
//       = answer_ms; context.contextActivities.parent = the quiz pack
// Every other event (system events, screens, sessions) makes no statement.
//
// actor: {"objectType": "Agent", "account": {"homePage": the venue's home
//   page, "name": the event's session id}} — the random id a session gets at
//   the first touch (interaction_log.h): nothing that identifies a person.
// object ids: https://kiosk.invalid/xapi/exhibits/ID, .../quizzes/PACK,
//   .../questions/PACK/QUESTION (kXapiIriBase; ".invalid" is reserved and
//   never resolves: these name the content, they are not web pages), with the
//   names the kiosk.db holds (subjects table) as {"zh-CN", "en-US"}.
// context: platform "kiosk", and extensions kXapiIriBase + "extensions/kiosk",
//   ".../venue", ".../content-version" (and ".../clock-flags" when the event's
//   time is doubtful, schema.h). context.extensions with absolute IRI keys is
//   what every conformant LRS stores as it is (xAPI 1.0.3 part 2, 4.1.6).
// timestamp: the event's time at the kiosk's UTC offset, ISO 8601
//   ("2025-06-01T09:01:01.000+08:00"). No "version": the LRS sets it from
//   the X-Experience-API-Version header.
// id: RFC 4122 version 5 (SHA-1) UUID in kXapiNamespace of
//   "KIOSK_ID\nEPOCH\nSEQ": the same event always gets the same id.
#pragma once

#include "core/day_ranges.h"
#include "telemetry/read_only_kiosk_db.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::stats {

inline constexpr std::string_view kXapiIriBase = "https://kiosk.invalid/xapi/";
// The name space of statement ids (a random UUID made once for this product).
inline constexpr std::array<uint8_t, 16> kXapiNamespace = {
    0x47, 0x40, 0x0f, 0xfe, 0xd5, 0xac, 0x4d, 0xb5, 0x8c, 0xf2, 0x22, 0x2e, 0x02, 0x00, 0x1b, 0xc8};

// RFC 4122 4.3: the name-based UUID (version 5, SHA-1) of `name` in
// `name_space`, as 36 lowercase characters "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx".
std::string uuid_v5(const std::array<uint8_t, 16>& name_space, std::string_view name);

// Where the statements come from: the actor's home page and what the context names.
struct XapiSource {
    std::string kiosk_id, venue_id, home_page;
};

struct XapiStatement {
    int64_t seq = 0; // the event's seq in kiosk.db
    std::string id;  // the statement id
    std::string json;
};

struct XapiPage {
    std::vector<XapiStatement> statements;
    int64_t events_left_out = 0; // quiz answers whose fields cannot be read
    int64_t last_seq = 0;        // the last event read (made a statement or left out)
    bool more = false;           // events after these may make more statements
};

// Reads up to `limit` statements from the events after seq `after_seq`
// (within `range`'s local days when not null), in seq order. False with
// `error` when kiosk.db cannot be read or has no epoch.
bool read_xapi_statements(const telemetry::ReadOnlyKioskDb& db, const XapiSource& source,
                          int64_t after_seq, const DayRange* range, size_t limit, XapiPage& page,
                          std::string& error);

} // namespace kiosk::stats
