// The package verification cache (see package_verify_cache.h): a file's
// version read and hashed through one descriptor, the cache file's lines, and
// verify_package with the digest found or remembered.
//
// The cache file is text: the line "kiosk-package-verify-cache 1", then one
// line per version: device inode size mtime_ns ctime_ns file-digest-hex
// package-digest-hex, separated by single spaces.
#include "content/package_verify_cache.h"

#include "core/private_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <sstream>

namespace kiosk {
namespace {

constexpr const char* kHeader = "kiosk-package-verify-cache 1";
constexpr size_t kMaxCacheBytes = size_t(16) << 20; // far over 10000 packages' lines
constexpr size_t kReadChunk = size_t(1) << 20;

int64_t nanoseconds(const timespec& time) {
    return int64_t(time.tv_sec) * 1000000000 + time.tv_nsec;
}

void take_identity(const struct stat& info, PackageFileVersion& version) {
    version.device = uint64_t(info.st_dev);
    version.inode = uint64_t(info.st_ino);
    version.size = int64_t(info.st_size);
    version.mtime_ns = nanoseconds(info.st_mtim);
    version.ctime_ns = nanoseconds(info.st_ctim);
}

template <size_t N> bool parse_hex(std::string_view hex, std::array<unsigned char, N>& out) {
    size_t length = 0;
    return hex.size() == 2 * N &&
           sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &length, nullptr) == 0 &&
           length == N;
}

template <typename T> bool parse_number(std::string_view text, T& out) {
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), out);
    return problem == std::errc() && end == text.data() + text.size();
}

// One cache line, or nothing when it is not exactly a line of this format.
bool parse_line(std::string_view line, PackageFileVersion& version, PackageDigest& digest) {
    std::string_view fields[7];
    for (std::string_view& field : fields) {
        const size_t space = line.find(' ');
        field = line.substr(0, space);
        line = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
        if (field.empty()) return false;
    }
    return line.empty() && parse_number(fields[0], version.device) &&
           parse_number(fields[1], version.inode) && parse_number(fields[2], version.size) &&
           parse_number(fields[3], version.mtime_ns) && parse_number(fields[4], version.ctime_ns) &&
           parse_hex(fields[5], version.file_digest) && parse_hex(fields[6], digest);
}

std::string hex(const unsigned char* bytes, size_t size) {
    std::string text(2 * size + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), bytes, size);
    text.pop_back();
    return text;
}

// The cache file's text, or nothing when it is absent or refused (a link,
// another user's, too large).
std::optional<std::string> read_cache_file(const std::string& path) {
    std::string ignored;
    const int fd = open_private_file(path, O_RDONLY, ignored);
    if (fd < 0) return std::nullopt;
    std::string text;
    char buffer[64 * 1024];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() <= kMaxCacheBytes)
        text.append(buffer, size_t(got));
    ::close(fd);
    if (got < 0 || text.size() > kMaxCacheBytes) return std::nullopt;
    return text;
}

} // namespace

std::optional<PackageFileVersion> read_package_file_version(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    PackageFileVersion before, after;
    struct stat info {};
    bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    if (ok) take_identity(info, before);
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, before.file_digest.size());
    std::vector<unsigned char> chunk(kReadChunk);
    int64_t total = 0;
    while (ok) {
        const ssize_t got = ::read(fd, chunk.data(), chunk.size());
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            ok = got == 0;
            break;
        }
        crypto_generichash_update(&state, chunk.data(), size_t(got));
        total += got;
    }
    ok = ok && ::fstat(fd, &info) == 0;
    ::close(fd);
    if (!ok) return std::nullopt;
    take_identity(info, after);
    crypto_generichash_final(&state, before.file_digest.data(), before.file_digest.size());
    after.file_digest = before.file_digest;
    if (after != before || total != before.size) return std::nullopt; // written meanwhile
    return before;
}

PackageVerifyCache::PackageVerifyCache(std::string path) : path_(std::move(path)) {
    const std::optional<std::string> text = read_cache_file(path_);
    if (!text) {
        // Absent: nothing to rewrite until a version is remembered. Refused (a
        // link, dangling or not, another user's file): replaced at the next save.
        struct stat info {};
        rewrite_ = ::lstat(path_.c_str(), &info) == 0 || errno != ENOENT;
        return;
    }
    std::istringstream lines(*text);
    std::string line;
    bool ok = std::getline(lines, line) && line == kHeader;
    while (ok && std::getline(lines, line)) {
        PackageFileVersion version;
        PackageDigest digest{};
        ok = parse_line(line, version, digest) && stored_.emplace(version, digest).second;
    }
    if (!ok || (!text->empty() && text->back() != '\n')) {
        stored_.clear(); // damaged: nothing of it is trusted
        rewrite_ = true;
    }
}

std::optional<PackageDigest> PackageVerifyCache::find(const PackageFileVersion& version) {
    std::lock_guard lock(mutex_);
    auto found = stored_.find(version);
    if (found == stored_.end()) return std::nullopt;
    used_.insert(*found);
    ++hits_;
    return found->second;
}

void PackageVerifyCache::remember(const PackageFileVersion& version, const PackageDigest& digest) {
    std::lock_guard lock(mutex_);
    used_[version] = digest;
}

bool PackageVerifyCache::save(std::string& error) {
    std::lock_guard lock(mutex_);
    if (used_ == stored_ && !rewrite_) {
        used_.clear();
        return true;
    }
    std::string text = std::string(kHeader) + "\n";
    for (const auto& [version, digest] : used_)
        text += std::to_string(version.device) + " " + std::to_string(version.inode) + " " +
                std::to_string(version.size) + " " + std::to_string(version.mtime_ns) + " " +
                std::to_string(version.ctime_ns) + " " +
                hex(version.file_digest.data(), version.file_digest.size()) + " " +
                hex(digest.data(), digest.size()) + "\n";
    stored_ = std::move(used_);
    used_.clear();
    rewrite_ = !replace_private_file(path_, text, error);
    return !rewrite_;
}

int PackageVerifyCache::hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
}

VerifyResult verify_package_once(Package& package, const std::vector<PublicKey>& trusted,
                                 PackageVerifyCache* cache) {
    std::optional<PackageFileVersion> version;
    bool known = false;
    if (cache && (version = read_package_file_version(package.path()))) {
        if (std::optional<PackageDigest> digest = cache->find(*version)) {
            package.use_known_digest(*digest);
            known = true;
        }
    }
    VerifyResult result = verify_package(package, trusted);
    PackageDigest digest{};
    std::string ignored;
    if (result.ok && version && !known && package.digest(digest, ignored))
        cache->remember(*version, digest);
    return result;
}

} // namespace kiosk
