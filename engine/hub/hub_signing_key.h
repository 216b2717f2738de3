// The hub's signing keys: Ed25519 key pairs in the data folder, each for one
// kind of signed document, made by `kiosk-hub admin KIND-key [--rotate]`:
// - the content key (issue 17, part 3) signs every kiosk's assignment
//   snapshot: DATA/content.key and DATA/content.pub, which the kiosk configs'
//   trusted_content_keys list;
// - the notice key (issue 18) signs every emergency notice: DATA/notice.key
//   and DATA/notice.pub, which trusted_notice_keys list.
// The secret key is created 0600 and never written through a link; `--rotate`
// keeps the old pair as KIND-OLDID.key/.pub and makes a new one. `serve` and
// the commands that sign load it; without one, what it signs is not served
// and the rest of the hub works. The keys are separate so a leaked content
// key cannot raise an alarm and a leaked notice key cannot change content.
#pragma once

#include "core/signing_keys.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace kiosk::hub {

// One of the hub's keys: its file names and where the kiosks list it.
struct HubKeyKind {
    const char* name;         // "content": DATA/content.key, admin content-key
    const char* trusted_list; // the kiosk config field that lists its public key
    const char* key_file;     // "content.key"
    const char* public_file;  // "content.pub"
};

constexpr HubKeyKind kContentKey{"content", "trusted_content_keys", "content.key", "content.pub"};
constexpr HubKeyKind kNoticeKey{"notice", "trusted_notice_keys", "notice.key", "notice.pub"};

// `kiosk-hub admin KIND-key`: 0 made (prints the public key file's path), 1
// refused (a key exists and `rotate` is false, an unusable data folder).
int admin_hub_key(const HubKeyKind& kind, const std::string& data_dir, bool rotate,
                  std::ostream& out, std::ostream& err);

// The key in DATA/KIND.key. nullopt with `error` empty when there is none,
// with `error` naming the file when it cannot be read or is not owner-only.
std::optional<SecretKey> load_hub_key(const HubKeyKind& kind, const std::string& data_dir,
                                      std::string& error);

// What a route or command says when the hub has no such key (how to make one).
std::string no_hub_key_message(const HubKeyKind& kind);

} // namespace kiosk::hub
