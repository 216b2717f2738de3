// The hub's front door against slow and greedy clients: an httplib::Server
// whose connections wait in one poll thread (the waiting room) until their
// request line and headers have arrived in full, and only then go to a
// bounded pool of worker threads. A client that drips its headers holds a
// socket, never a worker, and is cut off with 408 when its head deadline
// passes. Connections are capped per client address and in total (503
// beyond); workers are shared fairly, so one address with slow bodies cannot
// hold them all; a request's body and answer must move within a deadline.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace kiosk::hub {

struct GateLimits {
    int workers = 8;                     // threads answering requests
    int max_connections = 256;           // open connections in all
    int max_per_address = 32;            // open connections from one client address
    int64_t head_timeout_ms = 10'000;    // the request line and headers arrive within this
    int64_t request_timeout_ms = 60'000; // then the body is read and the answer written
    int64_t idle_timeout_ms = 5'000;     // a kept-alive connection may idle this long
    int64_t stall_timeout_ms = 5'000;    // longest wait for one read or write
    size_t max_head_bytes = 32 * 1024;   // request line and headers together
    int max_requests_per_connection = 100;
};

class ConnectionGate;

class GatedServer : public httplib::Server {
public:
    explicit GatedServer(const GateLimits& limits);
    ~GatedServer() override;
    GatedServer(const GatedServer&) = delete;
    GatedServer& operator=(const GatedServer&) = delete;

    // After listen has returned: closes the connections still waiting for a
    // head, answers the requests whose head has arrived, then ends the workers.
    void finish();

private:
    friend class ConnectionGate;
    // Called by httplib's accept loop for each new connection: hands it to
    // the waiting room (or refuses it over the caps) and returns at once.
    bool process_and_close_socket(socket_t sock) override;

    std::unique_ptr<ConnectionGate> gate_;
};

} // namespace kiosk::hub
