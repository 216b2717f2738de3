// The hub content key (issue 17, part 3): the Ed25519 key that signs every
// kiosk's assignment snapshot. `kiosk-hub admin content-key` makes it as
// DATA/content.key (0600) and DATA/content.pub (the file the kiosk configs'
// trusted_content_keys list); `--rotate` keeps the old pair as
// content-OLDID.key/.pub and makes a new one. `serve` and `content export`
// load it; without one, content is not served and the rest of the hub works.
#pragma once

#include "core/signing_keys.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace kiosk::hub {

constexpr const char* kContentKeyFile = "content.key";
constexpr const char* kContentPublicKeyFile = "content.pub";

// 0 made (prints the public key file's path), 1 refused (a key exists and
// `rotate` is false, an unusable data folder), as the other admin commands.
int admin_content_key(const std::string& data_dir, bool rotate, std::ostream& out,
                      std::ostream& err);

// The key in DATA/content.key. nullopt with `error` empty when there is none,
// with `error` naming the file when it cannot be read.
std::optional<SecretKey> load_content_key(const std::string& data_dir, std::string& error);

// What a content route or command says when the hub has no content key.
std::string no_content_key_message();

} // namespace kiosk::hub
