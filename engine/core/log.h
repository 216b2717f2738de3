// Kiosk log: timestamped lines to stderr and, once a data folder is known, to
// DATA/kiosk.log. For operators and curators, never for visitors. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

enum class LogLevel { Info, Warning, Error };

// Starts appending to `file_path` as well as stderr; returns false (and keeps
// logging to stderr) when the file cannot be opened.
bool log_open_file(const std::string& file_path);
void log_close_file();

void log_line(LogLevel level, std::string_view message);
inline void log_info(std::string_view message) {
    log_line(LogLevel::Info, message);
}
inline void log_warning(std::string_view message) {
    log_line(LogLevel::Warning, message);
}
inline void log_error(std::string_view message) {
    log_line(LogLevel::Error, message);
}

// Silences stderr output (tests that exercise error paths on purpose).
void log_set_quiet(bool quiet);

} // namespace kiosk
