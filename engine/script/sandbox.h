// The exhibit sandbox: one lua_State per exhibit holding only allow-listed
// libraries (read-only), a memory cap through a counting allocator, and a time
// budget per call. The budget costs nothing while a callback runs within it: a
// watchdog thread wakes at the deadline and signals the script thread, whose
// handler installs a count hook on every running coroutine, so the next Lua
// instruction raises a stop that no pcall can swallow (the hook keeps firing).
// If the thread is stuck where hooks never fire (a long C call such as pattern
// matching, or a looping __gc finalizer), a second signal, once the thread has
// used half a budget more processor time (1.5x on an idle machine), jumps out of the call and the
// state is abandoned: never touched again, its memory freed block by block through the allocator's
// list.
//
// The host rule (every binding and every host-side caller must follow it):
// C++ never runs exhibit-controlled Lua code outside call() or call_host().
// Any metamethod is such code (__index, __newindex, __call, __tostring, __name,
// __eq, __lt, __le, __len, __concat, __close, __gc, arithmetic), and so is any
// allocation, which may run the collector and with it a __gc finalizer. So
// outside those calls the host only pushes plain values and light C functions
// and reads results raw (lua_type, lua_tolstring of a string, lua_rawget*,
// lua_rawlen). Work on exhibit values goes into a lua_CFunction run by
// call_host(), where the budget, the memory cap and the stop hook are armed.
// Inside a HostScope (C++ code that the watchdog must not jump out of) nothing
// may allocate Lua objects either: a finalizer run there could not be cut off.
// A Lua error that escapes every protected call anyway reaches the panic
// handler, which abandons the state instead of aborting the process.
//
// Shutdown: request_shutdown() (async-signal-safe, for SIGTERM/SIGINT) makes
// every sandbox's watchdog stop its running call at once, jumping out of C
// code after a short grace, so the process can stop whatever an exhibit does.
#pragma once

#include <lua.hpp>
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

struct SandboxLimits {
    size_t memory_bytes = size_t(64) << 20;
    double time_budget_s = 0.050;
};

enum class StopReason { None, TimeBudget, Memory, Shutdown };

// lua_pcall's statuses, plus these: the call was cut off and the state abandoned;
// a Lua error escaped every protected call (the panic handler abandoned the state).
constexpr int kSandboxAbandoned = -1;
constexpr int kSandboxPanicked = -2;

// An error object as text, pushing what it makes: strings and numbers as they
// are, anything else described, its __tostring run in a protected call.
const char* error_object_text(lua_State* L, int object);
// The message handler of every call: the error as text with Lua's traceback.
int traceback_handler(lua_State* L);

class Sandbox {
public:
    // `owner` is handed back by owner() to the API functions bound into the state.
    Sandbox(const SandboxLimits& limits, uint64_t seed, void* owner);
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    static Sandbox& from(lua_State* L) { return **static_cast<Sandbox**>(lua_getextraspace(L)); }
    void* owner() const { return owner_; }
    // Null when the state could not be made, or once abandoned.
    lua_State* state() const { return abandoned_ ? nullptr : L_; }
    bool abandoned() const { return abandoned_; }
    StopReason stop_reason() const { return stop_reason_; }
    const SandboxLimits& limits() const { return limits_; }
    size_t memory_used() const { return used_; }

    // Replaces the table at the top of the stack by a read-only view of it.
    void make_read_only();

    // Calls the function below `nargs` arguments on the stack, within the time
    // budget. Returns LUA_OK, a lua_pcall error status with "message\ntraceback"
    // on the stack, or kSandboxAbandoned (the stack is gone with the state).
    int call(int nargs, int nresults);
    // Calls `function` with `context` as a light userdata argument, like call():
    // the way host code works on exhibit values (see the host rule above).
    int call_host(lua_CFunction function, void* context, int nresults = 0);
    // Runs host code that touches the state outside any protected call (reading
    // results raw). Should it raise after all, the panic handler abandons the
    // state and this returns kSandboxPanicked; otherwise LUA_OK.
    int run_raw(void (*step)(lua_State* L, void* context), void* context);
    // Closes the state (running its finalizers within one more budget).
    void close();

    // SIGTERM/SIGINT: stop every sandbox's running call now, and every later one
    // at its start. Async-signal-safe; never undone in a process.
    static void request_shutdown();
    static bool shutdown_requested();

    // Marks C++ code called from Lua: the watchdog never jumps out of it.
    class HostScope {
    public:
        explicit HostScope(Sandbox& sandbox) : sandbox_(sandbox) {
            sandbox_.host_depth_ = sandbox_.host_depth_ + 1;
        }
        ~HostScope() { sandbox_.host_depth_ = sandbox_.host_depth_ - 1; }
        HostScope(const HostScope&) = delete;
        HostScope& operator=(const HostScope&) = delete;

    private:
        Sandbox& sandbox_;
    };

private:
    friend struct SandboxAccess;
    static void* allocate(void* ud, void* ptr, size_t osize, size_t nsize);
    static void hook(lua_State* L, lua_Debug* ar);
    static void on_signal(int);
    static int on_panic(lua_State* L);
    void open_libraries(uint64_t seed);
    void request_stop(StopReason reason);
    void hook_running_threads();
    void watchdog_loop();
    void free_all_blocks();
    void arm();
    void disarm();
    int run_guarded(int (*body)(lua_State*, void*), void* context);
    void abandon(StopReason reason);

    SandboxLimits limits_;
    void* owner_;
    lua_State* L_ = nullptr;
    bool abandoned_ = false;
    StopReason stop_reason_ = StopReason::None;

    // Allocator: every block is linked into a list so an abandoned state can be freed.
    struct Block;
    Block* blocks_ = nullptr;
    size_t used_ = 0;
    volatile std::sig_atomic_t in_allocator_ = 0;
    struct PendingFailure {
        bool active = false;
        void* ptr = nullptr;
        size_t osize = 0, nsize = 0;
    } failed_allocation_;

    // Coroutines currently resumed (their lua_States are anchored in the registry).
    static constexpr int kMaxRunning = 256;
    lua_State* running_[kMaxRunning] = {};
    volatile std::sig_atomic_t running_count_ = 0;
    friend int sandbox_resume(lua_State* L);
    friend int sandbox_wrapped_call(lua_State* L);
    static int call_resuming(lua_State* L, lua_State* coroutine);
    void track_resume(lua_State* resumer, lua_State* coroutine);
    void untrack_after(lua_State* resumer);

    volatile std::sig_atomic_t host_depth_ = 0;
    volatile std::sig_atomic_t in_call_ = 0;

    // Watchdog: armed for each call with a generation number.
    std::thread watchdog_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool quit_ = false;
    uint64_t generation_ = 0;
    bool armed_ = false;
    pthread_t script_thread_{};
    std::chrono::steady_clock::time_point armed_at_{};
    std::atomic<int> signal_stage_{0}; // 1: install hooks, 2: also jump out
};

} // namespace kiosk
