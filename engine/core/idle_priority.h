// Background work that must never take a core from the frame: the calling
// thread is put on Linux's SCHED_IDLE policy, so it runs only when a core would
// otherwise idle. Threads it starts afterwards inherit the policy (glibc's
// default PTHREAD_INHERIT_SCHED). Used by the content updater and the content
// scan worker.
#pragma once

#include <string>

namespace kiosk {

// Lowers the calling thread to SCHED_IDLE. When the system refuses, the thread
// keeps its priority and a warning naming `who` says so.
void run_this_thread_only_when_idle(const std::string& who);

} // namespace kiosk
