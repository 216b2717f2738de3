// Bilingual visitor text: every string a visitor sees exists in Simplified
// Chinese (always) and English (usually). This header owns the Language enum,
// the zh/en pair, and the language codes used in config and content files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

enum class Language { Zh, En };

// A zh/en pair. zh is never empty once loaded; en may be empty, in which case
// in(Language::En) shows the Chinese text rather than nothing.
struct Bilingual {
    std::string zh;
    std::string en;

    const std::string& in(Language language) const {
        return (language == Language::En && !en.empty()) ? en : zh;
    }
};

// "zh" or "en", as written in config and content files.
inline const char* language_code(Language language) {
    return language == Language::En ? "en" : "zh";
}

// Parses "zh" / "en"; anything else (including "ZH") is nullopt.
inline std::optional<Language> parse_language(std::string_view code) {
    if (code == "zh") return Language::Zh;
    if (code == "en") return Language::En;
    return std::nullopt;
}

} // namespace kiosk
