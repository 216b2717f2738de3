// The transport's GET for the content updater against a real hub thread on
// 127.0.0.1: the bearer token goes along, a resumed request asks for
// "bytes=N-" and gets the rest (206), a hub that ignores the Range is seen
// (body_start 0), 416 and 404 come back as statuses with nothing written, a
// body longer than allowed is cut off at the cap, a connection broken
// mid-body is reported with the bytes that did arrive, and cancel() from
// another thread ends a request that is stuck.
#include "content_hub_support.h"
#include "sync/sync_transport.h"

#include <future>

using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test::ContentHub;

namespace {

constexpr const char* kToken = "K-17.content";
const std::string kFile = "0123456789abcdefghijklmnopqrstuvwxyz";
const std::string kFilePath = "/api/v1/content/files/lab/1.0";

std::unique_ptr<SyncTransport> transport_to(const ContentHub& hub) {
    HttpTransportOptions options;
    options.hub_url = hub.url();
    options.token = kToken;
    std::string error;
    std::unique_ptr<SyncTransport> transport = make_http_transport(options, error);
    INFO(error);
    REQUIRE(transport);
    return transport;
}

struct Collected {
    int64_t begin_at = -1;
    std::string bytes;
    GetSink sink() {
        return {[this](int64_t at) {
                    begin_at = at;
                    return true;
                },
                [this](const char* data, size_t size) {
                    bytes.append(data, size);
                    return true;
                }};
    }
};

} // namespace

TEST_CASE("content GET: a whole file with the kiosk's token", "[content-transport]") {
    ContentHub hub;
    hub.put_file("lab", "1.0", kFile);
    Collected collected;
    const GetAnswer answer =
        transport_to(hub)->get(kFilePath, 0, int64_t(kFile.size()), collected.sink());
    INFO(answer.error);
    CHECK(answer.complete);
    CHECK(answer.status == 200);
    CHECK(answer.body_start == 0);
    CHECK(collected.begin_at == 0);
    CHECK(collected.bytes == kFile);
    REQUIRE(hub.requests().size() == 1);
    CHECK(hub.requests()[0].authorization == std::string("Bearer ") + kToken);
    CHECK(hub.requests()[0].range.empty());
}

TEST_CASE("content GET: resuming at an offset asks for the rest and gets 206",
          "[content-transport]") {
    ContentHub hub;
    hub.put_file("lab", "1.0", kFile);
    Collected collected;
    const GetAnswer answer =
        transport_to(hub)->get(kFilePath, 10, int64_t(kFile.size()), collected.sink());
    INFO(answer.error);
    CHECK(answer.complete);
    CHECK(answer.status == 206);
    CHECK(answer.body_start == 10);
    CHECK(collected.begin_at == 10);
    CHECK(collected.bytes == kFile.substr(10));
    REQUIRE(hub.requests().size() == 1);
    CHECK(hub.requests()[0].range == "bytes=10-");
}

TEST_CASE("content GET: a hub that ignores the Range sends the file from its start",
          "[content-transport]") {
    ContentHub hub;
    hub.put_file("lab", "1.0", kFile);
    hub.file("lab", "1.0").ignore_range = true;
    Collected collected;
    const GetAnswer answer =
        transport_to(hub)->get(kFilePath, 10, int64_t(kFile.size()), collected.sink());
    INFO(answer.error);
    CHECK(answer.complete);
    CHECK(answer.status == 200);
    CHECK(answer.body_start == 0);
    CHECK(collected.begin_at == 0);
    CHECK(collected.bytes == kFile);
}

TEST_CASE("content GET: 416 and 404 are statuses with nothing written", "[content-transport]") {
    ContentHub hub;
    hub.put_file("lab", "1.0", kFile);
    std::unique_ptr<SyncTransport> transport = transport_to(hub);
    Collected past_end;
    const GetAnswer beyond = transport->get(kFilePath, int64_t(kFile.size()) + 5,
                                            int64_t(kFile.size()) + 10, past_end.sink());
    CHECK(beyond.status == 416);
    CHECK_FALSE(beyond.complete);
    CHECK(past_end.begin_at == -1);
    CHECK(past_end.bytes.empty());
    Collected missing;
    const GetAnswer absent =
        transport->get("/api/v1/content/files/none/1.0", 0, 100, missing.sink());
    CHECK(absent.status == 404);
    CHECK_FALSE(absent.complete);
    CHECK(missing.bytes.empty());
    CHECK_FALSE(absent.error.empty());
}

TEST_CASE("content GET: a body longer than the cap is cut off there (endless data)",
          "[content-transport]") {
    ContentHub hub;
    hub.put_file("lab", "1.0", kFile + kFile + kFile);
    Collected collected;
    const GetAnswer answer =
        transport_to(hub)->get(kFilePath, 0, int64_t(kFile.size()), collected.sink());
    CHECK_FALSE(answer.complete);
    CHECK(answer.error.find("more than") != std::string::npos);
    CHECK(collected.bytes.size() <= kFile.size());
    CHECK(answer.received == int64_t(collected.bytes.size()));
}

TEST_CASE("content GET: a connection broken mid-body reports what arrived", "[content-transport]") {
    ContentHub hub;
    hub.put_file("lab", "1.0", kFile);
    hub.file("lab", "1.0").cut_after = 12;
    Collected collected;
    const GetAnswer answer =
        transport_to(hub)->get(kFilePath, 0, int64_t(kFile.size()), collected.sink());
    CHECK_FALSE(answer.complete);
    CHECK_FALSE(answer.error.empty());
    CHECK(collected.bytes == kFile.substr(0, 12));
    CHECK(answer.received == 12);
}

TEST_CASE("content GET: cancel() from another thread ends a stuck download",
          "[content-transport]") {
    ContentHub hub;
    hub.put_file("lab", "1.0", kFile);
    hub.file("lab", "1.0").cut_after = 5;
    hub.file("lab", "1.0").hold_after_cut = true; // the hub stops sending but keeps the connection
    std::unique_ptr<SyncTransport> transport = transport_to(hub);
    std::promise<void> first_bytes;
    bool signalled = false;
    GetSink sink{[](int64_t) { return true; },
                 [&](const char*, size_t) {
                     if (!signalled) first_bytes.set_value();
                     signalled = true;
                     return true;
                 }};
    auto download = std::async(std::launch::async, [&] {
        return transport->get(kFilePath, 0, int64_t(kFile.size()), sink);
    });
    first_bytes.get_future().wait();
    transport->cancel();
    // Generous liveness limit: well under the transport's 30 s read timeout.
    REQUIRE(download.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
    const GetAnswer answer = download.get();
    CHECK_FALSE(answer.complete);
    hub.release();
}
