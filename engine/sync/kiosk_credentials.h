// The kiosk's credentials for the hub, as files named by the config's sync
// section: the token `kiosk-hub admin add-kiosk` printed once
// ("KIOSK_ID.SECRET", one line), and the Ed25519 key that signs offline
// bundles (a `kioskctl keygen` secret key file); and the HTTP transport to
// the hub that the sync section and its token make, shared by the sync
// client, the content updater and the notice poller.
#pragma once

#include "sync_transport.h"

#include <memory>
#include <optional>
#include <string>

namespace kiosk {
struct SyncConfig;
}

namespace kiosk::sync {

// The token in `path` (surrounding whitespace removed). nullopt with `error`
// when the file cannot be read, is empty, or is not "KIOSK_ID.SECRET".
std::optional<std::string> read_token_file(const std::string& path, std::string& error);

// The kiosk id a token names: the part before its first '.'.
std::string kiosk_id_of_token(const std::string& token);

// The HTTP transport to the hub `config` names, authenticated by the token in
// its token_file (also returned in `token`). nullptr with `error` when the
// token cannot be read or the URL or CA file cannot be used.
std::unique_ptr<SyncTransport> make_hub_transport(const SyncConfig& config, std::string& token,
                                                  std::string& error);

} // namespace kiosk::sync
