// Request bodies at a real kiosk-hub process, written as the attacks are made:
// httplib bounds only declared lengths, server-wide, so a chunked body once
// reached the sync route unbounded; and the library's package upload may be
// larger than the 4 MiB every other route keeps. hub_server.cpp checks each
// request's body before reading any of it.
#include "hub_test_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

using kiosk::test::HubProcess;
using kiosk::test::TempFolder;

namespace {

std::string small_batch() {
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch("0123456789abcdef0123456789abcdef", 3);
    batch.buckets.push_back({"2026-11-28", "exhibit", "pendulum-lab", "visits", 12, 3});
    return kiosk::sync::to_json(batch);
}

// Sends `head` (a request line and headers, and any body bytes) on a new
// connection and returns the head of what the hub answers (with the part of
// its body read so far) before it closes the connection or 20 s pass.
std::string answer_to_head(int port, const std::string& head) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(send(fd, head.data(), head.size(), MSG_NOSIGNAL) == ssize_t(head.size()));
    std::string answer;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (answer.find("\r\n\r\n") == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd readable{fd, POLLIN, 0};
        if (left.count() <= 0 || poll(&readable, 1, static_cast<int>(left.count())) <= 0) break;
        char chunk[1024];
        const ssize_t count = recv(fd, chunk, sizeof chunk, 0);
        if (count <= 0) break;
        answer.append(chunk, static_cast<size_t>(count));
    }
    close(fd);
    return answer;
}

} // namespace

TEST_CASE("a chunked sync body is refused with 411 before it is read, and nothing is stored",
          "[hub][sync][limits]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    HubProcess hub(data);

    // A well-formed batch, sent chunked: httplib reads such a body without any
    // limit, so before the check it was stored like any other sync. The head
    // and the whole body go in one send, so the hub's answer never races a
    // client still writing (a client writing the body after the head saw the
    // hub close the connection and lost the answer).
    const std::string body = small_batch();
    char chunk_size[32];
    std::snprintf(chunk_size, sizeof chunk_size, "%zx", body.size());
    const std::string answer = answer_to_head(
        hub.port(), "POST /api/v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                        "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                        chunk_size + "\r\n" + body + "\r\n0\r\n\r\n");
    INFO(answer);
    CHECK(answer.rfind("HTTP/1.1 411", 0) == 0);
    CHECK(kiosk::test::stored_totals(data).empty());

    // The same body with its length stated is stored.
    const kiosk::test::PostResult stored = kiosk::test::post_sync(hub.port(), token, body);
    CHECK(stored.status == 200);
    CHECK_FALSE(kiosk::test::stored_totals(data).empty());
}

TEST_CASE("a declared body over the route's limit gets 413 before a byte of it is sent",
          "[hub][limits]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    const std::string token = kiosk::test::add_kiosk(folder, data, "county-1", "k-a");
    HubProcess hub(data);

    // 5 MiB: over the sync route's 4 MiB, within the library upload's 64 MiB.
    const std::string five_mib = std::to_string(5 << 20);
    const std::string sync_answer =
        answer_to_head(hub.port(), "POST /api/v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                   "Bearer " +
                                       token + "\r\nContent-Length: " + five_mib + "\r\n\r\n");
    INFO(sync_answer);
    CHECK(sync_answer.rfind("HTTP/1.1 413", 0) == 0);

    // 65 MiB to the upload: refused at once, without waiting for the body.
    const std::string upload_answer = answer_to_head(
        hub.port(), "POST /dashboard/library/upload HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    "multipart/form-data; boundary=b\r\nContent-Length: " +
                        std::to_string(65 << 20) + "\r\n\r\n");
    INFO(upload_answer);
    CHECK(upload_answer.rfind("HTTP/1.1 413", 0) == 0);

    // A length that is not a number.
    const std::string bad_answer = answer_to_head(
        hub.port(), "POST /api/v1/sync HTTP/1.1\r\nHost: x\r\nContent-Length: 12ab\r\n\r\n");
    INFO(bad_answer);
    CHECK(bad_answer.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(kiosk::test::stored_totals(data).empty());
}
