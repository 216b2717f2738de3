// kiosk-hub admin as an installer runs it: add-venue, add-kiosk (the token
// printed once, only its hash stored, and it works against the server),
// add-user (password from stdin, stored hashed), list, and every refusal with
// the option named and exit code 2 for bad values, 1 for conflicts.
#include "hub_test_support.h"
#include "store_backends.h"

#include "core/signing_keys.h"
#include "hub/credentials.h"

#include <sodium.h>

using kiosk::test::check_refused;
using kiosk::test::CommandRun;
using kiosk::test::require_ok;
using kiosk::test::run_hub_command;
using kiosk::test::TempFolder;

namespace {} // namespace

TEST_CASE("admin adds venues, kiosks and users, and lists them", "[hub][admin]") {
    TempFolder folder;
    require_ok(run_hub_command(folder, "admin add-venue --data d --id county-1 --name-zh 县科技馆 "
                                       "--name-en 'County Science Museum' --kind county_museum"));
    require_ok(run_hub_command(folder, "admin add-venue --data d --id truck-1 --name-zh 流动科技馆 "
                                       "--name-en 'Mobile unit' --kind mobile_exhibit"));
    const CommandRun named =
        run_hub_command(folder, "admin add-kiosk --data d --venue county-1 --id lobby-1");
    require_ok(named);
    const std::string token = kiosk::test::token_from(named);
    CHECK(token.rfind("lobby-1.", 0) == 0);
    CHECK(token.size() == std::string("lobby-1.").size() + 43); // 32 bytes, base64url
    const CommandRun generated =
        run_hub_command(folder, "admin add-kiosk --data d --venue truck-1");
    require_ok(generated);
    const std::string generated_token = kiosk::test::token_from(generated);
    const std::string generated_id = generated_token.substr(0, generated_token.find('.'));
    CHECK(generated_id.size() == 8);
    CHECK(generated_id.rfind("k-", 0) == 0);
    CHECK(generated_id.find_first_not_of("k-0123456789abcdef") == std::string::npos);

    require_ok(run_hub_command(folder,
                               "admin add-user --data d --name province --role province_admin",
                               "province-pass\n"));
    require_ok(run_hub_command(
        folder, "admin add-user --data d --name mgr-1 --role venue_manager --venue county-1",
        "manager-pass\r\n"));

    const CommandRun list = run_hub_command(folder, "admin list --data d");
    require_ok(list);
    CHECK(list.out.find("county-1  county_museum  县科技馆 / County Science Museum") !=
          std::string::npos);
    CHECK(list.out.find("truck-1  mobile_exhibit") != std::string::npos);
    CHECK(list.out.find("lobby-1  venue county-1  last seen never") != std::string::npos);
    CHECK(list.out.find(generated_id + "  venue truck-1") != std::string::npos);
    CHECK(list.out.find("province  province_admin") != std::string::npos);
    CHECK(list.out.find("mgr-1  venue_manager  venue county-1") != std::string::npos);
    CHECK(list.out.find(token.substr(token.find('.') + 1)) == std::string::npos);

    // Only hashes are stored; they verify the token and the passwords.
    std::string error;
    auto store = kiosk::hub::open_hub_store(kiosk::test::test_store(folder.file("d")), error);
    REQUIRE(store);
    const auto kiosk = store->find_kiosk("lobby-1");
    REQUIRE(kiosk);
    CHECK(kiosk->token_hash.rfind("$argon2id$", 0) == 0);
    CHECK(kiosk->token_hash.find(token.substr(token.find('.') + 1)) == std::string::npos);
    CHECK(kiosk::hub::authenticate_kiosk(*store, token));
    CHECK_FALSE(
        kiosk::hub::authenticate_kiosk(*store, generated_token.substr(0, 9) + token.substr(8)));
    const auto manager = store->find_user("mgr-1");
    REQUIRE(manager);
    CHECK(manager->venue == "county-1");
    CHECK(kiosk::hub::verify_password(manager->password_hash, "manager-pass"));
    CHECK_FALSE(kiosk::hub::verify_password(manager->password_hash, "manager-pass\r"));
    CHECK_FALSE(kiosk::hub::verify_password(manager->password_hash, "province-pass"));
    CHECK(
        kiosk::hub::verify_password(store->find_user("province")->password_hash, "province-pass"));
    store.reset();

    // The printed token is the one the server accepts.
    kiosk::test::HubProcess hub(folder.file("d"));
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch(std::string(32, 'c'), 0);
    CHECK(kiosk::test::post_sync(hub.port(), token, kiosk::sync::to_json(batch)).status == 200);
    CHECK(kiosk::test::post_sync(hub.port(), generated_token, kiosk::sync::to_json(batch)).status ==
          200);
}

TEST_CASE("admin add-kiosk stores a bundle public key", "[hub][admin]") {
    TempFolder folder;
    require_ok(run_hub_command(folder, "admin add-venue --data d --id v --name-zh 馆 --name-en V "
                                       "--kind mobile_exhibit"));
    REQUIRE(sodium_init() >= 0);
    const kiosk::SecretKey key = kiosk::generate_key();
    std::string error;
    REQUIRE(kiosk::write_public_key(folder.file("truck.pub"), key.public_key(), error));
    const std::string base64 = kiosk::to_base64(std::string_view(
        reinterpret_cast<const char*>(key.public_key().key.data()), key.public_key().key.size()));
    const CommandRun added = run_hub_command(
        folder, "admin add-kiosk --data d --venue v --id truck-k1 --public-key truck.pub");
    require_ok(added);
    auto store = kiosk::hub::open_hub_store(kiosk::test::test_store(folder.file("d")), error);
    REQUIRE(store);
    CHECK(store->find_kiosk("truck-k1")->public_key == base64);

    folder.write("broken.pub", "not a key\n");
    check_refused(
        run_hub_command(folder, "admin add-kiosk --data d --venue v --public-key broken.pub"), 2,
        "--public-key:");
    check_refused(
        run_hub_command(folder, "admin add-kiosk --data d --venue v --public-key none.pub"), 2,
        "--public-key:");
}

TEST_CASE("admin refuses bad values naming the option, and conflicts", "[hub][admin]") {
    TempFolder folder;
    const std::string venue = "admin add-venue --data d --name-zh 馆 --name-en V ";
    require_ok(run_hub_command(folder, venue + "--id v1 --kind county_museum"));

    check_refused(run_hub_command(folder, venue + "--id v1 --kind county_museum"), 1,
                  "--id: venue v1 already exists");
    check_refused(run_hub_command(folder, venue + "--id 'v 2' --kind county_museum"), 2, "--id:");
    check_refused(run_hub_command(folder, venue + "--id v.2 --kind county_museum"), 2, "--id:");
    check_refused(run_hub_command(folder, venue + "--id v2 --kind museum"), 2,
                  "--kind: expected county_museum or mobile_exhibit");
    check_refused(run_hub_command(folder, "admin add-venue --data d --id v3 --kind county_museum"),
                  2, "--name-zh");
    check_refused(run_hub_command(folder, "admin add-venue --id v3 --name-zh a --name-en b "
                                          "--kind county_museum"),
                  2, "--data");

    require_ok(run_hub_command(folder, "admin add-kiosk --data d --venue v1 --id k1"));
    check_refused(run_hub_command(folder, "admin add-kiosk --data d --venue v1 --id k1"), 1,
                  "--id: kiosk k1 already exists");
    check_refused(run_hub_command(folder, "admin add-kiosk --data d --venue nowhere"), 1,
                  "--venue: no venue nowhere");
    check_refused(run_hub_command(folder, "admin add-kiosk --data d --venue v1 --id k.1"), 2,
                  "--id:");

    const std::string user = "admin add-user --data d ";
    check_refused(run_hub_command(folder, user + "--name m --role boss", "password1\n"), 2,
                  "--role: expected province_admin or venue_manager");
    check_refused(run_hub_command(folder, user + "--name m --role venue_manager", "password1\n"), 2,
                  "--venue: a venue_manager needs");
    check_refused(
        run_hub_command(folder, user + "--name m --role province_admin --venue v1", "password1\n"),
        2, "--venue: a province_admin");
    check_refused(run_hub_command(folder, user + "--name m --role venue_manager --venue nowhere",
                                  "password1\n"),
                  1, "--venue: no venue nowhere");
    check_refused(run_hub_command(folder, user + "--name m --role province_admin", "short\n"), 2,
                  "password");
    check_refused(run_hub_command(folder, user + "--name m --role province_admin", ""), 2,
                  "password");
    check_refused(
        run_hub_command(folder, user + "--name 'a b' --role province_admin", "password1\n"), 2,
        "--name:");
    require_ok(run_hub_command(folder, user + "--name m --role province_admin", "password1\n"));
    check_refused(run_hub_command(folder, user + "--name m --role province_admin", "password2\n"),
                  1, "--name: user m already exists");

    check_refused(run_hub_command(folder, "admin frobnicate --data d"), 2, "");
    check_refused(run_hub_command(folder, ""), 2, "");
    check_refused(run_hub_command(folder, "serve --data d --listen nowhere"), 2,
                  "--listen: expected HOST:PORT");
    check_refused(run_hub_command(folder, "serve --data d --listen 127.0.0.1:99999"), 2,
                  "--listen: port");

    // Nothing refused above was stored.
    const CommandRun list = run_hub_command(folder, "admin list --data d");
    require_ok(list);
    CHECK(list.out ==
          "venues:\n  v1  county_museum  馆 / V  open 09:00-17:00\nkiosks:\n  k1  venue "
          "v1  last seen never  version -\nusers:\n  m  province_admin\npublishers:\n"
          "reviewers:\n");
}

TEST_CASE("admin revoke-kiosk: the token then gets 401, the counts stay, list says so",
          "[hub][admin]") {
    TempFolder folder;
    require_ok(run_hub_command(folder, "admin add-venue --data d --id county-1 --name-zh 县科技馆 "
                                       "--name-en County --kind county_museum"));
    const CommandRun added =
        run_hub_command(folder, "admin add-kiosk --data d --venue county-1 --id lobby-1");
    require_ok(added);
    const std::string token = kiosk::test::token_from(added);
    kiosk::sync::SyncBatch batch = kiosk::test::make_batch(std::string(32, 'a'), 1);
    batch.buckets = {{"2026-11-01", "exhibit", "maze", "visits", 4, 1}};
    {
        kiosk::test::HubProcess hub(folder.file("d"));
        REQUIRE(kiosk::test::post_sync(hub.port(), token, kiosk::sync::to_json(batch)).status ==
                200);
    }

    require_ok(run_hub_command(folder, "admin revoke-kiosk --data d --id lobby-1"));
    const CommandRun list = run_hub_command(folder, "admin list --data d");
    require_ok(list);
    CHECK(list.out.find("lobby-1  venue county-1") != std::string::npos);
    CHECK(list.out.find("REVOKED 20") != std::string::npos);
    {
        kiosk::test::HubProcess hub(folder.file("d"));
        batch.buckets[0].value = 400;
        batch.buckets[0].seq = 1;
        const kiosk::test::PostResult refused =
            kiosk::test::post_sync(hub.port(), token, kiosk::sync::to_json(batch));
        CHECK(refused.status == 401);
    }
    std::string error;
    std::unique_ptr<kiosk::hub::HubStore> store =
        kiosk::hub::open_hub_store(kiosk::test::test_store(folder.file("d")), error);
    REQUIRE(store);
    CHECK(store
              ->top_exhibits({"county-1", "2026-11-01", "2026-11-01"},
                             kiosk::hub::ExhibitOrder::by_visits, 10)
              .at(0)
              .visits == 4);

    check_refused(run_hub_command(folder, "admin revoke-kiosk --data d --id nobody"), 1,
                  "no kiosk nobody");
    check_refused(run_hub_command(folder, "admin revoke-kiosk --data d --id 'bad id'"), 2,
                  "--id: expected a kiosk id");
}
