// A preview run (`kiosk --exhibit DIR|PKG`): what it records and how it ends.
// A preview writes its interaction log to its own database, DATA/preview.db
// (kiosk.db's schema, written by the same InteractionLog; the venue's kiosk.db
// is never opened), started afresh each run so it holds exactly that run: one
// visitor session at the exhibit. Each kiosk.log event is also printed on
// standard output as it happens, one line:
//   09:01:10.123 refraction total_reflection {"angle":42}
// (the venue's local time on the kiosk's clock, the exhibit, the event, its
// fields as stored), so a curator sees what the statistics will count, and a
// script can read it. A headless preview whose exhibit stopped with an error,
// or whose events could not be recorded, exits kExitPreviewFailed.
#pragma once

#include "kiosk_app.h"
#include "script/exhibit_host.h"
#include "telemetry/clock.h"

#include <string>
#include <string_view>

namespace kiosk {

constexpr int kExitPreviewFailed = 4; // headless preview: see the top of this file

// DATA/preview.db.
std::string preview_database_path(const std::string& data_dir);

// Removes the database an earlier preview left (and its -wal and -shm files;
// a link in their place goes, never what it points at). False with `error`
// naming the file that could not be removed.
bool remove_preview_database(const std::string& path, std::string& error);

// The line printed for one kiosk.log event; `counted` false adds that the
// interaction log dropped it (over its size or the visit's number of events).
std::string preview_event_line(const telemetry::ClockReading& time, std::string_view exhibit_id,
                               const ExhibitInteraction& interaction, bool counted);

// Prints preview_event_line on standard output, flushed at once.
void print_preview_event(const telemetry::ClockReading& time, std::string_view exhibit_id,
                         const ExhibitInteraction& interaction, bool counted);

// After a headless preview: 0, or kExitPreviewFailed and `error` saying why
// (the exhibit stopped with an error at least once, --dev reloads included;
// or preview.db was not written).
int headless_preview_exit_code(const KioskApp& app, std::string& error);

} // namespace kiosk
