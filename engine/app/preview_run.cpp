// A preview run: its database's path and fresh start, the terminal line for
// each kiosk.log event, and the exit code of a headless preview.
#include "preview_run.h"

#include "core/civil_time.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

namespace kiosk {

std::string preview_database_path(const std::string& data_dir) {
    return data_dir + "/preview.db";
}

bool remove_preview_database(const std::string& path, std::string& error) {
    for (const char* suffix : {"-wal", "-shm", ""}) { // the database last: never half gone
        const std::string file = path + suffix;
        if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
            error = file + ": the last preview's database cannot be removed (" +
                    std::strerror(errno) + ")";
            return false;
        }
    }
    return true;
}

std::string preview_event_line(const telemetry::ClockReading& time, std::string_view exhibit_id,
                               const ExhibitInteraction& interaction, bool counted) {
    // "2025-06-01T09:01:10.123+08:00": the clock time is enough on a terminal.
    const std::string local = iso_local_ms(time.utc_ms, time.utc_offset_min);
    std::string line = local.substr(11, 12);
    line += ' ';
    line += exhibit_id;
    line += ' ';
    line += interaction.name;
    line += ' ';
    line += interaction.fields_json;
    if (!counted) line += " (not counted: over the size limit or the visit's number of events)";
    return line;
}

void print_preview_event(const telemetry::ClockReading& time, std::string_view exhibit_id,
                         const ExhibitInteraction& interaction, bool counted) {
    std::cout << preview_event_line(time, exhibit_id, interaction, counted) << std::endl;
}

int headless_preview_exit_code(const KioskApp& app, std::string& error) {
    const ExhibitScreen& screen = app.exhibit_screen();
    if (const std::optional<ExhibitError>& failure = screen.last_failure()) {
        error = "exhibit " + screen.exhibit().id + " stopped with an error (" +
                exhibit_error_kind_name(failure->kind) + " in " + failure->callback +
                "): " + failure->message;
        if (screen.failures() > 1)
            error += " (and " + std::to_string(screen.failures() - 1) + " more; all are in " +
                     "exhibit-errors.log in the data folder)";
        return kExitPreviewFailed;
    }
    if (!app.statistics_problem().empty()) {
        error = "the events were not recorded in preview.db: " + app.statistics_problem();
        return kExitPreviewFailed;
    }
    return 0;
}

} // namespace kiosk
