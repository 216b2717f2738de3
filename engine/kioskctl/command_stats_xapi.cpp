// kioskctl stats export --format xapi: a kiosk's raw events as xAPI 1.0.3
// statements (engine/stats/xapi_statements.h), written to a JSON file (-o) or
// sent to a Learning Record Store (--post, engine/stats/lrs_post.h). This file
// owns the xapi options, where the kiosk id, venue id, home page and LRS
// password come from, and the messages (docs/learning-records.md).
//
//   kiosk id   --kiosk-id, else the config's sync token's kiosk id, else its kiosk_name
//   venue id   --venue-id, else the config's venue.id
//   home page  --home-page URL, else https://kiosk.invalid/venues/VENUE_ID
//   password   --password-file FILE (its first line), else $KIOSK_LRS_PASSWORD;
//              never an argument (other users can read a command line)
#include "commands.h"
#include "core/content_ids.h"
#include "core/kiosk_config.h"
#include "core/manager_text.h"
#include "stats/lrs_post.h"
#include "stats/xapi_statements.h"
#include "sync/kiosk_credentials.h"
#include "sync/sync_transport.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace kiosk::ctl {
namespace {

constexpr const char* kPasswordVariable = "KIOSK_LRS_PASSWORD";
constexpr size_t kFilePageSize = 1000;

Language language_of(const Options& o) {
    return o.lang == "en" ? Language::En : Language::Zh;
}

int fail(const std::string& message) {
    std::cerr << "kioskctl: " << message << "\n";
    return 2;
}

// The kiosk id, venue id and home page (see the top of this file).
bool resolve_source(const Options& o, stats::XapiSource& source, std::string& error) {
    const Language lang = language_of(o);
    std::optional<KioskConfig> config;
    if (!o.config.empty()) {
        ConfigLoadResult loaded = load_kiosk_config(o.config);
        for (const std::string& message : loaded.errors)
            std::cerr << message << "\n";
        if (!loaded.ok()) {
            error = manager_text("xapi_bad_config", lang, {{"file", o.config}});
            return false;
        }
        config = std::move(loaded.config);
    }
    source.kiosk_id = o.kiosk_id;
    if (source.kiosk_id.empty() && config && config->sync) {
        const std::optional<std::string> token =
            sync::read_token_file(config->sync->token_file, error);
        if (!token) return false;
        source.kiosk_id = sync::kiosk_id_of_token(*token);
    } else if (source.kiosk_id.empty() && config) {
        source.kiosk_id = config->kiosk_name;
    }
    source.venue_id = !o.venue_id.empty() ? o.venue_id : config ? config->venue.id : "";
    if (source.venue_id.empty()) {
        error = manager_text("xapi_need_venue", lang);
        return false;
    }
    if (source.kiosk_id.empty()) {
        error = manager_text("xapi_need_kiosk", lang);
        return false;
    }
    for (const std::string* id : {&source.kiosk_id, &source.venue_id})
        if (!is_valid_hub_id(*id)) {
            error = manager_text("xapi_bad_id", lang, {{"id", *id}});
            return false;
        }
    source.home_page =
        !o.home_page.empty() ? o.home_page : "https://kiosk.invalid/venues/" + source.venue_id;
    std::string url_error;
    if (!sync::parse_hub_url(source.home_page, url_error)) {
        error = manager_text("xapi_bad_home_page", lang, {{"error", url_error}});
        return false;
    }
    return true;
}

bool read_password(const Options& o, std::string& password, std::string& error) {
    const Language lang = language_of(o);
    if (!o.password_file.empty()) {
        std::ifstream in(o.password_file, std::ios::binary);
        if (!in || !std::getline(in, password) || password.empty()) {
            error = manager_text("xapi_password_file", lang, {{"file", o.password_file}});
            return false;
        }
        if (!password.empty() && password.back() == '\r') password.pop_back();
        return true;
    }
    if (const char* value = std::getenv(kPasswordVariable); value && *value) {
        password = value;
        return true;
    }
    error = manager_text("xapi_need_password", lang);
    return false;
}

int write_file(const Options& o, const telemetry::ReadOnlyKioskDb& db,
               const stats::XapiSource& source, const DayRange* range) {
    const Language lang = language_of(o);
    std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
    if (!out) return fail(manager_text("xapi_cannot_write", lang, {{"file", o.output}}));
    out << "[";
    int64_t written = 0, left_out = 0, after_seq = 0;
    for (;;) {
        stats::XapiPage page;
        std::string error;
        if (!stats::read_xapi_statements(db, source, after_seq, range, kFilePageSize, page, error))
            return fail(error);
        for (const stats::XapiStatement& statement : page.statements)
            out << (written++ ? ",\n" : "\n") << statement.json;
        left_out += page.events_left_out;
        after_seq = page.last_seq;
        if (!page.more) break;
    }
    out << "\n]\n";
    if (!out.flush()) return fail(manager_text("xapi_cannot_write", lang, {{"file", o.output}}));
    if (left_out)
        std::cerr << "kioskctl: " << manager_text("xapi_left_out", lang, {{"n", left_out}}) << "\n";
    std::cout << manager_text("xapi_wrote", lang,
                              {{"n", std::to_string(written)}, {"file", o.output}})
              << "\n";
    return 0;
}

int post(const Options& o, const telemetry::ReadOnlyKioskDb& db, const stats::XapiSource& source,
         const DayRange* range) {
    const Language lang = language_of(o);
    stats::LrsPostOptions options;
    options.url = o.post_url;
    options.user = o.lrs_user;
    options.state_file = o.state_file;
    options.batch_size = size_t(o.batch_size);
    options.allow_plain_http = o.allow_plain_http;
    std::string error;
    if (options.state_file.empty()) return fail(manager_text("xapi_need_state", lang));
    if (!options.user.empty() && !read_password(o, options.password, error)) return fail(error);
    stats::LrsPostReport report;
    const bool done = stats::post_to_lrs(db, source, range, options, lang, report, error);
    const auto seq = std::to_string(report.acknowledged_seq);
    if (report.already_stored)
        std::cerr << "kioskctl: "
                  << manager_text("xapi_already_stored", lang, {{"n", report.already_stored}})
                  << "\n";
    if (report.events_left_out)
        std::cerr << "kioskctl: "
                  << manager_text("xapi_left_out", lang, {{"n", report.events_left_out}}) << "\n";
    std::cout << manager_text("xapi_posted", lang,
                              {{"n", std::to_string(report.statements_sent)},
                               {"batches", std::to_string(report.batches)},
                               {"url", o.post_url},
                               {"seq", seq}})
              << "\n";
    return done ? 0 : fail(error);
}

} // namespace

void add_xapi_options(CLI::App* command, Options& o) {
    command->add_option("--config", o.config,
                        "xapi: the kiosk config, for the venue id (venue.id) and the kiosk id "
                        "(its sync token's kiosk id, else kiosk_name)");
    command->add_option("--kiosk-id", o.kiosk_id, "xapi: the kiosk id (instead of --config's)");
    command->add_option("--venue-id", o.venue_id, "xapi: the venue id (instead of --config's)");
    command->add_option("--home-page", o.home_page,
                        "xapi: the venue's home page, the anonymous actors' account homePage "
                        "(default https://kiosk.invalid/venues/VENUE_ID)");
    command->add_option("--post", o.post_url,
                        "xapi: send the statements to this Learning Record Store endpoint "
                        "(POST URL/statements) instead of writing -o");
    command->add_option("--user", o.lrs_user,
                        "xapi --post: the LRS user (Basic auth); the password comes from "
                        "--password-file or the environment variable KIOSK_LRS_PASSWORD");
    command->add_option("--password-file", o.password_file,
                        "xapi --post: a file whose first line is the LRS password");
    command->add_option("--state", o.state_file,
                        "xapi --post: the cursor file (made 0600) that remembers what the LRS "
                        "acknowledged, so the next run resumes there");
    command->add_option("--batch-size", o.batch_size, "xapi --post: statements per request")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    command->add_flag("--allow-plain-http", o.allow_plain_http,
                      "xapi --post: allow http:// to a host that is not this machine (the "
                      "password and the records then travel in clear)");
}

int run_xapi_export(const Options& o, const telemetry::ReadOnlyKioskDb& db, const DayRange* range) {
    const Language lang = language_of(o);
    if (o.output.empty() == o.post_url.empty())
        return fail(manager_text("xapi_output_or_post", lang));
    stats::XapiSource source;
    std::string error;
    if (!resolve_source(o, source, error)) return fail(error);
    return o.post_url.empty() ? write_file(o, db, source, range) : post(o, db, source, range);
}

} // namespace kiosk::ctl
