// The alert conditions (report_alerts.h).
#include "report_alerts.h"

#include "core/civil_time.h"
#include "core/manager_text.h"
#include "notice_delivery.h"

#include <map>

namespace kiosk::hub {
namespace {

// A venue's name in both languages (its id when unknown), captured by the words.
Bilingual venue_words(const std::map<std::string, Venue>& venues, const std::string& id) {
    const auto found = venues.find(id);
    return found == venues.end() ? Bilingual{id, id}
                                 : Bilingual{found->second.name_zh, found->second.name_en};
}

void add_silent_kiosks(std::vector<AlertCondition>& out, HubStore& store,
                       const std::map<std::string, Venue>& venues, int64_t now, int32_t offset,
                       int days) {
    const int64_t limit = int64_t(days) * kMsPerDay;
    for (const KioskRecord& kiosk : store.kiosks()) {
        if (kiosk.revoked_utc_ms != 0) continue;
        const int64_t since =
            kiosk.last_seen_utc_ms ? kiosk.last_seen_utc_ms : kiosk.created_utc_ms;
        if (now - since <= limit) continue;
        const int64_t last_seen = kiosk.last_seen_utc_ms;
        const Bilingual venue = venue_words(venues, kiosk.venue);
        out.push_back({"silent:" + kiosk.id, kiosk.venue,
                       [=](Language lang) {
                           return manager_text("alert_mail_silent_subject", lang,
                                               {{"kiosk", kiosk.id}, {"venue", venue.in(lang)}});
                       },
                       [=](Language lang) {
                           const std::string seen =
                               last_seen ? manager_time(last_seen, offset, lang)
                                         : manager_text("alert_mail_never_seen", lang);
                           return manager_text("alert_mail_silent_body", lang,
                                               {{"kiosk", kiosk.id},
                                                {"venue", venue.in(lang)},
                                                {"days", std::to_string(days)},
                                                {"last_seen", seen}});
                       }});
    }
}

void add_expiring_reviews(std::vector<AlertCondition>& out, LibraryStore& library,
                          const std::string& today) {
    const std::optional<std::chrono::sys_days> day = parse_day(today);
    if (!day) return;
    const std::string horizon = format_day(*day + std::chrono::days(kReviewWarningDays));
    for (const LibraryItem& item : library.items()) {
        if (item.versions.empty()) continue;
        const LibraryPackage& newest = item.versions.front();
        std::string expires; // the latest trusted approval's last day
        for (const LibraryReview& review : newest.reviews)
            if (review.trusted && review.verdict == "approved" && review.expires > expires)
                expires = review.expires;
        if (expires.empty() || expires > horizon) continue;
        const Bilingual title{newest.title_zh, newest.title_en};
        out.push_back({"review:" + item.id + ":" + newest.version + ":" + expires, item.owner_venue,
                       [=](Language lang) {
                           return manager_text("alert_mail_review_subject", lang,
                                               {{"title", title.in(lang)}, {"expires", expires}});
                       },
                       [=](Language lang) {
                           return manager_text("alert_mail_review_body", lang,
                                               {{"title", title.in(lang)},
                                                {"id", item.id},
                                                {"version", newest.version},
                                                {"expires", expires}});
                       }});
    }
}

void add_undelivered_notices(std::vector<AlertCondition>& out, HubStore& store,
                             NoticeStore& notices, const std::map<std::string, Venue>& venues,
                             int64_t now, int32_t offset, int hours) {
    const std::vector<KioskRecord> kiosks = store.kiosks();
    for (const StoredNotice& stored : notices.history("", 200)) {
        const sync::Notice& notice = stored.notice;
        if (stored.retired_seq != 0 || notice.msg_type == sync::NoticeMsgType::Cancel ||
            notice.expires_utc_ms <= now || now - notice.sent_utc_ms < int64_t(hours) * 3600000)
            continue;
        std::map<std::string, std::vector<std::string>> missing; // venue -> kiosks
        for (const KioskRecord& kiosk : notice_delivery(kiosks, notices, stored).not_reached)
            missing[kiosk.venue].push_back(kiosk.id);
        for (const auto& entry : missing) {
            const std::string venue = entry.first;
            const std::vector<std::string>& ids = entry.second;
            std::string list;
            for (const std::string& id : ids)
                list += (list.empty() ? "" : ", ") + id;
            const Bilingual headline = notice.headline;
            const int64_t sent = notice.sent_utc_ms;
            const Bilingual venue_name = venue_words(venues, venue);
            out.push_back({"notice:" + notice.identifier + ":" + venue, venue,
                           [=](Language lang) {
                               return manager_text("alert_mail_notice_subject", lang,
                                                   {{"headline", headline.in(lang)},
                                                    {"venue", venue_name.in(lang)}});
                           },
                           [=](Language lang) {
                               return manager_text("alert_mail_notice_body", lang,
                                                   {{"headline", headline.in(lang)},
                                                    {"venue", venue_name.in(lang)},
                                                    {"sent", manager_time(sent, offset, lang)},
                                                    {"hours", std::to_string(hours)},
                                                    {"kiosks", list}});
                           }});
        }
    }
}

} // namespace

std::vector<AlertCondition> current_alert_conditions(HubStore& store, LibraryStore* library,
                                                     NoticeStore* notices, int64_t now_utc_ms,
                                                     int32_t utc_offset_min, int silent_alert_days,
                                                     int notice_receipt_hours) {
    std::map<std::string, Venue> venues;
    for (Venue& venue : store.venues())
        venues[venue.id] = std::move(venue);
    std::vector<AlertCondition> out;
    add_silent_kiosks(out, store, venues, now_utc_ms, utc_offset_min, silent_alert_days);
    if (library) add_expiring_reviews(out, *library, local_day(now_utc_ms, utc_offset_min));
    if (notices)
        add_undelivered_notices(out, store, *notices, venues, now_utc_ms, utc_offset_min,
                                notice_receipt_hours);
    return out;
}

} // namespace kiosk::hub
