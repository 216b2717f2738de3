// A faulty network between a kiosk and its hub, for the fault tests: an
// httplib server on 127.0.0.1 that takes each POST /api/v1/sync and, as the
// test scripts it, passes it on to a real kiosk-hub, holds it (a hub that
// answers late: the request waits until the test opens the gate, however
// long that is, so no test sleeps 30 s), or answers 500 or a body that is not
// JSON, before or after the hub has stored the batch. Every request is
// recorded with what was done to it and what the hub said. GETs of
// /api/v1/content/... (the snapshot, package files) pass on to the hub too;
// package files can be cut in the middle (the connection closes after half of
// what was asked for) or served with one byte flipped, as the test scripts
// them, or held in the middle (half sent, the rest waits for the test, so a
// kiosk can be killed mid-download at a moment the test knows), and each file
// request is recorded with the Range it asked for. The hub's snapshot answers
// are recorded, and the test can serve its own envelope instead (a replayed,
// rolled-back or expired snapshot).
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::test {

enum class ProxyAction {
    Forward,              // to the hub; its answer goes back
    Hold,                 // wait for the gate, then forward
    ForwardThenHold,      // the hub stores it; the answer waits for the gate
    Answer500,            // the hub never sees it
    AnswerMalformed,      // 200 with a body that is not JSON; the hub never sees it
    ForwardThen500,       // the hub stores it; the kiosk gets a 500
    ForwardThenMalformed, // the hub stores it; the kiosk gets a 200 that is not JSON
};

enum class FileFault {
    None,        // the hub's bytes
    CutHalfway,  // half of the asked-for bytes, then the connection closes
    FlipByte,    // the whole answer with one byte in the middle of the file changed
    HoldHalfway, // half of the asked-for bytes, then the rest waits for release_files()
};

struct ProxiedFileRequest {
    std::string path;  // /api/v1/content/files/...
    std::string range; // the Range header as sent, "" without one
    FileFault fault = FileFault::None;
    int hub_status = 0; // what the hub answered for the whole file
};

struct ProxiedRequest {
    ProxyAction action = ProxyAction::Forward;
    int64_t through_seq = -1; // from the body; -1 when it did not parse
    size_t buckets = 0;
    int hub_status = 0;    // 0: not forwarded (or the hub did not answer)
    int answer_status = 0; // what went back; 0 until answered
};

class HubProxy {
public:
    // `hub_port`: the kiosk-hub to forward to.
    explicit HubProxy(int hub_port);
    ~HubProxy();
    HubProxy(const HubProxy&) = delete;
    HubProxy& operator=(const HubProxy&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // What to do with requests: `next` for the next ones in order, then `otherwise`.
    void script(std::vector<ProxyAction> next, ProxyAction otherwise);
    // Held requests go on (and later ones pass the gate at once) / wait again.
    void open_gate();
    void close_gate();
    // Held requests are answered 503 without reaching the hub (a hub that
    // never processed them), e.g. after the kiosk that sent them was killed.
    void drop_held();

    // What to do with the next package file requests, in order; later ones pass.
    void script_files(std::vector<FileFault> next);
    std::vector<ProxiedFileRequest> file_requests() const;
    // HoldHalfway answers sending their first half now (and have not been released).
    int files_held() const;
    // Every held answer goes on (sending the rest, or ending when the kiosk is gone).
    void release_files();

    // The hub's snapshot answers (the envelope bodies), in order.
    std::vector<std::string> hub_snapshots() const;
    // From now on GET /api/v1/content/snapshot answers 200 with `envelope`
    // instead of the hub's answer (still asked, and recorded); "" = the hub's again.
    void serve_snapshot(const std::string& envelope);

    // Requests waiting at the gate now.
    int held() const;
    std::vector<ProxiedRequest> requests() const;
    // Waits until `done(requests, held)` is true; false after `timeout_ms`.
    bool wait_until(const std::function<bool(const std::vector<ProxiedRequest>&, int)>& done,
                    int timeout_ms) const;

private:
    void handle(const httplib::Request& request, httplib::Response& response);
    bool wait_at_gate(std::unique_lock<std::mutex>& lock);
    void forward(const httplib::Request& request, ProxiedRequest& record, int& status,
                 std::string& body);
    void handle_content(const httplib::Request& request, httplib::Response& response);

    int hub_port_;
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::deque<ProxyAction> script_;
    ProxyAction otherwise_ = ProxyAction::Forward;
    bool gate_open_ = false;
    int64_t drops_ = 0; // drop_held() calls; a held request compares
    bool closing_ = false;
    int held_ = 0;
    std::vector<ProxiedRequest> requests_;
    std::deque<FileFault> file_script_;
    std::vector<ProxiedFileRequest> file_requests_;
    int files_held_ = 0;
    int64_t file_releases_ = 0; // release_files() calls; a held answer compares
    std::vector<std::string> hub_snapshots_;
    std::string served_snapshot_;
};

} // namespace kiosk::test
