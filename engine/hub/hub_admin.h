// `kiosk-hub admin`: adding venues (and setting their opening hours), kiosks (printing the new
// token once), managers' accounts, the content library's trusted publishers and its expert pool
// (reviewers), revoking a kiosk, and listing them, on the hub.db of a data folder. Each command
// checks its values first and names the option that is wrong; exit codes: 0 done, 1 refused by the
// store (an id taken, an unknown venue, an unusable data folder), 2 a bad value (usage error).
#pragma once

#include "store_location.h"

#include <iosfwd>
#include <string>

namespace kiosk::hub {

struct AddVenueOptions {
    StoreLocation store; // --data and --store
    std::string id, name_zh, name_en, kind;
};

struct AddKioskOptions {
    StoreLocation store;         // --data and --store
    std::string venue, id;       // id "" = make one ("k-" + 6 hex digits)
    std::string public_key_file; // "" = none (no offline bundles)
    // The day (YYYY-MM-DD, 00:00 UTC) a kiosk already in service was put in
    // service, for its contact history from bundles exported since; "" = now.
    std::string in_service_since;
};

struct AddUserOptions {
    StoreLocation store; // --data and --store
    std::string name, role, venue;
};

int admin_add_venue(const AddVenueOptions& options, std::ostream& out, std::ostream& err);
int admin_add_kiosk(const AddKioskOptions& options, std::ostream& out, std::ostream& err);
// The password is the first line of `password_in`.
int admin_add_user(const AddUserOptions& options, std::istream& password_in, std::ostream& out,
                   std::ostream& err);
struct AddPublisherOptions {
    StoreLocation store; // --data and --store
    std::string name, public_key_file;
};

struct AddReviewerOptions {
    StoreLocation store; // --data and --store
    std::string name, organization, field, public_key_file;
};

int admin_add_publisher(const AddPublisherOptions& options, std::ostream& out, std::ostream& err);
int admin_add_reviewer(const AddReviewerOptions& options, std::ostream& out, std::ostream& err);
// A venue's opening hours (hub_store.h OpeningHours), the hours its kiosks'
// availability is measured against: `open` "HH:MM", `close` "HH:MM" or
// "24:00", `closed` weekdays as "mon,tue" ("" = open every day).
struct SetHoursOptions {
    StoreLocation store; // --data and --store
    std::string venue, open, close, closed;
};
int admin_set_hours(const SetHoursOptions& options, std::ostream& out, std::ostream& err);
int admin_list(const StoreLocation& store, std::ostream& out, std::ostream& err);
// A stolen or retired kiosk: its token and bundle key stop working; its counts stay.
int admin_revoke_kiosk(const StoreLocation& store, const std::string& id, std::ostream& out,
                       std::ostream& err);

} // namespace kiosk::hub
