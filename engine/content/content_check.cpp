// check_content: the validation passes, each adding "FILE:LINE: message" lines.
#include "content/content_check.h"

#include "content/quiz.h"
#include "core/civil_time.h"
#include "core/font_face.h"
#include "core/image_decode.h"
#include "core/utf8_text.h"

#include <lua.hpp>

#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace kiosk {
namespace {

// The config's font, or why the characters cannot be checked.
struct CheckedFont {
    FontFace face;
    bool ok = false;
};

void load_font(const ContentCheckOptions& options, CheckedFont& font,
               std::vector<std::string>& errors) {
    std::string error;
    font.ok = font.face.load(options.font_path, options.font_face, error);
    if (!font.ok)
        errors.push_back(options.font_path + ": cannot read the font (face " +
                         std::to_string(options.font_face) +
                         "), so the characters were not checked");
}

bool is_picture_name(const std::string& name) {
    const size_t dot = name.find_last_of('.');
    if (dot == std::string::npos) return false;
    std::string extension = name.substr(dot + 1);
    for (char& c : extension)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return extension == "png" || extension == "jpg" || extension == "jpeg";
}

// The content's pictures, each read and decoded once, exactly as the kiosk
// decodes it (core/image_decode.h), against the picture budget: from its
// header first, so a picture over the budget is never decoded here either.
class PictureChecks {
public:
    PictureChecks(const FileSource& source, size_t budget, std::vector<std::string>& errors)
        : source_(source), budget_(budget), errors_(errors) {}

    // Reports a problem with `name` after `where` ("FILE:LINE: " or "FILE: thumbnail: ").
    // `max_side`: the kiosk's own screens show it (a thumbnail, a quiz picture).
    void check_reference(const std::string& name, const std::string& where,
                         int max_side = kMaxImageSide) {
        std::string problem = problem_of(name), bytes, ignored;
        if (problem.empty() && max_side < kMaxImageSide && source_.read(name, bytes, ignored))
            if (std::optional<ImageSize> size = read_image_size(bytes, ignored))
                problem = picture_side_problem(*size, max_side);
        if (!problem.empty()) errors_.push_back(where + "image '" + name + "' " + problem);
    }
    // Checks a picture nothing has referred to yet.
    void check_file(const std::string& name) {
        if (checked_.count(name)) return;
        if (std::string problem = problem_of(name); !problem.empty())
            errors_.push_back(source_.describe(name) + ": " + problem);
    }
    size_t decoded_bytes() const { return decoded_bytes_; }

private:
    std::string problem_of(const std::string& name) {
        if (auto found = checked_.find(name); found != checked_.end()) return found->second;
        std::string bytes, error, problem;
        if (!source_.read(name, bytes, error)) {
            const std::string prefix = source_.describe(name) + ": ";
            if (error.compare(0, prefix.size(), prefix) == 0) error.erase(0, prefix.size());
            problem = source_.exists(name) ? "cannot be read (" + error + ")" : "is missing";
        } else if (std::optional<ImageSize> size = read_image_size(bytes, problem)) {
            problem = picture_budget_problem(*size, budget_);
            if (problem.empty() && decode_image(bytes, problem, budget_))
                decoded_bytes_ += size->rgba_bytes();
        }
        return checked_.emplace(name, problem).first->second;
    }

    const FileSource& source_;
    size_t budget_;
    std::vector<std::string>& errors_;
    std::map<std::string, std::string> checked_; // name -> problem ("" when fine)
    size_t decoded_bytes_ = 0;
};

// Every character outside ASCII, line by line, must be in the font.
void check_characters(const FontFace& font, const std::string& label, const std::string& text,
                      std::vector<std::string>& errors) {
    std::istringstream lines(text);
    std::string line;
    std::set<uint32_t> reported;
    for (int number = 1; std::getline(lines, line); ++number) {
        for (size_t pos = 0; pos < line.size();) {
            uint32_t c = decode_utf8(line, pos);
            if (c < 0x80 || font.glyph_index(c) != 0 || !reported.insert(c).second) continue;
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
                    PictureChecks& pictures, std::vector<std::string>& errors) {
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
            pictures.check_reference((*it)[1].str(), label + ":" + std::to_string(number) + ": ");
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

    const std::string today = options.today.empty() ? machine_local_day_today() : options.today;
    if (std::string problem = review_problem(content, today); !problem.empty())
        report.errors.push_back(source.describe("manifest.lua") + ": review: " + problem +
                                "; venue kiosks hide content without a current scientific review");
    // Any picture of an exhibit is something kiosk.image could load: each must
    // fit the exhibit's picture budget. Quiz pictures have no such budget.
    const bool exhibit = content.kind == ContentKind::Exhibit;
    PictureChecks pictures(source, exhibit ? options.picture_budget_bytes : kNoPictureBudget,
                           report.errors);
    pictures.check_reference(content.thumbnail, source.describe("manifest.lua") + ": thumbnail: ",
                             kMaxScreenPictureSide);

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
            std::set<std::string> quiz_pictures;
            for (const QuizQuestion& question : quiz.pack->questions) {
                if (!question.image_path.empty()) quiz_pictures.insert(question.image_path);
                for (const QuizOption& option : question.options)
                    if (!option.image_path.empty()) quiz_pictures.insert(option.image_path);
            }
            for (const std::string& picture : quiz_pictures)
                pictures.check_reference(picture, source.describe(content.entry) + ": ",
                                         kMaxScreenPictureSide);
        }
    }

    // Every file, referenced or not: it reads (a package's damaged data shows
    // here even where nothing refers to it), Lua text is checked, pictures decode.
    // Pictures last, so the ones Lua refers to are reported with its line.
    CheckedFont font;
    load_font(options, font, report.errors);
    std::vector<std::string> picture_files;
    for (const std::string& name : source.list()) {
        if (is_picture_name(name)) {
            picture_files.push_back(name);
            continue;
        }
        std::string text;
        if (!source.read(name, text, error)) {
            report.errors.push_back(error);
            continue;
        }
        if (name.size() < 4 || name.compare(name.size() - 4, 4, ".lua") != 0) continue;
        if (font.ok) check_characters(font.face, source.describe(name), text, report.errors);
        if (exhibit && name != "manifest.lua")
            check_lua_file(source, name, text, pictures, report.errors);
    }
    for (const std::string& name : picture_files)
        pictures.check_file(name);
    if (exhibit && pictures.decoded_bytes() > options.picture_budget_bytes)
        report.warnings.push_back(
            label + ": the exhibit's pictures need " +
            std::to_string((pictures.decoded_bytes() + (size_t(1) << 20) - 1) >> 20) +
            " MiB once decoded, more than its picture budget of " +
            std::to_string(options.picture_budget_bytes >> 20) +
            " MiB (exhibit_limits.memory_mb): it cannot show them all in one visit");
    return report;
}

} // namespace kiosk
