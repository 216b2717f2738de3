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

enum class StopReason { None, TimeBudget, Memory };

// lua_pcall's statuses, plus this one: the call was cut off and the state abandoned.
constexpr int kSandboxAbandoned = -1;

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
    // Closes the state (running its finalizers within one more budget).
    void close();

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
    void open_libraries(uint64_t seed);
    void request_stop(StopReason reason);
    void hook_running_threads();
    void watchdog_loop();
    void free_all_blocks();
    void arm();
    void disarm();

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
