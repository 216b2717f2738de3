// `kioskctl sync export` as an operator runs it: the bundle it writes
// verifies with the kiosk's public key and holds every bucket of kiosk.db;
// the kiosk id comes from the config's token file; missing pieces are named.
#include "sync/bundle.h"
#include "sync_test_support.h"
#include "test_paths.h"

#include <sodium.h>

#include <fstream>
#include <sstream>

using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test::KioskDb;

namespace {

struct Run {
    int code = -1;
    std::string output;
};

Run kioskctl(const test::TempFolder& folder, const std::string& arguments) {
    const std::string log = folder.file("kioskctl.log");
    const std::string command = "cd '" + folder.path().string() + "' && '" +
                                kiosk::test::program_path("kioskctl") + "' " + arguments + " > '" +
                                log + "' 2>&1";
    const int status = std::system(command.c_str());
    Run run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    run.output = text.str();
    return run;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string kDemoHash = "$argon2id$v=19$m=16384,t=3,p=1$LzyWisvvVG1CksfTja3smQ$"
                              "IQr9akcHhSAGV+CwVV4Qz1kAp8jIxxCi04L9EC7Dhao";

} // namespace

TEST_CASE("kioskctl sync export writes a signed bundle of every bucket", "[sync]") {
    REQUIRE(sodium_init() >= 0);
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits", "exhibit/b/visits"}, "2026-11-27");
    const int64_t last = kiosk.commit({"quiz/water-cycle/visits"});
    kiosk.store->acknowledge_synced(last); // a bundle carries everything, synced or not
    const SecretKey key = generate_key();
    std::string error;
    REQUIRE(write_secret_key(kiosk.folder.file("kiosk.key"), key, error));
    kiosk.folder.write("hub.token", "K-17.s3cret\n");
    kiosk.folder.write("kiosk.lua",
                       "return { venue = { name = { zh = '流动科技馆', en = 'Science truck' },\n"
                       "  kind = 'mobile_exhibit' }, data_dir = '.',\n"
                       "  sync = { hub_url = 'https://hub.example', token_file = 'hub.token',\n"
                       "           key_file = 'kiosk.key' },\n"
                       "  admin = { pin_hash = '" +
                           kDemoHash + "' } }\n");

    const Run run = kioskctl(kiosk.folder, "sync export --config kiosk.lua -o bundle.json");
    INFO(run.output);
    REQUIRE(run.code == 0);
    CHECK(run.output.find("wrote 3 buckets of kiosk K-17") != std::string::npos);
    std::optional<Bundle> bundle = parse_bundle(read_text(kiosk.folder.file("bundle.json")), error);
    REQUIRE(bundle);
    CHECK(bundle->kiosk == "K-17");
    std::optional<SyncBatch> batch = verify_bundle(*bundle, key.public_key(), error);
    INFO(error);
    REQUIRE(batch);
    CHECK(batch->buckets.size() == 3);
    CHECK(batch->through_seq == last);
    CHECK(batch->epoch == kiosk.store->epoch());
    CHECK(batch->heartbeat.clock_utc_ms > 0);
}

TEST_CASE("kioskctl sync export names what is missing", "[sync]") {
    REQUIRE(sodium_init() >= 0);
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits"});
    std::string error;
    REQUIRE(write_secret_key(kiosk.folder.file("kiosk.key"), generate_key(), error));

    Run run = kioskctl(kiosk.folder, "sync export --db kiosk.db --key kiosk.key -o b.json");
    CHECK(run.code == 2);
    CHECK(run.output.find("--kiosk-id") != std::string::npos);

    run = kioskctl(kiosk.folder, "sync export --db kiosk.db --kiosk-id K-1 -o b.json");
    CHECK(run.code == 2);
    CHECK(run.output.find("--key") != std::string::npos);

    run = kioskctl(kiosk.folder, "sync export --db missing.db --kiosk-id K-1 --key kiosk.key "
                                 "-o b.json");
    CHECK(run.code == 2);
    CHECK(run.output.find("missing.db") != std::string::npos);

    run = kioskctl(kiosk.folder, "sync export --db kiosk.db --kiosk-id K-1 --key kiosk.db "
                                 "-o b.json");
    CHECK(run.code == 2);
    CHECK(run.output.find("not a secret key file") != std::string::npos);

    run = kioskctl(kiosk.folder, "sync export --db kiosk.db --kiosk-id K-1 --key kiosk.key "
                                 "-o b.json");
    CHECK(run.code == 0);
    CHECK(std::ifstream(kiosk.folder.file("b.json")).good());
}
