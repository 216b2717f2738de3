// Kiosk tokens and passwords (see credentials.h).
//
// Why tokens get the cheapest crypto_pwhash parameters: a slow hash protects
// secrets an attacker can guess (human passwords), by making each guess of a
// stolen hash expensive. A token's secret is 256 bits from the OS CSPRNG;
// nobody can enumerate 2^256 candidates at any cost per guess, so a slow hash
// would only make every sync (and a flood of bad tokens) cost the hub CPU and
// memory. We still store a crypto_pwhash_str hash (rather than the token) so a
// copied hub.db does not give out working tokens, and verify it with
// crypto_pwhash_str_verify, which compares in constant time. Passwords are
// human-chosen and get the interactive parameters.
#include "credentials.h"

#include <sodium.h>

namespace kiosk::hub {
namespace {

constexpr size_t kTokenSecretBytes = 32;

std::string pwhash(const std::string& secret, unsigned long long opslimit, size_t memlimit) {
    if (sodium_init() < 0) return "";
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, secret.data(), secret.size(), opslimit, memlimit) != 0) return "";
    return hash;
}

bool pwhash_verify(const std::string& hash, const std::string& secret) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

// A hash of a token nobody has, verified against when the presented kiosk id
// is unknown so that the answer takes as long as for a known id.
const std::string& dummy_token_hash() {
    static const std::string hash = hash_token("no-such-kiosk." + std::string(43, 'A'));
    return hash;
}

} // namespace

std::string make_kiosk_token(const std::string& kiosk_id) {
    if (sodium_init() < 0) return "";
    unsigned char secret[kTokenSecretBytes];
    randombytes_buf(secret, sizeof secret);
    char encoded[sodium_base64_ENCODED_LEN(kTokenSecretBytes,
                                           sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(encoded, sizeof encoded, secret, sizeof secret,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(secret, sizeof secret);
    return kiosk_id + "." + encoded;
}

std::string make_kiosk_id() {
    if (sodium_init() < 0) return "";
    unsigned char bytes[3];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return std::string("k-") + hex;
}

std::string hash_token(const std::string& token) {
    return pwhash(token, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

std::string hash_password(const std::string& password) {
    return pwhash(password, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool verify_password(const std::string& password_hash, const std::string& password) {
    return pwhash_verify(password_hash, password);
}

std::optional<KioskRecord> authenticate_kiosk(HubStore& store, const std::string& token) {
    const size_t dot = token.find('.');
    const std::string kiosk_id = dot == std::string::npos ? "" : token.substr(0, dot);
    std::optional<KioskRecord> kiosk;
    if (is_valid_id(kiosk_id)) kiosk = store.find_kiosk(kiosk_id);
    if (!kiosk) {
        pwhash_verify(dummy_token_hash(), token);
        return std::nullopt;
    }
    if (!pwhash_verify(kiosk->token_hash, token)) return std::nullopt;
    return kiosk;
}

} // namespace kiosk::hub
