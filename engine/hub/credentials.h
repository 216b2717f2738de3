// Kiosk tokens and managers' passwords: making a token, hashing both with
// libsodium's crypto_pwhash_str, and checking a presented token or password in
// constant time, without revealing through timing whether a kiosk id exists.
#pragma once

#include "hub_store.h"

#include <optional>
#include <string>

namespace kiosk::hub {

// A new kiosk token "KIOSKID.SECRET": SECRET is 32 random bytes as base64url
// without padding (43 characters).
std::string make_kiosk_token(const std::string& kiosk_id);

// "k-" and 6 random lowercase hex digits, for add-kiosk without --id.
std::string make_kiosk_id();

// crypto_pwhash_str of a token (fast parameters) or a password (interactive
// parameters). Empty when libsodium cannot allocate the memory it needs.
std::string hash_token(const std::string& token);
std::string hash_password(const std::string& password);

bool verify_password(const std::string& password_hash, const std::string& password);

// The kiosk a bearer token belongs to, or nullopt for a malformed token, an
// unknown kiosk id or a wrong secret (the same work is done in every case).
std::optional<KioskRecord> authenticate_kiosk(HubStore& store, const std::string& token);

} // namespace kiosk::hub
