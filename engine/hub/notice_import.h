// `kiosk-hub notice import FILE.xml` (issue 18, part 1): a CAP 1.2 alert from
// an alerting authority (China's national warning system, GB/T 35965.1, is
// CAP-shaped) read by hub/cap_alert.h, its areas routed to venues by each
// venue's administrative-division code and the admin's area table
// (`admin set-division`, `admin map-area`), linked to library content that
// teaches what to do (--content), signed with the hub's notice key and
// stored under the authority's own sender and identifier, so its Updates and
// Cancels find it. An Update or Cancel also reaches every venue of the notice
// it references. Prints the venues reached and what was defaulted; refuses an
// alert that reaches no venue, naming the areas that matched nothing, and an
// alert already expired. Messages from the managers' strings in --lang.
// 0 stored, 1 refused (nothing stored).
#pragma once

#include "notice_commands.h"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace kiosk::hub {

struct NoticeImportOptions {
    std::string file;
    int64_t default_expiry_hours = 24; // for an alert without <expires>: 1..744
    std::vector<std::string> content_ids;
};

int notice_import(const NoticeCommandOptions& options, const NoticeImportOptions& import,
                  std::ostream& out, std::ostream& err);

} // namespace kiosk::hub
