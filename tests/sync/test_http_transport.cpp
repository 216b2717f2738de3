// The real transport end to end: a tiny hub made of cpp-httplib in this
// process on 127.0.0.1 (port chosen by the system) that checks the token and
// the body as the hub does and acknowledges through_seq. The kiosk's synced_seq
// advances, a second round sends nothing new, a wrong token is a clear
// failure, and hub URLs are taken apart or refused.
#include "sync/sync_client.h"
#include "sync_test_support.h"
#include "telemetry/telemetry_test_support.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <thread>

using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test::KioskDb;

namespace {

constexpr const char* kToken = "K-17.s3cret";

class TinyHub {
public:
    TinyHub() {
        server_.Post(
            "/api/v1/sync", [this](const httplib::Request& request, httplib::Response& response) {
                std::lock_guard lock(mutex_);
                if (request.get_header_value("Authorization") != std::string("Bearer ") + kToken) {
                    response.status = 401;
                    response.set_content("{\"error\":\"unknown kiosk token\"}", "application/json");
                    return;
                }
                std::string error;
                std::optional<SyncBatch> batch = parse_sync_batch(request.body, error);
                if (!batch || request.get_header_value("Content-Type") != "application/json") {
                    response.status = 400;
                    response.set_content("{\"error\":\"bad batch\"}", "application/json");
                    return;
                }
                bucket_counts_.push_back(batch->buckets.size());
                SyncAnswer answer;
                answer.acknowledged_through_seq = batch->through_seq;
                answer.stored = int64_t(batch->buckets.size());
                response.set_content(to_json(answer), "application/json");
            });
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        // Bound and listening already: a request waits in the backlog until the
        // thread accepts it.
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() before the accept loop runs would be missed: wait for it (no timing).
        while (!server_.is_running())
            std::this_thread::yield();
    }
    ~TinyHub() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::vector<size_t> bucket_counts() const {
        std::lock_guard lock(mutex_);
        return bucket_counts_;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<size_t> bucket_counts_; // per batch received
};

std::unique_ptr<SyncClient> make_client(KioskDb& kiosk, const std::string& url,
                                        const std::string& token) {
    HttpTransportOptions transport_options;
    transport_options.hub_url = url;
    transport_options.token = token;
    std::string error;
    std::unique_ptr<SyncTransport> transport = make_http_transport(transport_options, error);
    REQUIRE(transport);
    SyncClientOptions options;
    options.kiosk_db = kiosk.path;
    options.max_buckets = 2;
    options.acknowledge = [&kiosk](int64_t seq) { kiosk.store->acknowledge_synced(seq); };
    return std::make_unique<SyncClient>(std::move(options), std::move(transport));
}

// A port nothing listens on: bound by the system, then closed again.
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

int64_t stored_synced_seq(const KioskDb& kiosk) {
    return std::stoll(test::Db(kiosk.path).text("SELECT value FROM meta WHERE key = 'synced_seq'"));
}

} // namespace

TEST_CASE("over real HTTP the hub's acknowledgements advance synced_seq; a second round sends "
          "nothing new",
          "[sync]") {
    TinyHub hub;
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits", "exhibit/b/visits"});
    kiosk.commit({"exhibit/c/visits"});
    const int64_t last = kiosk.commit({"quiz/water-cycle/visits"});
    std::unique_ptr<SyncClient> client = make_client(kiosk, hub.url(), kToken);

    RoundResult round = client->run_round();
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(hub.bucket_counts() == std::vector<size_t>{2, 2});
    CHECK(stored_synced_seq(kiosk) == last);

    round = client->run_round();
    REQUIRE(round.ok);
    CHECK(hub.bucket_counts() == std::vector<size_t>{2, 2, 0}); // the heartbeat alone
    CHECK(stored_synced_seq(kiosk) == last);

    SECTION("and the same through the background thread") {
        const int64_t later = kiosk.commit({"exhibit/a/visits"});
        client->start();
        REQUIRE(client->wait_for_rounds(3, 20000));
        client->stop();
        CHECK(client->status().last_ok);
        CHECK(stored_synced_seq(kiosk) == later);
    }
}

TEST_CASE("over real HTTP a wrong token or no hub at all fails the round clearly", "[sync]") {
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits"});
    SECTION("wrong token") {
        TinyHub hub;
        std::unique_ptr<SyncClient> client = make_client(kiosk, hub.url(), "K-17.wrong");
        const RoundResult round = client->run_round();
        CHECK_FALSE(round.ok);
        CHECK(round.error ==
              "the hub answered 401 (it does not accept this kiosk's token): unknown kiosk token");
        CHECK(hub.bucket_counts().empty());
    }
    SECTION("nothing listening") {
        const std::string url = "http://127.0.0.1:" + std::to_string(free_port());
        std::unique_ptr<SyncClient> client = make_client(kiosk, url, kToken);
        const RoundResult round = client->run_round();
        CHECK_FALSE(round.ok);
        CHECK(round.error.starts_with("cannot reach " + url + ": "));
    }
    CHECK(stored_synced_seq(kiosk) == 0);
}

TEST_CASE("hub URLs are taken apart, or refused with the reason", "[sync]") {
    std::string error;
    std::optional<HubUrl> url = parse_hub_url("https://hub.example:8443", error);
    REQUIRE(url);
    CHECK(url->tls);
    CHECK(url->host == "hub.example");
    CHECK(url->port == 8443);
    CHECK(url->path_prefix.empty());
    url = parse_hub_url("http://10.0.0.5/kiosk-hub/", error);
    REQUIRE(url);
    CHECK_FALSE(url->tls);
    CHECK(url->port == 80);
    CHECK(url->path_prefix == "/kiosk-hub");
    CHECK(url->scheme_host_port() == "http://10.0.0.5:80");
    url = parse_hub_url("https://[::1]:9000", error);
    REQUIRE(url);
    CHECK(url->host == "::1");
    CHECK(url->scheme_host_port() == "https://[::1]:9000");
    for (const char* bad : {"ftp://hub", "hub.example:8443", "https://", "https://hub:0",
                            "https://hub:99999", "https://user@hub", "https://hub/?x=1"}) {
        INFO(bad);
        CHECK_FALSE(parse_hub_url(bad, error));
    }
    HttpTransportOptions options;
    options.hub_url = "https://hub.example";
    CHECK_FALSE(make_http_transport(options, error)); // no token
    CHECK(error.find("token") != std::string::npos);
}
