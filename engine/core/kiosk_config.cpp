// Kiosk config loading: reads the Lua data file, checks every key with
// DataReader, resolves relative paths against the config's folder, and returns
// a complete KioskConfig or the full list of problems.
#include "kiosk_config.h"

#include "data_reader.h"
#include "lua_data.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <utility>

namespace kiosk {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxExhibitDirs = 16;
constexpr size_t kMaxKioskName = 64;
constexpr size_t kMaxTrustedKeys = 16;
constexpr size_t kMaxTrustedReviewers = 16;
constexpr size_t kMaxTrustedContentKeys = 4;
constexpr size_t kMaxTrustedNoticeKeys = 4;
constexpr size_t kMaxContentImportDirs = 8;
constexpr int64_t kMaxContentReserveMb = 1048576;

// Absolute, normalized, without a trailing "/" (so "a/b/" and "a/b" compare equal).
std::string resolve_path(const fs::path& base_folder, const std::string& value) {
    fs::path path = fs::path(value).is_absolute() ? fs::path(value) : base_folder / value;
    path = path.lexically_normal();
    if (!path.has_filename() && path.has_relative_path()) path = path.parent_path();
    return path.string();
}

std::optional<std::string> read_path(DataReader& reader, std::string_view key, const fs::path& base,
                                     std::optional<std::string> fallback) {
    std::optional<std::string> value =
        fallback ? std::optional<std::string>(reader.string(key, *fallback))
                 : reader.required_string(key);
    if (!value) return std::nullopt;
    if (value->empty()) {
        reader.error(key, "expected a path, got an empty string");
        return std::nullopt;
    }
    return resolve_path(base, *value);
}

// A list of paths (folders or key files), each resolved like read_path; an
// empty string is an error naming what the list holds.
std::vector<std::string> read_path_list(DataReader& reader, std::string_view key, size_t max_items,
                                        const fs::path& base, std::string_view what) {
    std::vector<std::string> paths;
    for (const std::string& value : reader.string_list(key, max_items)) {
        if (value.empty())
            reader.error(key, "expected " + std::string(what) + ", got an empty string");
        else
            paths.push_back(resolve_path(base, value));
    }
    return paths;
}

bool is_kiosk_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

void read_venue(DataReader& root, VenueConfig& venue) {
    std::optional<DataReader> reader = root.required_table("venue");
    if (!reader) return;
    venue.name = reader->bilingual("name", BilingualRule::EnRequired);
    std::optional<std::string> kind =
        reader->required_one_of("kind", {"county_museum", "mobile_exhibit"});
    if (kind)
        venue.kind = *kind == "mobile_exhibit" ? VenueKind::MobileExhibit : VenueKind::CountyMuseum;
    venue.id = reader->string("id", "");
    if (reader->has("id") && (venue.id.empty() || venue.id.size() > kMaxKioskName ||
                              !std::all_of(venue.id.begin(), venue.id.end(), is_kiosk_name_char)))
        reader->error("id", "expected the hub's venue id (1..64 of A-Z a-z 0-9 _ -), got \"" +
                                venue.id + "\"");
    reader->finish();
}

void read_kiosk_name(DataReader& root, std::string& name) {
    name = root.string("kiosk_name", name);
    bool valid = !name.empty() && name.size() <= kMaxKioskName &&
                 std::all_of(name.begin(), name.end(), is_kiosk_name_char);
    if (!valid)
        root.error("kiosk_name",
                   "expected 1 to 64 letters, digits, '-' or '_' (like \"entrance-1\")");
}

void read_window(DataReader& root, WindowConfig& window) {
    std::optional<DataReader> reader = root.table("window");
    if (!reader) return;
    window.width = static_cast<int>(reader->integer("width", 320, 7680, window.width));
    window.height = static_cast<int>(reader->integer("height", 240, 4320, window.height));
    window.fullscreen = reader->boolean("fullscreen", window.fullscreen);
    window.display = static_cast<int>(reader->integer("display", 0, 15, window.display));
    window.vsync = reader->boolean("vsync", window.vsync);
    reader->finish();
}

void read_font(DataReader& root, const fs::path& base, FontConfig& font) {
    std::optional<DataReader> reader = root.table("font");
    if (!reader) return;
    font.path = read_path(*reader, "path", base, font.path).value_or(font.path);
    font.face = static_cast<int>(reader->integer("face", 0, 15, font.face));
    font.title_px = static_cast<int>(reader->integer("title_px", 8, 200, font.title_px));
    font.body_px = static_cast<int>(reader->integer("body_px", 8, 200, font.body_px));
    font.button_px = static_cast<int>(reader->integer("button_px", 8, 200, font.button_px));
    reader->finish();
}

void read_package_limits(DataReader& root, PackageLimitsConfig& limits) {
    std::optional<DataReader> reader = root.table("package_limits");
    if (!reader) return;
    limits.max_file_mb =
        static_cast<int>(reader->integer("max_file_mb", 1, 4096, limits.max_file_mb));
    limits.max_package_mb =
        static_cast<int>(reader->integer("max_package_mb", 1, 65536, limits.max_package_mb));
    reader->finish();
}

void read_exhibit_limits(DataReader& root, ExhibitLimitsConfig& limits) {
    std::optional<DataReader> reader = root.table("exhibit_limits");
    if (!reader) return;
    limits.memory_mb = static_cast<int>(reader->integer("memory_mb", 8, 1024, limits.memory_mb));
    limits.time_budget_ms =
        static_cast<int>(reader->integer("time_budget_ms", 5, 1000, limits.time_budget_ms));
    reader->finish();
}

void read_statistics(DataReader& root, StatisticsConfig& statistics) {
    std::optional<DataReader> reader = root.table("statistics");
    if (!reader) return;
    statistics.enabled = reader->boolean("enabled", statistics.enabled);
    statistics.retention_days =
        static_cast<int>(reader->integer("retention_days", 30, 3650, statistics.retention_days));
    statistics.log_events_per_session = static_cast<int>(
        reader->integer("log_events_per_session", 0, 100000, statistics.log_events_per_session));
    reader->finish();
}

// scheme://host[:port][/path] with scheme http or https; the sync client
// takes it apart again, this catches typos at load time.
bool is_hub_url(const std::string& url) {
    std::string_view rest = url;
    if (rest.starts_with("https://"))
        rest.remove_prefix(8);
    else if (rest.starts_with("http://"))
        rest.remove_prefix(7);
    else
        return false;
    const std::string_view authority = rest.substr(0, rest.find('/'));
    if (authority.empty() || authority.front() == ':') return false;
    const bool bad_char = std::any_of(url.begin(), url.end(), [](unsigned char c) {
        return c <= ' ' || c >= 127 || c == '?' || c == '#' || c == '@' || c == '\\';
    });
    if (bad_char) return false;
    const size_t colon = authority.rfind(':');
    if (colon == std::string_view::npos || authority.back() == ']') return true;
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    const int number = std::stoi(std::string(port));
    return number >= 1 && number <= 65535;
}

// The host of a URL that is_hub_url() accepted, without the [] of an IPv6 address.
std::string hub_url_host(const std::string& url) {
    std::string_view rest = url;
    rest.remove_prefix(rest.find("://") + 3);
    const std::string_view authority = rest.substr(0, rest.find('/'));
    if (authority.starts_with('['))
        return std::string(authority.substr(1, authority.find(']') - 1));
    return std::string(authority.substr(0, authority.rfind(':')));
}

void read_notices(DataReader& root, NoticesConfig& notices) {
    std::optional<DataReader> reader = root.table("notices");
    if (!reader) return;
    notices.poll_s = static_cast<int>(reader->integer("poll_s", 5, 3600, notices.poll_s));
    reader->finish();
}

void read_sync(DataReader& root, const fs::path& base, std::optional<SyncConfig>& sync) {
    std::optional<DataReader> reader = root.table("sync");
    if (!reader) return;
    SyncConfig config;
    if (std::optional<std::string> url = reader->required_string("hub_url")) {
        if (is_hub_url(*url))
            config.hub_url = *url;
        else
            reader->error("hub_url", "expected a URL like \"https://hub.example:8443\" "
                                     "(https://, or http:// to the kiosk itself)");
    }
    // Plain http:// sends the token (which lets anyone write this kiosk's
    // counts) and the counts in clear: only to the kiosk itself, unless the
    // config says the network is closed.
    config.allow_plain_http = reader->boolean("allow_plain_http", config.allow_plain_http);
    if (config.hub_url.starts_with("http://") && !config.allow_plain_http &&
        !is_loopback_host(hub_url_host(config.hub_url)))
        reader->error("hub_url",
                      "plain http:// to " + hub_url_host(config.hub_url) +
                          " would send the kiosk's token and counts unencrypted: use https://, "
                          "or set sync.allow_plain_http = true if the venue network is closed "
                          "(http:// to the kiosk itself, 127.0.0.1 or localhost, needs neither)");
    if (config.allow_plain_http && config.hub_url.starts_with("https://"))
        reader->warning("allow_plain_http", "has no effect: hub_url is https://");
    config.token_file = read_path(*reader, "token_file", base, std::nullopt).value_or("");
    if (reader->has("key_file"))
        config.key_file = read_path(*reader, "key_file", base, std::nullopt).value_or("");
    if (reader->has("ca_file"))
        config.ca_file = read_path(*reader, "ca_file", base, std::nullopt).value_or("");
    config.interval_s =
        static_cast<int>(reader->integer("interval_s", 60, 86400, config.interval_s));
    reader->finish();
    sync = std::move(config);
}

// Accepts only what crypto_pwhash_str writes, so a typo or a plain PIN fails
// here rather than at the first admin login.
bool is_password_hash(const std::string& hash) {
    bool prefix_ok = hash.starts_with("$argon2id$") || hash.starts_with("$argon2i$");
    if (!prefix_ok || hash.size() >= crypto_pwhash_STRBYTES) return false;
    if (sodium_init() < 0) return true; // cannot check further; the prefix is right
    return crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_MIN,
                                          crypto_pwhash_MEMLIMIT_MIN) != -1;
}

void read_admin(DataReader& root, AdminConfig& admin) {
    std::optional<DataReader> reader = root.required_table("admin");
    if (!reader) return;
    if (std::optional<std::string> hash = reader->required_string("pin_hash")) {
        if (is_password_hash(*hash))
            admin.pin_hash = std::move(*hash);
        else
            reader->error("pin_hash",
                          "expected a libsodium password hash starting with \"$argon2id$\" "
                          "(crypto_pwhash_str output), not the PIN itself");
    }
    std::string corner = reader->one_of(
        "corner", {"top_left", "top_right", "bottom_left", "bottom_right"}, "top_left");
    if (corner == "top_right")
        admin.corner = AdminCorner::TopRight;
    else if (corner == "bottom_left")
        admin.corner = AdminCorner::BottomLeft;
    else if (corner == "bottom_right")
        admin.corner = AdminCorner::BottomRight;
    else
        admin.corner = AdminCorner::TopLeft;
    admin.long_press_s = reader->number("long_press_s", 2, 30, admin.long_press_s);
    reader->finish();
}

void read_config(DataReader& root, const fs::path& base, KioskConfig& config) {
    read_venue(root, config.venue);
    read_kiosk_name(root, config.kiosk_name);
    std::string language = root.one_of("default_language", {"zh", "en"}, "zh");
    config.default_language = parse_language(language).value_or(Language::Zh);
    config.idle_timeout_s = root.number("idle_timeout_s", 10, 3600, config.idle_timeout_s);
    config.data_dir = read_path(root, "data_dir", base, std::nullopt).value_or("");
    config.exhibit_dirs =
        read_path_list(root, "exhibit_dirs", kMaxExhibitDirs, base, "folder paths");
    config.strings_file =
        read_path(root, "strings_file", base, "../content/strings.lua").value_or("");
    if (root.has("content_dir"))
        config.content_dir = read_path(root, "content_dir", base, std::nullopt).value_or("");
    config.trusted_keys =
        read_path_list(root, "trusted_keys", kMaxTrustedKeys, base, "public key file paths");
    config.trusted_reviewers = read_path_list(root, "trusted_reviewers", kMaxTrustedReviewers, base,
                                              "public key file paths");
    config.trusted_content_keys = read_path_list(
        root, "trusted_content_keys", kMaxTrustedContentKeys, base, "public key file paths");
    config.trusted_notice_keys = read_path_list(root, "trusted_notice_keys", kMaxTrustedNoticeKeys,
                                                base, "public key file paths");
    config.content_import_dirs =
        read_path_list(root, "content_import_dirs", kMaxContentImportDirs, base, "folder paths");
    config.content_reserve_mb =
        root.integer("content_reserve_mb", 0, kMaxContentReserveMb, config.content_reserve_mb);
    read_window(root, config.window);
    read_font(root, base, config.font);
    read_exhibit_limits(root, config.exhibit_limits);
    read_statistics(root, config.statistics);
    read_notices(root, config.notices);
    if (!config.trusted_notice_keys.empty() && config.venue.id.empty())
        root.error("trusted_notice_keys",
                   "needs venue.id (the hub's id of this venue): a notice names the venues it is "
                   "for");
    read_package_limits(root, config.package_limits);
    read_sync(root, base, config.sync);
    read_sound_config(root, config.sound);
    read_admin(root, config.admin);
    root.finish();
}

} // namespace

bool is_loopback_host(const std::string& host) {
    std::string lower = host;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (lower == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

const char* venue_kind_code(VenueKind kind) {
    return kind == VenueKind::MobileExhibit ? "mobile_exhibit" : "county_museum";
}

const char* admin_corner_code(AdminCorner corner) {
    switch (corner) {
    case AdminCorner::TopLeft:
        return "top_left";
    case AdminCorner::TopRight:
        return "top_right";
    case AdminCorner::BottomLeft:
        return "bottom_left";
    case AdminCorner::BottomRight:
        return "bottom_right";
    }
    return "top_left";
}

ConfigLoadResult load_kiosk_config(const std::string& path) {
    ConfigLoadResult result;
    DataLoadResult data = load_lua_data_file(path);
    if (!data.ok()) {
        result.errors = std::move(data.errors);
        return result;
    }
    KioskConfig config;
    std::error_code ignored;
    fs::path source = fs::absolute(path, ignored).lexically_normal();
    config.source_path = source.string();
    DataErrors errors;
    DataReader root(*data.root, path, "", errors);
    read_config(root, source.parent_path(), config);
    result.errors = std::move(errors.errors);
    result.warnings = std::move(errors.warnings);
    if (result.errors.empty()) result.config = std::move(config);
    return result;
}

} // namespace kiosk
