// `kiosk-hub report monthly` (see report_commands.h).
#include "report_commands.h"

#include "core/manager_text.h"
#include "hub_store.h"
#include "monthly_report_data.h"
#include "regions.h"

#include <filesystem>
#include <ostream>

namespace kiosk::hub {

int report_monthly(const MonthlyReportCommand& command, std::ostream& out, std::ostream& err) {
    const Language lang = command.language;
    auto fail = [&](int code, const std::string& message) {
        err << "kiosk-hub report monthly: " << message << "\n";
        return code;
    };
    if (int(command.province) + int(!command.venue.empty()) + int(!command.region.empty()) != 1)
        return fail(2, manager_text("monthly_cli_need_scope", lang));
    if (!command.region.empty() && !is_region_code(command.region))
        return fail(2, manager_text("filter_bad_region", lang));
    // Never create a hub.db or a data folder here: a report of a mistyped
    // folder is an error. (A mistyped PostgreSQL URL fails to connect.)
    std::error_code ignored;
    const std::string database =
        (std::filesystem::path(command.store.data_dir) / "hub.db").string();
    if (command.store.is_postgresql()) {
        if (!std::filesystem::is_directory(command.store.data_dir, ignored))
            return fail(1, manager_text("monthly_cli_cannot_open", lang,
                                        {{"error", command.store.data_dir + ": no such folder"}}));
    } else if (!std::filesystem::is_regular_file(database, ignored)) {
        return fail(1, manager_text("monthly_cli_cannot_open", lang,
                                    {{"error", database + ": no such file"}}));
    }
    std::string error;
    std::unique_ptr<HubStore> store = open_hub_store(command.store, error);
    std::unique_ptr<LibraryStore> library =
        store ? open_library_store(command.store, error) : nullptr;
    std::unique_ptr<NoticeStore> notices =
        library ? open_notice_store(command.store, error) : nullptr;
    if (!notices) return fail(1, manager_text("monthly_cli_cannot_open", lang, {{"error", error}}));

    MonthlyRequest request;
    request.venue = command.province ? "" : command.venue;
    request.region = command.region;
    if (!command.region.empty())
        request.venues = venues_in_region(notices->venue_divisions(), command.region);
    request.kiosk = command.kiosk;
    request.month = command.month;
    request.language = lang;
    request.utc_offset_min = command.utc_offset_min;
    request.now_utc_ms = now_utc_ms();
    request.silent_alert_days = command.silent_alert_days;
    if (std::string problem = check_monthly_request(*store, request); !problem.empty())
        return fail(2, problem);
    const std::optional<report::MonthlyReport> report =
        collect_monthly_report(*store, library.get(), notices.get(), request, error);
    if (!report) return fail(1, manager_text("monthly_cli_failed", lang, {{"error", error}}));
    if (!report::write_monthly_pdf(*report, command.output, error))
        return fail(1, manager_text("monthly_cli_failed", lang,
                                    {{"error", command.output + ": " + error}}));
    out << manager_text("monthly_cli_wrote", lang, {{"file", command.output}}) << "\n";
    return 0;
}

} // namespace kiosk::hub
