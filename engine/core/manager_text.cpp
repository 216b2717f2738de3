// The managers' words (see manager_text.h): the compiled-in text of
// manager-strings.lua (manager_strings_embedded.cpp, written by CMake) loaded
// with the strings-table reader on first use. A file that does not load stops
// the program with the reader's message: tests/strings catches that first.
#include "manager_text.h"

#include "civil_time.h"

#include <cstdio>
#include <cstdlib>

namespace kiosk {

std::string_view embedded_manager_strings(); // manager_strings_embedded.cpp

namespace {

StringsTable load_manager_strings() {
    StringsLoadResult loaded =
        load_strings_table_text(embedded_manager_strings(), "manager-strings.lua", {});
    if (!loaded.ok() || !loaded.warnings.empty()) {
        std::fprintf(stderr, "the managers' strings compiled into this program do not load:\n");
        for (const std::string& message : loaded.errors)
            std::fprintf(stderr, "  %s\n", message.c_str());
        for (const std::string& message : loaded.warnings)
            std::fprintf(stderr, "  %s\n", message.c_str());
        std::abort();
    }
    return std::move(*loaded.table);
}

} // namespace

const StringsTable& manager_strings() {
    static const StringsTable table = load_manager_strings();
    return table;
}

std::string_view manager_strings_source() {
    return embedded_manager_strings();
}

const std::string& manager_text(std::string_view key, Language language) {
    return manager_strings().get(key, language);
}

std::string manager_text(std::string_view key, Language language,
                         std::initializer_list<std::pair<std::string_view, int64_t>> numbers) {
    return fill_in(manager_text(key, language), numbers);
}

std::string
manager_text(std::string_view key, Language language,
             std::initializer_list<std::pair<std::string_view, std::string_view>> words) {
    return fill_in(manager_text(key, language), words);
}

std::string manager_time(int64_t utc_ms, int32_t utc_offset_min, Language language) {
    return local_minute_with_zone(utc_ms, utc_offset_min, manager_text("beijing_time", language));
}

} // namespace kiosk
