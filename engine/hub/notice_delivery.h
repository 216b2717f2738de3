// Delivery of one notice (issue 18, part 4), from the kiosks' receipts: the
// kiosks it is for (every kiosk, not revoked, of the venues it names, or of
// every venue), on how many it was shown, the ones not reached with when
// each was last seen, and the visitors' counts. The dashboard's 应急通知
// page and `kiosk-hub notice list` show it.
#pragma once

#include "hub_store.h"
#include "notice_store.h"

#include <cstdint>
#include <vector>

namespace kiosk::hub {

struct NoticeDelivery {
    int64_t shown = 0; // kiosks that reported it shown
    int64_t total = 0; // kiosks it is for
    std::vector<KioskRecord> not_reached;
    int64_t viewers = 0, opened = 0; // summed over the kiosks' receipts
};

NoticeDelivery notice_delivery(const std::vector<KioskRecord>& kiosks, NoticeStore& notices,
                               const StoredNotice& stored);

} // namespace kiosk::hub
