// How the kiosk reaches the hub: one POST of a batch's JSON to /api/v1/sync,
// answered with a status and a body, and the GETs of the content updater (the
// snapshot, package files resumed with HTTP Range) and of the notice poller
// (If-None-Match, answered 304 when nothing changed), streamed into a sink and
// bounded in size. An interface, so tests drive the clients with a scripted
// hub; the real one (make_http_transport) is cpp-httplib over http:// or
// https://.
//
// https:// verifies the hub's certificate and host name against the system's
// CA store (or `ca_file`, for a venue hub with its own CA). http:// sends the
// token in clear: use it only on 127.0.0.1 or a venue LAN you trust.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::sync {

struct HttpAnswer {
    int status = 0;    // 0: no HTTP answer at all (see error)
    std::string body;  // the answer's body
    std::string error; // why there was no answer ("connection refused", ...)
    // The answer's Retry-After header in seconds, or -1 without one (a busy
    // hub answers 503 with it: see docs/sync-protocol.md).
    int64_t retry_after_s = -1;
};

// A Retry-After value in its delta-seconds form ("30"), or -1 for anything
// else: empty, signed, not digits, the HTTP-date form (the hub never sends
// it), or more than a year.
int64_t parse_retry_after(const std::string& value);

// Where a GET's body goes. `begin` is called once, before any body byte, with
// the position in the resource where the body starts: the asked offset for a
// 206, 0 for a 200 (a hub that ignored the Range sends the whole file again,
// so a resumed download starts over). `write` gets the body in pieces.
// Either returning false cuts the request short.
struct GetSink {
    std::function<bool(int64_t body_start)> begin;
    std::function<bool(const char* data, size_t size)> write;
};

// Request headers a GET adds to the token and Range ({"If-None-Match", "\"7\""}).
using RequestHeaders = std::vector<std::pair<std::string, std::string>>;

struct GetAnswer {
    int status = 0;         // 200, 206, 304, 416, ...; 0: no HTTP answer (see error)
    int64_t body_start = 0; // where the body began in the resource (see GetSink)
    int64_t received = 0;   // body bytes handed to the sink
    bool complete = false;  // the body arrived whole (status 200 or 206)
    std::string error;      // why not complete, "" when it is
    int64_t retry_after_s = -1;
    std::string etag; // the answer's ETag header, "" without one
    // 304 Not Modified (asked with If-None-Match): no body, no error.
    bool not_modified() const { return status == 304; }
};

class SyncTransport {
public:
    virtual ~SyncTransport() = default;
    // POSTs `json` to the hub's /api/v1/sync with the kiosk's token. Blocks
    // for at most the transport's timeouts.
    virtual HttpAnswer post_sync(const std::string& json) = 0;
    // GETs `path` (under the hub URL's prefix) with the kiosk's token. With
    // `offset` > 0 it asks for "Range: bytes=OFFSET-"; a 206 must say it starts
    // there. The body is cut off (an error) once body_start plus the bytes
    // received would pass `max_total_bytes`: a hub cannot send endless data.
    // Other statuses (404, 416, ...) come back with complete = false and no
    // body bytes given to the sink; a 304 (to If-None-Match in `headers`)
    // comes back without an error. This default answers "not supported".
    virtual GetAnswer get(const std::string& path, int64_t offset, int64_t max_total_bytes,
                          const GetSink& sink, const RequestHeaders& headers = {});
    // From another thread: cut a request in progress short (shutting down).
    virtual void cancel() {}
    // "https://hub.example:8443" as configured, for messages.
    virtual std::string describe() const = 0;
};

// The parts of a hub URL: scheme://host[:port][/path-prefix], no query.
struct HubUrl {
    bool tls = false;
    std::string host;
    int port = 0;            // the scheme's default when the URL has none
    std::string path_prefix; // "" or "/prefix" (no trailing '/')
    std::string scheme_host_port() const;
};
std::optional<HubUrl> parse_hub_url(const std::string& url, std::string& error);

struct HttpTransportOptions {
    std::string hub_url; // http://... or https://...
    std::string token;   // sent as "Authorization: Bearer TOKEN"
    // https: the CA certificates (PEM) trusted instead of the system's store;
    // "" = the system's.
    std::string ca_file;
    int connect_timeout_s = 5;
    int read_timeout_s = 30;
};

// nullptr with `error` when the URL cannot be used.
std::unique_ptr<SyncTransport> make_http_transport(const HttpTransportOptions& options,
                                                   std::string& error);

} // namespace kiosk::sync
