// ExhibitHost implementation: loading the entry file, calling the lifecycle
// callbacks under the sandbox's budget, and turning failures into ExhibitErrors.
#include "exhibit_host.h"

#include "api.h"
#include "core/utf8_text.h"

#include <sstream>
#include <utility>

namespace kiosk {
namespace {

constexpr size_t kMaxSourceBytes = 4u << 20;

std::string source_line_of(const std::string& text, int line) {
    std::istringstream in(text);
    std::string row;
    for (int i = 1; i <= line && std::getline(in, row); ++i)
        if (i == line) return make_valid_utf8(row.substr(0, 300));
    return {};
}

// "main.lua:12: message" -> file "main.lua", line 12.
bool split_location(const std::string& message, std::string& file, int& line) {
    size_t colon = message.find(':');
    while (colon != std::string::npos) {
        size_t digits = colon + 1, end = digits;
        while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end])))
            ++end;
        if (end > digits && end < message.size() && message[end] == ':') {
            file = message.substr(0, colon);
            line = std::atoi(message.substr(digits, end - digits).c_str());
            return !file.empty() && file.find('\n') == std::string::npos;
        }
        colon = message.find(':', colon + 1);
    }
    return false;
}

} // namespace

const char* exhibit_error_kind_name(ExhibitErrorKind kind) {
    switch (kind) {
    case ExhibitErrorKind::Load:
        return "load";
    case ExhibitErrorKind::Syntax:
        return "syntax";
    case ExhibitErrorKind::Runtime:
        return "runtime";
    case ExhibitErrorKind::TimeBudget:
        return "time_budget";
    case ExhibitErrorKind::Memory:
        return "memory";
    }
    return "?";
}

ExhibitHost::ExhibitHost(ExhibitSource source, const SandboxLimits& limits, uint64_t seed,
                         SDL_Renderer* renderer)
    : source_(std::move(source)), api_(std::make_unique<ExhibitApi>()),
      sandbox_(limits, seed, api_.get()) {
    api_->sandbox = &sandbox_;
    api_->id = source_.id;
    api_->files = source_.files;
    api_->images = std::make_unique<ImageCache>(renderer);
    api_->random.seed(seed);
}

ExhibitHost::~ExhibitHost() {
    sandbox_.close(); // before the images the API state owns
}

void ExhibitHost::fail(ExhibitErrorKind kind, const std::string& callback, std::string message,
                       std::string traceback) {
    if (failed_) return;
    failed_ = true;
    error_.kind = kind;
    error_.callback = callback;
    error_.message = make_valid_utf8(message);
    error_.traceback = make_valid_utf8(traceback);
    std::string text, ignored;
    if (split_location(error_.message, error_.file, error_.line) && error_.line > 0 &&
        relative_path_problem(error_.file).empty() && source_.files &&
        source_.files->read(error_.file, text, ignored))
        error_.source_line = source_line_of(text, error_.line);
}

void ExhibitHost::fail_from_status(int status, const char* callback) {
    const double budget_ms = sandbox_.limits().time_budget_s * 1000;
    const std::string where = callback;
    if (status == kSandboxAbandoned) {
        fail(ExhibitErrorKind::TimeBudget, where,
             where + " ran past its time budget of " + std::to_string(int(budget_ms)) +
                 " ms inside a long library call (pattern matching, string building or a "
                 "finalizer) and was stopped",
             "");
        return;
    }
    std::string text;
    if (lua_State* L = sandbox_.state()) {
        size_t length = 0;
        const char* message = lua_tolstring(L, -1, &length);
        text = message ? std::string(message, length) : std::string("(no message)");
        lua_pop(L, 1);
    }
    std::string message = text, traceback;
    if (size_t split = text.find("\nstack traceback:"); split != std::string::npos) {
        message = text.substr(0, split);
        traceback = text.substr(split + 1);
    }
    switch (sandbox_.stop_reason()) {
    case StopReason::TimeBudget:
        fail(ExhibitErrorKind::TimeBudget, where,
             message + " (" + where + " took longer than " + std::to_string(int(budget_ms)) +
                 " ms)",
             traceback);
        return;
    case StopReason::Memory:
        fail(ExhibitErrorKind::Memory, where,
             message + " (the exhibit used more than " +
                 std::to_string(sandbox_.limits().memory_bytes >> 20) + " MiB)",
             traceback);
        return;
    case StopReason::None:
        break;
    }
    fail(status == LUA_ERRSYNTAX ? ExhibitErrorKind::Syntax : ExhibitErrorKind::Runtime, where,
         message, traceback);
}

bool ExhibitHost::start(Language language) {
    api_->language = language;
    lua_State* L = sandbox_.state();
    if (!L) {
        fail(ExhibitErrorKind::Load, source_.entry, "could not create a Lua state", "");
        return false;
    }
    // The API table, read-only like the libraries.
    lua_newtable(L);
    add_graphics_api(L);
    add_widget_api(L);
    add_system_api(L);
    sandbox_.make_read_only();
    lua_setglobal(L, "kiosk");
    lua_newtable(L);
    lua_setglobal(L, "exhibit");

    std::string code, read_error;
    if (!source_.files || !source_.files->read(source_.entry, code, read_error) ||
        code.size() > kMaxSourceBytes) {
        fail(ExhibitErrorKind::Load, source_.entry,
             source_.entry + ": cannot read the exhibit's entry file (missing, unreadable or "
                             "over 4 MiB)",
             "");
        return false;
    }
    const std::string chunk_name = "@" + source_.entry;
    int status = luaL_loadbufferx(L, code.data(), code.size(), chunk_name.c_str(), "t");
    if (status != LUA_OK) {
        size_t length = 0;
        const char* message = lua_tolstring(L, -1, &length);
        std::string text = message ? std::string(message, length) : "cannot load";
        lua_pop(L, 1);
        fail(status == LUA_ERRSYNTAX ? ExhibitErrorKind::Syntax : ExhibitErrorKind::Memory,
             source_.entry, text, "");
        return false;
    }
    status = sandbox_.call(0, 0);
    if (status != LUA_OK || sandbox_.stop_reason() != StopReason::None) {
        fail_from_status(status, source_.entry.c_str());
        return false;
    }
    return run_callback("load", 0);
}

bool ExhibitHost::run_callback(const char* name, int nargs) {
    lua_State* L = sandbox_.state();
    if (failed_ || left_ || !L) {
        if (L) lua_pop(L, nargs);
        return false;
    }
    // The arguments are on the stack already: fetch exhibit[name] below them.
    lua_getglobal(L, "exhibit");
    if (!lua_istable(L, -1)) {
        std::string type = luaL_typename(L, -1);
        lua_pop(L, 1 + nargs);
        fail(ExhibitErrorKind::Runtime, name,
             source_.entry + ": the global `exhibit` must stay a table (it is now a " + type + ")",
             "");
        return false;
    }
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
    if (lua_isnil(L, -1)) { // every callback is optional
        lua_pop(L, 1 + nargs);
        return true;
    }
    if (!lua_isfunction(L, -1)) {
        std::string type = luaL_typename(L, -1);
        lua_pop(L, 1 + nargs);
        fail(ExhibitErrorKind::Runtime, name,
             source_.entry + ": exhibit." + name + " must be a function (it is a " + type + ")",
             "");
        return false;
    }
    lua_insert(L, -1 - nargs);
    const int status = sandbox_.call(nargs, 0);
    if (status != LUA_OK || sandbox_.stop_reason() != StopReason::None) {
        fail_from_status(status, (std::string("exhibit.") + name).c_str());
        return false;
    }
    return true;
}

void ExhibitHost::set_language(Language language) {
    api_->language = language;
}

void ExhibitHost::touch(TouchPhase phase, int id, float x, float y, float dx, float dy) {
    lua_State* L = sandbox_.state();
    if (failed_ || left_ || !L) return;
    lua_pushinteger(L, id);
    lua_pushnumber(L, x);
    lua_pushnumber(L, y);
    switch (phase) {
    case TouchPhase::Pressed:
        run_callback("touchpressed", 3);
        break;
    case TouchPhase::Moved:
        lua_pushnumber(L, dx);
        lua_pushnumber(L, dy);
        run_callback("touchmoved", 5);
        break;
    case TouchPhase::Released:
        run_callback("touchreleased", 3);
        break;
    }
}

void ExhibitHost::update(double dt) {
    lua_State* L = sandbox_.state();
    if (failed_ || left_ || !L) return;
    api_->time_s += dt;
    lua_pushnumber(L, dt);
    run_callback("update", 1);
}

std::optional<uint32_t> ExhibitHost::draw(Ui& ui) {
    if (failed_ || left_ || !sandbox_.state()) return std::nullopt;
    Canvas canvas(ui);
    canvas.begin_frame();
    api_->ui = &ui;
    api_->canvas = &canvas;
    run_callback("draw", 0);
    api_->canvas = nullptr;
    api_->ui = nullptr;
    if (failed_) return std::nullopt;
    return canvas.frame_clear_color();
}

void ExhibitHost::leave() {
    if (left_) return;
    run_callback("leave", 0);
    left_ = true;
}

bool ExhibitHost::home_requested() const {
    return api_->home_requested;
}

double ExhibitHost::time_s() const {
    return api_->time_s;
}

std::vector<ExhibitInteraction> ExhibitHost::take_interactions() {
    std::vector<ExhibitInteraction> taken;
    taken.swap(api_->interactions);
    return taken;
}

int ExhibitHost::take_dropped_interactions() {
    return std::exchange(api_->interactions_dropped, 0);
}

std::vector<std::string> ExhibitHost::source_texts() const {
    std::vector<std::string> texts;
    if (!source_.files) return texts;
    size_t total = 0;
    std::string content, error;
    for (const std::string& name : source_.files->list()) {
        if (name.size() < 4 || name.compare(name.size() - 4, 4, ".lua") != 0) continue;
        if (source_.files->read(name, content, error) &&
            (total += content.size()) <= 4 * kMaxSourceBytes)
            texts.push_back(content);
    }
    return texts;
}

} // namespace kiosk
