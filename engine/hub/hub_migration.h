// `kiosk-hub migrate` (issue 22, part 4): moving a hub from SQLite to
// PostgreSQL. Copies every table of hub.db a hub keeps (venues, kiosks with
// their token hashes and keys, epochs, contact history, users, titles, the
// usage rollups, the library, notices, report schedules and their runs and
// saved reports, alert mail) into an empty PostgreSQL database, migrated to
// this build's schema through the PostgreSQL stores' own open functions, in
// one transaction; recounts both sides (rows per table, rows and sums of the
// usage rollups and of their totals per month) and commits only when every
// figure matches. hub.db is opened read-only and never written.
//
// Not copied: the dashboard's sign-in sessions and failed sign-ins (managers
// sign in again), the scheduler lease (taken anew by the first hub process),
// and venue_totals/province_totals, summed anew from the copied rollups (the
// recount compares them with hub.db's).
#pragma once

#include <iosfwd>
#include <string>

namespace kiosk::hub {

struct MigrateOptions {
    std::string from; // the hub's data folder, or its hub.db
    std::string to;   // postgresql://... (or KIOSK_HUB_STORE)
};

// 0 copied and verified; 1 refused or failed (nothing kept in PostgreSQL):
// --from missing, unreadable or not a hub database, a schema this build does
// not know, --to not a PostgreSQL URL, unreachable, or already holding a hub,
// or a recount that does not match.
int migrate_hub(const MigrateOptions& options, std::ostream& out, std::ostream& err);

} // namespace kiosk::hub
