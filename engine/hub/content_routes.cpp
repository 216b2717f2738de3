// The kiosks' content routes (see content_routes.h).
#include "content_routes.h"

#include "core/content_ids.h"
#include "hub_signing_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

namespace kiosk::hub {
namespace {

constexpr size_t kChunkBytes = 256 << 10; // per read of a package file

ApiAnswer not_found(const std::string& what) {
    return {404, error_json(what + ": not in this kiosk's current snapshot")};
}

ApiAnswer no_key() {
    return {503, error_json(no_hub_key_message(kContentKey))};
}

// An open package file being streamed; closed when the answer is done.
struct StreamedFile {
    int fd = -1;
    std::string buffer = std::string(kChunkBytes, '\0');
    ~StreamedFile() {
        if (fd >= 0) ::close(fd);
    }
};

// httplib 0.11 applies a request's Range to every answer, refusals too: a
// JSON answer (a refusal, the snapshot) is sent whole.
void answer_whole(const httplib::Request& request, httplib::Response& response,
                  const ApiAnswer& answer);

void answer_json(httplib::Response& response, const ApiAnswer& answer) {
    response.status = answer.status;
    response.set_content(answer.body, "application/json");
    if (answer.retry_after_s > 0)
        response.set_header("Retry-After", std::to_string(answer.retry_after_s));
}

// httplib 0.11 applies the parsed Range to the answer itself but neither
// clamps an end past the file nor refuses a start past it; so the one range
// is made exact here, several ranges are ignored (the whole file, 200, as
// RFC 9110 allows), and an unsatisfiable one answers 416.
bool settle_range(const httplib::Request& request, httplib::Response& response, int64_t size) {
    auto& ranges = const_cast<httplib::Request&>(request).ranges; // ours to settle; see above
    if (ranges.size() > 1) ranges.clear();
    if (ranges.empty()) return true;
    int64_t first = ranges[0].first, last = ranges[0].second;
    if (first < 0) { // "bytes=-N": the last N bytes
        if (last <= 0)
            first = size; // unsatisfiable
        else
            first = std::max<int64_t>(0, size - last);
        last = size - 1;
    } else if (last < 0 || last >= size) {
        last = size - 1;
    }
    if (first >= size || last < first) {
        ranges.clear();
        response.status = 416;
        response.set_header("Content-Range", "bytes */" + std::to_string(size));
        response.set_content(
            error_json("range beyond the end of the " + std::to_string(size) + "-byte file"),
            "application/json");
        return false;
    }
    ranges[0] = {first, last};
    return true;
}

void answer_whole(const httplib::Request& request, httplib::Response& response,
                  const ApiAnswer& answer) {
    const_cast<httplib::Request&>(request).ranges.clear(); // see settle_range
    answer_json(response, answer);
}

} // namespace

std::optional<StoredSnapshot> ContentService::snapshot_for(const std::string& kiosk,
                                                           int64_t now_utc_ms, std::string& error) {
    if (!has_key()) {
        error = no_hub_key_message(kContentKey);
        return std::nullopt;
    }
    std::lock_guard lock(issuing_);
    return current_snapshot(*library_, *key_, kiosk, policy_, now_utc_ms, error);
}

ApiAnswer handle_content_snapshot(HubStore& store, ContentService& content,
                                  const std::string& authorization, int64_t now_utc_ms) {
    ApiAnswer refusal;
    const std::optional<KioskRecord> kiosk = authenticate_bearer(store, authorization, refusal);
    if (!kiosk) return refusal;
    if (!content.has_key()) return no_key();
    std::string error;
    const std::optional<StoredSnapshot> snapshot =
        content.snapshot_for(kiosk->id, now_utc_ms, error);
    if (!snapshot)
        return {503, error_json("the hub could not issue a snapshot: " + error), kStoreRetryAfterS};
    return {200, sync::envelope_to_json(signed_snapshot_of(*snapshot))};
}

ContentFile open_content_file(HubStore& store, ContentService& content,
                              const std::string& authorization, const std::string& id,
                              const std::string& version, int64_t now_utc_ms) {
    ContentFile file;
    const std::optional<KioskRecord> kiosk =
        authenticate_bearer(store, authorization, file.refusal);
    if (!kiosk) return file;
    if (!content.has_key()) {
        file.refusal = no_key();
        return file;
    }
    // Names that are no content id or version (a "..", a "%2F") are never looked up.
    if (!is_valid_content_id(id) || !is_valid_content_version(version) ||
        version.size() > sync::kMaxSnapshotVersionBytes) {
        file.refusal = not_found("package");
        return file;
    }
    const std::string what = "package " + id + " " + version;
    std::string error;
    const std::optional<StoredSnapshot> stored = content.snapshot_for(kiosk->id, now_utc_ms, error);
    if (!stored) {
        file.refusal = {503, error_json("the hub could not issue a snapshot: " + error),
                        kStoreRetryAfterS};
        return file;
    }
    const std::optional<sync::Snapshot> snapshot =
        sync::parse_snapshot_document(stored->document, error);
    if (!snapshot) {
        file.refusal = {500, error_json("the stored snapshot cannot be read: " + error)};
        return file;
    }
    const auto listed = std::find_if(snapshot->packages.begin(), snapshot->packages.end(),
                                     [&](const sync::SnapshotPackage& package) {
                                         return package.id == id && package.version == version;
                                     });
    const std::optional<LibraryPackage> package =
        listed == snapshot->packages.end() ? std::nullopt
                                           : content.library()->find_package(id, version);
    if (!package) {
        file.refusal = not_found(what);
        return file;
    }
    const int fd = ::open(package->file_path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat info {};
    if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size != listed->size) {
        if (fd >= 0) ::close(fd);
        file.refusal = {500, error_json(what + ": the library's file is missing, is not a regular "
                                               "file or is not the size the snapshot says")};
        return file;
    }
    file.fd = fd;
    file.size = info.st_size;
    return file;
}

void add_content_routes(httplib::Server& server, HubStore& store, ContentService& content) {
    server.Get("/api/v1/content/snapshot", [&store, &content](const httplib::Request& request,
                                                              httplib::Response& response) {
        answer_whole(request, response,
                     handle_content_snapshot(
                         store, content, request.get_header_value("Authorization"), now_utc_ms()));
    });
    server.Get(R"(/api/v1/content/files/([^/]+)/([^/]+))",
               [&store, &content](const httplib::Request& request, httplib::Response& response) {
                   ContentFile file = open_content_file(
                       store, content, request.get_header_value("Authorization"),
                       request.matches[1].str(), request.matches[2].str(), now_utc_ms());
                   if (file.fd < 0) return answer_whole(request, response, file.refusal);
                   auto streamed = std::make_shared<StreamedFile>();
                   streamed->fd = file.fd;
                   if (!settle_range(request, response, file.size)) return;
                   response.set_content_provider(
                       size_t(file.size), "application/octet-stream",
                       [streamed](size_t offset, size_t length, httplib::DataSink& sink) {
                           const size_t want = std::min(length, streamed->buffer.size());
                           const ssize_t got =
                               ::pread(streamed->fd, streamed->buffer.data(), want, off_t(offset));
                           return got > 0 && sink.write(streamed->buffer.data(), size_t(got));
                       });
               });
}

} // namespace kiosk::hub
