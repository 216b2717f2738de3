// Kiosk log implementation: one mutex, one optional FILE*, UTC timestamps.
#include "log.h"

#include "civil_time.h"
#include "private_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>

namespace kiosk {
namespace {

std::mutex g_log_mutex;
FILE* g_log_file = nullptr;
bool g_quiet = false;

const char* level_name(LogLevel level) {
    switch (level) {
    case LogLevel::Info:
        return "info";
    case LogLevel::Warning:
        return "warning";
    case LogLevel::Error:
        return "error";
    }
    return "?";
}

} // namespace

bool log_open_file(const std::string& file_path, std::string& error) {
    // Opened before the lock: a refusal is logged by the caller.
    const int fd = open_private_file(file_path, O_WRONLY | O_APPEND | O_CREAT, error);
    FILE* file = fd >= 0 ? fdopen(fd, "a") : nullptr;
    if (fd >= 0 && !file) {
        error = file_path + ": cannot open the log file";
        ::close(fd);
    }
    std::lock_guard lock(g_log_mutex);
    if (g_log_file) std::fclose(g_log_file);
    g_log_file = file;
    return g_log_file != nullptr;
}

void log_close_file() {
    std::lock_guard lock(g_log_mutex);
    if (g_log_file) std::fclose(g_log_file);
    g_log_file = nullptr;
}

void log_set_quiet(bool quiet) {
    std::lock_guard lock(g_log_mutex);
    g_quiet = quiet;
}

void log_line(LogLevel level, std::string_view message) {
    const std::string stamp = iso_utc_seconds(now_utc_ms());

    std::lock_guard lock(g_log_mutex);
    if (!g_quiet)
        std::fprintf(stderr, "kiosk %s: %.*s\n", level_name(level), int(message.size()),
                     message.data());
    if (g_log_file) {
        std::fprintf(g_log_file, "%s %s %.*s\n", stamp.c_str(), level_name(level),
                     int(message.size()), message.data());
        std::fflush(g_log_file);
    }
}

} // namespace kiosk
