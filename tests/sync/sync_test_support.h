// Test helpers for engine/sync: a kiosk.db made by the real EventStore (so
// its schema, epoch and changed_seq are the kiosk's own), commits of chosen
// rollup changes, and a scripted hub that checks each batch as the real hub
// would and acknowledges it. For the real transport: a hub served by
// cpp-httplib in the test's own process (plain HTTP or TLS) that records
// every request reaching it, and a sync client wired to it.
#pragma once

#include "core/temp_folder.h"
#include "sync/sync_client.h"
#include "sync/sync_protocol.h"
#include "sync/sync_transport.h"
#include "telemetry/event_store.h"
#include "telemetry/telemetry_test_support.h"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::test {

constexpr int64_t kSyncNow = 1795829400000; // 2026-11-28T01:30:00Z

// A kiosk.db in a temporary folder with its EventStore open.
struct KioskDb {
    TempFolder folder;
    telemetry::ManualClock clock{kSyncNow, 480};
    std::unique_ptr<telemetry::EventStore> store;
    std::string path = folder.file("kiosk.db");

    KioskDb() {
        telemetry::EventStoreOptions options{path, "0.4.0", &clock};
        options.prune_only_synced = true;
        std::string error;
        store = telemetry::EventStore::open(options, error);
        REQUIRE(store);
    }

    // One committed event changing `counts` (each "kind/subject/metric"):
    // every bucket it touches gets this event's seq as changed_seq. Returns it.
    int64_t commit(const std::vector<std::string>& counts, const std::string& day = "2026-11-28",
                   int64_t amount = 1) {
        telemetry::EventRecord event;
        event.time = clock.now();
        event.day = day;
        event.kind = "test";
        for (const std::string& count : counts) {
            const size_t a = count.find('/'), b = count.rfind('/');
            event.counts.push_back(
                {count.substr(0, a), count.substr(a + 1, b - a - 1), count.substr(b + 1), amount});
        }
        const int64_t seq = store->record(event);
        REQUIRE(store->flush());
        return seq;
    }
};

// A hub in a test: parses every body as the hub does, remembers the batches,
// and answers 200 acknowledging through_seq unless `answer` says otherwise.
struct ScriptedHub : sync::SyncTransport {
    std::vector<sync::SyncBatch> batches;
    std::vector<std::string> parse_errors;
    // Called before answering; returning an answer with status != 0 replaces the 200.
    std::function<sync::HttpAnswer(const sync::SyncBatch&)> answer;

    sync::HttpAnswer post_sync(const std::string& json) override {
        std::string error;
        std::optional<sync::SyncBatch> batch = sync::parse_sync_batch(json, error);
        if (!batch) {
            parse_errors.push_back(error);
            return {400, "{\"error\":\"" + error + "\"}", ""};
        }
        if (answer) {
            sync::HttpAnswer scripted = answer(*batch);
            if (scripted.status != 0 || !scripted.error.empty()) {
                batches.push_back(*batch);
                return scripted;
            }
        }
        batches.push_back(*batch);
        sync::SyncAnswer ack;
        ack.acknowledged_through_seq = batch->through_seq;
        ack.stored = int64_t(batch->buckets.size());
        ack.server_utc_ms = kSyncNow;
        ack.clock_skew_ms = batch->heartbeat.clock_utc_ms - kSyncNow;
        return {200, sync::to_json(ack), ""};
    }
    std::string describe() const override { return "scripted hub"; }
};

// A hub on 127.0.0.1 in this process (port chosen by the system), over plain
// HTTP (httplib::Server) or TLS (httplib::SSLServer, which holds the
// certificate). Every request that reaches it is recorded before anything
// else; then the token and the body are checked as the hub does and
// through_seq is acknowledged (401 for another token, 400 for a bad body).
class InProcessHub {
public:
    struct SeenRequest {
        std::string method, path;
        std::string authorization; // the Authorization header, "" when absent
    };

    InProcessHub(std::unique_ptr<httplib::Server> server, std::string token)
        : server_(std::move(server)), token_(std::move(token)) {
        REQUIRE(server_->is_valid());
        server_->set_pre_routing_handler(
            [this](const httplib::Request& request, httplib::Response&) {
                std::lock_guard lock(mutex_);
                requests_.push_back(
                    {request.method, request.path, request.get_header_value("Authorization")});
                return httplib::Server::HandlerResponse::Unhandled;
            });
        server_->Post("/api/v1/sync",
                      [this](const httplib::Request& request, httplib::Response& response) {
                          answer(request, response);
                      });
        port_ = server_->bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        // Bound and listening already: a request waits in the backlog until the
        // thread accepts it.
        thread_ = std::thread([this] { server_->listen_after_bind(); });
        // stop() before the accept loop runs would be missed: wait for it (no timing).
        while (!server_->is_running())
            std::this_thread::yield();
    }
    ~InProcessHub() {
        server_->stop();
        thread_.join();
    }
    InProcessHub(const InProcessHub&) = delete;
    InProcessHub& operator=(const InProcessHub&) = delete;

    int port() const { return port_; }
    // "http://127.0.0.1:PORT" or "https://HOST:PORT" (host as the client is told).
    std::string url(const std::string& scheme, const std::string& host = "127.0.0.1") const {
        return scheme + "://" + host + ":" + std::to_string(port_);
    }
    std::vector<SeenRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::vector<size_t> bucket_counts() const {
        std::lock_guard lock(mutex_);
        return bucket_counts_;
    }

private:
    void answer(const httplib::Request& request, httplib::Response& response) {
        std::lock_guard lock(mutex_);
        if (request.get_header_value("Authorization") != "Bearer " + token_) {
            response.status = 401;
            response.set_content("{\"error\":\"unknown kiosk token\"}", "application/json");
            return;
        }
        std::string error;
        std::optional<sync::SyncBatch> batch = sync::parse_sync_batch(request.body, error);
        if (!batch || request.get_header_value("Content-Type") != "application/json") {
            response.status = 400;
            response.set_content("{\"error\":\"bad batch\"}", "application/json");
            return;
        }
        bucket_counts_.push_back(batch->buckets.size());
        sync::SyncAnswer ack;
        ack.acknowledged_through_seq = batch->through_seq;
        ack.stored = int64_t(batch->buckets.size());
        response.set_content(sync::to_json(ack), "application/json");
    }

    std::unique_ptr<httplib::Server> server_;
    std::string token_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<SeenRequest> requests_; // every request, in arrival order
    std::vector<size_t> bucket_counts_; // per batch acknowledged
};

// A sync client for `kiosk` over the real HTTP transport made from `options`
// (batches of at most `max_buckets`); acknowledgements go to the kiosk's store.
inline std::unique_ptr<sync::SyncClient> http_sync_client(KioskDb& kiosk,
                                                          const sync::HttpTransportOptions& options,
                                                          size_t max_buckets = 2) {
    std::string error;
    std::unique_ptr<sync::SyncTransport> transport = sync::make_http_transport(options, error);
    INFO(error);
    REQUIRE(transport);
    sync::SyncClientOptions client_options;
    client_options.kiosk_db = kiosk.path;
    client_options.max_buckets = max_buckets;
    client_options.acknowledge = [&kiosk](int64_t seq) { kiosk.store->acknowledge_synced(seq); };
    return std::make_unique<sync::SyncClient>(std::move(client_options), std::move(transport));
}

// synced_seq as stored in the kiosk.db at `path` (what survives a restart);
// 0 before the first acknowledgement.
inline int64_t synced_seq_in_db(const std::string& path) {
    const std::string value = Db(path).text("SELECT value FROM meta WHERE key = 'synced_seq'");
    return value == "<no row>" ? 0 : std::stoll(value);
}

} // namespace kiosk::test
