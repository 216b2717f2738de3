// SCHED_IDLE for the calling thread (idle_priority.h).
#include "core/idle_priority.h"

#include "core/log.h"

#include <pthread.h>
#include <sched.h>

namespace kiosk {

void run_this_thread_only_when_idle(const std::string& who) {
    sched_param idle_param{};
    if (const int refused = pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle_param))
        log_warning(who + ": cannot lower its thread's priority (error " + std::to_string(refused) +
                    "); its work may cost frames");
}

} // namespace kiosk
