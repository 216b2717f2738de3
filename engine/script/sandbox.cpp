// Sandbox implementation: the counting allocator, the allow-listed libraries,
// read-only views, coroutine tracking for the stop hook, and the watchdog.
// Signal-handler rules: the handler only reads flags of its own thread, calls
// lua_sethook (which Lua documents as safe from a signal handler) and may
// siglongjmp, never while the script thread is in C++ host code or inside the
// allocator (malloc's locks), so what is jumped over is Lua's own C code only.
// The same jump buffer is the panic handler's way back: a Lua error that escaped
// every protected call lands where the guarded call began, and the state is
// abandoned.
//
// Index of this file (its sections start at "// --- NAME ---" lines):
// - (before the first) helpers: read-only tables, text-only load, the counting
//   collectgarbage, the signal handler, error text and tracebacks
// - the allocator
// - stopping
// - coroutine tracking
// - the state
// - calls under the budget (and the watchdog's loop)

#include "sandbox.h"

#include <pthread.h>
#include <setjmp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace kiosk {
namespace {

constexpr int kWatchdogSignal = SIGUSR2;
thread_local Sandbox* tl_active = nullptr;
thread_local sigjmp_buf tl_escape;
constexpr int kJumpedByWatchdog = 1, kJumpedByPanic = 2;

// Set from a SIGTERM/SIGINT handler, read by every watchdog.
std::atomic<bool> g_shutdown{false};
static_assert(std::atomic<bool>::is_always_lock_free,
              "the shutdown flag is set in a signal handler");
// While a call runs, a watchdog looks this often for a shutdown request; once it
// sees one, the hook gets this long to stop the call before the jump.
constexpr auto kShutdownPoll = std::chrono::milliseconds(10);
constexpr auto kShutdownGrace = std::chrono::milliseconds(20);

int refuse_write(lua_State* L) {
    return luaL_error(L, "this table is read-only (library tables cannot be changed)");
}

int read_only_pairs(lua_State* L) {
    lua_pushcfunction(L, [](lua_State* S) -> int {
        lua_settop(S, 2);
        return lua_next(S, 1) ? 2 : 0;
    });
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushnil(L);
    return 3;
}

bool is_read_only(lua_State* L, int index) {
    if (!lua_getmetatable(L, index)) return false;
    lua_pushliteral(L, "__readonly");
    lua_rawget(L, -2);
    bool read_only = lua_toboolean(L, -1);
    lua_pop(L, 2);
    return read_only;
}

int checked_rawset(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (is_read_only(L, 1)) return refuse_write(L);
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

// load(chunk [, chunkname [, mode [, env]]]) with the mode forced to text.
int text_only_load(lua_State* L) {
    const char* mode = luaL_optstring(L, 3, "t");
    if (!std::strchr(mode, 't'))
        return luaL_error(L, "load: only text chunks can be loaded in an exhibit (mode \"t\")");
    int top = lua_gettop(L);
    if (top < 3) lua_settop(L, 3);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    int nargs = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, LUA_MULTRET);
    return lua_gettop(L);
}

int count_only_collectgarbage(lua_State* L) {
    const char* option = luaL_optstring(L, 1, "collect");
    if (std::strcmp(option, "count") != 0)
        return luaL_error(L, "collectgarbage: only \"count\" is allowed in an exhibit, not \"%s\"",
                          option);
    int kib = lua_gc(L, LUA_GCCOUNT, 0), bytes = lua_gc(L, LUA_GCCOUNTB, 0);
    lua_pushnumber(L, double(kib) + double(bytes) / 1024.0);
    return 1;
}

void install_signal_handler(void (*handler)(int)) {
    static std::once_flag once;
    std::call_once(once, [handler] {
        struct sigaction action {};
        action.sa_handler = handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(kWatchdogSignal, &action, nullptr);
    });
}

using Clock = std::chrono::steady_clock;

// CPU time `thread` has used, or -1 when it cannot be read.
double thread_cpu_seconds(pthread_t thread) {
    clockid_t clock = 0;
    timespec used{};
    if (pthread_getcpuclockid(thread, &clock) != 0 || clock_gettime(clock, &used) != 0) return -1;
    return double(used.tv_sec) + double(used.tv_nsec) / 1e9;
}

} // namespace

// The error object's __tostring is exhibit code: it runs in a protected call of
// its own, so a __tostring that raises, loops (the stop hook raises) or returns
// a non-string is described, never the cause of an "error in error handling".
const char* error_object_text(lua_State* L, int object) {
    object = lua_absindex(L, object);
    const int object_type = lua_type(L, object);
    if (object_type == LUA_TSTRING || object_type == LUA_TNUMBER) return lua_tostring(L, object);
    const char* type = luaL_typename(L, object);
    if (luaL_getmetafield(L, object, "__tostring") == LUA_TNIL)
        return lua_pushfstring(L, "(error object is a %s value)", type);
    lua_pushvalue(L, object);
    const int status = lua_pcall(L, 1, 1, 0);
    if (status == LUA_OK && lua_type(L, -1) == LUA_TSTRING) return lua_tostring(L, -1);
    if (status == LUA_OK)
        return lua_pushfstring(L,
                               "(error object is a %s value whose __tostring returned a %s, not "
                               "a string)",
                               type, luaL_typename(L, -1));
    const char* why = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "no message";
    return lua_pushfstring(L, "(error object is a %s value whose __tostring failed: %s)", type,
                           why);
}

int traceback_handler(lua_State* L) {
    // An error raised again by the host (host_step.cpp) carries the traceback
    // of where it first happened already.
    if (lua_type(L, 1) == LUA_TSTRING && std::strstr(lua_tostring(L, 1), "\nstack traceback:"))
        return 1;
    luaL_traceback(L, L, error_object_text(L, 1), 1);
    return 1;
}

struct Sandbox::Block {
    Block* prev;
    Block* next;
    size_t size;
    size_t padding; // keeps the payload 16-byte aligned
};

// --- the allocator -------------------------------------------------------------

void* Sandbox::allocate(void* ud, void* ptr, size_t osize, size_t nsize) {
    Sandbox& s = *static_cast<Sandbox*>(ud);
    Block* block = ptr ? static_cast<Block*>(ptr) - 1 : nullptr;
    const auto unlink = [&s](Block* b) {
        if (b->prev)
            b->prev->next = b->next;
        else
            s.blocks_ = b->next;
        if (b->next) b->next->prev = b->prev;
    };
    const auto link = [&s](Block* b) {
        b->prev = nullptr;
        b->next = s.blocks_;
        if (s.blocks_) s.blocks_->prev = b;
        s.blocks_ = b;
    };
    // in_allocator_ is set around every change to the block list as well as
    // around malloc: the watchdog's escape (siglongjmp) between realloc and
    // link() would lose a block that free_all_blocks() can no longer free.
    if (nsize == 0) {
        if (block) {
            s.in_allocator_ = 1;
            unlink(block);
            s.used_ -= block->size;
            std::free(block);
            s.in_allocator_ = 0;
        }
        return nullptr;
    }
    const size_t old_size = block ? block->size : 0;
    const bool retry = s.failed_allocation_.active && s.failed_allocation_.ptr == ptr &&
                       s.failed_allocation_.osize == osize && s.failed_allocation_.nsize == nsize;
    if (nsize > old_size && s.used_ + (nsize - old_size) > s.limits_.memory_bytes) {
        // Lua answers a failure with an emergency collection and one retry of the
        // same request; only if that retry fails too is the exhibit out of memory.
        s.failed_allocation_ = {true, ptr, osize, nsize};
        if (s.L_) s.hook_running_threads();
        return nullptr;
    }
    s.in_allocator_ = 1;
    if (block) unlink(block);
    Block* grown = static_cast<Block*>(std::realloc(block, sizeof(Block) + nsize));
    if (!grown) {
        if (block) link(block);
        s.in_allocator_ = 0;
        return nullptr;
    }
    grown->size = nsize;
    link(grown);
    s.used_ = s.used_ - old_size + nsize;
    s.in_allocator_ = 0;
    if (retry) s.failed_allocation_.active = false;
    return grown + 1;
}

void Sandbox::free_all_blocks() {
    for (Block* b = blocks_; b;) {
        Block* next = b->next;
        std::free(b);
        b = next;
    }
    blocks_ = nullptr;
    used_ = 0;
}

// --- stopping ------------------------------------------------------------------

void Sandbox::hook_running_threads() {
    lua_sethook(L_, &Sandbox::hook, LUA_MASKCOUNT, 1);
    for (int i = 0; i < running_count_; ++i)
        lua_sethook(running_[i], &Sandbox::hook, LUA_MASKCOUNT, 1);
}

void Sandbox::request_stop(StopReason reason) {
    if (stop_reason_ == StopReason::None) stop_reason_ = reason;
}

void Sandbox::hook(lua_State* L, lua_Debug* ar) {
    Sandbox& s = from(L);
    if (s.stop_reason_ == StopReason::None) {
        if (s.failed_allocation_.active)
            s.request_stop(StopReason::Memory);
        else if (s.signal_stage_.load() >= 1)
            s.request_stop(shutdown_requested() ? StopReason::Shutdown : StopReason::TimeBudget);
        else {
            lua_sethook(L, nullptr, 0, 0); // a false alarm: the retry found memory
            return;
        }
    }
    const char* what = s.stop_reason_ == StopReason::Memory     ? "out of memory"
                       : s.stop_reason_ == StopReason::Shutdown ? "the kiosk is shutting down"
                                                                : "over time budget";
    lua_getinfo(L, "Sl", ar);
    if (ar->currentline > 0)
        luaL_error(L, "%s:%d: exhibit stopped: %s", ar->short_src, ar->currentline, what);
    luaL_error(L, "exhibit stopped: %s", what);
}

int Sandbox::on_panic(lua_State* L) {
    Sandbox& s = from(L);
    if (tl_active == &s && s.in_call_) siglongjmp(tl_escape, kJumpedByPanic);
    // Outside every guard: the host rule was broken where no recovery point
    // exists. Say where before Lua aborts.
    const char* message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
    std::fprintf(stderr, "kiosk: an exhibit's Lua error escaped outside any guarded call: %s\n",
                 message);
    return 0;
}

void Sandbox::request_shutdown() {
    g_shutdown.store(true);
}

bool Sandbox::shutdown_requested() {
    return g_shutdown.load();
}

void Sandbox::on_signal(int) {
    Sandbox* s = tl_active;
    if (!s || !s->in_call_) return;
    const int stage = s->signal_stage_.load();
    if (stage >= 1 && s->L_) s->hook_running_threads();
    if (stage >= 2 && s->host_depth_ == 0 && s->in_allocator_ == 0) siglongjmp(tl_escape, 1);
}

// --- coroutine tracking --------------------------------------------------------

namespace {
constexpr const char* kRunningKey = "kiosk.running";
}

void Sandbox::untrack_after(lua_State* resumer) {
    int keep = 0;
    for (int i = running_count_ - 1; i >= 0; --i)
        if (running_[i] == resumer) {
            keep = i + 1;
            break;
        }
    if (keep >= running_count_) return;
    const int old_count = running_count_;
    running_count_ = keep;
    lua_getfield(resumer, LUA_REGISTRYINDEX, kRunningKey);
    for (int i = keep; i < old_count; ++i) {
        lua_pushnil(resumer);
        lua_rawseti(resumer, -2, i + 1);
    }
    lua_pop(resumer, 1);
}

void Sandbox::track_resume(lua_State* resumer, lua_State* coroutine) {
    untrack_after(resumer);
    if (running_count_ >= kMaxRunning) return; // Lua's C-stack limit stops long before
    lua_getfield(resumer, LUA_REGISTRYINDEX, kRunningKey);
    lua_pushthread(coroutine);
    lua_xmove(coroutine, resumer, 1);
    lua_rawseti(resumer, -2, running_count_ + 1); // anchored: the pointer stays valid
    lua_pop(resumer, 1);
    running_[running_count_] = coroutine;
    running_count_ = running_count_ + 1;
}

// Calls the C function in upvalue 1 with the stack's arguments while `co` is
// tracked as running (so the stop hook reaches it).
int Sandbox::call_resuming(lua_State* L, lua_State* co) {
    Sandbox& s = from(L);
    if (co) s.track_resume(L, co);
    int nargs = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, LUA_MULTRET);
    s.untrack_after(L);
    return lua_gettop(L);
}

int sandbox_resume(lua_State* L) {
    return Sandbox::call_resuming(L, lua_tothread(L, 1));
}

int sandbox_wrapped_call(lua_State* L) {
    return Sandbox::call_resuming(L, lua_tothread(L, lua_upvalueindex(2)));
}

namespace {
// coroutine.wrap(f): the standard wrapper, called through sandbox_wrapped_call so
// the coroutine it resumes is tracked.
int tracked_wrap(lua_State* L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    lua_getupvalue(L, -1, 1); // the coroutine inside the standard wrapper
    lua_pushcclosure(L, sandbox_wrapped_call, 2);
    return 1;
}
} // namespace

// --- the state -----------------------------------------------------------------

Sandbox::Sandbox(const SandboxLimits& limits, uint64_t seed, void* owner)
    : limits_(limits), owner_(owner) {
    install_signal_handler(&Sandbox::on_signal);
    L_ = lua_newstate(&Sandbox::allocate, this);
    if (!L_) return;
    *static_cast<Sandbox**>(lua_getextraspace(L_)) = this;
    lua_atpanic(L_, &Sandbox::on_panic);
    open_libraries(seed);
    watchdog_ = std::thread([this] { watchdog_loop(); });
}

Sandbox::~Sandbox() {
    close();
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_all();
    if (watchdog_.joinable()) watchdog_.join();
}

void Sandbox::make_read_only() {
    lua_State* L = L_;
    const int real = lua_gettop(L);
    lua_newtable(L); // the view
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, real);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, refuse_write);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, real);
    lua_pushcclosure(L, read_only_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable"); // getmetatable answers false, setmetatable refuses
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "__readonly");
    lua_setmetatable(L, -2);
    lua_replace(L, real);
}

// What this leaves reachable is listed in engine/script/exhibit_api.lua, which
// script_tests holds it to, name by name.
void Sandbox::open_libraries(uint64_t seed) {
    lua_State* L = L_;
    const luaL_Reg libraries[] = {
        {LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine}};
    for (const luaL_Reg& library : libraries) {
        luaL_requiref(L, library.name, library.func, 1);
        lua_pop(L, 1);
    }
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, kRunningKey);

    lua_pushglobaltable(L);
    for (const char* name : {"dofile", "loadfile", "require", "warn", "print"}) {
        lua_pushnil(L);
        lua_setfield(L, -2, name);
    }
    lua_getfield(L, -1, "load");
    lua_pushcclosure(L, text_only_load, 1);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, count_only_collectgarbage);
    lua_setfield(L, -2, "collectgarbage");
    lua_pushcfunction(L, checked_rawset);
    lua_setfield(L, -2, "rawset");

    lua_getfield(L, -1, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);

    lua_getfield(L, -1, LUA_MATHLIBNAME);
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, lua_Integer(seed & 0x7fffffffffffffffULL));
    lua_call(L, 1, 0);
    lua_pop(L, 1);

    lua_getfield(L, -1, LUA_COLIBNAME);
    lua_getfield(L, -1, "resume");
    lua_pushcclosure(L, sandbox_resume, 1);
    lua_setfield(L, -2, "resume");
    lua_getfield(L, -1, "wrap");
    lua_pushcclosure(L, tracked_wrap, 1);
    lua_setfield(L, -2, "wrap");
    lua_pop(L, 1);

    // Strings share one metatable whose __index is the real string table: hide it.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    for (const char* name :
         {LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_MATHLIBNAME, LUA_UTF8LIBNAME, LUA_COLIBNAME}) {
        lua_getfield(L, -1, name);
        make_read_only();
        lua_setfield(L, -2, name);
    }
    lua_pop(L, 1);
}

// --- calls under the budget ----------------------------------------------------

namespace {

// Kept apart so that nothing but its arguments lives across sigsetjmp. `body`
// is the guarded work: a protected call, closing the state, or a raw host step.
int run_escapable(lua_State* L, int (*body)(lua_State*, void*), void* context,
                  volatile std::sig_atomic_t& in_call) {
    const int jumped = sigsetjmp(tl_escape, 1);
    if (jumped != 0) {
        in_call = 0;
        return jumped == kJumpedByPanic ? kSandboxPanicked : kSandboxAbandoned;
    }
    in_call = 1;
    const int status = body(L, context);
    in_call = 0;
    return status;
}

struct ProtectedCall {
    int nargs, nresults, handler;
};

int protected_call_body(lua_State* L, void* context) {
    const ProtectedCall& call = *static_cast<ProtectedCall*>(context);
    return lua_pcall(L, call.nargs, call.nresults, call.handler);
}

int close_body(lua_State* L, void*) {
    lua_close(L);
    return LUA_OK;
}

struct RawStep {
    void (*step)(lua_State*, void*);
    void* context;
};

int raw_step_body(lua_State* L, void* context) {
    const RawStep& raw = *static_cast<RawStep*>(context);
    raw.step(L, raw.context);
    return LUA_OK;
}

} // namespace

void Sandbox::arm() {
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        armed_ = true;
        armed_at_ = Clock::now();
        signal_stage_ = 0;
        script_thread_ = pthread_self();
    }
    wake_.notify_all();
}

void Sandbox::disarm() {
    {
        std::lock_guard lock(mutex_);
        armed_ = false;
        signal_stage_ = 0; // a signal still on its way finds nothing to do
    }
    wake_.notify_all();
}

int Sandbox::run_guarded(int (*body)(lua_State*, void*), void* context) {
    host_depth_ = 0;
    tl_active = this;
    const int status = run_escapable(L_, body, context, in_call_);
    tl_active = nullptr;
    return status;
}

void Sandbox::abandon(StopReason reason) {
    request_stop(reason);
    abandoned_ = true;
    free_all_blocks();
}

int Sandbox::call(int nargs, int nresults) {
    if (!state()) return kSandboxAbandoned;
    lua_State* L = L_;
    const int handler = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback_handler);
    lua_insert(L, handler);
    arm();
    running_count_ = 0;
    ProtectedCall protected_call{nargs, nresults, handler};
    const int status = run_guarded(protected_call_body, &protected_call);
    disarm();
    if (status == kSandboxAbandoned || status == kSandboxPanicked) {
        abandon(status == kSandboxPanicked ? StopReason::None
                : shutdown_requested()     ? StopReason::Shutdown
                                           : StopReason::TimeBudget);
        return status;
    }
    lua_remove(L, handler);
    if (failed_allocation_.active) request_stop(StopReason::Memory);
    if (stop_reason_ == StopReason::None) lua_sethook(L, nullptr, 0, 0);
    return status;
}

int Sandbox::call_host(lua_CFunction function, void* context, int nresults) {
    if (!state()) return kSandboxAbandoned;
    lua_pushcfunction(L_, function);    // a light C function and a light userdata:
    lua_pushlightuserdata(L_, context); // neither allocates nor raises
    return call(1, nresults);
}

int Sandbox::run_raw(void (*step)(lua_State* L, void* context), void* context) {
    if (!state()) return kSandboxAbandoned;
    RawStep raw{step, context};
    const int status = run_guarded(raw_step_body, &raw);
    if (status != LUA_OK) abandon(StopReason::None);
    return status;
}

void Sandbox::close() {
    if (!L_) return;
    if (!abandoned_) {
        // Finalizers run here, where Lua allows no hooks: only the jump can stop a
        // looping one.
        arm();
        const int status = run_guarded(close_body, nullptr);
        disarm();
        if (status != LUA_OK) abandoned_ = true;
    }
    free_all_blocks(); // everything, or what an abandoned state still held
    L_ = nullptr;
}

void Sandbox::watchdog_loop() {
    std::unique_lock lock(mutex_);
    while (!quit_) {
        wake_.wait(lock, [this] { return quit_ || armed_; });
        if (quit_) break;
        const uint64_t generation = generation_;
        const auto budget = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(limits_.time_budget_s));
        const auto start = armed_at_;
        const auto finished = [&] { return quit_ || !armed_ || generation_ != generation; };
        // Waits until `deadline` or the call's end (true), or a shutdown request (false).
        bool shutdown = false;
        const auto wait_until = [&](Clock::time_point deadline) {
            while (!finished()) {
                if ((shutdown = shutdown_requested())) return false;
                if (Clock::now() >= deadline) return false;
                wake_.wait_until(lock, std::min(deadline, Clock::now() + kShutdownPoll), finished);
            }
            return true;
        };
        if (wait_until(start + budget)) continue;
        signal_stage_ = 1; // the hook stops the next Lua instruction
        const double cpu_at_stage_one = thread_cpu_seconds(script_thread_);
        pthread_kill(script_thread_, kWatchdogSignal);
        if (shutdown) {
            if (wake_.wait_for(lock, kShutdownGrace, finished)) continue;
        } else {
            if (wait_until(start + budget + budget / 2)) continue;
            // Jump only once the script thread has really run for half a budget
            // more without reaching a hook: on a busy machine it may just not have
            // had the processor, and the hook (which keeps the state) would still
            // stop it. A shutdown does not wait for that.
            while (!finished() && !shutdown_requested() && cpu_at_stage_one >= 0 &&
                   thread_cpu_seconds(script_thread_) - cpu_at_stage_one <
                       limits_.time_budget_s / 2)
                wake_.wait_for(lock, std::chrono::milliseconds(2), finished);
            if (!finished() && shutdown_requested()) {
                pthread_kill(script_thread_, kWatchdogSignal); // the hook, with the new reason
                wake_.wait_for(lock, kShutdownGrace, finished);
            }
        }
        if (finished()) continue;
        signal_stage_ = 2; // stuck where hooks never run: jump out
        while (!finished()) {
            pthread_kill(script_thread_, kWatchdogSignal);
            wake_.wait_for(lock, std::chrono::milliseconds(2), finished);
        }
    }
}

} // namespace kiosk
