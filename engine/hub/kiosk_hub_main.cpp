// build/bin/kiosk-hub: the command line (CLI11) of the venue/province server:
// `serve`, the `admin` commands, `import` and the `content` library commands.
// Usage errors exit 2; a store that cannot be read (StoreReadError) exits 1
// with the reason.
//
// Index of this file (all of it is run_kiosk_hub(): each command's options, then the dispatch):
// [SECTION] serve
// [SECTION] admin
// [SECTION] import and simulate
// [SECTION] content and notice
// [SECTION] report
// [SECTION] migrate
// [SECTION] Parsing and running the command
#include "bundle_import.h"
#include "content_export.h"
#include "dashboard_routes.h"
#include "demo_history.h"
#include "hub_admin.h"
#include "hub_migration.h"
#include "hub_server.h"
#include "hub_signing_key.h"
#include "library_commands.h"
#include "notice_commands.h"
#include "notice_import.h"
#include "report_commands.h"
#include "schedule_commands.h"

#include <CLI/CLI.hpp>
#include <sodium.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

// --data, and where the store is when it is not hub.db in that folder.
// KIOSK_HUB_STORE stands in for --store so that a PostgreSQL password need
// not appear on the command line (which every local user can read).
void add_store_options(CLI::App* command, kiosk::hub::StoreLocation& store) {
    command
        ->add_option("--data", store.data_dir,
                     "The hub's data folder (keys, mail settings, hub.db)")
        ->required();
    command
        ->add_option(
            "--store", store.database_url,
            "postgresql://USER@HOST:PORT/DATABASE: keep the store in PostgreSQL instead of "
            "DATA/hub.db (or set KIOSK_HUB_STORE)")
        ->envname("KIOSK_HUB_STORE");
    command
        ->add_option("--store-connections", store.connections,
                     "Connections this process keeps to PostgreSQL (default 4)")
        ->check(CLI::Range(1, kiosk::hub::kMaxStoreConnections));
}

} // namespace

static int run_kiosk_hub(int argc, char** argv) {
    CLI::App app{"kiosk-hub: receives usage counts from kiosks and serves the managers' dashboard"};
    app.set_version_flag("--version", KIOSK_VERSION);
    app.require_subcommand(1);

    kiosk::hub::ServeOptions serve;
    //-------------------------------------------------------------------------
    // [SECTION] serve
    //-------------------------------------------------------------------------
    CLI::App* serve_command = app.add_subcommand("serve", "Run the hub's HTTP server");
    serve_command->add_option("--listen", serve.listen, "HOST:PORT (PORT 0 picks a free port)")
        ->capture_default_str();
    add_store_options(serve_command, serve.store);
    // The dashboard's sign-in limits (environment variables too, for tests).
    int64_t session_idle_s = 30 * 60, session_max_s = 8 * 60 * 60, login_window_s = 15 * 60;
    int login_failures = 5;
    int silent_alert_days = kiosk::dashboard::kDefaultSilentAlertDays;
    int32_t utc_offset_min = kiosk::kDefaultVenueUtcOffsetMin;
    serve_command
        ->add_option("--session-idle-s", session_idle_s, "Sign out after this many idle seconds")
        ->envname("KIOSK_HUB_SESSION_IDLE_S")
        ->capture_default_str();
    serve_command
        ->add_option("--session-max-s", session_max_s, "Sign out this many seconds after sign-in")
        ->envname("KIOSK_HUB_SESSION_MAX_S")
        ->capture_default_str();
    serve_command
        ->add_option("--login-failures", login_failures,
                     "Failed sign-ins per user name allowed in the window (4x per address)")
        ->envname("KIOSK_HUB_LOGIN_FAILURES")
        ->capture_default_str();
    serve_command
        ->add_option("--login-window-s", login_window_s, "The failed sign-in window in seconds")
        ->envname("KIOSK_HUB_LOGIN_WINDOW_S")
        ->capture_default_str();
    serve_command
        ->add_option("--silent-alert-days", silent_alert_days,
                     "The dashboard flags kiosks not heard from for more than this many days")
        ->envname("KIOSK_HUB_SILENT_ALERT_DAYS")
        ->check(CLI::Range(1, 3650))
        ->capture_default_str();
    serve_command
        ->add_option("--utc-offset-min", utc_offset_min,
                     "The venues' time zone as minutes east of UTC: the dashboard shows times "
                     "and picks \"today\" there (480 = UTC+8, Beijing time)")
        ->envname("KIOSK_HUB_UTC_OFFSET_MIN")
        ->check(CLI::Range(kiosk::kMinUtcOffsetMin, kiosk::kMaxUtcOffsetMin))
        ->capture_default_str();

    // Scheduled reports and alert mail (schedule_commands.h); run-due takes the same.
    kiosk::hub::RunDueOptions run_due;
    serve_command
        ->add_option("--mail-config", run_due.mail_config,
                     "The mail settings (Lua data file, see kiosk-config/hub-mail.lua); without "
                     "it reports are saved but not mailed")
        ->envname("KIOSK_HUB_MAIL_CONFIG");
    serve_command
        ->add_option("--notice-receipt-hours", run_due.notice_receipt_hours,
                     "Mail an alert when a notice is not shown on a kiosk it targets this many "
                     "hours after it was sent")
        ->envname("KIOSK_HUB_NOTICE_RECEIPT_HOURS")
        ->check(CLI::Range(1, 24 * 30))
        ->capture_default_str();

    int snapshot_lifetime_days = kiosk::hub::kDefaultSnapshotLifetimeDays;
    serve_command
        ->add_option("--snapshot-lifetime-days", snapshot_lifetime_days,
                     "A kiosk's assignment snapshot expires this many days after it is issued "
                     "(a new one is issued after half of it)")
        ->envname("KIOSK_HUB_SNAPSHOT_LIFETIME_DAYS")
        ->check(CLI::Range(1, 365))
        ->capture_default_str();

    // Slow and greedy clients (connection_gate_internal.h); environment variables too, for tests.
    kiosk::hub::GateLimits& gate = serve.gate;
    int64_t head_timeout_s = gate.head_timeout_ms / 1000;
    int64_t request_timeout_s = gate.request_timeout_ms / 1000;
    serve_command->add_option("--workers", gate.workers, "Threads answering requests")
        ->envname("KIOSK_HUB_WORKERS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve_command->add_option("--max-connections", gate.max_connections, "Open connections in all")
        ->envname("KIOSK_HUB_MAX_CONNECTIONS")
        ->check(CLI::Range(1, 900))
        ->capture_default_str();
    serve_command
        ->add_option("--max-connections-per-address", gate.max_per_address,
                     "Open connections from one client address (behind a reverse proxy: "
                     "the proxy's)")
        ->envname("KIOSK_HUB_MAX_CONNECTIONS_PER_ADDRESS")
        ->check(CLI::Range(1, 900))
        ->capture_default_str();
    serve_command
        ->add_option("--head-timeout-s", head_timeout_s,
                     "Seconds a client has to send its request line and headers")
        ->envname("KIOSK_HUB_HEAD_TIMEOUT_S")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    serve_command
        ->add_option("--request-timeout-s", request_timeout_s,
                     "Seconds to receive a request's body and send its answer")
        ->envname("KIOSK_HUB_REQUEST_TIMEOUT_S")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();

    //-------------------------------------------------------------------------
    // [SECTION] admin
    //-------------------------------------------------------------------------
    CLI::App* admin = app.add_subcommand("admin", "Manage venues, kiosks and users");
    admin->require_subcommand(1);

    kiosk::hub::AddVenueOptions venue;
    CLI::App* add_venue = admin->add_subcommand("add-venue", "Add a venue");
    add_store_options(add_venue, venue.store);
    add_venue->add_option("--id", venue.id, "Venue id (A-Z a-z 0-9 - _)")->required();
    add_venue->add_option("--name-zh", venue.name_zh, "Chinese name")->required();
    add_venue->add_option("--name-en", venue.name_en, "English name")->required();
    add_venue->add_option("--kind", venue.kind, "county_museum or mobile_exhibit")->required();

    kiosk::hub::AddKioskOptions kiosk;
    CLI::App* add_kiosk =
        admin->add_subcommand("add-kiosk", "Add a kiosk and print its token (shown once)");
    add_store_options(add_kiosk, kiosk.store);
    add_kiosk->add_option("--venue", kiosk.venue, "The kiosk's venue id")->required();
    add_kiosk->add_option("--id", kiosk.id, "Kiosk id (default: k- and 6 random hex digits)");
    add_kiosk->add_option("--public-key", kiosk.public_key_file,
                          "The kiosk's bundle signing key (NAME.pub from kioskctl keygen)");
    add_kiosk->add_option("--in-service-since", kiosk.in_service_since,
                          "YYYY-MM-DD: a kiosk already in service since that day (its bundles' "
                          "export times from then count as contacts); default: now");

    kiosk::hub::AddUserOptions user;
    CLI::App* add_user =
        admin->add_subcommand("add-user", "Add a dashboard user; the password is read from stdin");
    add_store_options(add_user, user.store);
    add_user->add_option("--name", user.name, "Login name")->required();
    add_user->add_option("--role", user.role, "province_admin or venue_manager")->required();
    add_user->add_option("--venue", user.venue, "The venue of a venue_manager");

    kiosk::hub::StoreLocation revoke_data;
    std::string revoke_id;
    CLI::App* revoke_kiosk = admin->add_subcommand(
        "revoke-kiosk", "Stop a stolen or retired kiosk's token and bundle key (counts stay)");
    add_store_options(revoke_kiosk, revoke_data);
    revoke_kiosk->add_option("--id", revoke_id, "The kiosk's id")->required();

    kiosk::hub::AddPublisherOptions publisher;
    CLI::App* add_publisher = admin->add_subcommand(
        "add-publisher", "Trust a publisher's key for packages added to the content library");
    add_store_options(add_publisher, publisher.store);
    add_publisher->add_option("--name", publisher.name, "Who holds the key")->required();
    add_publisher
        ->add_option("--public-key", publisher.public_key_file, "NAME.pub (kioskctl keygen)")
        ->required();

    kiosk::hub::AddReviewerOptions reviewer;
    CLI::App* add_reviewer =
        admin->add_subcommand("add-reviewer", "Add an expert to the review pool");
    add_store_options(add_reviewer, reviewer.store);
    add_reviewer->add_option("--name", reviewer.name, "The reviewer's name")->required();
    add_reviewer->add_option("--organization", reviewer.organization, "Their organization")
        ->required();
    add_reviewer->add_option("--field", reviewer.field, "Their field of expertise")->required();
    add_reviewer->add_option("--public-key", reviewer.public_key_file, "NAME.pub (kioskctl keygen)")
        ->required();

    // admin content-key and admin notice-key (hub_signing_key.h).
    struct KeyCommand {
        const kiosk::hub::HubKeyKind* kind;
        const char* description;
        CLI::App* command = nullptr;
        std::string data_dir;
        bool rotate = false;
    };
    KeyCommand key_commands[] = {
        {&kiosk::hub::kContentKey,
         "Make the hub content key that signs the kiosks' assignment snapshots"},
        {&kiosk::hub::kNoticeKey, "Make the hub notice key that signs every emergency notice"},
    };
    for (KeyCommand& key : key_commands) {
        const std::string name = key.kind->name;
        key.command = admin->add_subcommand(name + "-key", key.description);
        key.command->add_option("--data", key.data_dir, "Folder of hub.db")->required();
        key.command->add_flag("--rotate", key.rotate,
                              "Replace an existing key (the old one is kept as " + name +
                                  "-OLDID.key)");
    }

    // admin set-division and map-area: routing CAP alerts to venues (notice_commands.h).
    kiosk::hub::NoticeCommandOptions routing;
    std::string routing_lang = "zh", division_venue, division_code;
    CLI::App* set_division = admin->add_subcommand(
        "set-division", "Record a venue's administrative-division code (GB/T 2260) for CAP alerts");
    add_store_options(set_division, routing.store);
    set_division->add_option("--venue", division_venue, "The venue's id")->required();
    set_division->add_option("--code", division_code, "6 digits, e.g. 330106 (\"\" removes it)")
        ->required();
    kiosk::hub::AreaRoute area_route;
    bool area_remove = false;
    CLI::App* map_area = admin->add_subcommand(
        "map-area", "Route an alert's area name or geocode to a venue (notice import)");
    add_store_options(map_area, routing.store);
    map_area->add_option("--area", area_route.area, "The area as alerts write it")->required();
    map_area->add_option("--venue", area_route.venue, "The venue's id")->required();
    map_area->add_flag("--remove", area_remove, "Remove this route");
    for (CLI::App* command : {set_division, map_area})
        command->add_option("--lang", routing_lang, "Language of messages: zh or en")
            ->check(CLI::IsMember({"zh", "en"}));

    kiosk::hub::SetHoursOptions hours;
    CLI::App* set_hours = admin->add_subcommand(
        "set-hours", "Set a venue's opening hours (kiosks' availability is measured in them)");
    add_store_options(set_hours, hours.store);
    set_hours->add_option("--venue", hours.venue, "The venue's id")->required();
    set_hours->add_option("--open", hours.open, "Local opening time HH:MM, e.g. 09:00")->required();
    set_hours->add_option("--close", hours.close, "Local closing time HH:MM, e.g. 17:00")
        ->required();
    set_hours->add_option("--closed", hours.closed, "Weekdays it is closed, e.g. mon or mon,tue");
    kiosk::hub::StoreLocation email_data;
    std::string email_name, email_address, email_lang = "zh";
    CLI::App* set_email = admin->add_subcommand(
        "set-email", "Set a user's email address for scheduled reports and alerts");
    add_store_options(set_email, email_data);
    set_email->add_option("--name", email_name, "The user's login name")->required();
    set_email->add_option("--email", email_address, "name@example.org (\"\" removes it)")
        ->required();
    set_email->add_option("--lang", email_lang, "Language of messages: zh or en")
        ->check(CLI::IsMember({"zh", "en"}));

    kiosk::hub::StoreLocation list_data;
    CLI::App* list =
        admin->add_subcommand("list", "List venues, kiosks, users, publishers and reviewers");
    add_store_options(list, list_data);

    //-------------------------------------------------------------------------
    // [SECTION] import and simulate
    //-------------------------------------------------------------------------
    // import: offline bundles (bundle_import.h), each on its own, in the
    // order given. 0 = all applied, 1 = any refused (the others are applied).
    kiosk::hub::StoreLocation import_data;
    std::vector<std::string> import_files;
    CLI::App* import_command = app.add_subcommand(
        "import", "Apply kiosks' offline sync bundles (kioskctl sync export), in the order given");
    add_store_options(import_command, import_data);
    import_command->add_option("FILE", import_files, "Bundle files")->required();

    // simulate: FOR DEMOS AND BENCHMARKS ONLY (demo_history.h).
    kiosk::hub::SimulateOptions simulate;
    CLI::App* simulate_command = app.add_subcommand(
        "simulate", "FOR DEMOS AND BENCHMARKS ONLY: write a seeded, simulated history of this "
                    "hub's kiosks as signed bundles for `import`");
    add_store_options(simulate_command, simulate.store);
    simulate_command->add_option("--keys", simulate.keys_dir, "Folder of the kiosks' ID.key files")
        ->required();
    simulate_command->add_option("-o,--out", simulate.out_dir, "The folder to write bundles to")
        ->required();
    simulate_command->add_option("--days", simulate.days, "Days of history")->capture_default_str();
    simulate_command->add_option("--end-day", simulate.end_day,
                                 "The last day YYYY-MM-DD (default: today, up to now)");
    simulate_command->add_option(
        "--titles-from", simulate.titles_from,
        "Send the titles of the packages (*.kpkg) in this folder (repeatable)");
    simulate_command->add_option("--seed", simulate.seed, "The same seed, the same history")
        ->capture_default_str();
    simulate_command
        ->add_option("--exports", simulate.cadence,
                     "How often kiosks export: hourly, daily, weekly")
        ->capture_default_str();
    simulate_command
        ->add_option("--utc-offset-min", simulate.utc_offset_min,
                     "The venues' time zone as minutes east of UTC")
        ->check(CLI::Range(kiosk::kMinUtcOffsetMin, kiosk::kMaxUtcOffsetMin))
        ->capture_default_str();

    //-------------------------------------------------------------------------
    // [SECTION] content and notice
    //-------------------------------------------------------------------------
    // content: the province's content library (library_commands.h).
    CLI::App* content = app.add_subcommand("content", "The province's content library");
    content->require_subcommand(1);
    kiosk::hub::ContentAddOptions content_add;
    CLI::App* content_add_command =
        content->add_subcommand("add", "Check a signed package and add it to the library");
    add_store_options(content_add_command, content_add.store);
    content_add_command->add_option("PKG", content_add.package_file, "The .kpkg file")->required();
    content_add_command->add_option("--venue", content_add.venue,
                                    "Add it as this venue's own package");
    kiosk::hub::StoreLocation content_data;
    std::string content_id, content_kiosk;
    std::vector<std::string> content_ids;
    CLI::App* content_list = content->add_subcommand("list", "List the library and assignments");
    add_store_options(content_list, content_data);
    CLI::App* content_publish = content->add_subcommand("publish", "Offer an item to every venue");
    add_store_options(content_publish, content_data);
    content_publish->add_option("ID", content_id, "The package id")->required();
    CLI::App* content_share =
        content->add_subcommand("share", "Approve a venue's own item for the other venues");
    add_store_options(content_share, content_data);
    content_share->add_option("ID", content_id, "The package id")->required();
    CLI::App* content_assign = content->add_subcommand(
        "assign", "Set the items a kiosk shows, in home-screen order (none: nothing)");
    add_store_options(content_assign, content_data);
    content_assign->add_option("--kiosk", content_kiosk, "The kiosk's id")->required();
    content_assign->add_option("ID", content_ids, "Package ids in home-screen order");

    kiosk::hub::ContentExportOptions content_export;
    CLI::App* content_export_command = content->add_subcommand(
        "export", "Write a kiosk's snapshot and packages to a folder (a USB stick)");
    add_store_options(content_export_command, content_export.store);
    content_export_command->add_option("--kiosk", content_export.kiosk, "The kiosk's id")
        ->required();
    content_export_command->add_option("-o,--out", content_export.out_dir, "The folder to write")
        ->required();
    content_export_command
        ->add_option("--snapshot-lifetime-days", snapshot_lifetime_days,
                     "Lifetime of a snapshot issued for the export")
        ->check(CLI::Range(1, 365))
        ->capture_default_str();

    // notice: emergency notices (notice_commands.h).
    CLI::App* notice = app.add_subcommand("notice", "Emergency notices for the kiosks");
    notice->require_subcommand(1);
    kiosk::hub::NoticeCommandOptions notice_options;
    std::string notice_lang = "zh";
    kiosk::hub::NoticeDraft draft;
    CLI::App* notice_add = notice->add_subcommand("add", "Issue a notice (signed, for polls)");
    CLI::App* notice_update =
        notice->add_subcommand("update", "Replace a notice (fields not given are kept)");
    CLI::App* notice_cancel = notice->add_subcommand("cancel", "Cancel a notice");
    for (CLI::App* command : {notice_update, notice_cancel})
        command->add_option("ID", draft.replaces, "The identifier of the notice")->required();
    for (CLI::App* command : {notice_add, notice_update}) {
        command
            ->add_option("--venue", draft.venues,
                         "A venue it is for (repeatable; none: every venue)")
            ->allow_extra_args(false);
        command->add_option("--status", draft.status, "Actual, Exercise or Test");
        command->add_option("--severity", draft.severity,
                            "Extreme, Severe (take over the screen), Moderate, Minor, Unknown");
        command->add_option("--urgency", draft.urgency,
                            "Immediate, Expected, Future, Past, Unknown");
        command->add_option("--certainty", draft.certainty,
                            "Observed, Likely, Possible, Unlikely, Unknown");
        command->add_option("--category", draft.categories, "CAP category (repeatable)")
            ->allow_extra_args(false);
        command->add_option("--event-zh", draft.event.zh, "The event, in Chinese");
        command->add_option("--event-en", draft.event.en, "The event, in English");
        command->add_option("--headline-zh", draft.headline.zh, "The headline, in Chinese");
        command->add_option("--headline-en", draft.headline.en, "The headline, in English");
        command->add_option("--description-zh", draft.description.zh, "Description, Chinese");
        command->add_option("--description-en", draft.description.en, "Description, English");
        command->add_option("--instruction-zh", draft.instruction.zh, "What to do, Chinese");
        command->add_option("--instruction-en", draft.instruction.en, "What to do, English");
        command
            ->add_option("--content", draft.content_ids,
                         "A library item that teaches what to do (repeatable)")
            ->allow_extra_args(false);
    }
    notice_add->get_option("--severity")->required();
    for (CLI::App* command : {notice_add, notice_update, notice_cancel})
        command->add_option("--expires", draft.expires,
                            "YYYY-MM-DDTHH:MM:SSZ or a duration: 90m, 6h, 2d");
    notice_add->get_option("--expires")->required();
    std::string notice_venue, notice_out;
    CLI::App* notice_list = notice->add_subcommand("list", "The notices, newest first");
    notice_list->add_option("--venue", notice_venue, "Only those for this venue");
    CLI::App* notice_export = notice->add_subcommand(
        "export", "Write a venue's notices to DIR/notices.json (a USB stick)");
    notice_export->add_option("--venue", notice_venue, "The venue's id")->required();
    notice_export->add_option("-o,--out", notice_out, "The folder to write")->required();
    kiosk::hub::NoticeImportOptions notice_import;
    CLI::App* notice_import_command = notice->add_subcommand(
        "import", "Import a CAP 1.2 XML alert, routed to venues by division code and area");
    notice_import_command->add_option("FILE", notice_import.file, "The CAP 1.2 XML file")
        ->required();
    notice_import_command
        ->add_option("--default-expiry-hours", notice_import.default_expiry_hours,
                     "Lifetime of an alert without <expires>, in hours (1..744)")
        ->capture_default_str();
    notice_import_command->add_option("--content", notice_import.content_ids,
                                      "A library item that teaches what to do (repeatable)");
    for (CLI::App* command : {notice_add, notice_update, notice_cancel, notice_list, notice_export,
                              notice_import_command}) {
        add_store_options(command, notice_options.store);
        command->add_option("--lang", notice_lang, "Language of messages: zh or en")
            ->check(CLI::IsMember({"zh", "en"}));
    }

    //-------------------------------------------------------------------------
    // [SECTION] report
    //-------------------------------------------------------------------------
    // report monthly: the monthly evaluation report as PDF (report_commands.h).
    kiosk::hub::MonthlyReportCommand monthly;
    std::string monthly_lang = "zh";
    CLI::App* report = app.add_subcommand("report", "Managers' reports");
    report->require_subcommand(1);
    CLI::App* report_monthly_command = report->add_subcommand(
        "monthly", "The monthly evaluation report of a venue or the province");
    add_store_options(report_monthly_command, monthly.store);
    report_monthly_command->add_option("--venue", monthly.venue, "The venue's id");
    report_monthly_command->add_flag("--province", monthly.province,
                                     "Every venue, with a per-venue breakdown");
    report_monthly_command->add_option(
        "--region", monthly.region,
        "A region's venues, with their breakdown: a division code prefix (33, 3301, 330106)");
    report_monthly_command->add_option("--month", monthly.month, "The month, YYYY-MM")->required();
    report_monthly_command->add_option("--kiosk", monthly.kiosk, "Only this kiosk");
    report_monthly_command->add_option("--lang", monthly_lang, "zh (default) or en")
        ->check(CLI::IsMember({"zh", "en"}));
    report_monthly_command
        ->add_option("--utc-offset-min", monthly.utc_offset_min,
                     "The venues' time zone as minutes east of UTC (480 = Beijing time)")
        ->envname("KIOSK_HUB_UTC_OFFSET_MIN")
        ->check(CLI::Range(kiosk::kMinUtcOffsetMin, kiosk::kMaxUtcOffsetMin))
        ->capture_default_str();
    report_monthly_command
        ->add_option("--silent-alert-days", monthly.silent_alert_days,
                     "Kiosks not heard from for more than this many days are noted")
        ->envname("KIOSK_HUB_SILENT_ALERT_DAYS")
        ->check(CLI::Range(1, 3650))
        ->capture_default_str();
    report_monthly_command->add_option("-o,--output", monthly.output, "The PDF file to write")
        ->required();
    // report run-due: one scheduler step (schedule_commands.h).
    CLI::App* run_due_command = report->add_subcommand(
        "run-due", "Make and mail the reports and alerts due now (one scheduler step)");
    std::string run_due_lang = "zh";
    add_store_options(run_due_command, run_due.store);
    run_due_command->add_option("--now", run_due.now,
                                "Run as at this time, YYYY-MM-DDTHH:MM:SSZ (default: the clock)");
    run_due_command->add_option("--mail-config", run_due.mail_config, "The mail settings");
    run_due_command->add_option("--utc-offset-min", utc_offset_min, "The venues' time zone")
        ->check(CLI::Range(kiosk::kMinUtcOffsetMin, kiosk::kMaxUtcOffsetMin));
    run_due_command->add_option("--silent-alert-days", silent_alert_days, "As for serve")
        ->check(CLI::Range(1, 3650));
    run_due_command
        ->add_option("--notice-receipt-hours", run_due.notice_receipt_hours, "As for serve")
        ->check(CLI::Range(1, 24 * 30));
    run_due_command->add_option("--lang", run_due_lang, "Language of messages: zh or en")
        ->check(CLI::IsMember({"zh", "en"}));

    //-------------------------------------------------------------------------
    // [SECTION] migrate
    //-------------------------------------------------------------------------
    // migrate: a SQLite hub copied into PostgreSQL and recounted (hub_migration.h).
    kiosk::hub::MigrateOptions migrate;
    CLI::App* migrate_command = app.add_subcommand(
        "migrate", "Copy a SQLite hub (hub.db) into an empty PostgreSQL database and verify it");
    migrate_command->add_option("--from", migrate.from, "The hub's data folder or its hub.db")
        ->required();
    migrate_command
        ->add_option("--to", migrate.to,
                     "postgresql://USER@HOST:PORT/DATABASE, empty (or set KIOSK_HUB_STORE)")
        ->envname("KIOSK_HUB_STORE")
        ->required();

    //-------------------------------------------------------------------------
    // [SECTION] Parsing and running the command
    //-------------------------------------------------------------------------
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return 2;
    }

    if (*serve_command) {
        kiosk::hub::DashboardOptions dashboard;
        dashboard.sessions = {session_idle_s * 1000, session_max_s * 1000};
        dashboard.logins = {login_failures, login_failures * 4, login_window_s * 1000};
        dashboard.silent_alert_days = silent_alert_days;
        dashboard.utc_offset_min = utc_offset_min;
        gate.head_timeout_ms = head_timeout_s * 1000;
        gate.request_timeout_ms = request_timeout_s * 1000;
        serve.snapshot_policy = {snapshot_lifetime_days * kiosk::kMsPerDay, utc_offset_min};
        // The content library and the notices (their own connections to
        // hub.db), open for the whole of serve().
        std::string library_error;
        std::unique_ptr<kiosk::hub::LibraryStore> library =
            kiosk::hub::open_library_store(serve.store, library_error);
        if (!library || sodium_init() < 0) {
            std::cerr << "kiosk-hub: " << (library ? "libsodium cannot start" : library_error)
                      << "\n";
            return 1;
        }
        std::unique_ptr<kiosk::hub::NoticeStore> notices =
            kiosk::hub::open_notice_store(serve.store, library_error);
        if (!notices) {
            std::cerr << "kiosk-hub: " << library_error << "\n";
            return 1;
        }
        // Sign-in sessions and failed sign-ins, shared with every process on the store.
        std::unique_ptr<kiosk::hub::WebSessionStore> web_sessions =
            kiosk::hub::open_web_session_store(serve.store, library_error);
        if (!web_sessions) {
            std::cerr << "kiosk-hub: " << library_error << "\n";
            return 1;
        }
        dashboard.web_sessions = web_sessions.get();
        // The report scheduler: its own connections, stopped after serve returns.
        run_due.store = serve.store;
        run_due.utc_offset_min = utc_offset_min;
        run_due.silent_alert_days = silent_alert_days;
        std::unique_ptr<kiosk::hub::SchedulerStores> scheduler_stores =
            kiosk::hub::open_scheduler(run_due, std::cerr);
        if (!scheduler_stores) return 1;
        kiosk::hub::ReportSchedulerThread scheduler(scheduler_stores->setup, kiosk::now_utc_ms);
        dashboard.reports = scheduler_stores->schedules.get();
        dashboard.mail_configured = !run_due.mail_config.empty();
        dashboard.reports_changed = [&scheduler] { scheduler.wake(); };
        dashboard.library = library.get();
        dashboard.notices = notices.get();
        dashboard.data_dir = serve.store.data_dir;
        serve.extra_routes = [dashboard](httplib::Server& server, kiosk::hub::HubStore& store) {
            kiosk::hub::add_dashboard_routes(server, store, dashboard);
        };
        return kiosk::hub::serve(serve, std::cout, std::cerr);
    }
    if (*migrate_command) return kiosk::hub::migrate_hub(migrate, std::cout, std::cerr);
    if (*report_monthly_command) {
        monthly.language = monthly_lang == "en" ? kiosk::Language::En : kiosk::Language::Zh;
        return kiosk::hub::report_monthly(monthly, std::cout, std::cerr);
    }
    for (const KeyCommand& key : key_commands)
        if (*key.command)
            return kiosk::hub::admin_hub_key(*key.kind, key.data_dir, key.rotate, std::cout,
                                             std::cerr);
    if (*content_export_command) {
        content_export.policy.lifetime_ms = snapshot_lifetime_days * kiosk::kMsPerDay;
        return kiosk::hub::content_export(content_export, std::cout, std::cerr);
    }
    notice_options.lang = notice_lang == "en" ? kiosk::Language::En : kiosk::Language::Zh;
    if (*notice_add || *notice_update || *notice_cancel) {
        draft.msg_type = *notice_add      ? kiosk::sync::NoticeMsgType::Alert
                         : *notice_update ? kiosk::sync::NoticeMsgType::Update
                                          : kiosk::sync::NoticeMsgType::Cancel;
        return kiosk::hub::notice_issue(notice_options, draft, std::cout, std::cerr);
    }
    if (*notice_list)
        return kiosk::hub::notice_list(notice_options, notice_venue, std::cout, std::cerr);
    if (*notice_import_command)
        return kiosk::hub::notice_import(notice_options, notice_import, std::cout, std::cerr);
    if (*notice_export)
        return kiosk::hub::notice_export(notice_options, notice_venue, notice_out, std::cout,
                                         std::cerr);
    routing.lang = routing_lang == "en" ? kiosk::Language::En : kiosk::Language::Zh;
    if (*set_division)
        return kiosk::hub::admin_set_division(routing, division_venue, division_code, std::cout,
                                              std::cerr);
    if (*map_area)
        return kiosk::hub::admin_map_area(routing, area_route, area_remove, std::cout, std::cerr);
    if (*set_email)
        return kiosk::hub::admin_set_email(
            email_data, email_name, email_address,
            email_lang == "en" ? kiosk::Language::En : kiosk::Language::Zh, std::cout, std::cerr);
    if (*run_due_command) {
        run_due.utc_offset_min = utc_offset_min;
        run_due.silent_alert_days = silent_alert_days;
        run_due.lang = run_due_lang == "en" ? kiosk::Language::En : kiosk::Language::Zh;
        return kiosk::hub::report_run_due(run_due, std::cout, std::cerr);
    }
    if (*add_venue) return kiosk::hub::admin_add_venue(venue, std::cout, std::cerr);
    if (*add_kiosk) return kiosk::hub::admin_add_kiosk(kiosk, std::cout, std::cerr);
    if (*add_user) return kiosk::hub::admin_add_user(user, std::cin, std::cout, std::cerr);
    if (*add_publisher) return kiosk::hub::admin_add_publisher(publisher, std::cout, std::cerr);
    if (*add_reviewer) return kiosk::hub::admin_add_reviewer(reviewer, std::cout, std::cerr);
    if (*list) return kiosk::hub::admin_list(list_data, std::cout, std::cerr);
    if (*content_add_command) return kiosk::hub::content_add(content_add, std::cout, std::cerr);
    if (*content_list) return kiosk::hub::content_list(content_data, std::cout, std::cerr);
    if (*content_publish)
        return kiosk::hub::content_publish(content_data, content_id, std::cout, std::cerr);
    if (*content_share)
        return kiosk::hub::content_share(content_data, content_id, std::cout, std::cerr);
    if (*content_assign)
        return kiosk::hub::content_assign(content_data, content_kiosk, content_ids, std::cout,
                                          std::cerr);
    if (*set_hours) return kiosk::hub::admin_set_hours(hours, std::cout, std::cerr);
    if (*revoke_kiosk)
        return kiosk::hub::admin_revoke_kiosk(revoke_data, revoke_id, std::cout, std::cerr);
    if (*simulate_command) {
        if (sodium_init() < 0) {
            std::cerr << "kiosk-hub simulate: libsodium cannot start\n";
            return 1;
        }
        return kiosk::hub::simulate_command(simulate, std::cout, std::cerr);
    }
    if (*import_command) {
        std::string error;
        std::unique_ptr<kiosk::hub::HubStore> store =
            kiosk::hub::open_hub_store(import_data, error);
        if (!store || sodium_init() < 0) {
            std::cerr << "kiosk-hub import: " << (store ? "libsodium cannot start" : error) << "\n";
            return 1;
        }
        int refused = 0;
        for (const std::string& import_file : import_files) {
            std::ifstream file(import_file, std::ios::binary);
            std::ostringstream text;
            if (!file || !(text << file.rdbuf())) {
                std::cerr << "kiosk-hub import: " << import_file << ": cannot read the file\n";
                ++refused;
                continue;
            }
            const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count();
            const kiosk::hub::ImportResult result =
                kiosk::hub::import_bundle(*store, text.str(), now_ms);
            if (!result.ok) {
                std::cerr << "kiosk-hub import: " << import_file << " refused: " << result.error
                          << "\n";
                ++refused;
                continue;
            }
            std::cout << "imported " << import_file << ": kiosk " << result.kiosk << ", "
                      << result.buckets << " buckets, " << result.stored << " changed\n";
        }
        if (import_files.size() > 1)
            std::cout << "imported " << (import_files.size() - size_t(refused)) << " of "
                      << import_files.size() << " bundles\n";
        return refused == 0 ? 0 : 1;
    }
    return 2;
}

int main(int argc, char** argv) {
    try {
        return run_kiosk_hub(argc, argv);
    } catch (const kiosk::hub::StoreReadError& failure) {
        std::cerr << "kiosk-hub: the hub's store cannot be read: " << failure.what() << "\n";
        return 1;
    }
}
