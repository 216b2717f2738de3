// The emergency-notice commands of kiosk-hub (see notice_commands.h).
#include "notice_commands.h"

#include "content_export.h"
#include "core/civil_time.h"
#include "core/manager_text.h"
#include "core/private_files.h"
#include "dashboard/notice_words.h"
#include "hub_signing_key.h"
#include "notice_delivery.h"
#include "notice_feed.h"

#include <sodium.h>

#include <ostream>

namespace kiosk::hub {
namespace {

int refused(std::ostream& err, const std::string& message) {
    err << "kiosk-hub: " << message << "\n";
    return 1;
}

// The stores a notice command needs, opened; a message on `err` otherwise.
struct Stores {
    std::unique_ptr<HubStore> hub;
    std::unique_ptr<NoticeStore> notices;
    bool open(const StoreLocation& location, std::ostream& err) {
        std::string error;
        hub = open_hub_store(location, error);
        if (hub) notices = open_notice_store(location, error);
        if (!notices) err << "kiosk-hub: " << error << "\n";
        return notices != nullptr;
    }
};

std::string time_text(int64_t utc_ms, Language lang) {
    return manager_time(utc_ms, kDefaultVenueUtcOffsetMin, lang);
}

std::string venues_text(const sync::Notice& notice, Language lang) {
    if (notice.venues.empty()) return manager_text("all_venues", lang);
    std::string text;
    for (const std::string& venue : notice.venues)
        text += (text.empty() ? "" : ", ") + venue;
    return text;
}

} // namespace

int notice_issue(const NoticeCommandOptions& options, const NoticeDraft& draft, std::ostream& out,
                 std::ostream& err) {
    const Language lang = options.lang;
    if (sodium_init() < 0) return refused(err, "libsodium cannot start");
    Stores stores;
    if (!stores.open(options.store, err)) return 1;
    std::string error;
    const std::optional<SecretKey> key = load_hub_key(kNoticeKey, options.store.data_dir, error);
    if (!key && !error.empty()) return refused(err, error);
    std::unique_ptr<LibraryStore> library;
    if (!draft.content_ids.empty()) {
        library = open_library_store(options.store, error);
        if (!library) return refused(err, error);
    }
    const IssueResult result = issue_notice(*stores.notices, *stores.hub, library.get(), key, draft,
                                            {"cli", ""}, now_utc_ms());
    if (!result.ok()) {
        if (result.failure == IssueFailure::NoKey)
            return refused(err, manager_text("notice_fail_no_key", lang) + " " +
                                    no_hub_key_message(kNoticeKey));
        return refused(err, issue_failure_text(result, lang));
    }
    const sync::Notice& notice = result.stored.notice;
    out << manager_text("notice_issued", lang,
                        {{"id", notice.identifier},
                         {"type", dashboard::notice_type_word(sync::to_cap(notice.msg_type), lang)},
                         {"venues", venues_text(notice, lang)},
                         {"expires", time_text(notice.expires_utc_ms, lang)}})
        << "\n";
    return 0;
}

int notice_list(const NoticeCommandOptions& options, const std::string& venue, std::ostream& out,
                std::ostream& err) {
    const Language lang = options.lang;
    Stores stores;
    if (!stores.open(options.store, err)) return 1;
    if (!venue.empty() && !stores.hub->find_venue(venue))
        return refused(err, manager_text("notice_fail_venue", lang, {{"venue", venue}}));
    const std::vector<StoredNotice> history = stores.notices->history(venue, 1000);
    if (history.empty()) out << manager_text("notices_empty", lang) << "\n";
    const std::vector<KioskRecord> kiosks = stores.hub->kiosks();
    for (const StoredNotice& stored : history) {
        const sync::Notice& notice = stored.notice;
        out << notice.identifier << "  "
            << dashboard::notice_type_word(sync::to_cap(notice.msg_type), lang) << "  "
            << dashboard::notice_status_word(sync::to_cap(notice.status), lang) << "  "
            << dashboard::notice_severity_word(sync::to_cap(notice.severity), lang) << "  "
            << notice.headline.in(lang) << "\n  "
            << manager_text("notice_list_row", lang,
                            {{"venues", venues_text(notice, lang)},
                             {"sent", time_text(notice.sent_utc_ms, lang)},
                             {"expires", time_text(notice.expires_utc_ms, lang)},
                             {"author", stored.author}});
        if (stored.retired_seq != 0) out << "  " << manager_text("notices_retired", lang);
        if (notice.msg_type != sync::NoticeMsgType::Cancel) {
            const NoticeDelivery delivery = notice_delivery(kiosks, *stores.notices, stored);
            out << "  "
                << manager_text("notices_shown_on", lang,
                                {{"n", delivery.shown}, {"m", delivery.total}});
        }
        out << "\n";
    }
    return 0;
}

int notice_export(const NoticeCommandOptions& options, const std::string& venue,
                  const std::string& out_dir, std::ostream& out, std::ostream& err) {
    const Language lang = options.lang;
    Stores stores;
    if (!stores.open(options.store, err)) return 1;
    if (!stores.hub->find_venue(venue))
        return refused(err, manager_text("notice_fail_venue", lang, {{"venue", venue}}));
    std::string error;
    if (!prepare_export_folder(out_dir, error)) return refused(err, error);
    const sync::NoticeFeed feed = notice_feed(*stores.notices, venue, now_utc_ms());
    const std::string path = out_dir + "/" + sync::kNoticesExportName;
    if (!replace_private_file(path, sync::to_json(feed), error)) return refused(err, error);
    out << manager_text(
               "notice_exported", lang,
               {{"file", path}, {"n", std::to_string(feed.notices.size())}, {"venue", venue}})
        << "\n";
    return 0;
}

int admin_set_division(const NoticeCommandOptions& options, const std::string& venue,
                       const std::string& code, std::ostream& out, std::ostream& err) {
    const Language lang = options.lang;
    Stores stores;
    if (!stores.open(options.store, err)) return 1;
    if (!stores.hub->find_venue(venue))
        return refused(err, manager_text("notice_fail_venue", lang, {{"venue", venue}}));
    std::string error;
    if (!stores.notices->set_venue_division(venue, code, error))
        return refused(err, manager_text("notice_fail_field", lang, {{"detail", error}}));
    out << (code.empty() ? manager_text("division_removed", lang, {{"venue", venue}})
                         : manager_text("division_set", lang, {{"venue", venue}, {"code", code}}))
        << "\n";
    return 0;
}

int admin_map_area(const NoticeCommandOptions& options, const AreaRoute& route, bool remove,
                   std::ostream& out, std::ostream& err) {
    const Language lang = options.lang;
    Stores stores;
    if (!stores.open(options.store, err)) return 1;
    if (!stores.hub->find_venue(route.venue))
        return refused(err, manager_text("notice_fail_venue", lang, {{"venue", route.venue}}));
    std::string error;
    const bool done = remove ? stores.notices->remove_area_route(route, error)
                             : stores.notices->add_area_route(route, error);
    if (!done) return refused(err, manager_text("notice_fail_field", lang, {{"detail", error}}));
    const std::initializer_list<std::pair<std::string_view, std::string_view>> words = {
        {"area", route.area}, {"venue", route.venue}};
    out << (remove ? manager_text("area_unmapped", lang, words)
                   : manager_text("area_mapped", lang, words))
        << "\n";
    return 0;
}

} // namespace kiosk::hub
