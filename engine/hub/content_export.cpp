// `kiosk-hub content export` (see content_export.h).
#include "content_export.h"

#include "content_routes.h"
#include "hub_signing_key.h"
#include "hub_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ostream>

namespace kiosk::hub {
namespace {

constexpr size_t kCopyChunkBytes = 1 << 20;

int refused(std::ostream& err, const std::string& message) {
    err << "kiosk-hub content export: " << message << "\n";
    return 1;
}

// Writes `bytes` from `read_fd` (or `text` when read_fd < 0) to PATH.part
// (never through a link), then renames it over `path`.
bool write_exported(const std::string& path, int read_fd, int64_t bytes, const std::string& text,
                    std::string& error) {
    const std::string part = path + ".part";
    ::unlink(part.c_str());
    const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = part + ": cannot create it";
        return false;
    }
    bool ok = true;
    if (read_fd < 0) {
        ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size());
    } else {
        std::string buffer(kCopyChunkBytes, '\0');
        for (int64_t offset = 0; ok && offset < bytes;) {
            const ssize_t got = ::pread(read_fd, buffer.data(), buffer.size(), off_t(offset));
            ok = got > 0 && ::write(fd, buffer.data(), size_t(got)) == got;
            offset += got > 0 ? got : 0;
        }
    }
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (ok && std::rename(part.c_str(), path.c_str()) != 0) ok = false;
    if (!ok) {
        ::unlink(part.c_str());
        error = path + ": cannot write it (is the stick full?)";
    }
    return ok;
}

} // namespace

bool prepare_export_folder(const std::string& out_dir, std::string& error) {
    error.clear();
    struct stat folder {};
    if (lstat(out_dir.c_str(), &folder) == 0) {
        if (S_ISLNK(folder.st_mode))
            error = out_dir + ": is a symbolic link; name the folder itself (nothing is written "
                              "through a link)";
        else if (!S_ISDIR(folder.st_mode))
            error = out_dir + ": is not a folder";
    } else if (errno != ENOENT || ::mkdir(out_dir.c_str(), 0755) != 0) {
        error = out_dir + ": cannot create the folder";
    }
    return error.empty();
}

int content_export(const ContentExportOptions& options, std::ostream& out, std::ostream& err) {
    if (!is_valid_id(options.kiosk))
        return (err << "kiosk-hub content export: --kiosk: expected a kiosk id, got \""
                    << options.kiosk << "\"\n"),
               2;
    if (std::string error; !prepare_export_folder(options.out_dir, error))
        return refused(err, error);

    std::string error;
    std::unique_ptr<HubStore> store = open_hub_store(options.store, error);
    if (!store) return refused(err, error);
    const std::optional<KioskRecord> kiosk = store->find_kiosk(options.kiosk);
    if (!kiosk) return refused(err, "--kiosk " + options.kiosk + ": no such kiosk");
    if (kiosk->revoked_utc_ms != 0)
        return refused(err, "--kiosk " + options.kiosk + ": the kiosk is revoked");
    std::unique_ptr<LibraryStore> library = open_library_store(options.store, error);
    if (!library) return refused(err, error);
    std::optional<SecretKey> key = load_hub_key(kContentKey, options.store.data_dir, error);
    if (!key) return refused(err, error.empty() ? no_hub_key_message(kContentKey) : error);

    ContentService content(library.get(), std::move(key), options.policy);
    const std::optional<StoredSnapshot> stored =
        content.snapshot_for(options.kiosk, now_utc_ms(), error);
    if (!stored) return refused(err, error);
    const std::optional<sync::Snapshot> snapshot =
        sync::parse_snapshot_document(stored->document, error);
    if (!snapshot) return refused(err, "the stored snapshot cannot be read: " + error);

    for (const sync::SnapshotPackage& package : snapshot->packages) {
        const std::optional<LibraryPackage> file =
            library->find_package(package.id, package.version);
        const std::string name = package.id + "-" + package.version + ".kpkg";
        const int fd =
            file ? ::open(file->file_path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
        struct stat info {};
        if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) ||
            info.st_size != package.size) {
            if (fd >= 0) ::close(fd);
            return refused(err, name + ": the library's file is missing or not the size the "
                                       "snapshot says");
        }
        const bool written =
            write_exported(options.out_dir + "/" + name, fd, package.size, "", error);
        ::close(fd);
        if (!written) return refused(err, error);
        out << "wrote " << options.out_dir << "/" << name << " (" << package.size << " bytes)\n";
    }
    const std::string snapshot_path = options.out_dir + "/" + kExportedSnapshotFile;
    if (!write_exported(snapshot_path, -1, 0, sync::envelope_to_json(signed_snapshot_of(*stored)),
                        error))
        return refused(err, error);
    out << "wrote " << snapshot_path << ": snapshot " << stored->version << " for kiosk "
        << options.kiosk << ", " << snapshot->packages.size() << " packages, expires "
        << iso_utc_seconds(stored->expires_utc_ms) << "\n";
    return 0;
}

} // namespace kiosk::hub
