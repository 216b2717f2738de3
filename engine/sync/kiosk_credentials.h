// The kiosk's credentials for the hub, as files named by the config's sync
// section: the token `kiosk-hub admin add-kiosk` printed once
// ("KIOSK_ID.SECRET", one line), and the Ed25519 key that signs offline
// bundles (a `kioskctl keygen` secret key file).
#pragma once

#include <optional>
#include <string>

namespace kiosk::sync {

// The token in `path` (surrounding whitespace removed). nullopt with `error`
// when the file cannot be read, is empty, or is not "KIOSK_ID.SECRET".
std::optional<std::string> read_token_file(const std::string& path, std::string& error);

// The kiosk id a token names: the part before its first '.'.
std::string kiosk_id_of_token(const std::string& token);

} // namespace kiosk::sync
