// The library's store (hub/library_store.h) and its upload check
// (hub/library_upload.h) in process: publishers and the pool, every version
// kept, a second upload of a version with other bytes refused, the files
// private under DATA/library/, assignments limited to what the venue may show,
// assigned_packages' resolution rule (newest version with a current pool
// approval, none left out when rejected or expired) and the snapshot slot
// that only moves forward.
#include "hub_test_support.h"
#include "library_test_support.h"
#include "store_backends.h"

#include "hub/library_store.h"
#include "hub/library_upload.h"

#include <sys/stat.h>

using namespace kiosk;
using namespace kiosk::hub;
using kiosk::test::TempFolder;

namespace {

std::string key_base64(const SecretKey& key) {
    const PublicKey pub = key.public_key();
    return to_base64(
        std::string_view(reinterpret_cast<const char*>(pub.key.data()), pub.key.size()));
}

struct Library {
    TempFolder folder;
    kiosk::test::LibraryKeys keys{folder};
    std::string data = folder.file("data");
    std::unique_ptr<HubStore> hub;
    std::unique_ptr<LibraryStore> store;

    Library() {
        std::string error;
        hub = open_hub_store(kiosk::test::test_store(data), error);
        INFO(error);
        REQUIRE(hub);
        store = open_library_store(kiosk::test::test_store(data), error);
        REQUIRE(store);
        REQUIRE(hub->add_venue({"county-1", "县馆", "County", "county_museum"}, error));
        REQUIRE(hub->add_venue({"county-2", "二馆", "Second", "county_museum"}, error));
        REQUIRE(hub->add_kiosk({"lobby-1", "county-1", "hash", "", 0}, error));
        REQUIRE(hub->add_kiosk({"lobby-2", "county-2", "hash", "", 0}, error));
        REQUIRE(store->add_publisher({keys.publisher.id, key_base64(keys.publisher), "省科协", 0},
                                     error));
        REQUIRE(store->add_reviewer(
            {keys.reviewer.id, key_base64(keys.reviewer), "王专家", "省科学院", "物理", 0}, error));
    }

    UploadResult upload(const std::string& path, const std::string& venue = "") {
        return add_to_library(*store, data, kiosk::test::file_bytes(path), path, venue,
                              "2026-06-01");
    }
};

} // namespace

TEST_CASE("library keeps every version of a verified package, privately", "[hub][library]") {
    Library library;
    const std::string v1 = library.keys.make_package("pendulum", "1.0.0", &library.keys.publisher);
    library.keys.review(v1, library.keys.reviewer, "approved", "2027-01-01");
    const std::string v2 = library.keys.make_package("pendulum", "1.2.0", &library.keys.publisher);
    library.keys.review(v2, library.keys.stranger, "approved", "2027-01-01");

    const UploadResult first = library.upload(v1);
    INFO(first.error);
    REQUIRE(first.ok);
    CHECK_FALSE(first.already_stored);
    CHECK(first.package.sha256 == sha256_hex(kiosk::test::file_bytes(v1)));
    REQUIRE(library.upload(v2).ok);
    CHECK(library.upload(v1).already_stored); // the same bytes again: nothing new

    const std::optional<LibraryItem> item = library.store->find_item("pendulum");
    REQUIRE(item);
    REQUIRE(item->versions.size() == 2);
    CHECK(item->versions[0].version == "1.2.0"); // newest first
    CHECK(item->versions[1].title_zh == "pendulum 展项");
    CHECK(item->versions[1].publisher_key_id == library.keys.publisher.id);
    REQUIRE(item->versions[1].reviews.size() == 1);
    CHECK(item->versions[1].reviews[0].trusted);
    REQUIRE(item->versions[0].reviews.size() == 1);
    CHECK_FALSE(item->versions[0].reviews[0].trusted); // kept, but not by the pool

    const std::optional<LibraryPackage> stored = library.store->find_package("pendulum", "1.0.0");
    REQUIRE(stored);
    CHECK(stored->file_path == library.data + "/library/pendulum/1.0.0.kpkg");
    CHECK(kiosk::test::file_bytes(stored->file_path) == kiosk::test::file_bytes(v1));
    struct stat info {};
    REQUIRE(::lstat(stored->file_path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    REQUIRE(::lstat((library.data + "/library/pendulum").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);
    CHECK_FALSE(library.store->find_package("pendulum", "9.9.9"));
    CHECK_FALSE(library.store->find_package("nothing", "1.0.0"));
    // No staged file is left behind.
    for (const auto& entry : std::filesystem::directory_iterator(library.data + "/library"))
        CHECK(entry.path().filename().string().rfind(".incoming-", 0) == std::string::npos);
}

TEST_CASE("library refuses what does not verify, naming the file and why", "[hub][library]") {
    Library library;
    auto& keys = library.keys;
    const std::string not_a_package = library.folder.write("notes.kpkg", "just text\n");
    const std::string unsigned_package = keys.make_package("quake", "1.0.0", nullptr);
    const std::string stranger = keys.make_package("quake", "1.0.1", &keys.stranger);
    const std::string tampered = keys.make_package("quake", "1.0.2", &keys.publisher);
    kiosk::test::tamper(tampered);

    struct Case {
        std::string path;
        UploadFailure failure;
        std::string why;
    };
    for (const Case& bad :
         {Case{not_a_package, UploadFailure::NotAPackage, "not a content package"},
          Case{unsigned_package, UploadFailure::Unsigned, "publisher signature"},
          Case{stranger, UploadFailure::Unsigned, "publisher signature"},
          Case{tampered, UploadFailure::Unsigned, "publisher signature"}}) {
        const UploadResult result = library.upload(bad.path);
        INFO(bad.path << ": " << result.error);
        CHECK_FALSE(result.ok);
        CHECK(result.failure == bad.failure);
        CHECK(result.error.rfind(bad.path + ": ", 0) == 0);
        CHECK(result.error.find(bad.why) != std::string::npos);
    }
    CHECK(library.store->items().empty());
    for (const auto& entry : std::filesystem::directory_iterator(library.data + "/library"))
        FAIL("left behind: " << entry.path());
}

TEST_CASE("library refuses a stored version with other bytes and another owner's id",
          "[hub][library]") {
    Library library;
    auto& keys = library.keys;
    const std::string first = keys.make_package("quake", "1.0.0", &keys.publisher, "first");
    const std::string other =
        keys.make_package("quake", "1.0.0", &keys.publisher, "other", "-- other bytes\n");
    REQUIRE(library.upload(first).ok);
    const UploadResult again = library.upload(other);
    CHECK_FALSE(again.ok);
    CHECK(again.failure == UploadFailure::Conflict);
    CHECK(again.error.find("already stored with other bytes") != std::string::npos);
    CHECK(kiosk::test::file_bytes(library.store->find_package("quake", "1.0.0")->file_path) ==
          kiosk::test::file_bytes(first)); // the stored file is untouched

    const std::string venue_version = keys.make_package("quake", "2.0.0", &keys.publisher);
    const UploadResult venue = library.upload(venue_version, "county-1");
    CHECK(venue.failure == UploadFailure::Conflict);
    CHECK(venue.error.find("belongs to the province") != std::string::npos);
}

TEST_CASE("a venue's kiosk shows published, own and shared items only", "[hub][library]") {
    Library library;
    auto& keys = library.keys;
    REQUIRE(library.upload(keys.make_package("province-item", "1.0.0", &keys.publisher)).ok);
    REQUIRE(library.upload(keys.make_package("own-item", "1.0.0", &keys.publisher), "county-1").ok);
    REQUIRE(
        library.upload(keys.make_package("their-item", "1.0.0", &keys.publisher), "county-2").ok);
    std::string error;

    CHECK_FALSE(library.store->assign("lobby-1", {"province-item"}, error));
    CHECK(error.find("not published") != std::string::npos);
    CHECK_FALSE(library.store->assign("lobby-1", {"their-item"}, error));
    CHECK(error.find("not shared") != std::string::npos);
    CHECK_FALSE(library.store->assign("lobby-1", {"nothing"}, error));
    CHECK(error.find("no package nothing") != std::string::npos);
    CHECK_FALSE(library.store->assign("nobody", {}, error));
    CHECK(error.find("no kiosk nobody") != std::string::npos);
    CHECK_FALSE(library.store->share_item("province-item", error));
    CHECK_FALSE(library.store->publish_item("nothing", error));

    REQUIRE(library.store->publish_item("province-item", error));
    REQUIRE(library.store->share_item("their-item", error));
    REQUIRE(library.store->assign("lobby-1", {"their-item", "own-item", "province-item"}, error));
    CHECK_FALSE(library.store->assign("lobby-1", {"own-item", "own-item"}, error));
    CHECK_FALSE(library.store->assign("lobby-2", {"own-item"}, error)); // county-1's, unshared
    const std::vector<KioskAssignment> assignments = library.store->assignments();
    REQUIRE(assignments.size() == 1);
    CHECK(assignments[0].items ==
          std::vector<std::string>{"their-item", "own-item", "province-item"});
}

TEST_CASE("assigned_packages: the newest version with a current pool approval, in order",
          "[hub][library]") {
    Library library;
    auto& keys = library.keys;
    std::string error;
    const SecretKey late = generate_key(); // joins the pool after the upload
    // a: 1.0.0 approved, 1.10.0 approved (newest by number, not by text), 2.0.0 unreviewed.
    const std::string a1 = keys.make_package("item-a", "1.0.0", &keys.publisher);
    keys.review(a1, keys.reviewer, "approved", "2027-01-01");
    const std::string a10 = keys.make_package("item-a", "1.10.0", &keys.publisher);
    keys.review(a10, keys.reviewer, "approved", "2026-07-01");
    const std::string a2 = keys.make_package("item-a", "2.0.0", &keys.publisher);
    // b: approved but also rejected by the pool; c: approved by a stranger only,
    // d: approved by a key that joins the pool later.
    const std::string b = keys.make_package("item-b", "1.0.0", &keys.publisher);
    keys.review(b, keys.stranger, "approved", "2027-01-01");
    keys.review(b, keys.reviewer, "rejected", "2027-01-01");
    const std::string c = keys.make_package("item-c", "1.0.0", &keys.publisher);
    keys.review(c, keys.stranger, "approved", "2027-01-01");
    const std::string d = keys.make_package("item-d", "1.0.0", &keys.publisher);
    keys.review(d, late, "approved", "2027-01-01");
    for (const std::string& path : {a1, a10, a2, b, c, d}) {
        const UploadResult result = library.upload(path);
        INFO(result.error);
        REQUIRE(result.ok);
    }
    for (const char* id : {"item-a", "item-b", "item-c", "item-d"})
        REQUIRE(library.store->publish_item(id, error));
    REQUIRE(library.store->assign("lobby-1", {"item-d", "item-c", "item-b", "item-a"}, error));

    std::vector<AssignedPackage> today = library.store->assigned_packages("lobby-1", "2026-06-01");
    REQUIRE(today.size() == 1);
    CHECK(today[0].id == "item-a");
    CHECK(today[0].version == "1.10.0");
    CHECK(today[0].sha256 == sha256_hex(kiosk::test::file_bytes(a10)));
    CHECK(today[0].size == int64_t(kiosk::test::file_bytes(a10).size()));
    CHECK(today[0].file_path == library.data + "/library/item-a/1.10.0.kpkg");
    // 1.10.0's approval counts through its last day, then 1.0.0 is the newest approved.
    CHECK(library.store->assigned_packages("lobby-1", "2026-07-01")[0].version == "1.10.0");
    CHECK(library.store->assigned_packages("lobby-1", "2026-07-02")[0].version == "1.0.0");
    CHECK(library.store->assigned_packages("lobby-1", "2027-01-02").empty());

    const PublicKey late_key = late.public_key();
    REQUIRE(library.store->add_reviewer(
        {late.id,
         to_base64(std::string_view(reinterpret_cast<const char*>(late_key.key.data()), 32)),
         "李专家", "大学", "地学", 0},
        error));
    today = library.store->assigned_packages("lobby-1", "2026-06-01");
    REQUIRE(today.size() == 2);
    CHECK(today[0].id == "item-d"); // home-screen order
    CHECK(today[1].id == "item-a");
    CHECK(library.store->assigned_packages("lobby-2", "2026-06-01").empty());
    CHECK(library.store->assigned_packages("nobody", "2026-06-01").empty());
}

TEST_CASE("store_snapshot keeps the highest version per kiosk", "[hub][library]") {
    Library library;
    std::string error;
    CHECK_FALSE(library.store->last_snapshot("lobby-1"));
    StoredSnapshot snapshot{"lobby-1",
                            3,
                            "fp3",
                            1000,
                            2000,
                            std::string("{\"a\":1}\0x", 9),
                            std::string(64, '\x01'),
                            "0123456789abcdef"};
    REQUIRE(library.store->store_snapshot(snapshot, error));
    StoredSnapshot older = snapshot;
    older.version = 2;
    older.fingerprint = "fp2";
    CHECK_FALSE(library.store->store_snapshot(older, error));
    CHECK(error.find("not higher") != std::string::npos);
    older.version = 3;
    CHECK_FALSE(library.store->store_snapshot(older, error)); // the same version: also refused
    std::optional<StoredSnapshot> last = library.store->last_snapshot("lobby-1");
    REQUIRE(last);
    CHECK(last->version == 3);
    CHECK(last->fingerprint == "fp3");
    CHECK(last->document == snapshot.document);
    CHECK(last->signature == snapshot.signature);
    CHECK(last->key_id == snapshot.key_id);
    CHECK(last->issued_utc_ms == 1000);
    CHECK(last->expires_utc_ms == 2000);
    snapshot.version = 4;
    REQUIRE(library.store->store_snapshot(snapshot, error));
    CHECK(library.store->last_snapshot("lobby-1")->version == 4);
    CHECK_FALSE(library.store->last_snapshot("lobby-2"));
}
