// ExhibitHost implementation: loading the entry file, calling the lifecycle
// callbacks under the sandbox's budget, and turning failures into ExhibitErrors.
#include "exhibit_host.h"

#include "api_internal.h"
#include "core/utf8_text.h"

#include <cctype>
#include <cstdlib>
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
    case ExhibitErrorKind::Shutdown:
        return "shutdown";
    }
    return "?";
}

// One callback call, as the host asks for it. dispatch_callback() runs inside
// the sandbox's protected call: it looks up `exhibit` and exhibit[name] (either
// may run an __index the exhibit wrote) and calls the function it finds.
struct ExhibitHost::CallbackCall {
    const char* name = nullptr; // "update"
    int nargs = 0;
    const lua_Number* args = nullptr;
    bool first_is_integer = false; // a touch id
    enum class Found { Looking, Called, Missing, NotATable, NotAFunction };
    Found found = Found::Looking;
    const char* type = "";             // the wrong value's type (Lua's static names)
    const char* returned_by = nullptr; // the metamethod that gave it, if one did
};

int ExhibitHost::dispatch_callback(lua_State* L) {
    CallbackCall& call = *static_cast<CallbackCall*>(lua_touserdata(L, 1));
    lua_settop(L, 0);
    lua_pushglobaltable(L);
    bool global_by_metamethod = false;
    read_field(L, 1, "exhibit", HostStep{"_G", "exhibit", nullptr}, &global_by_metamethod);
    if (!lua_istable(L, 2)) {
        call.found = CallbackCall::Found::NotATable;
        call.type = luaL_typename(L, 2);
        call.returned_by = global_by_metamethod ? "_G.__index" : nullptr;
        return 0;
    }
    bool callback_by_metamethod = false;
    const int type = read_field(L, 2, call.name, HostStep{"exhibit", call.name, nullptr},
                                &callback_by_metamethod);
    if (type == LUA_TNIL) {
        call.found = CallbackCall::Found::Missing; // every callback is optional
        return 0;
    }
    if (type != LUA_TFUNCTION) {
        call.found = CallbackCall::Found::NotAFunction;
        call.type = luaL_typename(L, 3);
        call.returned_by = callback_by_metamethod ? "exhibit.__index" : nullptr;
        return 0;
    }
    call.found = CallbackCall::Found::Called;
    luaL_checkstack(L, call.nargs, "callback arguments");
    for (int i = 0; i < call.nargs; ++i) {
        if (i == 0 && call.first_is_integer)
            lua_pushinteger(L, lua_Integer(call.args[i]));
        else
            lua_pushnumber(L, call.args[i]);
    }
    lua_call(L, call.nargs, 0);
    return 0;
}

namespace {

// The state's globals and the entry file's chunk, inside a protected call:
// building them allocates, and an allocation may fail.
struct StartCall {
    const std::string* code;
    const char* chunk_name;
    int load_status = LUA_OK; // with the message, or the chunk, as the result
};

} // namespace

int ExhibitHost::open_state(lua_State* L) {
    StartCall& start = *static_cast<StartCall*>(lua_touserdata(L, 1));
    lua_settop(L, 0);
    // The API table, read-only like the libraries.
    lua_newtable(L);
    add_graphics_api(L);
    add_widget_api(L);
    add_system_api(L);
    add_helpers_api(L);
    add_audio_api(L);
    Sandbox::from(L).make_read_only();
    lua_setglobal(L, "kiosk");
    lua_newtable(L);
    lua_setglobal(L, "exhibit");
    start.load_status =
        luaL_loadbufferx(L, start.code->data(), start.code->size(), start.chunk_name, "t");
    return 1;
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
                       std::string traceback, const std::string& located) {
    if (failed_) return;
    failed_ = true;
    error_.kind = kind;
    error_.callback = callback;
    error_.message = make_valid_utf8(message);
    error_.traceback = make_valid_utf8(traceback);
    std::string text, ignored;
    if (split_location(located.empty() ? error_.message : make_valid_utf8(located), error_.file,
                       error_.line) &&
        error_.line > 0 && relative_path_problem(error_.file).empty() && source_.files &&
        source_.files->read(error_.file, text, ignored))
        error_.source_line = source_line_of(text, error_.line);
}

namespace {

// Copies the error text a failed call left on the stack, and pops it.
void take_error_text(lua_State* L, void* context) {
    std::string& text = *static_cast<std::string*>(context);
    size_t length = 0;
    const char* message = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &length) : nullptr;
    text = message ? std::string(message, length) : std::string("(no message)");
    lua_pop(L, 1);
}

} // namespace

void ExhibitHost::fail_from_status(int status, const std::string& callback, bool looking_up) {
    const std::string budget = std::to_string(int(sandbox_.limits().time_budget_s * 1000)) + " ms";
    const HostStep step = api_->host_step; // still set: the watchdog or memory cut it off
    if (sandbox_.stop_reason() == StopReason::Shutdown) {
        fail(ExhibitErrorKind::Shutdown, callback,
             callback + " was stopped because the kiosk is shutting down", "");
        return;
    }
    if (status == kSandboxPanicked) {
        fail(ExhibitErrorKind::Runtime, callback,
             "a Lua error escaped the kiosk's protected calls during " + callback +
                 "; the exhibit was stopped",
             "");
        return;
    }
    if (status == kSandboxAbandoned) {
        const std::string what = step.active() ? host_step_text(step, "ran past its time budget")
                                               : callback + " ran past its time budget";
        fail(ExhibitErrorKind::TimeBudget, callback,
             what + " of " + budget +
                 " inside a long library call (pattern matching, string building or a "
                 "finalizer) and was stopped",
             "");
        return;
    }
    std::string text;
    sandbox_.run_raw(take_error_text, &text);
    std::string message = text, traceback;
    if (size_t split = text.find("\nstack traceback:"); split != std::string::npos) {
        message = text.substr(0, split);
        traceback = text.substr(split + 1);
    }
    const std::string located = message;
    if (step.active()) // the metamethod's own failure could not even be named
        message =
            host_step_text(step, sandbox_.stop_reason() == StopReason::Memory ? "ran out of memory"
                                                                              : "failed") +
            ": " + message;
    switch (sandbox_.stop_reason()) {
    case StopReason::TimeBudget:
        fail(ExhibitErrorKind::TimeBudget, callback,
             message + (looking_up ? " (the kiosk allows " + budget + " for each callback)"
                                   : " (" + callback + " took longer than " + budget + ")"),
             traceback, located);
        return;
    case StopReason::Memory:
        fail(ExhibitErrorKind::Memory, callback,
             message + " (the exhibit used more than " +
                 std::to_string(sandbox_.limits().memory_bytes >> 20) + " MiB)",
             traceback, located);
        return;
    case StopReason::None:
    case StopReason::Shutdown:
        break;
    }
    fail(status == LUA_ERRSYNTAX ? ExhibitErrorKind::Syntax : ExhibitErrorKind::Runtime, callback,
         message, traceback, located);
}

bool ExhibitHost::start(Language language) {
    api_->language = language;
    if (!sandbox_.state()) {
        fail(ExhibitErrorKind::Load, source_.entry, "could not create a Lua state", "");
        return false;
    }
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
    StartCall opening{&code, chunk_name.c_str()};
    int status = sandbox_.call_host(&ExhibitHost::open_state, &opening, 1);
    if (status != LUA_OK || sandbox_.stop_reason() != StopReason::None) {
        fail_from_status(status, source_.entry, false);
        return false;
    }
    if (opening.load_status != LUA_OK) {
        std::string text;
        sandbox_.run_raw(take_error_text, &text);
        fail(opening.load_status == LUA_ERRSYNTAX ? ExhibitErrorKind::Syntax
                                                  : ExhibitErrorKind::Memory,
             source_.entry, text, "");
        return false;
    }
    api_->host_step = {};
    status = sandbox_.call(0, 0); // the chunk open_state left
    if (status != LUA_OK || sandbox_.stop_reason() != StopReason::None) {
        fail_from_status(status, source_.entry, false);
        return false;
    }
    return run_callback(ExhibitCallback::Load, 0);
}

bool ExhibitHost::run_callback(ExhibitCallback callback, int nargs, const lua_Number* args) {
    if (failed_ || left_ || !sandbox_.state()) return false;
    const char* name = kExhibitCallbackNames[size_t(callback)];
    CallbackCall call;
    call.name = name;
    call.nargs = nargs;
    call.args = args;
    call.first_is_integer = callback == ExhibitCallback::TouchPressed ||
                            callback == ExhibitCallback::TouchMoved ||
                            callback == ExhibitCallback::TouchReleased;
    api_->host_step = {};
    const int status = sandbox_.call_host(&ExhibitHost::dispatch_callback, &call);
    const bool stopped = status != LUA_OK || sandbox_.stop_reason() != StopReason::None;
    if (!stopped &&
        (call.found == CallbackCall::Found::Called || call.found == CallbackCall::Found::Missing))
        return true; // every frame's path: no strings built
    const std::string qualified = std::string("exhibit.") + name;
    if (stopped) {
        fail_from_status(status, qualified, call.found == CallbackCall::Found::Looking);
        return false;
    }
    const std::string returned =
        call.returned_by ? std::string(", returned by ") + call.returned_by : std::string();
    switch (call.found) {
    case CallbackCall::Found::NotATable:
        fail(ExhibitErrorKind::Runtime, name,
             source_.entry + ": the global `exhibit` must stay a table (it is now a " + call.type +
                 returned + ")",
             "");
        return false;
    case CallbackCall::Found::NotAFunction:
        fail(ExhibitErrorKind::Runtime, name,
             source_.entry + ": " + qualified + " must be a function (it is a " + call.type +
                 returned + ")",
             "");
        return false;
    case CallbackCall::Found::Looking:
    case CallbackCall::Found::Called:
    case CallbackCall::Found::Missing:
        break;
    }
    return true;
}

void ExhibitHost::set_language(Language language) {
    api_->language = language;
}

void ExhibitHost::set_audio_sink(ExhibitAudioSink* sink) {
    api_->audio = sink;
}

void ExhibitHost::touch(TouchPhase phase, int id, float x, float y, float dx, float dy) {
    const lua_Number args[] = {lua_Number(id), x, y, dx, dy};
    switch (phase) {
    case TouchPhase::Pressed:
        run_callback(ExhibitCallback::TouchPressed, 3, args);
        break;
    case TouchPhase::Moved:
        run_callback(ExhibitCallback::TouchMoved, 5, args);
        break;
    case TouchPhase::Released:
        run_callback(ExhibitCallback::TouchReleased, 3, args);
        break;
    }
}

void ExhibitHost::update(double dt) {
    if (failed_ || left_ || !sandbox_.state()) return;
    api_->time_s += dt;
    const lua_Number args[] = {dt};
    run_callback(ExhibitCallback::Update, 1, args);
}

std::optional<uint32_t> ExhibitHost::draw(Ui& ui) {
    if (failed_ || left_ || !sandbox_.state()) return std::nullopt;
    Canvas canvas(ui);
    canvas.begin_frame();
    api_->ui = &ui;
    api_->canvas = &canvas;
    run_callback(ExhibitCallback::Draw, 0);
    canvas.end_frame();
    api_->canvas = nullptr;
    api_->ui = nullptr;
    if (failed_) return std::nullopt;
    return canvas.frame_clear_color();
}

void ExhibitHost::leave() {
    if (left_) return;
    run_callback(ExhibitCallback::Leave, 0);
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

} // namespace kiosk
