// Ed25519 key pairs, their one-line text files, detached signatures and base64
// (see signing_keys.h).
#include "signing_keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace {

constexpr const char* kPublicTag = "kiosk-ed25519-public";
constexpr const char* kSecretTag = "kiosk-ed25519-secret";

std::string key_id_of(const std::array<unsigned char, 32>& public_key) {
    unsigned char hash[8];
    crypto_generichash(hash, sizeof hash, public_key.data(), public_key.size(), nullptr, 0);
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

std::string base64_of(const unsigned char* bytes, size_t size) {
    return to_base64(std::string_view(reinterpret_cast<const char*>(bytes), size));
}

bool decode_base64_exactly(const std::string& text, unsigned char* bytes, size_t size) {
    std::optional<std::string> decoded = from_base64(text);
    if (!decoded || decoded->size() != size) return false;
    std::memcpy(bytes, decoded->data(), size);
    return true;
}

// Reads "TAG ID BASE64" into `id` and `bytes`.
bool read_key_line(const std::string& path, const char* tag, std::string& id, unsigned char* bytes,
                   size_t size, std::string& error) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) {
        error = path + ": cannot read the key file";
        return false;
    }
    std::istringstream words(line);
    std::string found_tag, base64;
    words >> found_tag >> id >> base64;
    if (found_tag != tag) {
        error = path + ": not a " + (std::string(tag) == kPublicTag ? "public" : "secret") +
                " key file (expected a line starting with \"" + tag + "\")";
        return false;
    }
    if (!decode_base64_exactly(base64, bytes, size)) {
        error = path + ": the key is not " + std::to_string(size) + " bytes of base64";
        return false;
    }
    return true;
}

// Never through a symbolic link: one planted where a secret key goes would
// send the key into its target.
bool write_line(const std::string& path, const std::string& line, mode_t mode, std::string& error) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0 && errno == ELOOP) {
        error = path + ": is a symbolic link; a key file is never written through one (remove it)";
        return false;
    }
    struct stat file {};
    if (fd < 0 || fstat(fd, &file) != 0 || !S_ISREG(file.st_mode) || fchmod(fd, mode) != 0) {
        error = path + ": cannot write the key file";
        if (fd >= 0) ::close(fd);
        return false;
    }
    const std::string text = line + "\n";
    bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size());
    ok = ::close(fd) == 0 && ok;
    if (!ok) error = path + ": cannot write the key file";
    return ok;
}

} // namespace

PublicKey SecretKey::public_key() const {
    PublicKey derived;
    crypto_sign_ed25519_sk_to_pk(derived.key.data(), key.data());
    derived.id = key_id_of(derived.key);
    return derived;
}

SecretKey generate_key() {
    SecretKey secret;
    std::array<unsigned char, 32> public_key{};
    crypto_sign_keypair(public_key.data(), secret.key.data());
    secret.id = key_id_of(public_key);
    return secret;
}

bool write_public_key(const std::string& path, const PublicKey& key, std::string& error) {
    return write_line(path,
                      std::string(kPublicTag) + " " + key.id + " " +
                          base64_of(key.key.data(), key.key.size()),
                      0644, error);
}

bool write_secret_key(const std::string& path, const SecretKey& key, std::string& error) {
    return write_line(path,
                      std::string(kSecretTag) + " " + key.id + " " +
                          base64_of(key.key.data(), key.key.size()),
                      0600, error);
}

std::optional<PublicKey> read_public_key(const std::string& path, std::string& error) {
    PublicKey key;
    if (!read_key_line(path, kPublicTag, key.id, key.key.data(), key.key.size(), error))
        return std::nullopt;
    if (key.id != key_id_of(key.key)) {
        error = path + ": the key id does not match the key (was the file edited?)";
        return std::nullopt;
    }
    return key;
}

std::optional<SecretKey> read_secret_key(const std::string& path, std::string& error) {
    SecretKey key;
    if (!read_key_line(path, kSecretTag, key.id, key.key.data(), key.key.size(), error))
        return std::nullopt;
    if (key.public_key().id != key.id) {
        error = path + ": the key id does not match the key (was the file edited?)";
        return std::nullopt;
    }
    return key;
}

std::string sign_detached(std::string_view message, const SecretKey& key) {
    std::string signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.key.data());
    return signature;
}

bool verify_detached(std::string_view message, std::string_view signature, const PublicKey& key) {
    return signature.size() == crypto_sign_BYTES &&
           crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.key.data()) == 0;
}

std::string to_base64(std::string_view bytes) {
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(),
                      reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    text.resize(std::strlen(text.c_str()));
    return text;
}

std::optional<std::string> from_base64(std::string_view text) {
    std::string bytes(text.size() / 4 * 3 + 3, '\0');
    size_t decoded = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                          text.size(), nullptr, &decoded, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    bytes.resize(decoded);
    return bytes;
}

} // namespace kiosk
