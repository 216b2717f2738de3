// The Lua host for one open exhibit: runs its main.lua in a Sandbox, calls the
// lifecycle callbacks of the global table `exhibit` (load, update, draw,
// touchpressed, touchmoved, touchreleased, leave), binds the curator API
// (`kiosk.*`), and turns any failure (syntax, runtime, over budget, out of
// memory, a bad API argument) into an ExhibitError with file:line, the source
// line and a traceback, all valid UTF-8. After a failure the host stays failed:
// the app shows its error card and destroys the host. This is the one header
// engine/script exposes.
//
// The host never touches the exhibit's Lua state outside the sandbox's guarded
// calls (the host rule in sandbox.h): looking up `exhibit` and its callbacks,
// which may run the exhibit's own __index, happens inside the protected call,
// and an error names the metamethod and what the kiosk was looking up.
#pragma once

#include "core/bilingual.h"
#include "core/file_source.h"
#include "script/sandbox.h"

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct SDL_Renderer;

namespace kiosk {

class Ui;
class FontLibrary;
class ExhibitAudioSink;
struct ExhibitApi;

struct ExhibitSource {
    std::string id;
    std::shared_ptr<const FileSource> files; // a folder or a package: all the exhibit may read
    std::string entry;                       // the main file in `files` (e.g. "main.lua")
};

// Shutdown: the kiosk was stopping (SIGTERM) while the exhibit ran; not the
// exhibit's fault, so it is neither recorded nor shown.
enum class ExhibitErrorKind { Load, Syntax, Runtime, TimeBudget, Memory, Shutdown };
const char* exhibit_error_kind_name(ExhibitErrorKind kind);

struct ExhibitError {
    ExhibitErrorKind kind = ExhibitErrorKind::Runtime;
    std::string callback;    // "main.lua", "load", "update", "draw", ...
    std::string message;     // what went wrong, with file:line when known
    std::string file;        // relative to the exhibit folder; empty when unknown
    int line = 0;            // 0 when unknown
    std::string source_line; // that line of the file, when it could be read
    std::string traceback;   // Lua's stack traceback, one frame a line
};

// An interaction an exhibit recorded with kiosk.log(name, fields).
struct ExhibitInteraction {
    std::string name;
    std::string fields_json; // a JSON object
};

enum class TouchPhase { Pressed, Moved, Released };

// The callbacks the host calls in the global table `exhibit`. Their names exist
// only in kExhibitCallbackNames; the curators' list of them
// (engine/script/exhibit_api.lua) is checked against it by script_tests.
enum class ExhibitCallback {
    Load,
    Update,
    Draw,
    TouchPressed,
    TouchMoved,
    TouchReleased,
    Leave,
    Count // keep last: the number of callbacks
};
inline constexpr std::array<const char*, size_t(ExhibitCallback::Count)> kExhibitCallbackNames = {
    "load", "update", "draw", "touchpressed", "touchmoved", "touchreleased", "leave"};

class ExhibitHost {
public:
    ExhibitHost(ExhibitSource source, const SandboxLimits& limits, uint64_t seed,
                SDL_Renderer* renderer);
    ~ExhibitHost();
    ExhibitHost(const ExhibitHost&) = delete;
    ExhibitHost& operator=(const ExhibitHost&) = delete;

    // Runs the entry file, then exhibit.load(). False when either failed.
    bool start(Language language);

    void set_language(Language language);
    // Where kiosk.sound and kiosk.narrate play (exhibit_audio_sink.h); none
    // until set: the calls are checked and play nothing. Outlives the host.
    void set_audio_sink(ExhibitAudioSink* sink);
    // Touch in logical 1920x1080 coordinates; `id` is 0 for the mouse, 1.. for fingers.
    void touch(TouchPhase phase, int id, float x, float y, float dx, float dy);
    void update(double dt);
    // Calls exhibit.draw() into `ui`'s current ImGui window. Returns the colour
    // (ImU32) the frame should be cleared to when the exhibit began with kiosk.clear.
    std::optional<uint32_t> draw(Ui& ui);
    // Calls exhibit.leave() (once; nothing after it).
    void leave();

    bool failed() const { return failed_; }
    const ExhibitError& error() const { return error_; }
    bool home_requested() const;
    const ExhibitSource& source() const { return source_; }
    std::vector<ExhibitInteraction> take_interactions();
    // kiosk.log calls dropped by the per-second rate since the last call.
    int take_dropped_interactions();
    size_t memory_used() const { return sandbox_.memory_used(); }
    double time_s() const;

private:
    struct CallbackCall;
    static int dispatch_callback(lua_State* L);
    static int open_state(lua_State* L);
    bool run_callback(ExhibitCallback callback, int nargs, const lua_Number* args = nullptr);
    void fail(ExhibitErrorKind kind, const std::string& callback, std::string message,
              std::string traceback, const std::string& located = {});
    // `looking_up`: it failed before the callback ran, while the kiosk looked it up.
    void fail_from_status(int status, const std::string& callback, bool looking_up);

    ExhibitSource source_;
    std::unique_ptr<ExhibitApi> api_;
    Sandbox sandbox_;
    bool failed_ = false;
    bool left_ = false;
    ExhibitError error_;
};

} // namespace kiosk
