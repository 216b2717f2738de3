// The shared pieces of the fuzz targets (see fuzz_support.h).
#include "fuzz_support.h"

#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace kiosk::fuzz {
namespace fs = std::filesystem;

namespace {

// Removes the folder when the process ends (static destruction).
struct TempDir {
    std::string path;
    TempDir() {
        std::error_code error;
        fs::path base = fs::temp_directory_path(error);
        if (error) base = "/tmp";
        path = (base / ("kiosk-fuzz-" + std::to_string(::getpid()))).string();
        fs::remove_all(path, error);
        fs::create_directories(path, error);
        if (error) broken("cannot make the temp folder", path + ": " + error.message());
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

struct FuzzKeys {
    SecretKey secret;
    PublicKey public_key;
    FuzzKeys() {
        if (sodium_init() < 0) broken("sodium_init failed");
        // A fixed, public seed: this key proves nothing outside the fuzz targets.
        unsigned char seed[crypto_sign_SEEDBYTES] = {};
        const char* text = "kiosk fuzz key: public seed";
        std::memcpy(seed, text, std::strlen(text));
        unsigned char public_bytes[crypto_sign_PUBLICKEYBYTES];
        crypto_sign_seed_keypair(public_bytes, secret.key.data(), seed);
        std::memcpy(public_key.key.data(), public_bytes, sizeof public_bytes);
        // The id as kioskctl keygen makes it: the start of BLAKE2b of the public key.
        unsigned char hash[8];
        crypto_generichash(hash, sizeof hash, public_bytes, sizeof public_bytes, nullptr, 0);
        char hex[17];
        sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
        secret.id = public_key.id = hex;
    }
};

const FuzzKeys& keys() {
    static const FuzzKeys instance;
    return instance;
}

} // namespace

const std::string& temp_dir() {
    static const TempDir dir;
    return dir.path;
}

std::string write_temp_file(const std::string& name, const uint8_t* data, size_t size) {
    const std::string path = temp_dir() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    out.close();
    if (!out) broken("cannot write the temp file", path);
    return path;
}

const SecretKey& fuzz_secret_key() {
    return keys().secret;
}

const PublicKey& fuzz_public_key() {
    return keys().public_key;
}

bool MemorySource::read(const std::string& name, std::string& bytes, std::string& error) const {
    auto found = files_.find(name);
    if (found == files_.end()) {
        error = describe(name) + ": no such file";
        return false;
    }
    bytes = found->second;
    return true;
}

std::vector<std::string> MemorySource::list() const {
    std::vector<std::string> names;
    for (const auto& [name, bytes] : files_)
        names.push_back(name);
    return names;
}

void broken(std::string_view what, std::string_view detail) {
    std::fprintf(stderr, "fuzz invariant broken: %.*s%s%.*s\n", int(what.size()), what.data(),
                 detail.empty() ? "" : ": ", int(detail.size()), detail.data());
    std::abort();
}

} // namespace kiosk::fuzz
