// The content commands of kiosk-hub (see library_commands.h).
#include "library_commands.h"

#include "core/civil_time.h"
#include "hub_store.h"
#include "library_store.h"
#include "library_upload.h"

#include <sodium.h>

#include <chrono>
#include <fstream>
#include <ostream>
#include <sstream>

namespace kiosk::hub {
namespace {

int refused(std::ostream& err, const std::string& message) {
    err << "kiosk-hub content: " << message << "\n";
    return 1;
}

std::unique_ptr<LibraryStore> open_library(const StoreLocation& location, std::ostream& err) {
    std::string error;
    std::unique_ptr<LibraryStore> library = open_library_store(location, error);
    if (!library) err << "kiosk-hub content: " << error << "\n";
    return library;
}

int64_t now_utc_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

int content_add(const ContentAddOptions& options, std::ostream& out, std::ostream& err) {
    if (sodium_init() < 0) return refused(err, "libsodium cannot start");
    if (!options.venue.empty()) {
        std::string error;
        std::unique_ptr<HubStore> hub = open_hub_store(options.store, error);
        if (!hub) return refused(err, error);
        if (!hub->find_venue(options.venue))
            return refused(err,
                           "--venue: no venue " + options.venue + " (add it with admin add-venue)");
    }
    std::ifstream file(options.package_file, std::ios::binary);
    std::ostringstream bytes;
    if (!file || !(bytes << file.rdbuf()))
        return refused(err, options.package_file + ": cannot read the file");
    std::unique_ptr<LibraryStore> library = open_library(options.store, err);
    if (!library) return 1;
    const UploadResult result =
        add_to_library(*library, options.store.data_dir, bytes.str(), options.package_file,
                       options.venue, local_day(now_utc_ms(), kDefaultVenueUtcOffsetMin));
    if (!result.ok) return refused(err, result.error + " (nothing was stored)");
    const LibraryPackage& package = result.package;
    size_t trusted = 0;
    for (const LibraryReview& review : package.reviews)
        trusted += review.trusted ? 1 : 0;
    out << (result.already_stored ? "already stored: " : "added ") << package.id << " "
        << package.version << " (" << package.kind << ", " << package.title_zh << ", publisher key "
        << package.publisher_key_id << ", " << package.reviews.size() << " reviews, " << trusted
        << " by the pool, sha256 " << package.sha256 << ")"
        << (options.venue.empty() ? "" : " as venue " + options.venue + "'s own") << "\n";
    return 0;
}

int content_list(const StoreLocation& location, std::ostream& out, std::ostream& err) {
    std::unique_ptr<LibraryStore> library = open_library(location, err);
    if (!library) return 1;
    for (const LibraryItem& item : library->items()) {
        out << item.id << "  "
            << (item.owner_venue.empty() ? "province" : "venue " + item.owner_venue)
            << (item.published ? "  published" : "") << (item.shared ? "  shared" : "") << "\n";
        for (const LibraryPackage& version : item.versions) {
            out << "  " << version.version << "  " << version.title_zh << "  " << version.size
                << " bytes  sha256 " << version.sha256 << "\n";
            for (const LibraryReview& review : version.reviews)
                out << "    review " << review.reviewer_key_id << "  " << review.verdict
                    << "  expires " << review.expires
                    << (review.trusted ? "" : "  (not by the pool)") << "\n";
        }
    }
    for (const KioskAssignment& assignment : library->assignments()) {
        out << "kiosk " << assignment.kiosk << ":";
        for (const std::string& id : assignment.items)
            out << " " << id;
        out << "\n";
    }
    return 0;
}

int content_publish(const StoreLocation& location, const std::string& id, std::ostream& out,
                    std::ostream& err) {
    std::unique_ptr<LibraryStore> library = open_library(location, err);
    if (!library) return 1;
    std::string error;
    if (!library->publish_item(id, error)) return refused(err, error);
    out << "published " << id << ": every venue may assign it\n";
    return 0;
}

int content_share(const StoreLocation& location, const std::string& id, std::ostream& out,
                  std::ostream& err) {
    std::unique_ptr<LibraryStore> library = open_library(location, err);
    if (!library) return 1;
    std::string error;
    if (!library->share_item(id, error)) return refused(err, error);
    out << "shared " << id << ": other venues may assign it\n";
    return 0;
}

int content_assign(const StoreLocation& location, const std::string& kiosk,
                   const std::vector<std::string>& ids, std::ostream& out, std::ostream& err) {
    std::unique_ptr<LibraryStore> library = open_library(location, err);
    if (!library) return 1;
    std::string error;
    if (!library->assign(kiosk, ids, error)) return refused(err, error + " (nothing changed)");
    out << "kiosk " << kiosk << " shows " << ids.size() << " items";
    for (const std::string& id : ids)
        out << " " << id;
    out << "\n";
    return 0;
}

} // namespace kiosk::hub
