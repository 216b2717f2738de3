// HubProxy: the scripted actions, the gate held requests wait at, the faults
// of package downloads, and the record of every request (see hub_proxy.h).
#include "hub_proxy.h"

#include "sync/sync_protocol.h"

#include <catch2/catch.hpp>

#include <chrono>

namespace kiosk::test {

HubProxy::HubProxy(int hub_port) : hub_port_(hub_port) {
    server_.Post("/api/v1/sync",
                 [this](const httplib::Request& request, httplib::Response& response) {
                     handle(request, response);
                 });
    server_.Get(R"(/api/v1/content/.*)",
                [this](const httplib::Request& request, httplib::Response& response) {
                    handle_content(request, response);
                });
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) // stop() before the accept loop runs would be missed
        std::this_thread::yield();
}

HubProxy::~HubProxy() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    server_.stop();
    thread_.join();
}

void HubProxy::script(std::vector<ProxyAction> next, ProxyAction otherwise) {
    std::lock_guard lock(mutex_);
    script_.assign(next.begin(), next.end());
    otherwise_ = otherwise;
}

void HubProxy::open_gate() {
    {
        std::lock_guard lock(mutex_);
        gate_open_ = true;
    }
    changed_.notify_all();
}

void HubProxy::close_gate() {
    std::lock_guard lock(mutex_);
    gate_open_ = false;
}

void HubProxy::drop_held() {
    {
        std::lock_guard lock(mutex_);
        ++drops_;
    }
    changed_.notify_all();
}

void HubProxy::script_files(std::vector<FileFault> next) {
    std::lock_guard lock(mutex_);
    file_script_.assign(next.begin(), next.end());
}

std::vector<ProxiedFileRequest> HubProxy::file_requests() const {
    std::lock_guard lock(mutex_);
    return file_requests_;
}

int HubProxy::files_held() const {
    std::lock_guard lock(mutex_);
    return files_held_;
}

void HubProxy::release_files() {
    {
        std::lock_guard lock(mutex_);
        ++file_releases_;
    }
    changed_.notify_all();
}

std::vector<std::string> HubProxy::hub_snapshots() const {
    std::lock_guard lock(mutex_);
    return hub_snapshots_;
}

void HubProxy::serve_snapshot(const std::string& envelope) {
    std::lock_guard lock(mutex_);
    served_snapshot_ = envelope;
}

int HubProxy::held() const {
    std::lock_guard lock(mutex_);
    return held_;
}

std::vector<ProxiedRequest> HubProxy::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

bool HubProxy::wait_until(const std::function<bool(const std::vector<ProxiedRequest>&, int)>& done,
                          int timeout_ms) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                             [&] { return done(requests_, held_); });
}

// True when the gate let the request through; false when it was dropped or
// the proxy is closing.
bool HubProxy::wait_at_gate(std::unique_lock<std::mutex>& lock) {
    const int64_t drops = drops_;
    ++held_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return gate_open_ || closing_ || drops_ != drops; });
    --held_;
    changed_.notify_all();
    return gate_open_ && !closing_ && drops_ == drops;
}

void HubProxy::forward(const httplib::Request& request, ProxiedRequest& record, int& status,
                       std::string& body) {
    httplib::Client hub("127.0.0.1", hub_port_);
    hub.set_read_timeout(60, 0);
    httplib::Headers headers{{"Authorization", request.get_header_value("Authorization")}};
    httplib::Result result = hub.Post("/api/v1/sync", headers, request.body, "application/json");
    record.hub_status = result ? result->status : 0;
    status = result ? result->status : 502;
    body = result ? result->body : "{\"error\":\"the proxy cannot reach the hub\"}";
}

void HubProxy::handle(const httplib::Request& request, httplib::Response& response) {
    ProxiedRequest record;
    std::string error;
    if (std::optional<sync::SyncBatch> batch = sync::parse_sync_batch(request.body, error)) {
        record.through_seq = batch->through_seq;
        record.buckets = batch->buckets.size();
    }
    size_t index = 0;
    {
        std::lock_guard lock(mutex_);
        if (script_.empty()) {
            record.action = otherwise_;
        } else {
            record.action = script_.front();
            script_.pop_front();
        }
        index = requests_.size();
        requests_.push_back(record);
    }
    changed_.notify_all();

    const ProxyAction action = record.action;
    int status = 0;
    std::string body;
    bool answer = true;
    if (action == ProxyAction::Hold) {
        std::unique_lock lock(mutex_);
        answer = wait_at_gate(lock);
    }
    if (!answer) {
        status = 503;
        body = "{\"error\":\"dropped by the test's proxy\"}";
    } else if (action == ProxyAction::Answer500) {
        status = 500;
        body = "{\"error\":\"internal error (the test's proxy)\"}";
    } else if (action == ProxyAction::AnswerMalformed) {
        status = 200;
        body = "<html><body>captive portal</body></html>";
    } else {
        forward(request, record, status, body);
        if (action == ProxyAction::ForwardThenHold) {
            {
                std::lock_guard lock(mutex_);
                requests_[index].hub_status = record.hub_status;
            }
            std::unique_lock lock(mutex_);
            wait_at_gate(lock);
        } else if (action == ProxyAction::ForwardThen500) {
            status = 500;
            body = "{\"error\":\"internal error after storing (the test's proxy)\"}";
        } else if (action == ProxyAction::ForwardThenMalformed) {
            status = 200;
            body = "{\"acknowledged_through_seq\": ";
        }
    }
    response.status = status;
    response.set_content(body, "application/json");
    {
        std::lock_guard lock(mutex_);
        requests_[index].hub_status = record.hub_status;
        requests_[index].answer_status = status;
    }
    changed_.notify_all();
}

} // namespace kiosk::test

namespace kiosk::test {

// The hub is asked for the whole file; httplib applies the kiosk's Range to
// what goes back (to the body, or to the offsets the content provider gets).
void HubProxy::handle_content(const httplib::Request& request, httplib::Response& response) {
    httplib::Client hub("127.0.0.1", hub_port_);
    hub.set_read_timeout(60, 0);
    httplib::Headers headers{{"Authorization", request.get_header_value("Authorization")}};
    httplib::Result result = hub.Get(request.path.c_str(), headers);
    const bool file = request.path.rfind("/api/v1/content/files/", 0) == 0;
    ProxiedFileRequest record{request.path, request.get_header_value("Range")};
    record.hub_status = result ? result->status : 0;
    if (!file && request.path == "/api/v1/content/snapshot" && result && result->status == 200) {
        std::lock_guard lock(mutex_);
        hub_snapshots_.push_back(result->body);
        if (!served_snapshot_.empty()) {
            response.status = 200;
            response.set_content(served_snapshot_, "application/json");
            return;
        }
    }
    if (file) {
        std::lock_guard lock(mutex_);
        if (!file_script_.empty() && result && result->status == 200) {
            record.fault = file_script_.front();
            file_script_.pop_front();
        }
        file_requests_.push_back(record);
    }
    changed_.notify_all();
    if (!result) {
        response.status = 502;
        response.set_content("{\"error\":\"the proxy cannot reach the hub\"}", "application/json");
        return;
    }
    const std::string type = result->get_header_value("Content-Type");
    // httplib 0.11 does not clamp an open end ("bytes=N-") to the body (as
    // the hub's settle_range does): the one range is made exact here.
    auto& ranges = const_cast<httplib::Request&>(request).ranges;
    if (file && ranges.size() == 1 && ranges[0].first >= 0 &&
        (ranges[0].second < 0 || size_t(ranges[0].second) >= result->body.size()))
        ranges[0].second = ssize_t(result->body.size()) - 1;
    if (!file || result->status != 200 || record.fault == FileFault::None) {
        // A file's 200 is left to httplib: 206 when it applies a Range.
        if (!file || result->status != 200) response.status = result->status;
        response.set_content(result->body, type.c_str());
        return;
    }
    auto body = std::make_shared<std::string>(std::move(result->body));
    if (record.fault == FileFault::FlipByte) {
        (*body)[body->size() / 2] ^= 0x5a;
        response.set_content(*body, type.c_str());
        return;
    }
    const size_t first =
        request.ranges.empty() || request.ranges[0].first < 0 ? 0 : size_t(request.ranges[0].first);
    const size_t cut_at = first + (body->size() - std::min(first, body->size())) / 2;
    if (record.fault == FileFault::CutHalfway) {
        response.set_content_provider(
            body->size(), type.c_str(),
            [body, cut_at](size_t offset, size_t length, httplib::DataSink& sink) {
                if (offset >= cut_at) return false; // the connection closes here
                return sink.write(body->data() + offset, std::min(length, cut_at - offset));
            });
        return;
    }
    // HoldHalfway: the first half, then wait for release_files() (or the end).
    response.set_content_provider(
        body->size(), type.c_str(),
        [this, body, cut_at, held = false](size_t offset, size_t length,
                                           httplib::DataSink& sink) mutable {
            if (offset >= cut_at && !held) {
                held = true;
                std::unique_lock lock(mutex_);
                const int64_t releases = file_releases_;
                ++files_held_;
                changed_.notify_all();
                changed_.wait(lock, [&] { return closing_ || file_releases_ != releases; });
                --files_held_;
                if (closing_) return false;
            }
            const size_t end = offset < cut_at ? cut_at : body->size();
            return sink.write(body->data() + offset, std::min(length, end - offset));
        });
}

} // namespace kiosk::test
