// Two hub processes writing the content stores at once (issue 22, part 3):
// two stores opened on one location, each with its own connections (its own
// pool under PostgreSQL, its own hub.db connection under SQLite), as two
// kiosk-hub processes behind a load balancer have. Threads on both claim the
// same report runs (exactly one claims each), add notices (versions unique,
// gap-free and increasing in the order each process added them, and never
// seen by a reader before a lower one), and store snapshots of one kiosk
// (the stored version only rises; an equal or lower one is refused).
#include "hub_test_support.h"
#include "notice_test_support.h"
#include "store_backends.h"

#include "hub/library_store.h"
#include "hub/notice_store.h"
#include "hub/report_schedule_store.h"

#include <atomic>
#include <map>
#include <set>
#include <thread>

using namespace kiosk;
using namespace kiosk::hub;
using kiosk::test::TempFolder;

namespace {

constexpr int64_t kSent = 1796000000000; // 2026-11-29

// The same store as `location`, reached like another process would: a pool of
// its own under PostgreSQL (pg_pool_for shares one per URL within a process).
StoreLocation second_process(StoreLocation location) {
    if (location.is_postgresql()) location.database_url += "&application_name=second_hub";
    return location;
}

} // namespace

TEST_CASE("two hub processes claiming the same report runs: exactly one claims each",
          "[hub][reports][scale-out]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    std::string error;
    std::unique_ptr<ReportScheduleStore> first =
        open_report_schedule_store(kiosk::test::test_store(data), error);
    INFO(error);
    REQUIRE(first);
    std::unique_ptr<ReportScheduleStore> second =
        open_report_schedule_store(second_process(kiosk::test::test_store(data)), error);
    REQUIRE(second);

    constexpr int kPeriods = 200;
    std::atomic<int> claimed{0}, failed{0};
    std::vector<std::atomic<int>> claims_of(kPeriods);
    auto claim_all = [&](ReportScheduleStore& store) {
        for (int period = 0; period < kPeriods; ++period) {
            std::string claim_error;
            const ClaimOutcome outcome =
                store.claim_run(7, "2026-" + std::to_string(period), kSent, claim_error);
            if (outcome == ClaimOutcome::claimed) ++claims_of[period], ++claimed;
            if (outcome == ClaimOutcome::failed) ++failed;
        }
    };
    std::thread other([&] { claim_all(*second); });
    claim_all(*first);
    other.join();
    CHECK(failed == 0);
    CHECK(claimed == kPeriods);
    for (int period = 0; period < kPeriods; ++period) {
        INFO("period " << period);
        CHECK(claims_of[period] == 1);
    }
    // A claim still without a report an hour later is taken over once.
    std::atomic<int> taken_over{0};
    auto take_over = [&](ReportScheduleStore& store) {
        for (int period = 0; period < kPeriods; ++period) {
            std::string claim_error;
            if (store.claim_run(7, "2026-" + std::to_string(period), kSent + 3600 * 1000 + 1,
                                claim_error) == ClaimOutcome::claimed)
                ++taken_over;
        }
    };
    std::thread again([&] { take_over(*second); });
    take_over(*first);
    again.join();
    CHECK(taken_over == kPeriods);
}

TEST_CASE("two hub processes adding notices: versions unique, gap-free, increasing, and "
          "never seen before a lower one",
          "[hub][notices][scale-out]") {
    REQUIRE(sodium_init() >= 0);
    TempFolder folder;
    const std::string data = folder.file("data");
    std::string error;
    std::unique_ptr<NoticeStore> first = open_notice_store(kiosk::test::test_store(data), error);
    INFO(error);
    REQUIRE(first);
    std::unique_ptr<NoticeStore> second =
        open_notice_store(second_process(kiosk::test::test_store(data)), error);
    REQUIRE(second);
    std::unique_ptr<NoticeStore> reader =
        open_notice_store(second_process(kiosk::test::test_store(data)), error);
    REQUIRE(reader);
    const SecretKey key = generate_key();

    constexpr int kEach = 40;
    std::atomic<bool> writing{true};
    std::atomic<int> not_added{0};
    // Signed here: Catch's assertions are for the test's own thread.
    std::map<std::string, std::vector<std::pair<sync::Notice, sync::SignedDocument>>>
        signed_notices;
    for (const std::string prefix : {"a-", "b-"})
        for (int n = 0; n < kEach; ++n) {
            const sync::Notice notice = kiosk::test::make_notice(prefix + std::to_string(n), {},
                                                                 kSent, kSent + 3600 * 1000);
            signed_notices[prefix].emplace_back(notice, kiosk::test::signed_notice_of(notice, key));
        }
    auto add_notices = [&](NoticeStore& store, const std::string& prefix) {
        for (const auto& [notice, signed_notice] : signed_notices[prefix]) {
            std::string add_error;
            if (store.add(signed_notice, notice, "test", kSent, add_error) !=
                AddNoticeOutcome::Added)
                ++not_added;
        }
    };
    // A kiosk's poll: the version, then the notices. Every notice up to the
    // version it was told must be there (a later one may be too).
    std::vector<std::string> gaps;
    std::thread poller([&] {
        while (writing) {
            const int64_t version = reader->version();
            std::set<int64_t> seen;
            for (const StoredNotice& stored : reader->history("", 1000))
                seen.insert(stored.seq);
            for (int64_t seq = 1; seq <= version; ++seq)
                if (!seen.contains(seq)) {
                    gaps.push_back("version " + std::to_string(version) + " was answered but " +
                                   std::to_string(seq) + " was not readable");
                    break;
                }
        }
    });
    std::thread other([&] { add_notices(*second, "b-"); });
    add_notices(*first, "a-");
    other.join();
    writing = false;
    poller.join();

    CHECK(not_added == 0);
    INFO((gaps.empty() ? std::string() : gaps.front()));
    CHECK(gaps.empty());
    CHECK(first->version() == 2 * kEach);
    const std::vector<StoredNotice> history = first->history("", 1000);
    REQUIRE(history.size() == 2 * kEach);
    std::set<int64_t> seqs;
    int64_t last_a = 0, last_b = 0;
    for (auto stored = history.rbegin(); stored != history.rend(); ++stored) { // oldest first
        seqs.insert(stored->seq);
        int64_t& last = stored->notice.identifier.starts_with("a-") ? last_a : last_b;
        const int number = std::stoi(stored->notice.identifier.substr(2));
        CHECK(number == last); // each process's notices in the order it added them
        ++last;
    }
    CHECK(seqs.size() == 2 * kEach);
    CHECK(*seqs.begin() == 1);
    CHECK(*seqs.rbegin() == 2 * kEach);
}

TEST_CASE("two hub processes storing snapshots of one kiosk: the version only rises",
          "[hub][library][scale-out]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    std::string error;
    std::unique_ptr<HubStore> hub = open_hub_store(kiosk::test::test_store(data), error);
    INFO(error);
    REQUIRE(hub);
    REQUIRE(hub->add_venue({"county-1", "县馆", "County", "county_museum"}, error));
    REQUIRE(hub->add_kiosk({"lobby-1", "county-1", "hash", "", 0}, error));
    std::unique_ptr<LibraryStore> first = open_library_store(kiosk::test::test_store(data), error);
    REQUIRE(first);
    std::unique_ptr<LibraryStore> second =
        open_library_store(second_process(kiosk::test::test_store(data)), error);
    REQUIRE(second);

    // Both processes try every version 1..N (each kiosk sync re-issues the
    // next one): each version is stored by exactly one of them, the other is
    // refused and told to re-read.
    constexpr int kVersions = 150;
    std::vector<std::atomic<int>> stored_by(kVersions + 1);
    std::atomic<int> refused_wrongly{0};
    auto store_all = [&](LibraryStore& store, const std::string& who) {
        for (int version = 1; version <= kVersions; ++version) {
            StoredSnapshot snapshot{"lobby-1", version, "fp-" + who,
                                    kSent,     kSent,   std::string("{\"v\":\0}", 8),
                                    "sig",     "key"};
            std::string store_error;
            if (store.store_snapshot(snapshot, store_error))
                ++stored_by[version];
            else if (store_error.find("is not higher than the stored one") == std::string::npos)
                ++refused_wrongly;
        }
    };
    std::thread other([&] { store_all(*second, "b"); });
    store_all(*first, "a");
    other.join();
    CHECK(refused_wrongly == 0);
    for (int version = 1; version <= kVersions; ++version) {
        INFO("version " << version);
        CHECK(stored_by[version] <= 1);
    }
    const std::optional<StoredSnapshot> last = first->last_snapshot("lobby-1");
    REQUIRE(last);
    CHECK(last->version == kVersions);
    CHECK(last->document == std::string("{\"v\":\0}", 8)); // bytes kept exactly

    // An equal or lower version is refused and changes nothing.
    StoredSnapshot older = *last;
    older.fingerprint = "older";
    CHECK_FALSE(second->store_snapshot(older, error));
    CHECK(error.find("is not higher") != std::string::npos);
    older.version = 3;
    CHECK_FALSE(first->store_snapshot(older, error));
    CHECK(second->last_snapshot("lobby-1")->fingerprint == last->fingerprint);
    // And a kiosk the hub does not have is refused.
    StoredSnapshot stranger = *last;
    stranger.kiosk = "nobody";
    CHECK_FALSE(first->store_snapshot(stranger, error));
    CHECK_FALSE(first->last_snapshot("nobody"));
}

// Only the process holding the scheduler lease runs scheduled work (reports,
// their mail, alert mail): before the lease, two hub processes' scheduler
// threads both read the same unsent report and alert and both mailed them.
TEST_CASE("two hub processes: only the scheduler lease holder runs scheduled work, and a dead "
          "holder is replaced",
          "[hub][reports][scale-out]") {
    TempFolder folder;
    const std::string data = folder.file("data");
    std::string error;
    std::unique_ptr<ReportScheduleStore> first =
        open_report_schedule_store(kiosk::test::test_store(data), error);
    INFO(error);
    REQUIRE(first);
    std::unique_ptr<ReportScheduleStore> second =
        open_report_schedule_store(second_process(kiosk::test::test_store(data)), error);
    REQUIRE(second);
    constexpr int64_t kLease = 2 * 3600 * 1000;

    CHECK(first->hold_scheduler_lease("a", kSent, kLease));
    CHECK_FALSE(second->hold_scheduler_lease("b", kSent + 1000, kLease));
    CHECK(first->hold_scheduler_lease("a", kSent + 3600 * 1000, kLease)); // renewed
    CHECK_FALSE(second->hold_scheduler_lease("b", kSent + kLease + 1000, kLease));
    // "a" died: its last lease ran out, and "b" takes over.
    CHECK(second->hold_scheduler_lease("b", kSent + 3600 * 1000 + kLease, kLease));
    CHECK_FALSE(first->hold_scheduler_lease("a", kSent + 3600 * 1000 + kLease + 1, kLease));
    // A clean stop gives the lease up at once.
    second->release_scheduler_lease("b");
    CHECK(first->hold_scheduler_lease("a", kSent + 3600 * 1000 + kLease + 2, kLease));
    second->release_scheduler_lease("b"); // not b's: changes nothing
    CHECK_FALSE(second->hold_scheduler_lease("b", kSent + 3600 * 1000 + kLease + 3, kLease));

    // Racing for a free lease, exactly one of many wins each round.
    first->release_scheduler_lease("a");
    for (int round = 0; round < 20; ++round) {
        const int64_t now = kSent + int64_t(round + 10) * 10 * kLease;
        std::atomic<int> holders{0};
        std::vector<std::thread> racers;
        for (int racer = 0; racer < 4; ++racer)
            racers.emplace_back([&, racer] {
                ReportScheduleStore& store = racer % 2 ? *second : *first;
                if (store.hold_scheduler_lease(
                        "r" + std::to_string(round) + "-" + std::to_string(racer), now, kLease))
                    ++holders;
            });
        for (std::thread& racer : racers)
            racer.join();
        INFO("round " << round);
        CHECK(holders == 1);
    }
}
