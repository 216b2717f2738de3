// The admin commands of kiosk-hub (see hub_admin.h).
#include "hub_admin.h"

#include "core/civil_time.h"
#include "core/signing_keys.h"
#include "credentials.h"
#include "hub_store.h"
#include "library_store.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <istream>
#include <ostream>

namespace kiosk::hub {
namespace {

constexpr size_t kMinPasswordChars = 8;
constexpr size_t kMaxNameBytes = 200;

int usage_error(std::ostream& err, const std::string& message) {
    err << "kiosk-hub admin: " << message << "\n";
    return 2;
}

int refused(std::ostream& err, const std::string& message) {
    err << "kiosk-hub admin: " << message << "\n";
    return 1;
}

std::unique_ptr<HubStore> open_store(const StoreLocation& location, std::ostream& err) {
    std::string error;
    std::unique_ptr<HubStore> store = open_hub_store(location, error);
    if (!store) err << "kiosk-hub admin: " << error << "\n";
    return store;
}

std::string format_time(int64_t utc_ms) {
    if (utc_ms == 0) return "never";
    return iso_utc_seconds(utc_ms);
}

// The key file's key as the library stores it (id, base64), or nullopt after
// a usage error on err.
std::optional<std::pair<std::string, std::string>> read_key_option(const std::string& path,
                                                                   std::ostream& err) {
    if (sodium_init() < 0) {
        err << "kiosk-hub admin: libsodium cannot start\n";
        return std::nullopt;
    }
    std::string error;
    std::optional<PublicKey> key = read_public_key(path, error);
    if (!key) {
        usage_error(err, "--public-key: " + error);
        return std::nullopt;
    }
    return std::pair{key->id,
                     to_base64(std::string_view(reinterpret_cast<const char*>(key->key.data()),
                                                key->key.size()))};
}

bool is_plain_name(const std::string& text) {
    if (text.empty() || text.size() > kMaxNameBytes) return false;
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

constexpr const char* kWeekdayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// "09:00-17:00, closed mon" for `admin list`.
std::string hours_text(const OpeningHours& hours) {
    const auto clock = [](int minute) {
        const std::string hh = std::to_string(minute / 60), mm = std::to_string(minute % 60);
        return (hh.size() < 2 ? "0" : "") + hh + ":" + (mm.size() < 2 ? "0" : "") + mm;
    };
    std::string text = clock(hours.open_minute) + "-" + clock(hours.close_minute);
    std::string closed;
    for (int day = 0; day < 7; ++day)
        if (hours.closed_weekdays & (1u << day))
            closed += (closed.empty() ? "" : ",") + std::string(kWeekdayNames[day]);
    return text + (closed.empty() ? "" : ", closed " + closed);
}

// "mon,tue" as OpeningHours::closed_weekdays bits; nullopt for any other word.
std::optional<unsigned> parse_weekdays(const std::string& text) {
    unsigned bits = 0;
    size_t at = 0;
    while (!text.empty() && at <= text.size()) {
        const size_t comma = std::min(text.find(',', at), text.size());
        const std::string word = text.substr(at, comma - at);
        const auto found = std::find(std::begin(kWeekdayNames), std::end(kWeekdayNames), word);
        if (found == std::end(kWeekdayNames)) return std::nullopt;
        bits |= 1u << (found - std::begin(kWeekdayNames));
        at = comma + 1;
    }
    return bits;
}

} // namespace

int admin_add_venue(const AddVenueOptions& options, std::ostream& out, std::ostream& err) {
    if (!is_valid_id(options.id))
        return usage_error(err,
                           "--id: expected 1..64 of A-Z a-z 0-9 - _, got \"" + options.id + "\"");
    if (options.name_zh.empty() || options.name_zh.size() > kMaxNameBytes)
        return usage_error(err, "--name-zh: expected 1..200 bytes");
    if (options.name_en.empty() || options.name_en.size() > kMaxNameBytes)
        return usage_error(err, "--name-en: expected 1..200 bytes");
    if (!is_venue_kind(options.kind))
        return usage_error(err, "--kind: expected county_museum or mobile_exhibit, got \"" +
                                    options.kind + "\"");
    std::unique_ptr<HubStore> store = open_store(options.store, err);
    if (!store) return 1;
    std::string error;
    if (!store->add_venue({options.id, options.name_zh, options.name_en, options.kind}, error))
        return refused(err, error);
    out << "added venue " << options.id << " (" << options.kind << ")\n";
    return 0;
}

int admin_add_kiosk(const AddKioskOptions& options, std::ostream& out, std::ostream& err) {
    if (!options.id.empty() && !is_valid_id(options.id))
        return usage_error(err,
                           "--id: expected 1..64 of A-Z a-z 0-9 - _, got \"" + options.id + "\"");
    if (!is_valid_id(options.venue))
        return usage_error(err, "--venue: expected a venue id, got \"" + options.venue + "\"");
    if (sodium_init() < 0) return refused(err, "libsodium cannot start");
    std::string public_key;
    if (!options.public_key_file.empty()) {
        std::string error;
        std::optional<PublicKey> key = read_public_key(options.public_key_file, error);
        if (!key) return usage_error(err, "--public-key: " + error);
        public_key = to_base64(
            std::string_view(reinterpret_cast<const char*>(key->key.data()), key->key.size()));
    }
    std::unique_ptr<HubStore> store = open_store(options.store, err);
    if (!store) return 1;
    std::string id = options.id;
    for (int attempt = 0; id.empty() || (options.id.empty() && store->find_kiosk(id)); ++attempt) {
        if (attempt == 100) return refused(err, "could not make an unused kiosk id");
        id = make_kiosk_id();
    }
    const std::string token = make_kiosk_token(id);
    KioskRecord kiosk;
    kiosk.id = id;
    kiosk.venue = options.venue;
    kiosk.token_hash = hash_token(token);
    kiosk.public_key = public_key;
    if (!options.in_service_since.empty()) {
        const std::optional<std::chrono::sys_days> since = parse_day(options.in_service_since);
        if (!since || since->time_since_epoch().count() * kMsPerDay > now_utc_ms())
            return usage_error(err, "--in-service-since: expected a day YYYY-MM-DD not in the "
                                    "future, got \"" +
                                        options.in_service_since + "\"");
        kiosk.created_utc_ms = std::max<int64_t>(1, since->time_since_epoch().count() * kMsPerDay);
    }
    if (kiosk.token_hash.empty()) return refused(err, "hashing the token failed (out of memory)");
    std::string error;
    if (!store->add_kiosk(kiosk, error)) return refused(err, error);
    out << "added kiosk " << id << " to venue " << options.venue << "\n"
        << "token: " << token << "\n"
        << "(shown only now: put it in the kiosk's sync token file; the hub keeps only a hash)\n";
    return 0;
}

int admin_add_user(const AddUserOptions& options, std::istream& password_in, std::ostream& out,
                   std::ostream& err) {
    if (!is_valid_user_name(options.name))
        return usage_error(err, "--name: expected 1..64 of A-Z a-z 0-9 - _ . @, got \"" +
                                    options.name + "\"");
    if (!is_user_role(options.role))
        return usage_error(err, "--role: expected province_admin or venue_manager, got \"" +
                                    options.role + "\"");
    if (options.role == "venue_manager" && !is_valid_id(options.venue))
        return usage_error(err, "--venue: a venue_manager needs the id of their venue");
    if (options.role == "province_admin" && !options.venue.empty())
        return usage_error(err, "--venue: a province_admin sees every venue; leave --venue out");
    std::string password;
    std::getline(password_in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < kMinPasswordChars)
        return usage_error(err, "password (first line of stdin): expected at least " +
                                    std::to_string(kMinPasswordChars) + " characters");
    std::unique_ptr<HubStore> store = open_store(options.store, err);
    if (!store) return 1;
    UserRecord user{options.name, hash_password(password), options.role, options.venue};
    sodium_memzero(password.data(), password.size());
    if (user.password_hash.empty()) return refused(err, "hashing the password failed");
    std::string error;
    if (!store->add_user(user, error)) return refused(err, error);
    out << "added user " << options.name << " (" << options.role
        << (options.venue.empty() ? "" : ", venue " + options.venue) << ")\n";
    return 0;
}

int admin_add_publisher(const AddPublisherOptions& options, std::ostream& out, std::ostream& err) {
    if (!is_plain_name(options.name))
        return usage_error(err, "--name: expected 1..200 bytes without control characters");
    const auto key = read_key_option(options.public_key_file, err);
    if (!key) return 2;
    std::string error;
    std::unique_ptr<LibraryStore> library = open_library_store(options.store, error);
    if (!library) return refused(err, error);
    if (!library->add_publisher({key->first, key->second, options.name, 0}, error))
        return refused(err, error);
    out << "added publisher " << options.name << " (key " << key->first
        << "): packages it signs can be added to the library\n";
    return 0;
}

int admin_add_reviewer(const AddReviewerOptions& options, std::ostream& out, std::ostream& err) {
    if (!is_plain_name(options.name))
        return usage_error(err, "--name: expected 1..200 bytes without control characters");
    if (!is_plain_name(options.organization))
        return usage_error(err, "--organization: expected 1..200 bytes without control characters");
    if (!is_plain_name(options.field))
        return usage_error(err, "--field: expected 1..200 bytes without control characters");
    const auto key = read_key_option(options.public_key_file, err);
    if (!key) return 2;
    std::string error;
    std::unique_ptr<LibraryStore> library = open_library_store(options.store, error);
    if (!library) return refused(err, error);
    if (!library->add_reviewer(
            {key->first, key->second, options.name, options.organization, options.field, 0}, error))
        return refused(err, error);
    out << "added reviewer " << options.name << " (" << options.organization << ", "
        << options.field << ", key " << key->first << ") to the expert pool\n";
    return 0;
}

int admin_set_hours(const SetHoursOptions& options, std::ostream& out, std::ostream& err) {
    if (!is_valid_id(options.venue))
        return usage_error(err, "--venue: expected a venue id, got \"" + options.venue + "\"");
    OpeningHours hours;
    const std::optional<int> open = parse_clock_time(options.open);
    if (!open)
        return usage_error(err, "--open: expected a local time HH:MM from 00:00 to 23:59, got \"" +
                                    options.open + "\"");
    const std::optional<int> close =
        options.close == "24:00" ? std::optional(24 * 60) : parse_clock_time(options.close);
    if (!close)
        return usage_error(err, "--close: expected a local time HH:MM from 00:00 to 24:00, got \"" +
                                    options.close + "\"");
    const std::optional<unsigned> closed = parse_weekdays(options.closed);
    if (!closed)
        return usage_error(err, "--closed: expected weekdays among mon,tue,wed,thu,fri,sat,sun "
                                "separated by commas (no spaces), got \"" +
                                    options.closed + "\"");
    hours.open_minute = *open;
    hours.close_minute = *close;
    hours.closed_weekdays = *closed;
    if (const std::string problem = opening_hours_problem(hours); !problem.empty())
        return usage_error(err, "--open/--close/--closed: " + problem + " (got " +
                                    hours_text(hours) + ")");
    std::unique_ptr<HubStore> store = open_store(options.store, err);
    if (!store) return 1;
    std::string error;
    if (!store->set_opening_hours(options.venue, hours, error)) return refused(err, error);
    out << "venue " << options.venue << " is open " << hours_text(hours)
        << " (local time at the hub's --utc-offset-min)\n";
    return 0;
}

int admin_list(const StoreLocation& location, std::ostream& out, std::ostream& err) {
    std::unique_ptr<HubStore> store = open_store(location, err);
    if (!store) return 1;
    out << "venues:\n";
    for (const Venue& venue : store->venues())
        out << "  " << venue.id << "  " << venue.kind << "  " << venue.name_zh << " / "
            << venue.name_en << "  open " << hours_text(venue.opening_hours) << "\n";
    out << "kiosks:\n";
    for (const KioskRecord& kiosk : store->kiosks())
        out << "  " << kiosk.id << "  venue " << kiosk.venue << "  last seen "
            << format_time(kiosk.last_seen_utc_ms) << "  version "
            << (kiosk.software_version.empty() ? "-" : kiosk.software_version)
            << (kiosk.public_key.empty() ? "" : "  bundle key")
            << (kiosk.revoked_utc_ms ? "  REVOKED " + format_time(kiosk.revoked_utc_ms) : "")
            << "\n";
    out << "users:\n";
    for (const UserRecord& user : store->users())
        out << "  " << user.name << "  " << user.role
            << (user.venue.empty() ? "" : "  venue " + user.venue) << "\n";
    std::string error;
    std::unique_ptr<LibraryStore> library = open_library_store(location, error);
    if (!library) return refused(err, error);
    out << "publishers:\n";
    for (const PublisherRecord& publisher : library->publishers())
        out << "  " << publisher.key_id << "  " << publisher.name << "\n";
    out << "reviewers:\n";
    for (const ReviewerRecord& reviewer : library->reviewers())
        out << "  " << reviewer.key_id << "  " << reviewer.name << "  " << reviewer.organization
            << "  " << reviewer.field << "\n";
    return 0;
}

int admin_revoke_kiosk(const StoreLocation& location, const std::string& id, std::ostream& out,
                       std::ostream& err) {
    if (!is_valid_id(id)) return usage_error(err, "--id: expected a kiosk id, got \"" + id + "\"");
    std::unique_ptr<HubStore> store = open_store(location, err);
    if (!store) return 1;
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    std::string error;
    if (!store->revoke_kiosk(id, now_ms, error)) return refused(err, error);
    out << "revoked kiosk " << id
        << ": its token and bundle key no longer work; its counts stay. To replace it, "
           "add-kiosk a new id.\n";
    return 0;
}

} // namespace kiosk::hub
