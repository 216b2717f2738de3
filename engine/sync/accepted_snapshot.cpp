// Reading and writing DATA/content/snapshot.json with core/private_files.
#include "accepted_snapshot.h"

#include "core/private_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::sync {

std::optional<AcceptedSnapshot> load_accepted_snapshot(const std::string& state_dir,
                                                       std::string& error) {
    const std::string path = state_dir + "/" + kAcceptedSnapshotName;
    if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return std::nullopt;
    const int fd = open_private_file(path, O_RDONLY, error);
    if (fd < 0) return std::nullopt;
    std::string text;
    char buffer[1 << 14];
    ssize_t got = 0;
    constexpr size_t kMaxStored = kMaxSnapshotBytes * 8;
    while (text.size() <= kMaxStored && (got = ::read(fd, buffer, sizeof buffer)) > 0)
        text.append(buffer, size_t(got));
    ::close(fd);
    if (got < 0 || text.size() > kMaxStored) {
        error = path + ": cannot be read as the accepted snapshot";
        return std::nullopt;
    }
    std::optional<SignedSnapshot> envelope = parse_snapshot_envelope(text, error);
    if (!envelope) {
        error = path + ": " + error;
        return std::nullopt;
    }
    // The kiosk's own file: its signature was checked when it was accepted (and
    // a rotated-out content key must not make the kiosk forget its version).
    std::optional<Snapshot> parsed = parse_snapshot_document(envelope->document, error);
    if (!parsed) {
        error = path + ": " + error;
        return std::nullopt;
    }
    return AcceptedSnapshot{std::move(*envelope), std::move(*parsed)};
}

bool store_accepted_snapshot(const std::string& state_dir, const SignedSnapshot& accepted,
                             std::string& error) {
    return make_private_folder(state_dir, error) &&
           replace_private_file(state_dir + "/" + kAcceptedSnapshotName, envelope_to_json(accepted),
                                error);
}

} // namespace kiosk::sync
