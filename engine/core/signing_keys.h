// Ed25519 signing keys (libsodium) shared by content packages and offline sync
// bundles: the key pair structs, their one-line text files (`kioskctl keygen`
// writes them), detached signatures over a byte string, and the base64 text
// those files and bundles use. Callers run sodium_init() once before any of it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

struct PublicKey {
    std::string id; // 16 hex digits: the start of BLAKE2b(key)
    std::array<unsigned char, 32> key{};
};

struct SecretKey {
    std::string id;
    std::array<unsigned char, 64> key{}; // libsodium's Ed25519 secret key (seed + public)
    PublicKey public_key() const;
};

SecretKey generate_key();
// Key files are one line of text: "kiosk-ed25519-public ID BASE64" or
// "kiosk-ed25519-secret ID BASE64". Writing a secret key makes the file mode 0600.
bool write_public_key(const std::string& path, const PublicKey& key, std::string& error);
bool write_secret_key(const std::string& path, const SecretKey& key, std::string& error);
std::optional<PublicKey> read_public_key(const std::string& path, std::string& error);
std::optional<SecretKey> read_secret_key(const std::string& path, std::string& error);

// The 64-byte Ed25519 signature of `message`, raw.
std::string sign_detached(std::string_view message, const SecretKey& key);
// True when `signature` (64 raw bytes) is `key`'s signature of `message`.
bool verify_detached(std::string_view message, std::string_view signature, const PublicKey& key);

// Standard base64 with padding (RFC 4648, section 4).
std::string to_base64(std::string_view bytes);
// nullopt unless `text` is well-formed base64 of that variant.
std::optional<std::string> from_base64(std::string_view text);

} // namespace kiosk
