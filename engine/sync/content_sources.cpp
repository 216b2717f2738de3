// The hub and a folder as content sources: bounded reads of the snapshot
// envelope, resumed downloads over the transport, copies from a stick that
// never follow a symbolic link.
#include "content_sources.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::sync {
namespace {

// The envelope around a document of at most kMaxSnapshotBytes: JSON escaping
// can double it; the signature and key id add little.
constexpr int64_t kMaxEnvelopeBytes = int64_t(kMaxSnapshotBytes) * 6 + 4096;

// Opens `name` inside `folder` read-only, refusing a symbolic link (the last
// part: the folder itself is the config's choice) and anything but a regular
// file. -1 with `error` (absent set when there is no such file).
int open_in_folder(const std::string& folder, const std::string& name, struct stat& info,
                   bool& absent, std::string& error) {
    const std::string path = folder + "/" + name;
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        absent = errno == ENOENT;
        error = path + (errno == ELOOP ? ": is a symbolic link, which is never followed"
                                       : std::string(": cannot open: ") + std::strerror(errno));
        return -1;
    }
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        error = path + ": not a regular file";
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

std::optional<SignedSnapshot> HubContentSource::snapshot(bool& absent, std::string& error) {
    std::string body;
    const GetSink sink{nullptr, [&](const char* data, size_t size) {
                           body.append(data, size);
                           return true;
                       }};
    const GetAnswer answer = transport_.get("/api/v1/content/snapshot", 0, kMaxEnvelopeBytes, sink);
    if (answer.status == 404) {
        absent = true;
        return std::nullopt;
    }
    if (!answer.complete || answer.status != 200) {
        error = "snapshot from " + transport_.describe() + ": " + answer.error;
        return std::nullopt;
    }
    std::optional<SignedSnapshot> parsed = parse_snapshot_envelope(body, error);
    if (!parsed) error = "snapshot from " + transport_.describe() + ": " + error;
    return parsed;
}

bool HubContentSource::fill(const SnapshotPackage& package, PartFile& part, std::string& error) {
    if (part.size() > package.size && !part.truncate(error)) return false;
    if (part.size() == package.size) return true;
    std::string sink_error;
    const GetSink sink{
        [&](int64_t body_start) {
            // A 200 after asking for a range: the hub starts over.
            if (body_start == part.size()) return true;
            return body_start == 0 && part.truncate(sink_error);
        },
        [&](const char* data, size_t size) { return part.append(data, size, sink_error); }};
    const GetAnswer answer = transport_.get(package.url, part.size(), package.size, sink);
    if (answer.status == 416) {
        // The hub's file is shorter than the snapshot says: start over next time.
        std::string ignored;
        part.truncate(ignored);
        error =
            "download: the hub has fewer bytes than the snapshot's " + std::to_string(package.size);
        return false;
    }
    if (!answer.complete) {
        // The sink's errors are this kiosk's own files ("disk: ..." when full).
        error = sink_error.empty()                   ? "download: " + answer.error
                : sink_error.rfind("disk: ", 0) == 0 ? sink_error
                                                     : "disk: " + sink_error;
        return false;
    }
    if (part.size() != package.size) {
        error = "download: ended at " + std::to_string(part.size()) + " of " +
                std::to_string(package.size) + " bytes";
        return false;
    }
    return true;
}

std::optional<std::string> read_import_file(const std::string& folder, const std::string& name,
                                            int64_t max_bytes, bool& absent, std::string& error,
                                            std::string* stamp) {
    struct stat info {};
    const int fd = open_in_folder(folder, name, info, absent, error);
    if (fd < 0) return std::nullopt;
    if (info.st_size > max_bytes) {
        error = folder + "/" + name + ": larger than the " + std::to_string(max_bytes) +
                " bytes it can be";
        ::close(fd);
        return std::nullopt;
    }
    if (stamp)
        *stamp = std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) + "." +
                 std::to_string(info.st_mtim.tv_nsec);
    std::string body(size_t(info.st_size), '\0');
    ssize_t got = 0;
    size_t filled = 0;
    while (filled < body.size() &&
           (got = ::read(fd, body.data() + filled, body.size() - filled)) > 0)
        filled += size_t(got);
    ::close(fd);
    body.resize(filled);
    return body;
}

std::optional<SignedSnapshot> FolderContentSource::snapshot(bool& absent, std::string& error) {
    std::optional<std::string> body =
        read_import_file(folder_, kImportSnapshotName, kMaxEnvelopeBytes, absent, error);
    if (!body) return std::nullopt;
    std::optional<SignedSnapshot> parsed = parse_snapshot_envelope(*body, error);
    if (!parsed) error = folder_ + "/" + kImportSnapshotName + ": " + error;
    return parsed;
}

bool FolderContentSource::fill(const SnapshotPackage& package, PartFile& part, std::string& error) {
    struct stat info {};
    bool absent = false;
    const int fd = open_in_folder(folder_, package_file_name(package.id, package.version), info,
                                  absent, error);
    if (fd < 0) {
        error = "import: " + error;
        return false;
    }
    bool ok = true;
    if (info.st_size != package.size) {
        error = "import: " + folder_ + "/" + package_file_name(package.id, package.version) + ": " +
                std::to_string(info.st_size) + " bytes, the snapshot says " +
                std::to_string(package.size);
        ok = false;
    }
    ok = ok && part.truncate(error);
    char buffer[1 << 16];
    while (ok && part.size() < package.size) {
        const ssize_t got = ::read(
            fd, buffer, size_t(std::min<int64_t>(sizeof buffer, package.size - part.size())));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            error = "import: " + folder_ + ": the file ended early or cannot be read";
            ok = false;
            break;
        }
        ok = part.append(buffer, size_t(got), error);
    }
    ::close(fd);
    return ok;
}

} // namespace kiosk::sync
