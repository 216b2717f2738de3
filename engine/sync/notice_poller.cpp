// NoticePoller: the poll (If-None-Match, 304), the import folders, offering a
// feed to the board with every refusal logged, the board saved to kiosk.db,
// and the thread that schedules it all.
#include "notice_poller.h"

#include "content_sources.h"
#include "core/civil_time.h"
#include "core/log.h"
#include "kiosk_notice_store.h"
#include "sync_client.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>

namespace kiosk::sync {
namespace {

int64_t system_utc_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string etag_of(int64_t version) {
    return "\"" + std::to_string(version) + "\"";
}

} // namespace

NoticePoller::NoticePoller(NoticePollerOptions options, std::unique_ptr<SyncTransport> transport)
    : options_(std::move(options)), transport_(std::move(transport)),
      board_(options_.own_venue, options_.notice_keys) {
    if (!options_.utc_now_ms) options_.utc_now_ms = system_utc_ms;
    if (!options_.monotonic_now_ms) options_.monotonic_now_ms = steady_ms;
    std::string error;
    store_ = KioskNoticeStore::open(options_.kiosk_db, error);
    std::vector<std::string> problems;
    if (!store_ || !store_->load(board_, problems, error)) {
        problem_ = error;
        log_error("emergency notices are kept in memory only: " + problem_);
        store_.reset();
    }
    for (const std::string& dropped : problems)
        log_warning("emergency notice not restored from " + options_.kiosk_db + ": " + dropped);
    if (!board_.notices().empty())
        log_info(std::to_string(board_.notices().size()) + " emergency notice(s) restored from " +
                 options_.kiosk_db);
}

NoticePoller::~NoticePoller() {
    stop();
}

void NoticePoller::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_finished_ = false;
    thread_ = std::thread([this] { run(); });
}

void NoticePoller::stop() {
    {
        std::unique_lock lock(mutex_);
        stopping_ = true;
        wake_.notify_all();
        cancel_and_join(transport_.get(), lock, finished_changed_, thread_finished_, thread_);
    }
    std::string error;
    if (!save(error)) log_error(error);
}

void NoticePoller::request_poll() {
    {
        std::lock_guard lock(mutex_);
        requested_ = true;
    }
    wake_.notify_all();
}

void NoticePoller::on_notices_version(int64_t version) {
    if (version != feed_version()) request_poll();
}

std::vector<BoardNotice> NoticePoller::showing() const {
    std::lock_guard lock(mutex_);
    std::vector<BoardNotice> out;
    for (const BoardNotice* notice : board_.showing(utc_now(), mono_now()))
        out.push_back(*notice);
    return out;
}

void NoticePoller::mark_shown(const std::string& identifier) {
    std::lock_guard lock(mutex_);
    for (const BoardNotice& held : board_.notices())
        if (held.notice.identifier == identifier && held.first_shown_utc_ms != 0) return;
    board_.mark_shown(identifier, utc_now());
    dirty_ = true;
    wake_.notify_all();
}

void NoticePoller::count_viewer(const std::string& identifier) {
    std::lock_guard lock(mutex_);
    board_.count_viewer(identifier);
    dirty_ = true;
    wake_.notify_all();
}

void NoticePoller::count_opened(const std::string& identifier) {
    std::lock_guard lock(mutex_);
    board_.count_opened(identifier);
    dirty_ = true;
    wake_.notify_all();
}

int64_t NoticePoller::generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
}

std::vector<NoticeReceipt> NoticePoller::receipts() const {
    std::lock_guard lock(mutex_);
    return board_.receipts(utc_now(), mono_now());
}

std::vector<BoardNotice> NoticePoller::held() const {
    std::lock_guard lock(mutex_);
    return board_.notices();
}

std::vector<NoticeRefusal> NoticePoller::refusals() const {
    std::lock_guard lock(mutex_);
    return {refusals_.begin(), refusals_.end()};
}

int64_t NoticePoller::feed_version() const {
    std::lock_guard lock(mutex_);
    return feed_version_;
}

void NoticePoller::refuse(const std::string& source, const NoticeOfferResult& result) {
    const NoticeRefusal refusal{iso_utc_seconds(utc_now()), source, result.identifier,
                                to_string(result.offer), result.reason};
    log_warning("emergency notice refused (" + refusal.offer + ") from " + source + ": " +
                (refusal.identifier.empty() ? std::string("(no identifier)") : refusal.identifier) +
                ": " + refusal.reason);
    refusals_.push_front(refusal);
    if (refusals_.size() > kMaxRefusalsKept) refusals_.pop_back();
}

NoticePollResult NoticePoller::offer_feed(const NoticeFeed& feed, const std::string& source) {
    NoticePollResult result;
    result.version = feed.version;
    std::lock_guard lock(mutex_);
    for (const SignedDocument& signed_notice : feed.notices) {
        const NoticeOfferResult offered = board_.offer(signed_notice, utc_now(), mono_now());
        if (offered.accepted()) {
            ++result.accepted;
            log_info("emergency notice " + offered.identifier + " " + to_string(offered.offer) +
                     " from " + source);
        } else if (offered.offer != NoticeOffer::Known) {
            ++result.refused;
            refuse(source, offered);
        }
    }
    if (result.accepted) {
        ++generation_;
        dirty_ = true;
    }
    result.outcome = result.accepted ? "changed" : result.refused ? "refused" : "same";
    return result;
}

NoticePollResult NoticePoller::poll_once() {
    NoticePollResult result;
    if (!transport_) {
        result.outcome = "unreachable";
        result.error = "no hub to poll";
        return result;
    }
    const int64_t known = feed_version();
    std::string body;
    const GetSink sink{nullptr, [&](const char* data, size_t size) {
                           body.append(data, size);
                           return true;
                       }};
    RequestHeaders headers;
    if (known > 0) headers.emplace_back("If-None-Match", etag_of(known));
    const GetAnswer answer = transport_->get(kNoticesPath, 0, kMaxFeedBytes, sink, headers);
    if (answer.not_modified()) {
        result.outcome = "not_modified";
        result.version = known;
        return result;
    }
    if (answer.status == 404) {
        result.outcome = "absent"; // a hub without a notice key
        return result;
    }
    if (!answer.complete || answer.status != 200) {
        result.outcome = "unreachable";
        result.error = "notices from " + transport_->describe() + ": " + answer.error;
        return result;
    }
    std::string error;
    std::optional<NoticeFeed> feed = parse_notice_feed(body, error);
    if (!feed) {
        result.outcome = "refused";
        result.error = "notices from " + transport_->describe() + ": " + error;
        log_warning("emergency notice feed refused: " + result.error);
        return result;
    }
    result = offer_feed(*feed, "hub");
    std::lock_guard lock(mutex_);
    feed_version_ = feed->version;
    return result;
}

NoticePollResult NoticePoller::import_folder(const std::string& folder) {
    NoticePollResult result;
    bool absent = false;
    std::string error, stamp;
    std::optional<std::string> body =
        read_import_file(folder, kNoticesExportName, kMaxFeedBytes, absent, error, &stamp);
    if (!body) {
        import_stamps_.erase(folder);
        result.outcome = absent ? "absent" : "refused";
        result.error = absent ? "" : error;
        if (!absent) log_warning("emergency notices not imported: " + error);
        return result;
    }
    if (import_stamps_[folder] == stamp) {
        result.outcome = "same";
        return result;
    }
    import_stamps_[folder] = stamp;
    std::optional<NoticeFeed> feed = parse_notice_feed(*body, error);
    if (!feed) {
        result.outcome = "refused";
        result.error = folder + "/" + kNoticesExportName + ": " + error;
        log_warning("emergency notices not imported: " + result.error);
        return result;
    }
    return offer_feed(*feed, folder);
}

void NoticePoller::expire_now() {
    std::lock_guard lock(mutex_);
    const std::vector<std::string> gone = board_.expire(utc_now(), mono_now());
    for (const std::string& identifier : gone)
        log_info("emergency notice " + identifier + " expired");
    if (!gone.empty()) {
        ++generation_;
        dirty_ = true;
    }
}

bool NoticePoller::save(std::string& error) {
    NoticeBoard copy("", {});
    {
        std::lock_guard lock(mutex_);
        if (!dirty_ || !store_) return true;
        copy = board_;
        dirty_ = false;
    }
    if (store_->save(copy, error)) return true;
    std::lock_guard lock(mutex_);
    dirty_ = true; // tried again at the next change or stop
    return false;
}

void NoticePoller::run() {
    using Steady = std::chrono::steady_clock;
    Steady::time_point poll_due = Steady::now(); // a poll at start
    Steady::time_point import_due = Steady::now();
    bool save_failing = false; // then a save is tried again when something else is due
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        Steady::time_point due = transport_ ? poll_due : Steady::now() + std::chrono::hours(1);
        if (!options_.import_dirs.empty()) due = std::min(due, import_due);
        // Expiry is judged at least once a second while a notice is held.
        if (!board_.notices().empty()) due = std::min(due, Steady::now() + std::chrono::seconds(1));
        wake_.wait_until(lock, due,
                         [&] { return stopping_ || requested_ || (dirty_ && !save_failing); });
        if (stopping_) break;
        const bool requested = requested_;
        const bool poll = transport_ && (requested || Steady::now() >= poll_due);
        requested_ = false;
        lock.unlock();
        if (poll) {
            const NoticePollResult result = poll_once();
            if (result.outcome == "unreachable") log_warning("emergency notices: " + result.error);
            poll_due = Steady::now() + std::chrono::milliseconds(options_.poll_interval_ms);
        }
        if (requested || Steady::now() >= import_due) {
            for (const std::string& folder : options_.import_dirs)
                if (::access(folder.c_str(), F_OK) == 0) import_folder(folder);
            import_due = Steady::now() + std::chrono::milliseconds(options_.import_every_ms);
        }
        expire_now();
        std::string error;
        save_failing = !save(error);
        if (save_failing) log_error(error);
        lock.lock();
    }
    thread_finished_ = true;
    finished_changed_.notify_all();
}

} // namespace kiosk::sync
