// check_content: the validation passes, each adding "FILE:LINE: message" lines.
#include "content/content_check.h"

#include "content/quiz.h"
#include "core/image_decode.h"
#include "core/utf8_text.h"

#include <lua.hpp>
#include <stb_truetype.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace kiosk {
namespace {

struct Font {
    std::string data;
    stbtt_fontinfo info{};
    bool ok = false;
    bool has(uint32_t codepoint) { return stbtt_FindGlyphIndex(&info, int(codepoint)) != 0; }
};

Font load_font(const ContentCheckOptions& options, std::vector<std::string>& errors) {
    Font font;
    std::ifstream in(options.font_path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    font.data = bytes.str();
    const auto* data = reinterpret_cast<const unsigned char*>(font.data.data());
    int offset = font.data.empty() ? -1 : stbtt_GetFontOffsetForIndex(data, options.font_face);
    font.ok = offset >= 0 && stbtt_InitFont(&font.info, data, offset);
    if (!font.ok)
        errors.push_back(options.font_path + ": cannot read the font (face " +
                         std::to_string(options.font_face) +
                         "), so the characters were not checked");
    return font;
}

// Why `bytes` is not a picture the kiosk can show, or "": decoded exactly as
// the kiosk decodes it (core/image_decode.h).
std::string image_problem(const std::string& bytes) {
    std::string problem;
    return decode_image(bytes, problem) ? "" : problem;
}

void check_image(const FileSource& source, const std::string& name, const std::string& where,
                 std::vector<std::string>& errors) {
    std::string bytes, error;
    if (!source.read(name, bytes, error)) {
        errors.push_back(where + "image '" + name + "' is missing");
        return;
    }
    if (std::string problem = image_problem(bytes); !problem.empty())
        errors.push_back(where + "image '" + name + "' " + problem);
}

// Every character outside ASCII, line by line, must be in the font.
void check_characters(Font& font, const std::string& label, const std::string& text,
                      std::vector<std::string>& errors) {
    std::istringstream lines(text);
    std::string line;
    std::set<uint32_t> reported;
    for (int number = 1; std::getline(lines, line); ++number) {
        for (size_t pos = 0; pos < line.size();) {
            uint32_t c = decode_utf8(line, pos);
            if (c < 0x80 || font.has(c) || !reported.insert(c).second) continue;
            std::string character;
            append_utf8(character, c);
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", c);
            errors.push_back(label + ":" + std::to_string(number) + ": character '" + character +
                             "' (" + code +
                             ") is not in the kiosk's font: visitors would see a box");
        }
    }
}

// Exhibit Lua: must compile; picture names in its string literals must exist.
void check_lua_file(const FileSource& source, const std::string& name, const std::string& text,
                    std::vector<std::string>& errors) {
    const std::string label = source.describe(name);
    lua_State* L = luaL_newstate();
    // Lua shortens chunk names to 60 bytes: name the file by its short name and
    // put the full label back in front of the message.
    if (luaL_loadbufferx(L, text.data(), text.size(), ("=" + name).c_str(), "t") != LUA_OK) {
        std::string message = make_valid_utf8(lua_tostring(L, -1));
        if (message.compare(0, name.size(), name) == 0)
            message = label + message.substr(name.size());
        errors.push_back(message);
    }
    lua_close(L);
    static const std::regex picture(R"re(["']([A-Za-z0-9_./-]+\.(png|jpg|jpeg|PNG|JPG))["'])re");
    std::istringstream lines(text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number)
        for (std::sregex_iterator it(line.begin(), line.end(), picture), end; it != end; ++it)
            check_image(source, (*it)[1].str(), label + ":" + std::to_string(number) + ": ",
                        errors);
}

} // namespace

ContentCheckReport check_content(const FileSource& source, const std::string& label,
                                 const ContentCheckOptions& options) {
    ContentCheckReport report;
    ManifestLoadResult manifest = load_content_manifest(source, source.describe("manifest.lua"));
    report.errors = std::move(manifest.errors);
    report.warnings = std::move(manifest.warnings);
    if (!manifest.ok()) return report;
    report.manifest = manifest.manifest;
    const ContentManifest& content = *report.manifest;

    const std::string today = options.today.empty() ? local_date_today() : options.today;
    if (std::string problem = review_problem(content, today); !problem.empty())
        report.errors.push_back(source.describe("manifest.lua") + ": review: " + problem +
                                "; venue kiosks hide content without a current scientific review");
    check_image(source, content.thumbnail,
                source.describe("manifest.lua") + ": thumbnail: ", report.errors);

    std::string entry_text, error;
    if (!source.read(content.entry, entry_text, error)) {
        report.errors.push_back(source.describe("manifest.lua") + ": entry: no file '" +
                                content.entry + "' in " + label);
    } else if (content.kind == ContentKind::Quiz) {
        QuizLoadResult quiz =
            load_quiz(entry_text, source.describe(content.entry),
                      [&](const std::string& name) { return source.exists(name); });
        report.errors.insert(report.errors.end(), quiz.errors.begin(), quiz.errors.end());
        report.warnings.insert(report.warnings.end(), quiz.warnings.begin(), quiz.warnings.end());
        if (quiz.pack) {
            std::set<std::string> pictures;
            for (const QuizQuestion& question : quiz.pack->questions) {
                if (!question.image_path.empty()) pictures.insert(question.image_path);
                for (const QuizOption& option : question.options)
                    if (!option.image_path.empty()) pictures.insert(option.image_path);
            }
            for (const std::string& picture : pictures)
                check_image(source, picture, source.describe(content.entry) + ": ", report.errors);
        }
    }

    Font font = load_font(options, report.errors);
    for (const std::string& name : source.list()) {
        if (name.size() < 4 || name.compare(name.size() - 4, 4, ".lua") != 0) continue;
        std::string text;
        if (!source.read(name, text, error)) {
            report.errors.push_back(error);
            continue;
        }
        if (font.ok) check_characters(font, source.describe(name), text, report.errors);
        if (content.kind == ContentKind::Exhibit && name != "manifest.lua")
            check_lua_file(source, name, text, report.errors);
    }
    return report;
}

} // namespace kiosk
