// Reviewers' attestations (content/review_attestation.h): an approval by a
// trusted reviewer counts until it expires, a trusted rejection wins, and an
// attestation edited after signing, made by an unknown key or with malformed
// fields never counts. Adding one leaves the package digest and its publisher
// signature as they were.
#include "../core/temp_folder.h"
#include "content/review_attestation.h"
#include "core/sqlite_statement.h"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <sqlite3.h>

using namespace kiosk;
using kiosk::test::TempFolder;

namespace {

struct ReviewedPackage {
    TempFolder folder;
    SecretKey publisher = generate_key();
    SecretKey reviewer = generate_key();
    SecretKey other_reviewer = generate_key();
    std::string package;

    ReviewedPackage() {
        REQUIRE(sodium_init() >= 0);
        folder.write("src/manifest.lua", "return { id = 'demo' }\n");
        folder.write("src/main.lua", "-- an exhibit\n");
        package = folder.file("demo.kpkg");
        std::string error;
        INFO(error);
        REQUIRE(write_package(folder.file("src"), package, error));
        REQUIRE(sign_package(package, publisher, PackageLimits{}, error));
    }

    bool review(const SecretKey& key, const std::string& verdict, const std::string& reviewed,
                const std::string& expires, std::string& error, const std::string& note = "") {
        PackageReview fields;
        fields.verdict = verdict;
        fields.reviewed = reviewed;
        fields.expires = expires;
        fields.note = note;
        return add_review(package, key, fields, PackageLimits{}, error);
    }

    ReviewCheck check(const std::vector<PublicKey>& reviewers, const std::string& today) {
        std::string error;
        auto opened = Package::open(package, PackageLimits{}, error);
        REQUIRE(opened);
        return check_reviews(*opened, reviewers, today);
    }

    PackageDigest digest() {
        std::string error;
        auto opened = Package::open(package, PackageLimits{}, error);
        REQUIRE(opened);
        PackageDigest out{};
        REQUIRE(opened->digest(out, error));
        return out;
    }

    void sql(const std::string& statement) {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(package.c_str(), &db) == SQLITE_OK);
        std::string error;
        const bool ok = exec_sql(db, statement, &error);
        sqlite3_close(db);
        INFO(error);
        REQUIRE(ok);
    }
};

} // namespace

TEST_CASE("an approval by a trusted reviewer counts until it expires", "[review]") {
    ReviewedPackage p;
    const PackageDigest before = p.digest();
    std::string error;
    REQUIRE(p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01", error, "物理组审查"));
    CHECK(p.digest() == before); // the review sits beside the signatures
    std::string open_error;
    auto opened = Package::open(p.package, PackageLimits{}, open_error);
    REQUIRE(opened);
    CHECK(verify_package(*opened, {p.publisher.public_key()}).ok);
    REQUIRE(opened->reviews().size() == 1);
    CHECK(opened->reviews()[0].note == "物理组审查");

    ReviewCheck check = p.check({p.reviewer.public_key()}, "2026-12-06");
    CHECK(check.approved);
    CHECK(check.approved_until == "2027-11-01");
    CHECK(p.check({p.reviewer.public_key()}, "2027-11-01").approved); // the last day holds

    check = p.check({p.reviewer.public_key()}, "2027-11-02");
    CHECK_FALSE(check.approved);
    REQUIRE(check.rows.size() == 1);
    CHECK(check.rows[0].status == ReviewRowStatus::Expired);
    CHECK_THAT(check.problem, Catch::Contains("expired on 2027-11-01"));
}

TEST_CASE("a review by a key that is not a trusted reviewer does not count", "[review]") {
    ReviewedPackage p;
    std::string error;
    // The publisher reviewing its own package is exactly this case.
    REQUIRE(p.review(p.publisher, "approved", "2026-11-01", "2027-11-01", error));
    const ReviewCheck check = p.check({p.reviewer.public_key()}, "2026-12-06");
    CHECK_FALSE(check.approved);
    REQUIRE(check.rows.size() == 1);
    CHECK(check.rows[0].status == ReviewRowStatus::Untrusted);
    CHECK_THAT(check.problem, Catch::Contains("not a trusted reviewer"));
    CHECK_FALSE(p.check({}, "2026-12-06").approved);
}

TEST_CASE("a trusted rejection wins over an approval", "[review]") {
    ReviewedPackage p;
    std::string error;
    REQUIRE(p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01", error));
    REQUIRE(p.review(p.other_reviewer, "rejected", "2026-11-20", "2027-11-20", error));
    const ReviewCheck check =
        p.check({p.reviewer.public_key(), p.other_reviewer.public_key()}, "2026-12-06");
    CHECK_FALSE(check.approved);
    CHECK(check.approved_until.empty());
    CHECK_THAT(check.problem, Catch::Contains("rejected"));
    // A rejection by a key nobody trusts changes nothing.
    CHECK(p.check({p.reviewer.public_key()}, "2026-12-06").approved);
}

TEST_CASE("reviewing again with the same key replaces the earlier review", "[review]") {
    ReviewedPackage p;
    std::string error;
    REQUIRE(p.review(p.reviewer, "approved", "2025-01-01", "2025-12-31", error));
    REQUIRE(p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01", error));
    const ReviewCheck check = p.check({p.reviewer.public_key()}, "2026-12-06");
    CHECK(check.approved);
    CHECK(check.rows.size() == 1);
}

TEST_CASE("an attestation edited after signing, or a package changed after review, never counts",
          "[review]") {
    ReviewedPackage p;
    std::string error;
    REQUIRE(p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01", error));
    const std::vector<PublicKey> trusted{p.reviewer.public_key()};

    SECTION("a later expiry written into the row") {
        p.sql("UPDATE kiosk_reviews SET expires = '2099-12-31'");
    }
    SECTION("a rejection turned into an approval") {
        REQUIRE(p.review(p.reviewer, "rejected", "2026-11-01", "2027-11-01", error));
        p.sql("UPDATE kiosk_reviews SET verdict = 'approved'");
    }
    SECTION("another note") {
        p.sql("UPDATE kiosk_reviews SET note = '已审查'");
    }
    SECTION("a file of the package changed") {
        p.sql(
            "UPDATE sqlar SET data = CAST('-- changed' AS BLOB), sz = 10 WHERE name = 'main.lua'");
    }
    SECTION("a truncated signature") {
        p.sql("UPDATE kiosk_reviews SET signature = substr(signature, 1, 10)");
    }
    const ReviewCheck check = p.check(trusted, "2026-12-06");
    CHECK_FALSE(check.approved);
    REQUIRE(check.rows.size() == 1);
    CHECK(check.rows[0].status == ReviewRowStatus::BadSignature);
    CHECK_THAT(check.problem, Catch::Contains("does not match"));
}

TEST_CASE("malformed review fields are refused with the field named, the package unchanged",
          "[review]") {
    ReviewedPackage p;
    std::string error;
    struct Case {
        const char* verdict;
        const char* reviewed;
        const char* expires;
        std::string note;
        const char* field;
    };
    const std::vector<Case> cases{
        {"ok", "2026-11-01", "2027-11-01", "", "verdict:"},
        {"approved", "2026-13-01", "2027-11-01", "", "reviewed:"},
        {"approved", "2026-11-01", "next year", "", "expires:"},
        {"approved", "2026-11-01", "2026-10-01", "", "is not after"},
        {"approved", "2026-11-01", "2027-11-01", std::string(kMaxReviewNoteBytes + 1, 'x'),
         "note:"},
        {"approved", "2026-11-01", "2027-11-01", "\xff\xfe", "not valid UTF-8"},
    };
    for (const Case& c : cases) {
        INFO(c.field);
        error.clear();
        CHECK_FALSE(p.review(p.reviewer, c.verdict, c.reviewed, c.expires, error, c.note));
        CHECK_THAT(error, Catch::Contains(p.package) && Catch::Contains(c.field));
    }
    std::string open_error;
    auto opened = Package::open(p.package, PackageLimits{}, open_error);
    REQUIRE(opened);
    CHECK(opened->reviews().empty());

    // The same rules when a package arrives with such a row already in it.
    p.sql("CREATE TABLE kiosk_reviews(key_id TEXT NOT NULL, verdict TEXT NOT NULL,"
          " reviewed TEXT NOT NULL, expires TEXT NOT NULL, note TEXT NOT NULL,"
          " signature BLOB NOT NULL)");
    p.sql("INSERT INTO kiosk_reviews VALUES('" + p.reviewer.id +
          "', 'approved', '2026-11-01', '2026-02-30', '', x'00')");
    const ReviewCheck check = p.check({p.reviewer.public_key()}, "2026-12-06");
    CHECK_FALSE(check.approved);
    REQUIRE(check.rows.size() == 1);
    CHECK(check.rows[0].status == ReviewRowStatus::Malformed);
}

TEST_CASE("a package stuffed with reviews is read only up to the limit", "[review]") {
    ReviewedPackage p;
    std::string error;
    REQUIRE(p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01", error));
    p.sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
          " INSERT INTO kiosk_reviews SELECT 'k' || i, 'approved', '2026-11-01', '2027-11-01',"
          " '', x'00' FROM n");
    std::string open_error;
    auto opened = Package::open(p.package, PackageLimits{}, open_error);
    REQUIRE(opened);
    CHECK(opened->reviews().size() == kMaxPackageReviews);
    CHECK(p.check({p.reviewer.public_key()}, "2026-12-06").approved); // the first row is read
    CHECK_FALSE(p.review(p.other_reviewer, "approved", "2026-11-01", "2027-11-01", error));
    CHECK_THAT(error, Catch::Contains("reviews already"));
}
