// The managers' words: every title, header, label and message that managers
// read (kioskctl stats reports and exports, the kiosk-hub dashboard and its
// pages), in Simplified Chinese and English, looked up by key from one file,
// engine/core/manager-strings.lua. The file is compiled into the program (so
// kiosk-hub and kioskctl need no content folder at run time) and loaded on
// first use; its terms follow docs/glossary.md. This file owns that lookup.
#pragma once

#include "bilingual.h"
#include "strings_table.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace kiosk {

// The text for `key` ("?" for a key the file lacks: tests/strings checks that
// every key the code uses is there).
const std::string& manager_text(std::string_view key, Language language);

// The text with each {name} filled in ("超过 {n} 天未联系" -> "超过 7 天未联系").
std::string manager_text(std::string_view key, Language language,
                         std::initializer_list<std::pair<std::string_view, int64_t>> numbers);
std::string
manager_text(std::string_view key, Language language,
             std::initializer_list<std::pair<std::string_view, std::string_view>> words);

// A time as managers read it: the local minute at `utc_offset_min` with the
// zone named ("2026-11-29 05:00 北京时间", "… Beijing time", "… UTC-5").
std::string manager_time(int64_t utc_ms, int32_t utc_offset_min, Language language);

// The whole table, and the file's text as compiled in (for tests/strings).
const StringsTable& manager_strings();
std::string_view manager_strings_source();

} // namespace kiosk
