// Kiosk log: timestamped lines to stderr and, once a data folder is known, to
// DATA/kiosk.log. For operators and curators, never for visitors. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

enum class LogLevel { Info, Warning, Error };

// Starts appending to `file_path` as well as stderr; returns false with `error`
// (and logs to stderr only) when the file cannot be opened. The file is opened
// as a private file (core/private_files.h): never through a symbolic link,
// created 0600.
bool log_open_file(const std::string& file_path, std::string& error);
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
