// kioskctl sync export: writes a kiosk's offline sync bundle (every rollup
// bucket of its kiosk.db, signed with the kiosk's Ed25519 key) for `kiosk-hub
// import`, for mobile exhibits that reach their hub on a USB stick. This file
// owns the command line, where each input comes from (the kiosk config, or
// the --db/--kiosk-id/--key overrides) and the messages.
#include "commands.h"
#include "core/kiosk_config.h"
#include "sync/bundle.h"
#include "sync/disk_space.h"
#include "sync/kiosk_credentials.h"
#include "sync/rollup_outbox.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace kiosk::ctl {
namespace {

int fail(const std::string& message) {
    std::cerr << "kioskctl: " << message << "\n";
    return 2;
}

// Writes `text` next to `path`, then renames it over `path`.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error) {
    const std::string temporary = path + ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!(out << text) || !out.flush()) {
            error = path + ": cannot write";
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) error = path + ": cannot write: " + ec.message();
    return !ec;
}

int run_export(const Options& o) {
    std::optional<KioskConfig> config;
    if (!o.config.empty()) {
        ConfigLoadResult loaded = load_kiosk_config(o.config);
        for (const std::string& message : loaded.errors)
            std::cerr << message << "\n";
        if (!loaded.ok()) return fail(o.config + ": the kiosk config cannot be used");
        config = std::move(loaded.config);
    }
    const std::optional<SyncConfig> sync = config ? config->sync : std::nullopt;

    std::string db = o.db;
    if (db.empty() && !o.data.empty()) db = o.data + "/kiosk.db";
    if (db.empty() && config) db = config->data_dir + "/kiosk.db";
    if (db.empty())
        return fail("which kiosk.db? give --config KIOSK_CONFIG (or --data DIR / --db FILE)");

    std::string error;
    std::string kiosk_id = o.kiosk_id;
    if (kiosk_id.empty()) {
        if (!sync)
            return fail(
                "which kiosk? the config has no sync section naming its token_file; add one "
                "or give --kiosk-id ID");
        std::optional<std::string> token = sync::read_token_file(sync->token_file, error);
        if (!token) return fail(error);
        kiosk_id = sync::kiosk_id_of_token(*token);
    }

    std::string key_file = o.key_file;
    if (key_file.empty() && sync) key_file = sync->key_file;
    if (key_file.empty())
        return fail("which signing key? set sync.key_file in the kiosk config (a `kioskctl "
                    "keygen` secret key) or give --key FILE");
    std::optional<SecretKey> key = read_secret_key(key_file, error);
    if (!key) return fail(error);

    std::unique_ptr<sync::RollupOutbox> outbox = sync::RollupOutbox::open(db, error);
    if (!outbox) return fail(error);
    std::optional<sync::SyncBatch> batch = outbox->all_buckets(error);
    if (!batch) return fail(error);
    batch->heartbeat.software_version = KIOSK_VERSION;
    batch->heartbeat.disk_free_mb =
        sync::disk_free_mb(std::filesystem::path(db).parent_path().string());
    batch->heartbeat.clock_utc_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
    if (batch->buckets.size() > sync::kMaxBucketsHardLimit)
        return fail(db + ": holds " + std::to_string(batch->buckets.size()) +
                    " buckets, more than one bundle may carry (" +
                    std::to_string(sync::kMaxBucketsHardLimit) + ")");

    const sync::Bundle bundle = sync::make_bundle(kiosk_id, *batch, *key);
    if (!write_file_atomically(o.output, sync::to_json(bundle), error)) return fail(error);
    if (outbox->rows_left_out())
        std::cerr << "kioskctl: note: " << outbox->rows_left_out()
                  << " rollup rows break the sync protocol's rules and were left out\n";
    std::cout << "wrote " << batch->buckets.size() << " buckets of kiosk " << kiosk_id << " (epoch "
              << batch->epoch << ", through seq " << batch->through_seq << ", signed by key "
              << key->id << ") to " << o.output << "\n";
    return 0;
}

} // namespace

void add_sync_commands(CLI::App& app, Options& o, Run& chosen) {
    CLI::App* sync = app.add_subcommand("sync", "A kiosk's usage counts for kiosk-hub");
    sync->require_subcommand(1);
    CLI::App* export_command = sync->add_subcommand(
        "export", "Write an offline sync bundle: every usage count of the kiosk's kiosk.db, "
                  "signed with its key, for `kiosk-hub import FILE` (docs/sync-protocol.md)");
    export_command->add_option("--config", o.config,
                               "The kiosk config: data_dir, sync.token_file (the kiosk id) and "
                               "sync.key_file (the signing key)");
    export_command->add_option("--data", o.data,
                               "The data folder, instead of the config's data_dir");
    export_command->add_option("--db", o.db, "The kiosk.db (or a copy), opened read-only");
    export_command->add_option("--kiosk-id", o.kiosk_id,
                               "The hub's id of the kiosk, instead of the config's token file");
    export_command->add_option("--key", o.key_file,
                               "The kiosk's secret key file, instead of sync.key_file");
    export_command->add_option("-o,--output", o.output, "The bundle file to write")->required();
    export_command->callback([&chosen, &o] { chosen = [&o] { return run_export(o); }; });
}

} // namespace kiosk::ctl
