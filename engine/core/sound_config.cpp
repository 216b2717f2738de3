// Reading and using the config's `sound` section (sound_config.h).
#include "sound_config.h"

#include "civil_time.h"
#include "data_reader.h"

#include <optional>
#include <string>

namespace kiosk {
namespace {

constexpr size_t kMaxQuietHours = 8;

std::optional<int> read_clock_time(DataReader& reader, std::string_view key) {
    std::optional<std::string> text = reader.required_string(key);
    if (!text) return std::nullopt;
    std::optional<int> minute = parse_clock_time(*text);
    if (!minute)
        reader.error(key, "expected a local time \"HH:MM\" from \"00:00\" to \"23:59\", got \"" +
                              *text + "\"");
    return minute;
}

} // namespace

void read_sound_config(DataReader& root, SoundConfig& sound) {
    std::optional<DataReader> reader = root.table("sound");
    if (!reader) return;
    sound.volume = reader->number("volume", 0, 1, sound.volume);
    sound.captions =
        reader->one_of("captions", {"when_silent", "always"}, "when_silent") == "always"
            ? CaptionsMode::Always
            : CaptionsMode::WhenSilent;
    for (DataReader& span : reader->table_list("quiet_hours", kMaxQuietHours)) {
        std::optional<int> from = read_clock_time(span, "from");
        std::optional<int> to = read_clock_time(span, "to");
        if (from && to && *from == *to)
            span.error("to", "must differ from `from` (a span of no time, or of the whole day, "
                             "is most likely a typo)");
        else if (from && to)
            sound.quiet_hours.push_back(QuietHours{*from, *to});
        span.finish();
    }
    reader->finish();
}

bool in_quiet_hours(const SoundConfig& sound, int minute_of_day) {
    for (const QuietHours& span : sound.quiet_hours) {
        const bool inside = span.from_min < span.to_min
                                ? minute_of_day >= span.from_min && minute_of_day < span.to_min
                                : minute_of_day >= span.from_min || minute_of_day < span.to_min;
        if (inside) return true;
    }
    return false;
}

} // namespace kiosk
