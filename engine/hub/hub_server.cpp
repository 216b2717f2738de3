// The HTTP server of `kiosk-hub serve` (see hub_server.h).
//
// Slow clients: connection_gate_internal.h keeps connections whose request head has
// not fully arrived away from the worker threads, caps connections per
// address and in total, and bounds each request's time.
//
// Signals: SIGTERM and SIGINT are blocked in every thread before any thread
// starts, and one thread waits for them with sigwait, then stops the server.
// Once listen has returned, GatedServer::finish lets the gate's workers finish
// the requests they were serving; each sync commits (synchronous=FULL) before
// its 200 is written, so nothing acknowledged is lost when the store closes after.
//
// Request bodies: httplib's payload limit is one number for the whole server
// and does not apply to chunked bodies at all, so a pre-routing check (which
// runs before any body byte is read) answers 411 to a chunked body and 413 to
// a declared length over the limit of its route: 4 MiB everywhere, more for
// the library's package upload (library_routes.h).
#include "hub_server.h"

#include "hub_signing_key.h"
#include "library_routes.h"
#include "sync_api.h"

#include "core/log.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <thread>

namespace kiosk::hub {
namespace {

int64_t now_utc_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void answer_json(httplib::Response& response, int status, const std::string& body) {
    response.status = status;
    response.set_content(body, "application/json");
}

// Gives every error answer a JSON body, including the ones httplib makes itself
// (413 for a body over the payload limit, 400 for a malformed request, 404).
httplib::Server::HandlerResponse fill_error_body(const httplib::Request&,
                                                 httplib::Response& response) {
    if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message;
    switch (response.status) {
    case 404:
        message = "no such endpoint";
        break;
    case 405:
        message = "method not allowed";
        break;
    case 411:
        message = "a request body must state its Content-Length (chunked bodies are refused)";
        break;
    case 413:
        message = "body over the limit of " + std::to_string(sync::kMaxBodyBytes) + " bytes";
        break;
    default:
        message = "bad request (HTTP " + std::to_string(response.status) + ")";
        break;
    }
    response.set_content(error_json(message), "application/json");
    return httplib::Server::HandlerResponse::Handled;
}

// The most a request to `path` may carry in its body.
size_t body_limit_for(const std::string& path) {
    return path == kLibraryUploadPath ? kMaxLibraryUploadBytes : sync::kMaxBodyBytes;
}

// Before any body byte is read: refuses a chunked body (httplib reads those
// without a limit) and a declared length over the route's limit. The
// connection is closed after the answer, since the body stays unread.
httplib::Server::HandlerResponse check_body_size(const httplib::Request& request,
                                                 httplib::Response& response) {
    const size_t limit = body_limit_for(request.path);
    int status = 0;
    std::string message;
    if (request.has_header("Transfer-Encoding")) {
        status = 411;
        message = "a request body must state its Content-Length (chunked bodies are refused)";
    } else if (request.has_header("Content-Length")) {
        const std::string declared = request.get_header_value("Content-Length");
        const bool digits = !declared.empty() && declared.size() <= 19 &&
                            declared.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoull(declared) > limit) {
            status = digits ? 413 : 400;
            message = digits ? "body over the limit of " + std::to_string(limit) + " bytes"
                             : "Content-Length: expected a number of bytes";
        }
    }
    if (status == 0) return httplib::Server::HandlerResponse::Unhandled;
    answer_json(response, status, error_json(message));
    response.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
}

// Blocks SIGTERM and SIGINT in the calling thread (and the threads it starts).
sigset_t block_stop_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);
    return signals;
}

} // namespace

bool parse_listen_address(const std::string& listen, std::string& host, int& port,
                          std::string& error) {
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
        error = "--listen: expected HOST:PORT, e.g. 127.0.0.1:8080";
        return false;
    }
    host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string port_text = listen.substr(colon + 1);
    if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port_text) > 65535) {
        error = "--listen: port must be a number 0..65535 (0 picks a free port)";
        return false;
    }
    port = std::stoi(port_text);
    return true;
}

void add_api_routes(httplib::Server& server, HubStore& store, ContentService& content,
                    NoticeFeedCache& notices, bool has_notice_key) {
    server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& response) {
        answer_json(response, 200, "{\"ok\":true}");
    });
    server.Post("/api/v1/sync", [&store, &content, &notices, has_notice_key](
                                    const httplib::Request& request, httplib::Response& response) {
        const int64_t received_utc_ms = now_utc_ms();
        const ContentVersionOf content_version =
            [&](const std::string& kiosk) -> std::optional<int64_t> {
            if (!content.has_key()) return std::nullopt;
            std::string error;
            const std::optional<StoredSnapshot> snapshot =
                content.snapshot_for(kiosk, received_utc_ms, error);
            return snapshot ? std::optional<int64_t>(snapshot->version) : std::nullopt;
        };
        const ApiAnswer answer =
            handle_sync(store, request.get_header_value("Authorization"), request.body,
                        received_utc_ms, content_version, {&notices.notices(), has_notice_key});
        answer_json(response, answer.status, answer.body);
        if (answer.retry_after_s > 0)
            response.set_header("Retry-After", std::to_string(answer.retry_after_s));
    });
    add_content_routes(server, store, content);
    add_notice_routes(server, store, notices);
}

int serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
    std::string host, error;
    int port = 0;
    if (!parse_listen_address(options.listen, host, port, error)) {
        err << "kiosk-hub: " << error << "\n";
        return 2;
    }
    const sigset_t stop_signals = block_stop_signals();

    std::unique_ptr<HubStore> store = open_hub_store(options.store, error);
    if (!store) {
        err << "kiosk-hub: " << error << "\n";
        return 1;
    }
    std::unique_ptr<LibraryStore> library = open_library_store(options.store, error);
    if (!library) {
        err << "kiosk-hub: " << error << "\n";
        return 1;
    }
    std::optional<SecretKey> content_key = load_hub_key(kContentKey, options.store.data_dir, error);
    if (!content_key && !error.empty()) {
        err << "kiosk-hub: " << error << "\n";
        return 1;
    }
    if (!content_key) err << "kiosk-hub: " << no_hub_key_message(kContentKey) << "\n";
    ContentService content(library.get(), std::move(content_key), options.snapshot_policy);
    std::unique_ptr<NoticeStore> notice_store = open_notice_store(options.store, error);
    if (!notice_store) {
        err << "kiosk-hub: " << error << "\n";
        return 1;
    }
    const std::optional<SecretKey> notice_key =
        load_hub_key(kNoticeKey, options.store.data_dir, error);
    if (!notice_key && !error.empty()) {
        err << "kiosk-hub: " << error << "\n";
        return 1;
    }
    if (!notice_key) err << "kiosk-hub: " << no_hub_key_message(kNoticeKey) << "\n";
    NoticeFeedCache notices(*notice_store);
    GatedServer server(options.gate);
    server.set_payload_max_length(kMaxLibraryUploadBytes); // per route: check_body_size
    server.set_pre_routing_handler(check_body_size);
    server.set_error_handler(httplib::Server::HandlerWithResponse(fill_error_body));
    // A read the store could not answer (StoreReadError) is 503, to retry;
    // anything else thrown is 500. Neither is ever an empty page.
    server.set_exception_handler([](const httplib::Request& request, httplib::Response& response,
                                    std::exception_ptr thrown) {
        try {
            std::rethrow_exception(thrown);
        } catch (const StoreReadError& failure) {
            log_warning(request.path + ": the store cannot be read: " + failure.what());
            answer_json(response, 503, error_json("the hub cannot read its store, try again"));
            response.set_header("Retry-After", std::to_string(kStoreRetryAfterS));
        } catch (...) {
            answer_json(response, 500, error_json("internal error"));
        }
    });
    add_api_routes(server, *store, content, notices, notice_key.has_value());
    if (options.extra_routes) options.extra_routes(server, *store);

    const int bound_port =
        port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (bound_port < 0) {
        err << "kiosk-hub: --listen " << options.listen << ": cannot listen there\n";
        return 1;
    }

    // The stop thread: waits for a signal, then stops the server, retrying until
    // listen has returned (a signal may come before the server runs).
    std::mutex mutex;
    std::condition_variable listen_returned_changed;
    bool listen_returned = false;
    std::thread stopper([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        std::unique_lock lock(mutex);
        while (!listen_returned) {
            server.stop();
            listen_returned_changed.wait_for(lock, std::chrono::milliseconds(50));
        }
    });

    out << "listening on " << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ":"
        << bound_port << std::endl;
    const bool listened = server.listen_after_bind();
    {
        std::lock_guard lock(mutex);
        listen_returned = true;
    }
    listen_returned_changed.notify_all();
    pthread_kill(stopper.native_handle(), SIGTERM); // wakes sigwait if no signal came
    stopper.join();
    server.finish(); // the requests whose head had arrived are answered
    library.reset();
    notice_store.reset();
    store.reset(); // closes hub.db after every request has finished
    if (!listened) {
        err << "kiosk-hub: the server stopped with an error\n";
        return 1;
    }
    err << "kiosk-hub: stopped\n";
    return 0;
}

} // namespace kiosk::hub
