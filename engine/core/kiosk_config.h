// The kiosk config file (kiosk-config/*.lua): one per touchscreen, written by
// venue managers. This file owns its schema, defaults and validation. A config
// either loads completely or not at all: the caller prints every error and
// exits with status 2, never running on a half-filled config.
//
// Schema (every key optional unless marked required):
//   venue = {                          -- required
//     name = { zh = "...", en = "..." },   -- required, both languages required
//     kind = "county_museum",              -- required: "county_museum" | "mobile_exhibit"
//     id = "county-museum",                -- the hub's id of the venue (1..64 of A-Z a-z 0-9 _ -);
//                                          --   required with trusted_notice_keys
//   },
//   kiosk_name = "entrance-1",         -- 1..64 of [A-Za-z0-9_-]; default "kiosk"
//   default_language = "zh",           -- "zh" | "en"; default "zh"
//   idle_timeout_s = 90,               -- seconds without touch before the attract screen, 10..3600
//   data_dir = "/var/lib/kiosk",       -- required: visitor statistics and logs
//   exhibit_dirs = { "../exhibits" },  -- 0..16 folders, each holding exhibit folders; default {}
//   strings_file = "../content/strings.lua", -- visitor strings table; default as shown
//   content_dir = "/var/lib/kiosk/content",  -- signed content packages (*.kpkg); default none
//   trusted_keys = { "keys/museum.pub" },      -- 0..16 public key files whose signatures count
//   trusted_reviewers = { "keys/expert.pub" }, -- 0..16 public key files whose review approvals
//                                      --   count; in venue mode a package shows only with one
//   trusted_content_keys = { "keys/hub-content.pub" }, -- 0..4 public key files: the hub's
//                                      --   content key(s), whose assignment snapshots count
//   trusted_notice_keys = { "keys/hub-notice.pub" }, -- 0..4 public key files: the hub's
//                                      --   notice key(s), whose emergency notices count
//   notices = {                        -- emergency notices (docs/emergency-notices.md)
//     poll_s = 30,                     -- seconds between notice polls to the hub, 5..3600
//   },
//   content_import_dirs = { "/media/usb" },    -- 0..8 folders checked for USB content imports
//                                      --   (and for a USB notices.json)
//   content_reserve_mb = 512,          -- free disk space the content updater never uses,
//                                      --   0..1048576
//   package_limits = {                 -- what one package may hold, uncompressed
//     max_file_mb = 64,                -- one file, 1..4096
//     max_package_mb = 1024,           -- all its files, 1..65536
//   },
//   window = {
//     width = 1280, height = 720,      -- integers 320..7680 and 240..4320
//     fullscreen = false,              -- default false
//     display = 0,                     -- monitor index 0..15
//     vsync = true,                    -- default true
//   },
//   font = {
//     path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", -- a CJK font (default as shown)
//     face = 0,                        -- face index inside a .ttc collection, 0..15
//     title_px = 72, body_px = 36, button_px = 40, -- pixel sizes at 1080p, 8..200
//   },
//   exhibit_limits = {                 -- what one exhibit's Lua may use
//     memory_mb = 64,                  -- 8..1024
//     time_budget_ms = 50,             -- per callback (update, draw, ...), 5..1000
//   },
//   statistics = {                     -- the visitor interaction log, DATA/kiosk.db
//     enabled = true,                  -- false: record nothing
//     retention_days = 400,            -- raw events kept this long (counts for ever), 30..3650
//     log_events_per_session = 600,    -- kiosk.log events kept per visitor, 0..100000
//   },
//   sync = {                           -- send usage counts to kiosk-hub; absent: no sync
//     hub_url = "https://hub.example:8443", -- required: https:// (certificate and host name
//                                      --   checked), or http:// to the kiosk itself
//                                      --   (127.0.0.0/8, ::1, localhost)
//     allow_plain_http = false,        -- true: http:// to any host, for a closed venue LAN;
//                                      --   the token and the counts then travel in clear
//     token_file = "keys/kiosk.token", -- required: the token `kiosk-hub admin add-kiosk` printed
//     key_file = "keys/kiosk.key",     -- the kiosk's Ed25519 secret key (kioskctl keygen), for
//                                      --   signed offline bundles (kioskctl sync export)
//     ca_file = "keys/venue-ca.pem",   -- https: the CA certificates (PEM) to trust instead of
//                                      --   the system's, for a venue hub with its own CA
//     interval_s = 900,                -- seconds between scheduled syncs, 60..86400
//   },
//   sound = { volume = 0.8, captions = "when_silent", quiet_hours = {} },
//                                      -- narration and effects (core/sound_config.h)
//   admin = {                          -- required
//     pin_hash = "$argon2id$...",      -- required: libsodium crypto_pwhash_str output
//     corner = "top_left",             -- where the hidden admin press goes:
//                                      --   top_left | top_right | bottom_left | bottom_right
//     long_press_s = 5,                -- seconds to hold that corner, 2..30
//   },
//
// Relative paths are resolved against the config file's folder; every path in
// KioskConfig is absolute and normalized.
#pragma once

#include "bilingual.h"
#include "sound_config.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

enum class VenueKind { CountyMuseum, MobileExhibit };
enum class AdminCorner { TopLeft, TopRight, BottomLeft, BottomRight };

// "county_museum" / "mobile_exhibit" and "top_left" ..., as in the file.
const char* venue_kind_code(VenueKind kind);
const char* admin_corner_code(AdminCorner corner);

struct VenueConfig {
    Bilingual name;
    VenueKind kind = VenueKind::CountyMuseum;
    std::string id; // the hub's venue id; "" when the config names none
};

struct WindowConfig {
    int width = 1280;
    int height = 720;
    bool fullscreen = false;
    int display = 0;
    bool vsync = true;
};

struct FontConfig {
    std::string path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    int face = 0;
    int title_px = 72; // sizes at 1080p; the renderer scales them to the window
    int body_px = 36;
    int button_px = 40;
};

struct PackageLimitsConfig {
    int max_file_mb = 64;
    int max_package_mb = 1024;
};

struct ExhibitLimitsConfig {
    int memory_mb = 64;
    int time_budget_ms = 50;
};

struct StatisticsConfig {
    bool enabled = true;
    int retention_days = 400;
    int log_events_per_session = 600;
};

struct NoticesConfig {
    int poll_s = 30; // seconds between GET /api/v1/notices
};

struct SyncConfig {
    std::string hub_url;           // "https://host[:port][/prefix]" or "http://..."
    bool allow_plain_http = false; // http:// to a host that is not loopback
    std::string token_file;        // absolute
    std::string key_file;          // absolute; "" when the config names none
    std::string ca_file;           // absolute; "" = the system's CA certificates
    int interval_s = 900;
};

// 127.0.0.0/8 (dotted quad), ::1 and "localhost": a host on the kiosk itself,
// where plain http:// never leaves the machine.
bool is_loopback_host(const std::string& host);

struct AdminConfig {
    std::string
        pin_hash; // "$argon2id$..." (crypto_pwhash_str); verify with crypto_pwhash_str_verify
    AdminCorner corner = AdminCorner::TopLeft;
    double long_press_s = 5.0;
};

struct KioskConfig {
    std::string source_path; // the config file itself, absolute
    VenueConfig venue;
    std::string kiosk_name = "kiosk";
    Language default_language = Language::Zh;
    double idle_timeout_s = 90.0;
    std::string data_dir;
    std::vector<std::string> exhibit_dirs;
    std::string strings_file;                      // default: CONFIG_FOLDER/../content/strings.lua
    std::string content_dir;                       // "" when the config names none
    std::vector<std::string> trusted_keys;         // publisher keys: whose signatures count
    std::vector<std::string> trusted_reviewers;    // reviewer keys: whose approvals count
    std::vector<std::string> trusted_content_keys; // hub content keys: whose snapshots count
    std::vector<std::string> trusted_notice_keys;  // hub notice keys: whose notices count
    std::vector<std::string> content_import_dirs;  // folders checked for USB imports
    int64_t content_reserve_mb = 512;              // free disk the content updater leaves
    PackageLimitsConfig package_limits;
    WindowConfig window;
    FontConfig font;
    ExhibitLimitsConfig exhibit_limits;
    StatisticsConfig statistics;
    NoticesConfig notices;
    std::optional<SyncConfig> sync; // absent: the kiosk does not sync
    SoundConfig sound;
    AdminConfig admin;
};

// Either `config` or at least one error ("file:line: key: message"); warnings
// may come with either.
struct ConfigLoadResult {
    std::optional<KioskConfig> config;
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    bool ok() const { return config.has_value(); }
};

ConfigLoadResult load_kiosk_config(const std::string& path);

} // namespace kiosk
