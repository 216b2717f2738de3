// The soak run: the hub and kiosk processes (the hub through the hub tests'
// helpers), the kiosk's config and the script's files in the output folder,
// then the checks in the order a failure is easiest to read: the kiosk ran,
// kiosk.db is whole and holds what the script expects exactly once, the hub
// agrees after a final sync, and memory and descriptors stayed put.
#include "soak_run.h"
#include "test_paths.h"

#include "hub/hub_test_support.h"
#include "kiosk_db_facts.h"
#include "quiz_probe.h"
#include "resource_log.h"
#include "visitor_script.h"

#include "core/kiosk_config.h"
#include "core/log.h"
#include "core/sqlite_statement.h"
#include "sync/sync_client.h"
#include "sync/sync_transport.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace kiosk::soak {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

constexpr double kRssGrowthBoundPct = 5;
constexpr int kIdleTimeoutS = 90;
constexpr const char* kKioskName = "soak-1";

std::string source_path(const std::string& relative) {
    return kiosk::test::source_dir() + "/" + relative;
}

// The kiosk's config: the county museum sample's venue and PIN, this build's
// signed demo content, a data folder in `out`, a sync section for the hub.
std::string kiosk_config_text(const std::string& out, int width, int height, int hub_port,
                              const std::string& pin_hash) {
    const std::string bin = kiosk::test::binary_dir();
    std::ostringstream lua;
    lua << "-- Written by the soak test (tests/soak/soak_run.cpp).\n"
        << "return {\n"
        << "  venue = { name = { zh = \"青山县科技馆\", en = \"Qingshan County Science Museum\" "
           "},\n"
        << "            kind = \"county_museum\" },\n"
        << "  kiosk_name = \"" << kKioskName << "\",\n"
        << "  idle_timeout_s = " << kIdleTimeoutS << ",\n"
        << "  data_dir = \"" << out << "/kiosk-data\",\n"
        << "  content_dir = \"" << bin << "/content\",\n"
        << "  trusted_keys = { \"" << bin << "/demo-keys/demo.pub\" },\n"
        << "  trusted_reviewers = { \"" << bin << "/demo-keys/reviewer.pub\" },\n"
        << "  strings_file = \"" << source_path("content/strings.lua") << "\",\n"
        << "  window = { width = " << width << ", height = " << height << " },\n"
        << "  -- Roomy, as in the app tests: a sanitizer build on a busy machine must not\n"
        << "  -- stop an exhibit on the (wall) clock.\n"
        << "  exhibit_limits = { time_budget_ms = 1000 },\n"
        << "  sync = { hub_url = \"http://127.0.0.1:" << hub_port << "\",\n"
        << "           token_file = \"" << out << "/hub.token\", interval_s = 60 },\n"
        << "  admin = { pin_hash = \"" << pin_hash << "\" },\n"
        << "}\n";
    return lua.str();
}

struct ProcessResult {
    int code = -1; // exit code, or -signal
    double wall_s = 0;
};

// Runs `program` with `arguments`, its output to `log_path`, and waits for it.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& arguments,
                          const std::string& log_path) {
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        FILE* log = std::fopen(log_path.c_str(), "w");
        if (log) {
            dup2(fileno(log), STDOUT_FILENO);
            dup2(fileno(log), STDERR_FILENO);
        }
        std::vector<char*> argv{const_cast<char*>(program.c_str())};
        for (const std::string& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    ProcessResult result;
    result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    result.wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

// "DAY|KIND|SUBJECT|METRIC" sums of a hub.db table (buckets or venue_totals).
Counts hub_day_totals(const std::string& hub_data, const std::string& table) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((hub_data + "/hub.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK);
    const std::string sql =
        "SELECT day, kind, subject, metric, sum(value) FROM " + table + " GROUP BY 1, 2, 3, 4";
    Counts totals;
    {
        SqliteStatement select(db, sql);
        INFO(select.error());
        REQUIRE(select.ok());
        while (select.next()) {
            std::string key;
            for (int column = 0; column < 4; ++column)
                key += std::string(column ? "|" : "") + select.text(column);
            totals[key] += select.integer(4);
        }
    }
    sqlite3_close(db);
    return totals;
}

Counts as_counts(const test::Totals& totals) {
    Counts counts;
    for (const auto& [key, value] : totals)
        counts[std::get<0>(key) + "|" + std::get<1>(key) + "|" + std::get<2>(key)] += value;
    return counts;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines)
        text += "\n  " + line;
    return text;
}

// The next start of the kiosk would send what the last rounds left: the same
// client, over HTTP, against the same kiosk.db.
sync::RoundResult final_sync(const std::string& kiosk_db, int hub_port, const std::string& token) {
    sync::HttpTransportOptions transport_options;
    transport_options.hub_url = "http://127.0.0.1:" + std::to_string(hub_port);
    transport_options.token = token;
    std::string error;
    std::unique_ptr<sync::SyncTransport> transport =
        sync::make_http_transport(transport_options, error);
    INFO(error);
    REQUIRE(transport);
    sync::SyncClientOptions options;
    options.kiosk_db = kiosk_db;
    options.heartbeat = [] {
        sync::Heartbeat heartbeat;
        heartbeat.software_version = KIOSK_VERSION;
        return heartbeat;
    };
    options.acknowledge = [](int64_t) {}; // the kiosk is not running to store it
    sync::SyncClient client(std::move(options), std::move(transport));
    return client.run_round();
}

void write_counts(std::ostream& out, const char* title, const Counts& counts) {
    out << "# " << title << "\n";
    for (const auto& [key, value] : counts)
        out << key << " " << value << "\n";
}

} // namespace

SoakSettings settings_from_environment(SoakSettings settings) {
    const auto number = [](const char* name, auto& value) {
        const char* text = std::getenv(name);
        if (!text || !*text) return;
        char* end = nullptr;
        const long long parsed = std::strtoll(text, &end, 10);
        INFO(name << "=" << text);
        REQUIRE((*end == '\0' && parsed > 0)); // a positive whole number
        value = std::remove_reference_t<decltype(value)>(parsed);
    };
    number("KIOSK_SOAK_DAYS", settings.days);
    number("KIOSK_SOAK_SESSIONS", settings.sessions_per_day);
    number("KIOSK_SOAK_SEED", settings.seed);
    number("KIOSK_SOAK_WIDTH", settings.width);
    number("KIOSK_SOAK_HEIGHT", settings.height);
    if (const char* out = std::getenv("KIOSK_SOAK_OUT"); out && *out) settings.out_dir = out;
    return settings;
}

void run_soak(const SoakSettings& settings) {
    REQUIRE(settings.days >= 2); // the warm-up day and at least one more
    log_set_quiet(true);
    test::TempFolder temp;
    const std::string out = settings.out_dir.empty() ? temp.path().string() : settings.out_dir;
    for (const char* stale : {"kiosk-data", "hub", "hub.serve.err", "resources.log"})
        std::filesystem::remove_all(out + "/" + stale); // of an earlier run into the same folder
    std::filesystem::create_directories(out);

    // The hub, with the kiosk registered.
    const std::string hub_data = out + "/hub";
    const std::string token = test::add_kiosk(temp, hub_data, "V-SOAK", "K-SOAK");
    std::ofstream(out + "/hub.token") << token << "\n";
    test::HubProcess hub(hub_data);

    // The kiosk's config.
    ConfigLoadResult sample = load_kiosk_config(source_path("kiosk-config/county-museum.lua"));
    REQUIRE(sample.ok());
    const std::string config_path = out + "/soak-kiosk.lua";
    {
        std::ofstream file(config_path);
        file << kiosk_config_text(out, settings.width, settings.height, hub.port(),
                                  sample.config->admin.pin_hash);
    }
    ConfigLoadResult config = load_kiosk_config(config_path);
    {
        INFO(joined(config.errors));
        REQUIRE(config.ok());
    }

    // The visitors, placed for this window size.
    ScriptOptions script_options;
    script_options.days = settings.days;
    script_options.sessions_per_day = settings.sessions_per_day;
    script_options.seed = settings.seed;
    script_options.idle_timeout_s = kIdleTimeoutS;
    script_options.kiosk_name = kKioskName;
    script_options.content_dir = kiosk::test::binary_dir() + "/sample-folders";
    std::optional<VisitorScript> script;
    {
        std::string error;
        std::unique_ptr<QuizProbe> probe =
            QuizProbe::create(*config.config, settings.width, settings.height, error);
        if (probe) script = write_visitor_script(script_options, *probe, error);
        INFO(error);
        REQUIRE(script);
    }
    const std::string replay_path = out + "/visitors.replay";
    std::ofstream(replay_path) << script->replay;
    {
        std::ofstream expected(out + "/expected.txt");
        write_counts(expected, "events", script->events);
        write_counts(expected, "rollups", script->rollups);
        write_counts(expected, "rollups by day", script->rollups_by_day);
    }

    // The kiosk, the whole simulated time in one process, its clock the
    // script's (its local days and hours, whenever the soak runs).
    const std::string resource_log = out + "/resources.log";
    const ProcessResult kiosk = run_process(
        kiosk::test::program_path("kiosk"),
        {"--config", config_path, "--headless", "--input", replay_path, "--fast-idle",
         "--start-time", kiosk_start_time(script_options), "--resource-log", resource_log,
         "--width", std::to_string(settings.width), "--height", std::to_string(settings.height)},
        out + "/kiosk.out");
    {
        INFO("kiosk output: " << out << "/kiosk.out:\n"
                              << test::read_text_file(out + "/kiosk.out").substr(0, 4000));
        REQUIRE(kiosk.code == 0);
    }

    // kiosk.db: whole, exactly what the visitors did, nothing twice.
    std::string error;
    const std::string kiosk_db = out + "/kiosk-data/kiosk.db";
    std::optional<KioskDbFacts> facts = read_kiosk_db(kiosk_db, error);
    {
        INFO(error);
        REQUIRE(facts);
    }
    CHECK(facts->integrity == "ok");
    {
        INFO("events, expected by the script vs kiosk.db:"
             << joined(differences(script->events, facts->events)));
        CHECK(facts->events == script->events);
    }
    {
        const Counts rollups = counted_rollups(facts->rollups);
        INFO("rollups, expected by the script vs kiosk.db:"
             << joined(differences(script->rollups, rollups)));
        CHECK(rollups == script->rollups);
    }
    {
        // On the kiosk's days too: a visitor session counts a visitor once per
        // local day, so the sums hold only while the kiosk's days are the script's.
        const Counts by_day = counted_rollups_by_day(facts->rollups_by_day);
        INFO("rollups by day, expected by the script vs kiosk.db:"
             << joined(differences(script->rollups_by_day, by_day)));
        CHECK(by_day == script->rollups_by_day);
    }
    CHECK(facts->event_rows == sum_of(script->events));
    CHECK(facts->min_seq == 1);
    CHECK(facts->max_seq == facts->event_rows); // no seq skipped or used twice
    CHECK(facts->sessions == script->sessions);
    {
        INFO(joined(facts->session_problems));
        CHECK(facts->session_problems.empty());
    }
    CHECK(facts->repeated_events == 0);
    {
        INFO("rollups recounted from the raw events vs stored:" << joined(facts->recount_problems));
        CHECK(facts->recount_problems.empty());
    }

    // The kiosk synced by itself while it ran (after sessions, on its schedule)...
    const Counts hub_before = hub_day_totals(hub_data, "buckets");
    CHECK(facts->synced_seq > 0);
    CHECK(!hub_before.empty());
    // ...and after a final round the hub holds exactly the kiosk's rollups.
    const sync::RoundResult round = final_sync(kiosk_db, hub.port(), token);
    {
        INFO(round.error);
        REQUIRE(round.ok);
    }
    {
        const Counts hub_days = hub_day_totals(hub_data, "buckets");
        INFO("by day, kiosk.db vs the hub's buckets:"
             << joined(differences(facts->rollups_by_day, hub_days)));
        CHECK(hub_days == facts->rollups_by_day);
        CHECK(hub_day_totals(hub_data, "venue_totals") == facts->rollups_by_day);
        CHECK(as_counts(test::stored_totals(hub_data)) == facts->rollups);
        CHECK(as_counts(test::bucket_sums(hub_data)) == facts->rollups);
    }
    CHECK(hub.stop(SIGTERM) == 0);

    // Memory and descriptors at rest, night after night.
    std::optional<std::vector<ResourceSample>> samples = read_resource_log(resource_log, error);
    {
        INFO(error);
        REQUIRE(samples);
    }
    const ResourceFigures resources = judge_resources(*samples, script->nights);
    {
        INFO(resources.problem);
        REQUIRE(resources.problem.empty());
    }

    std::ostringstream report;
    report << "soak: " << settings.days << " simulated days, seed " << settings.seed << ", "
           << settings.width << "x" << settings.height << (kAddressSanitizer ? ", ASan" : "")
           << "\n"
           << "  visitors: " << script->sessions << " sessions, " << script->exhibit_visits
           << " exhibit visits, " << script->quiz_rounds << " quiz rounds, " << script->quiz_answers
           << " answers, " << script->taps << " taps, " << script->drags << " drags, "
           << script->multi_finger << " multi-finger, " << script->language_switches
           << " language switches\n"
           << "  events: " << facts->event_rows << " in kiosk.db (expected "
           << sum_of(script->events) << "), seq 1.." << facts->max_seq << ", "
           << facts->rollups_by_day.size() << " rollup rows, the kiosk's own syncs reached seq "
           << facts->synced_seq << ", the final round sent " << round.buckets << " buckets\n"
           << "  RSS at night: " << resources.warm_rss_kb << " KiB after the warm-up day, "
           << resources.end_rss_kb << " KiB at the end (" << resources.end_growth_pct
           << " %, highest night " << resources.max_growth_pct << " %, bound " << kRssGrowthBoundPct
           << " %" << (kAddressSanitizer ? ", not checked under ASan" : "") << "), peak "
           << resources.peak_hwm_kb << " KiB\n"
           << "  open fds at night: " << resources.warm_fds << " after the warm-up, "
           << resources.end_fds << " at the end, at most " << resources.max_fds
           << " in any sample\n"
           << "  wall time: " << kiosk.wall_s << " s for the kiosk process, "
           << resources.frames_drawn << " frames drawn of " << int64_t(script->duration_s * 60)
           << " steps\n"
           << "  night by night (sim s: RSS KiB, fewest..most fds):";
    for (const NightFigures& night : resources.nights)
        report << " " << int64_t(night.window.from_s) << ": " << night.rss_kb << ", "
               << night.fds_min << ".." << night.fds_max << ";";
    report << "\n";
    std::ofstream(out + "/soak-report.txt") << report.str();
    std::cout << report.str() << std::flush;

    CHECK(resources.fds_steady);
    CHECK(resources.end_fds == resources.warm_fds);
    if (!kAddressSanitizer) {
        CHECK(resources.end_growth_pct <= kRssGrowthBoundPct);
        CHECK(resources.max_growth_pct <= kRssGrowthBoundPct);
    }
}

} // namespace kiosk::soak
