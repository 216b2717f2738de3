// Test helper for the content updater: a hub on 127.0.0.1 in the test's own
// process (cpp-httplib, port chosen by the system) that serves a scripted
// snapshot envelope at /api/v1/content/snapshot and package files at
// /api/v1/content/files/ID/VERSION, with HTTP Range as the real server does.
// Each file can be served whole, cut after N bytes once, with its Range
// ignored (a 200 with the whole file), or with other bytes. Every request is
// recorded (path, Range and Authorization headers) before it is answered.
#pragma once

#include <catch2/catch.hpp>
#include <httplib.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::test {

class ContentHub {
public:
    struct SeenRequest {
        std::string path, range, authorization;
    };
    struct ServedFile {
        std::string bytes;
        int64_t cut_after = -1;    // >= 0: the next whole-file request stops after this many bytes
        bool ignore_range = false; // answer 200 with the whole file even when asked for a range
        bool hold_after_cut = false; // with cut_after: keep the connection open until release()
    };

    ContentHub() {
        server_.set_pre_routing_handler(
            [this](const httplib::Request& request, httplib::Response&) {
                std::lock_guard lock(mutex_);
                requests_.push_back({request.path, request.get_header_value("Range"),
                                     request.get_header_value("Authorization")});
                return httplib::Server::HandlerResponse::Unhandled;
            });
        server_.Get("/api/v1/content/snapshot",
                    [this](const httplib::Request&, httplib::Response& response) {
                        std::lock_guard lock(mutex_);
                        response.status = snapshot_status_;
                        response.set_content(snapshot_body_, "application/json");
                    });
        server_.Get(R"(/api/v1/content/files/([^/]+)/([^/]+))",
                    [this](const httplib::Request& request, httplib::Response& response) {
                        serve_file(request, response);
                    });
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running())
            std::this_thread::yield();
    }
    ~ContentHub() {
        release();
        server_.stop();
        thread_.join();
    }
    ContentHub(const ContentHub&) = delete;
    ContentHub& operator=(const ContentHub&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    void set_snapshot(const std::string& body, int status = 200) {
        std::lock_guard lock(mutex_);
        snapshot_body_ = body;
        snapshot_status_ = status;
    }
    ServedFile& file(const std::string& id, const std::string& version) {
        std::lock_guard lock(mutex_);
        return files_[id + "/" + version];
    }
    void put_file(const std::string& id, const std::string& version, const std::string& bytes) {
        std::lock_guard lock(mutex_);
        files_[id + "/" + version] = ServedFile{bytes};
    }
    std::vector<SeenRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::vector<SeenRequest> file_requests(const std::string& id,
                                           const std::string& version) const {
        std::vector<SeenRequest> matching;
        for (const SeenRequest& seen : requests())
            if (seen.path == "/api/v1/content/files/" + id + "/" + version)
                matching.push_back(seen);
        return matching;
    }
    // Lets a held answer (hold_after_cut) end.
    void release() {
        std::lock_guard lock(mutex_);
        released_ = true;
        wake_.notify_all();
    }

private:
    void serve_file(const httplib::Request& request, httplib::Response& response) {
        std::unique_lock lock(mutex_);
        auto found = files_.find(request.matches[1].str() + "/" + request.matches[2].str());
        if (found == files_.end()) {
            response.status = 404;
            response.set_content("{\"error\":\"no such file\"}", "application/json");
            return;
        }
        ServedFile& served = found->second;
        const std::string bytes = served.bytes;
        if (served.cut_after >= 0 && request.ranges.empty()) {
            const size_t cut = size_t(served.cut_after);
            const bool hold = served.hold_after_cut;
            served.cut_after = -1;
            response.status = 200;
            // Chunked, so the server neither applies a Range nor knows the length.
            response.set_chunked_content_provider(
                "application/octet-stream",
                [this, bytes, cut, hold](size_t, httplib::DataSink& sink) {
                    sink.write(bytes.data(), cut);
                    if (hold) {
                        std::unique_lock wait(mutex_);
                        wake_.wait(wait, [this] { return released_; });
                    }
                    return false; // the connection breaks here
                });
            return;
        }
        if (served.ignore_range) {
            response.status = 200;
            response.set_chunked_content_provider("application/octet-stream",
                                                  [bytes](size_t, httplib::DataSink& sink) {
                                                      sink.write(bytes.data(), bytes.size());
                                                      sink.done();
                                                      return true;
                                                  });
            return;
        }
        response.set_content(bytes, "application/octet-stream"); // httplib applies the Range
    }

    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool released_ = false;
    std::string snapshot_body_ = "{\"error\":\"no snapshot\"}";
    int snapshot_status_ = 404;
    std::map<std::string, ServedFile> files_;
    std::vector<SeenRequest> requests_;
};

} // namespace kiosk::test
