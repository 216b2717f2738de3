// The CAP import command of kiosk-hub (see notice_import.h).
#include "notice_import.h"

#include "cap_alert.h"
#include "core/civil_time.h"
#include "core/manager_text.h"
#include "dashboard/notice_words.h"
#include "hub_signing_key.h"
#include "library_store.h"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <set>

namespace kiosk::hub {
namespace {

int refused(std::ostream& err, const std::string& message) {
    err << "kiosk-hub: " << message << "\n";
    return 1;
}

// At most one byte more than a CAP alert may have, so an oversized file is
// refused by the parser without reading all of it.
bool read_capped(const std::string& path, std::string& bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    bytes.resize(kMaxCapAlertBytes + 1);
    in.read(bytes.data(), std::streamsize(bytes.size()));
    if (in.bad()) return false;
    bytes.resize(size_t(in.gcount()));
    return true;
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

// An area as the manager reads it: its areaDesc and geocode values.
std::string area_text(const CapArea& area) {
    std::string text = area.description;
    for (const auto& [name, value] : area.geocodes)
        text += " " + name + "=" + value;
    return text;
}

std::vector<std::pair<std::string, std::string>> route_pairs(NoticeStore& notices) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const AreaRoute& route : notices.area_routes())
        pairs.emplace_back(route.area, route.venue);
    return pairs;
}

struct Routing {
    std::vector<std::string> venues; // sorted, unique; empty: no venue
    bool every_venue = false;        // an Update/Cancel of a notice for every venue
    std::vector<std::string> unmatched_areas;
    std::vector<std::string> notes; // manager's text
};

// The venues the alert's areas reach; for an alert without areas, its
// GB/T 35965.1 issuer's division; for an Update or Cancel, also the venues
// of what it references (their kiosks must learn it was retired).
Routing route_alert(const CapAlert& alert, NoticeStore& notices, Language lang) {
    Routing routing;
    const auto divisions = notices.venue_divisions();
    const auto routes = route_pairs(notices);
    std::set<std::string> venues;
    for (const CapArea& area : alert.areas) {
        const std::vector<std::string> reached = route_cap_areas({area}, divisions, routes);
        if (reached.empty()) routing.unmatched_areas.push_back(area_text(area));
        venues.insert(reached.begin(), reached.end());
    }
    if (alert.areas.empty() && !alert.issuer_division.empty()) {
        const CapArea issuer{"", {{"GB/T 35965.1", alert.issuer_division}}};
        const std::vector<std::string> reached = route_cap_areas({issuer}, divisions, routes);
        venues.insert(reached.begin(), reached.end());
        routing.notes.push_back(
            manager_text("notice_import_by_issuer", lang, {{"code", alert.issuer_division}}));
        if (reached.empty()) routing.unmatched_areas.push_back(area_text(issuer));
    }
    for (const sync::NoticeReference& reference : alert.notice.references) {
        const std::optional<StoredNotice> referenced =
            notices.find(reference.sender, reference.identifier);
        if (!referenced) continue; // the store refuses it: UnknownReference
        if (referenced->notice.venues.empty()) routing.every_venue = true;
        venues.insert(referenced->notice.venues.begin(), referenced->notice.venues.end());
    }
    routing.venues.assign(venues.begin(), venues.end());
    return routing;
}

std::string add_failure_text(AddNoticeOutcome outcome, const sync::Notice& notice,
                             const std::string& error, Language lang) {
    const std::string reference =
        notice.references.empty() ? notice.identifier : notice.references.front().identifier;
    switch (outcome) {
    case AddNoticeOutcome::Duplicate:
        return manager_text("notice_import_duplicate", lang, {{"id", notice.identifier}});
    case AddNoticeOutcome::UnknownReference:
        return manager_text("notice_fail_reference", lang, {{"id", reference}});
    case AddNoticeOutcome::AlreadyRetired:
        return manager_text("notice_fail_retired", lang, {{"id", reference}});
    case AddNoticeOutcome::Failed:
    case AddNoticeOutcome::Added:
        break;
    }
    return manager_text("notice_fail_store", lang, {{"detail", error}});
}

} // namespace

int notice_import(const NoticeCommandOptions& options, const NoticeImportOptions& import,
                  std::ostream& out, std::ostream& err) {
    const Language lang = options.lang;
    if (sodium_init() < 0) return refused(err, "libsodium cannot start");
    if (import.default_expiry_hours < 1 ||
        import.default_expiry_hours > sync::kMaxNoticeLifetimeMs / kMsPerHour)
        return refused(err, manager_text("notice_import_bad_hours", lang,
                                         {{"max", sync::kMaxNoticeLifetimeMs / kMsPerHour}}));
    std::string xml;
    if (!read_capped(import.file, xml))
        return refused(err,
                       manager_text("notice_import_unreadable", lang, {{"file", import.file}}));
    std::string error;
    std::optional<CapAlert> alert =
        parse_cap_alert(xml, import.default_expiry_hours * kMsPerHour, error);
    if (!alert)
        return refused(err, manager_text("notice_import_refused", lang,
                                         {{"file", import.file}, {"detail", error}}));
    sync::Notice& notice = alert->notice;
    const int64_t now = now_utc_ms();
    if (notice.expires_utc_ms <= now)
        return refused(err,
                       manager_text("notice_import_expired", lang,
                                    {{"id", notice.identifier},
                                     {"expires", manager_time(notice.expires_utc_ms,
                                                              kDefaultVenueUtcOffsetMin, lang)}}));

    std::unique_ptr<HubStore> hub = open_hub_store(options.store, error);
    std::unique_ptr<NoticeStore> notices = hub ? open_notice_store(options.store, error) : nullptr;
    if (!notices) return refused(err, error);
    const std::optional<SecretKey> key = load_hub_key(kNoticeKey, options.store.data_dir, error);
    if (!key)
        return refused(err, error.empty() ? manager_text("notice_fail_no_key", lang) + " " +
                                                no_hub_key_message(kNoticeKey)
                                          : error);
    if (!import.content_ids.empty()) {
        std::unique_ptr<LibraryStore> library = open_library_store(options.store, error);
        if (!library) return refused(err, error);
        for (const std::string& id : import.content_ids)
            if (!library->find_item(id))
                return refused(err, manager_text("notice_fail_content", lang, {{"id", id}}));
        notice.content_ids = import.content_ids;
    }

    const Routing routing = route_alert(*alert, *notices, lang);
    if (routing.venues.empty() && !routing.every_venue)
        return refused(err,
                       manager_text("notice_import_no_venue", lang,
                                    {{"id", notice.identifier},
                                     {"areas", routing.unmatched_areas.empty()
                                                   ? manager_text("notice_import_no_areas", lang)
                                                   : joined(routing.unmatched_areas)},
                                     {"set_division", "kiosk-hub admin set-division"},
                                     {"map_area", "kiosk-hub admin map-area"}}));
    notice.venues = routing.every_venue ? std::vector<std::string>{} : routing.venues;

    const std::optional<sync::SignedDocument> signed_notice =
        sync::sign_notice(notice, *key, error);
    if (!signed_notice)
        return refused(err, manager_text("notice_import_refused", lang,
                                         {{"file", import.file}, {"detail", error}}));
    const AddNoticeOutcome outcome = notices->add(*signed_notice, notice, "cap-import", now, error);
    if (outcome != AddNoticeOutcome::Added)
        return refused(err, add_failure_text(outcome, notice, error, lang));

    out << manager_text(
               "notice_import_stored", lang,
               {{"id", notice.identifier},
                {"type", dashboard::notice_type_word(sync::to_cap(notice.msg_type), lang)},
                {"status", dashboard::notice_status_word(sync::to_cap(notice.status), lang)},
                {"severity", dashboard::notice_severity_word(sync::to_cap(notice.severity), lang)},
                {"venues",
                 notice.venues.empty() ? manager_text("all_venues", lang) : joined(notice.venues)},
                {"expires", manager_time(notice.expires_utc_ms, kDefaultVenueUtcOffsetMin, lang)}})
        << "\n";
    for (const std::string& note : routing.notes)
        out << "  " << note << "\n";
    if (!routing.unmatched_areas.empty())
        out << "  "
            << manager_text("notice_import_unmatched", lang,
                            {{"areas", joined(routing.unmatched_areas)}})
            << "\n";
    for (const std::string& note : alert->notes)
        out << "  " << manager_text("notice_import_note", lang, {{"note", note}}) << "\n";
    return 0;
}

} // namespace kiosk::hub
