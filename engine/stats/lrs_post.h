// Sending a kiosk's xAPI statements (xapi_statements.h) to a Learning Record
// Store: POST URL/statements with "X-Experience-API-Version: 1.0.3",
// "Content-Type: application/json" and HTTP Basic auth, in batches, resuming
// where the last run stopped. This file owns the HTTP exchange, the rule for
// each answer and the cursor file.
//
// Answers: 200 (or 204) acknowledges the batch. 409 Conflict means a statement
// with one of the ids is stored already with other content (statements are
// immutable, xAPI 1.0.3 part 3, 2.1.2): the batch is sent again one statement
// at a time, where 200 stores it and 409 leaves the stored one (counted in
// already_stored). Anything else stops the run with the status and the LRS's
// message; the cursor stays at the last acknowledged batch.
//
// The cursor file (--state) is JSON {"lrs", "kiosk", "epoch",
// "acknowledged_seq"}: events up to acknowledged_seq reached that LRS. It is
// written 0600, never through a symbolic link (core/private_files.h), and
// replaced whole after each acknowledged batch. A cursor for another LRS,
// kiosk or epoch (a reinstalled kiosk's new kiosk.db) is refused: give
// another --state file. kiosk.db itself is only read.
#pragma once

#include "xapi_statements.h"

#include "core/bilingual.h"

#include <cstdint>
#include <string>

namespace kiosk::stats {

struct LrsPostOptions {
    std::string url;               // the LRS endpoint; statements go to URL/statements
    std::string user, password;    // Basic auth; no Authorization header when user is ""
    bool allow_plain_http = false; // http:// to a host that is not loopback
    std::string state_file;        // the cursor file
    size_t batch_size = 100;
    int timeout_s = 30;
};

struct LrsPostReport {
    int64_t resumed_after_seq = 0; // the cursor when the run started
    int64_t acknowledged_seq = 0;  // the cursor now
    int64_t statements_sent = 0;   // acknowledged in this run
    int64_t batches = 0;
    int64_t already_stored = 0;  // ids the LRS held with other content (409), left as stored
    int64_t events_left_out = 0; // quiz answers whose fields cannot be read
};

// Posts every statement after the cursor (within `range` when not null).
// False with `error` (in `language`) naming the file, the URL, or the HTTP
// status and the LRS's message; `report` then says what was acknowledged.
bool post_to_lrs(const telemetry::ReadOnlyKioskDb& db, const XapiSource& source,
                 const DayRange* range, const LrsPostOptions& options, Language language,
                 LrsPostReport& report, std::string& error);

} // namespace kiosk::stats
