// The hub signing keys' files (see hub_signing_key.h).
#include "hub_signing_key.h"

#include "core/private_files.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <ostream>

namespace kiosk::hub {
namespace {

bool exists_no_follow(const std::string& path) {
    struct stat info {};
    return lstat(path.c_str(), &info) == 0 || errno != ENOENT;
}

int refused(const HubKeyKind& kind, std::ostream& err, const std::string& message) {
    err << "kiosk-hub admin " << kind.name << "-key: " << message << "\n";
    return 1;
}

} // namespace

std::string no_hub_key_message(const HubKeyKind& kind) {
    const std::string name = kind.name;
    return "the hub has no " + name + " key: run kiosk-hub admin " + name +
           "-key --data DATA, then list DATA/" + kind.public_file + " in the kiosks' " +
           kind.trusted_list;
}

int admin_hub_key(const HubKeyKind& kind, const std::string& data_dir, bool rotate,
                  std::ostream& out, std::ostream& err) {
    const std::string name = kind.name;
    std::string error;
    if (!make_private_folder(data_dir, error)) return refused(kind, err, error);
    if (sodium_init() < 0) return refused(kind, err, "libsodium cannot start");
    const std::string key_path = data_dir + "/" + kind.key_file;
    const std::string public_path = data_dir + "/" + kind.public_file;
    if (exists_no_follow(key_path)) {
        if (!rotate)
            return refused(kind, err,
                           key_path + ": a " + name +
                               " key exists; kiosks trust it. To replace it, run again "
                               "with --rotate (the old key is kept as " +
                               name + "-OLDID.key)");
        const std::optional<SecretKey> old = read_secret_key(key_path, error);
        if (!old) return refused(kind, err, error);
        const std::string kept_key = data_dir + "/" + name + "-" + old->id + ".key";
        const std::string kept_public = data_dir + "/" + name + "-" + old->id + ".pub";
        if (exists_no_follow(kept_key) || exists_no_follow(kept_public))
            return refused(kind, err, kept_key + ": exists already; move it away first");
        if (std::rename(key_path.c_str(), kept_key.c_str()) != 0)
            return refused(kind, err, key_path + ": cannot keep it as " + kept_key);
        if (exists_no_follow(public_path) &&
            std::rename(public_path.c_str(), kept_public.c_str()) != 0)
            return refused(kind, err, public_path + ": cannot keep it as " + kept_public);
        out << "kept the old " << name << " key " << old->id << " as " << kept_key << "\n";
    }
    const SecretKey key = generate_key();
    if (!write_secret_key(key_path, key, error) ||
        !write_public_key(public_path, key.public_key(), error))
        return refused(kind, err, error);
    out << name << " key " << key.id << " written to " << key_path << "\n"
        << "list this public key file in every kiosk config's " << kind.trusted_list << ": "
        << std::filesystem::absolute(public_path).string() << "\n";
    return 0;
}

std::optional<SecretKey> load_hub_key(const HubKeyKind& kind, const std::string& data_dir,
                                      std::string& error) {
    error.clear();
    const std::string key_path = data_dir + "/" + kind.key_file;
    if (!exists_no_follow(key_path)) return std::nullopt;
    if (sodium_init() < 0) {
        error = "libsodium cannot start";
        return std::nullopt;
    }
    if (const std::string problem = private_folder_problem(data_dir); !problem.empty()) {
        error = problem;
        return std::nullopt;
    }
    struct stat info {};
    if (lstat(key_path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
        (info.st_mode & 077) != 0) {
        error = key_path + ": expected a regular file readable by its owner only (chmod 600)";
        return std::nullopt;
    }
    return read_secret_key(key_path, error);
}

} // namespace kiosk::hub
