// Delivery of one notice (see notice_delivery.h).
#include "notice_delivery.h"

#include <algorithm>
#include <map>

namespace kiosk::hub {

NoticeDelivery notice_delivery(const std::vector<KioskRecord>& kiosks, NoticeStore& notices,
                               const StoredNotice& stored) {
    NoticeDelivery delivery;
    std::map<std::string, sync::NoticeReceipt> receipts;
    for (StoredReceipt& receipt : notices.receipts_for(stored.notice.identifier))
        receipts[receipt.kiosk] = receipt.receipt;
    const std::vector<std::string>& venues = stored.notice.venues;
    for (const KioskRecord& kiosk : kiosks) {
        if (kiosk.revoked_utc_ms != 0) continue;
        if (!venues.empty() && std::find(venues.begin(), venues.end(), kiosk.venue) == venues.end())
            continue;
        ++delivery.total;
        const auto receipt = receipts.find(kiosk.id);
        if (receipt == receipts.end() || receipt->second.first_shown_utc_ms == 0) {
            delivery.not_reached.push_back(kiosk);
            continue;
        }
        ++delivery.shown;
        delivery.viewers += receipt->second.viewers;
        delivery.opened += receipt->second.opened;
    }
    return delivery;
}

} // namespace kiosk::hub
