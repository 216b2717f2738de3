// ContentUpdater: one round (snapshot -> accept -> fit -> download -> verify ->
// install -> switch -> clean up), the retry record, the import folders and
// the thread that schedules it all.
#include "content_updater.h"

#include "accepted_snapshot.h"
#include "content/live_list.h"
#include "content_files.h"
#include "content_sources.h"
#include "core/civil_time.h"
#include "core/idle_priority.h"
#include "core/log.h"
#include "core/private_files.h"
#include "disk_space.h"
#include "downloaded_package_check.h"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <set>

namespace kiosk::sync {
namespace {

namespace fs = std::filesystem;

int64_t statvfs_free_bytes(const std::string& folder) {
    struct statvfs info {};
    if (statvfs(folder.c_str(), &info) != 0) return 0;
    return int64_t(info.f_bavail) * int64_t(info.f_frsize);
}

uint64_t random_u64() {
    static thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine();
}

std::string decision_words(SnapshotDecision decision) {
    switch (decision) {
    case SnapshotDecision::Accept:
        return "accepted";
    case SnapshotDecision::Same:
        return "same";
    case SnapshotDecision::Expired:
        return "expired";
    default:
        return "refused";
    }
}

// "size:mtime_ns" of a regular file, "" when there is none: a file seen
// verified is hashed again only when it changed.
std::string file_stamp(const std::string& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return "";
    return std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) + "." +
           std::to_string(info.st_mtim.tv_nsec);
}

LiveList live_list_of(const Snapshot& snapshot) {
    LiveList list;
    list.snapshot_version = snapshot.version;
    for (const SnapshotPackage& package : snapshot.packages)
        list.packages.push_back({package.id, package.version,
                                 package_file_name(package.id, package.version), package.sha256});
    return list;
}

bool same_live_list(const LiveList& a, const LiveList& b) {
    if (a.snapshot_version != b.snapshot_version || a.packages.size() != b.packages.size())
        return false;
    for (size_t i = 0; i < a.packages.size(); ++i)
        if (a.packages[i].file != b.packages[i].file ||
            a.packages[i].sha256 != b.packages[i].sha256)
            return false;
    return true;
}

} // namespace

ContentUpdater::ContentUpdater(ContentUpdaterOptions options,
                               std::unique_ptr<SyncTransport> transport)
    : options_(std::move(options)), transport_(std::move(transport)),
      schedule_(options_.interval_ms, options_.first_retry_ms, options_.max_retry_ms) {
    if (!options_.utc_now_ms) options_.utc_now_ms = now_utc_ms;
    if (!options_.local_today) options_.local_today = machine_local_day_today;
    if (!options_.free_bytes) options_.free_bytes = statvfs_free_bytes;
    std::string error;
    const std::optional<LiveList> live = read_live_list(options_.content_dir, error);
    const std::optional<AcceptedSnapshot> accepted =
        load_accepted_snapshot(options_.state_dir, error);
    state_.state = "none";
    if (live) state_.snapshot_version = live->snapshot_version;
    if (accepted) accepted_version_ = accepted->snapshot.version;
}

ContentUpdater::~ContentUpdater() {
    stop();
}

bool ContentUpdater::step(std::string_view name) const {
    return options_.stop_at && options_.stop_at(name);
}

bool ContentUpdater::stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_ && thread_.joinable();
}

ContentState ContentUpdater::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

int64_t ContentUpdater::accepted_version() const {
    std::lock_guard lock(mutex_);
    return accepted_version_;
}

ContentRoundResult ContentUpdater::run_round() {
    if (!transport_) return {false, false, false, "unreachable", "no hub to fetch content from", 0};
    HubContentSource source(*transport_);
    return apply(source);
}

ContentRoundResult ContentUpdater::run_import(const std::string& folder) {
    FolderContentSource source(folder);
    const ContentRoundResult result = apply(source);
    if (result.snapshot == "accepted" || result.downloaded > 0 || result.switched) {
        std::lock_guard lock(mutex_);
        state_.last_import = iso_utc_seconds(options_.utc_now_ms()) + " " + folder;
        log_info("content imported from " + folder);
    }
    return result;
}

ContentRoundResult ContentUpdater::apply(ContentSource& source) {
    ContentRoundResult result;
    const int64_t now = options_.utc_now_ms();
    std::vector<ContentFailure> failures;
    const auto fail = [&](const std::string& id, const std::string& version,
                          const std::string& reason) {
        if (result.error.empty()) result.error = reason;
        if (failures.size() < kMaxContentFailures)
            failures.push_back({id, version, reason.substr(0, kMaxFailureReasonBytes)});
    };
    const auto publish = [&](const std::string& state_word, int64_t have, int64_t need,
                             int64_t pending, int64_t live_version) {
        std::lock_guard lock(mutex_);
        state_.state = state_word;
        state_.have = have;
        state_.need = need;
        state_.pending_version = pending;
        state_.snapshot_version = live_version;
        state_.failures = failures;
    };

    std::string error;
    std::optional<AcceptedSnapshot> accepted = load_accepted_snapshot(options_.state_dir, error);
    if (!error.empty()) log_warning(error + " (treated as no accepted snapshot)");
    error.clear();
    std::optional<LiveList> live = read_live_list(options_.content_dir, error);
    if (!live) {
        log_warning(error);
        live = LiveList{};
    }

    // 1. The snapshot: verified, then judged against the accepted one.
    bool frozen = false;
    bool absent = false;
    std::optional<SignedSnapshot> fetched = source.snapshot(absent, error);
    if (absent) {
        result.snapshot = "absent";
    } else if (!fetched) {
        result.snapshot = "unreachable";
        fail("", "", error);
    } else if (std::optional<Snapshot> candidate =
                   verify_and_parse_snapshot(*fetched, options_.content_keys, error);
               !candidate) {
        result.snapshot = "refused";
        log_warning("content snapshot from " + source.describe() + " refused: " + error);
        fail("", "", "snapshot: " + error);
    } else {
        const SnapshotVerdict verdict =
            decide_snapshot(accepted ? std::optional(accepted->signed_snapshot) : std::nullopt,
                            accepted ? std::optional(accepted->snapshot) : std::nullopt, *fetched,
                            *candidate, options_.own_kiosk, now);
        result.snapshot = decision_words(verdict.decision);
        if (verdict.decision == SnapshotDecision::Accept) {
            if (!store_accepted_snapshot(options_.state_dir, *fetched, error)) {
                fail("", "", "snapshot: " + error);
                publish("failed", 0, 0, 0, live->snapshot_version);
                return result;
            }
            accepted = AcceptedSnapshot{*fetched, *candidate};
            log_info("content snapshot " + std::to_string(candidate->version) + " accepted from " +
                     source.describe());
            {
                std::lock_guard lock(mutex_);
                accepted_version_ = candidate->version;
            }
            if (step("snapshot stored")) {
                result.stopped = true;
                return result;
            }
        } else if (verdict.decision == SnapshotDecision::Expired) {
            frozen = true;
            log_warning("content snapshot from " + source.describe() + " refused: " +
                        verdict.reason + " (snapshot expired: the last good set stays live)");
        } else if (verdict.decision != SnapshotDecision::Same) {
            log_warning("content snapshot from " + source.describe() +
                        " refused: " + verdict.reason);
            fail("", "", "snapshot: " + verdict.reason);
        }
    }
    if (!accepted) {
        result.ok = result.error.empty();
        publish(frozen                 ? "expired"
                : result.error.empty() ? "none"
                                       : "failed",
                0, 0, 0, live->snapshot_version);
        return result;
    }
    const Snapshot& target = accepted->snapshot;
    const LiveList wanted = live_list_of(target);
    const int64_t pending = same_live_list(*live, wanted) ? 0 : target.version;
    if (frozen || target.expires_utc_ms <= now) {
        // Freeze: the last good set stays; the heartbeat and the overlay say so.
        result.snapshot = "expired";
        publish("expired", 0, int64_t(target.packages.size()), pending, live->snapshot_version);
        return result;
    }

    // 2. What is missing in hub/.
    const std::string hub = hub_folder(options_.content_dir);
    const std::string incoming = incoming_folder(options_.content_dir);
    if (!make_private_folder(hub, error) || !make_private_folder(incoming, error)) {
        fail("", "", "disk: " + error);
        publish("failed", 0, int64_t(target.packages.size()), pending, live->snapshot_version);
        return result;
    }
    std::vector<const SnapshotPackage*> missing;
    for (const SnapshotPackage& package : target.packages) {
        const std::string name = package_file_name(package.id, package.version);
        const std::string path = hub + "/" + name;
        const std::string stamp = file_stamp(path);
        if (stamp.empty()) {
            missing.push_back(&package);
            continue;
        }
        if (verified_[name] == stamp) continue;
        const std::optional<std::string> sha256 = sha256_of_file(path, error);
        if (sha256 && *sha256 == package.sha256) {
            verified_[name] = stamp;
            continue;
        }
        ::unlink(path.c_str()); // not what the snapshot names: fetched again
        verified_.erase(name);
        missing.push_back(&package);
    }

    // 3. Do the missing files fit beside the live ones, leaving the reserve?
    int64_t needed = 0;
    for (const SnapshotPackage* package : missing)
        needed += package->size -
                  std::max<int64_t>(
                      0, std::min(package->size,
                                  regular_file_size(part_path(options_.content_dir, *package))));
    const int64_t usable = options_.free_bytes(options_.content_dir) - options_.reserve_bytes;
    if (needed > 0 && needed > usable) {
        const auto megabytes = [](int64_t bytes) { // rounded up: 1 byte is not "0 MB"
            return std::to_string((std::max<int64_t>(bytes, 0) + (1 << 20) - 1) >> 20);
        };
        const std::string reason =
            "disk: the snapshot needs " + megabytes(needed) + " MB more, but only " +
            megabytes(usable) + " MB are free beyond the " + megabytes(options_.reserve_bytes) +
            " MB the config keeps free (content_reserve_mb); nothing was downloaded";
        for (const SnapshotPackage* package : missing)
            fail(package->id, package->version, reason);
        log_warning("content snapshot " + std::to_string(target.version) +
                    " refused: " + result.error + "; the live set stays");
        publish("failed", int64_t(target.packages.size() - missing.size()),
                int64_t(target.packages.size()), pending, live->snapshot_version);
        return result;
    }

    // 4. Fetch, check and install each missing package.
    const std::string today = options_.local_today();
    size_t still_missing = 0;
    const int64_t need = int64_t(target.packages.size());
    int64_t have = need - int64_t(missing.size());
    if (!missing.empty()) publish("downloading", have, need, pending, live->snapshot_version);
    for (const SnapshotPackage* package : missing) {
        if (stopping()) {
            result.stopped = true;
            return result;
        }
        const std::string name = package_file_name(package->id, package->version);
        Attempt& attempt = attempts_[name];
        if (source.waits_for_backoff() && attempt.next_try_utc_ms > now) {
            ++still_missing;
            fail(package->id, package->version, attempt.reason);
            continue;
        }
        std::string problem;
        std::optional<PartFile> part =
            PartFile::open(part_path(options_.content_dir, *package), problem);
        bool ok = part && source.fill(*package, *part, problem) && part->sync(problem);
        if (ok && step("downloaded " + package->id)) {
            result.stopped = true;
            return result;
        }
        if (ok) {
            problem = check_downloaded_package(part->path(), *package, options_.trust,
                                               options_.limits, today);
            ok = problem.empty();
            if (!ok) ::unlink(part->path().c_str()); // refused bytes are never resumed
        }
        ok = ok && rename_durably(part->path(), hub + "/" + name, problem);
        if (!ok) {
            ++still_missing;
            // A folder (a stick) is tried each time it is seen; it keeps no backoff.
            if (source.waits_for_backoff()) {
                ++attempt.failures;
                attempt.next_try_utc_ms =
                    schedule_.after_failure(now, attempt.failures, random_u64());
                attempt.reason = problem;
            }
            log_warning(name + " from " + source.describe() + ": " + problem);
            fail(package->id, package->version, problem);
            continue;
        }
        attempts_.erase(name);
        verified_[name] = file_stamp(hub + "/" + name);
        ++result.downloaded;
        if (step("installed " + package->id)) {
            result.stopped = true;
            return result;
        }
        publish(failures.empty() ? "downloading" : "failed", ++have, need, pending,
                live->snapshot_version);
    }
    if (still_missing > 0) {
        publish(failures.empty() ? "downloading" : "failed", have, need, pending,
                live->snapshot_version);
        return result;
    }

    // 5. The switch: the whole set at once, then what no list names goes.
    if (pending) {
        if (!write_live_list(options_.content_dir, wanted, error)) {
            fail("", "", "disk: " + error);
            publish("failed", have, have, pending, live->snapshot_version);
            return result;
        }
        result.switched = true;
        log_info("content snapshot " + std::to_string(target.version) + " is live (" +
                 std::to_string(wanted.packages.size()) + " packages)");
        if (options_.live_changed) options_.live_changed();
        if (step("live written")) {
            result.stopped = true;
            return result;
        }
    }
    std::set<std::string> named;
    for (const LivePackage& package : wanted.packages)
        named.insert(package.file);
    std::error_code ignored;
    for (const fs::directory_entry& entry : fs::directory_iterator(hub, ignored))
        if (!named.count(entry.path().filename().string())) {
            fs::remove(entry.path(), ignored);
            verified_.erase(entry.path().filename().string());
        }
    for (const fs::directory_entry& entry : fs::directory_iterator(incoming, ignored))
        fs::remove(entry.path(), ignored);
    if (step("cleaned")) {
        result.stopped = true;
        return result;
    }
    result.ok = result.error.empty();
    publish(result.error.empty() ? "up_to_date" : "failed", have, have, 0, target.version);
    return result;
}

int64_t ContentUpdater::next_hub_round_delay_ms(const ContentRoundResult& result) {
    if (result.snapshot == "unreachable") {
        ++round_failures_;
        return schedule_.after_failure(0, round_failures_, random_u64());
    }
    round_failures_ = 0;
    int64_t delay = schedule_.after_success(0);
    const int64_t now = options_.utc_now_ms();
    for (const auto& [name, attempt] : attempts_)
        delay = std::min(delay, std::max<int64_t>(1000, attempt.next_try_utc_ms - now));
    return delay;
}

void ContentUpdater::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_finished_ = false;
    thread_ = std::thread([this] { run(); });
}

void ContentUpdater::stop() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
    cancel_and_join(transport_.get(), lock, finished_changed_, thread_finished_, thread_);
}

void ContentUpdater::request_round() {
    {
        std::lock_guard lock(mutex_);
        requested_ = true;
    }
    wake_.notify_all();
}

void ContentUpdater::run() {
    // Hashing and verifying packages must never take a core from the frame:
    // this thread runs only when a core would otherwise idle.
    run_this_thread_only_when_idle("content updater");
    using Steady = std::chrono::steady_clock;
    Steady::time_point hub_due = Steady::now(); // a round at start
    Steady::time_point import_due = Steady::now();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const Steady::time_point due =
            options_.import_dirs.empty() ? hub_due : std::min(hub_due, import_due);
        wake_.wait_until(lock, due, [&] { return stopping_ || requested_; });
        if (stopping_) break;
        const bool hub_round = transport_ && (requested_ || Steady::now() >= hub_due);
        requested_ = false;
        lock.unlock();
        if (hub_round) {
            const ContentRoundResult result = run_round();
            hub_due = Steady::now() + std::chrono::milliseconds(next_hub_round_delay_ms(result));
        } else if (!transport_) {
            hub_due = Steady::time_point::max();
        }
        if (Steady::now() >= import_due) {
            for (const std::string& folder : options_.import_dirs)
                if (::access(folder.c_str(), F_OK) == 0) run_import(folder);
            import_due = Steady::now() + std::chrono::milliseconds(options_.import_every_ms);
        }
        lock.lock();
    }
    thread_finished_ = true;
    finished_changed_.notify_all();
}

} // namespace kiosk::sync
