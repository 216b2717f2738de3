// The emergency-notice commands of kiosk-hub (issue 18), on the hub machine:
//   notice add|update|cancel   issue_notice (notice_issuer.h) with the hub's
//                              notice key, as author "cli"
//   notice list [--venue ID]   the history, newest first, with delivery counts
//   notice export --venue ID -o DIR
//                              DIR/notices.json: the venue's feed as a poll
//                              returns it, for a USB stick (owner-only, never
//                              written through a link)
//   admin set-division --venue ID --code 330106   ("" removes it)
//   admin map-area --area TEXT --venue ID [--remove]
// Messages come from the managers' strings in --lang (zh by default, as
// kioskctl stats). 0 done, 1 refused (the message says why; nothing stored).
#pragma once

#include "store_location.h"

#include "core/bilingual.h"
#include "notice_issuer.h"

#include <iosfwd>
#include <string>

namespace kiosk::hub {

struct NoticeCommandOptions {
    StoreLocation store; // --data and --store
    Language lang = Language::Zh;
};

int notice_issue(const NoticeCommandOptions& options, const NoticeDraft& draft, std::ostream& out,
                 std::ostream& err);
int notice_list(const NoticeCommandOptions& options, const std::string& venue, std::ostream& out,
                std::ostream& err);
int notice_export(const NoticeCommandOptions& options, const std::string& venue,
                  const std::string& out_dir, std::ostream& out, std::ostream& err);
int admin_set_division(const NoticeCommandOptions& options, const std::string& venue,
                       const std::string& code, std::ostream& out, std::ostream& err);
int admin_map_area(const NoticeCommandOptions& options, const AreaRoute& route, bool remove,
                   std::ostream& out, std::ostream& err);

} // namespace kiosk::hub
