// The venue rule for packages (content/package_trust.h), written as the
// attacks it answers: a publisher who writes an approval into its own
// manifest, an attestation by a key that is not a trusted reviewer, a
// rejection beside an approval, an expired approval, a manifest whose review
// dates disagree with the attestation, and an attestation with no
// human-readable record at all.
#include "../core/temp_folder.h"
#include "content/package_trust.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <optional>

using namespace kiosk;
using kiosk::test::TempFolder;

namespace {

const std::string kToday = "2026-12-06";

std::string review_record(const std::string& reviewed, const std::string& expires) {
    return "  review = { reviewer = '李老师', organization = '省科协', reviewed = '" + reviewed +
           "', expires = '" + expires + "' },\n";
}

// One exhibit package signed by `publisher`, its manifest carrying `record`
// (a review = {...} line, or "" for none).
struct TrustCase {
    TempFolder folder;
    SecretKey publisher = generate_key();
    SecretKey reviewer = generate_key();
    SecretKey stranger = generate_key();
    std::string package;

    explicit TrustCase(const std::string& record = review_record("2026-11-01", "2027-11-01"),
                       bool sign = true) {
        REQUIRE(sodium_init() >= 0);
        folder.write("src/manifest.lua",
                     "return {\n  id = 'trust-demo', kind = 'exhibit', version = '1.2.0',\n"
                     "  title = { zh = '演示', en = 'Demo' }, summary = { zh = '简介', en = "
                     "'Summary' },\n  authors = { '青山县科技馆' }, license = 'CC-BY-4.0',\n"
                     "  min_runtime = '0.1.0', thumbnail = 'thumbnail.png',\n" +
                         record + "}\n");
        folder.write("src/thumbnail.png", "png");
        folder.write("src/main.lua", "-- an exhibit\n");
        package = folder.file("trust-demo.kpkg");
        std::string error;
        INFO(error);
        REQUIRE(write_package(folder.file("src"), package, error));
        if (sign) REQUIRE(sign_package(package, publisher, PackageLimits{}, error));
    }

    void review(const SecretKey& key, const std::string& verdict, const std::string& reviewed,
                const std::string& expires) {
        PackageReview fields;
        fields.verdict = verdict;
        fields.reviewed = reviewed;
        fields.expires = expires;
        std::string error;
        INFO(error);
        REQUIRE(add_review(package, key, fields, PackageLimits{}, error));
    }

    TrustRoots roots() const { return {{publisher.public_key()}, {reviewer.public_key()}}; }

    PackageTrust check(const TrustRoots& with, const std::string& today = kToday) const {
        std::string error;
        std::unique_ptr<Package> opened = Package::open(package, PackageLimits{}, error);
        INFO(error);
        REQUIRE(opened);
        return check_package_trust(*opened, with, today);
    }
    PackageTrust check() const { return check(roots()); }
};

} // namespace

TEST_CASE("a signed package approved by a trusted reviewer, as its manifest says, is trusted",
          "[trust]") {
    TrustCase p;
    p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
    const PackageTrust trust = p.check();
    INFO(trust.problem);
    CHECK(trust.status == PackageTrustStatus::Trusted);
    CHECK(trust.trusted());
    CHECK(trust.publisher_key_id == p.publisher.id);
    CHECK(trust.approved_until == "2027-11-01");
    CHECK(trust.problem.empty());
    REQUIRE(trust.reviews.rows.size() == 1);
    CHECK(trust.reviews.rows[0].status == ReviewRowStatus::Approved);
    CHECK(p.check(p.roots(), "2027-11-01").trusted()); // the last day of the approval holds
}

TEST_CASE("a publisher's approval written only into its manifest does not count", "[trust]") {
    TrustCase p; // the manifest claims a review; nobody signed one
    const PackageTrust trust = p.check();
    CHECK(trust.status == PackageTrustStatus::NotReviewed);
    CHECK_FALSE(trust.trusted());
    CHECK(trust.publisher_key_id == p.publisher.id);
    CHECK_THAT(trust.problem, Catch::Contains("no approval by a trusted reviewer"));
    CHECK_THAT(trust.problem, Catch::Contains("send the package to a reviewer"));
    CHECK_THAT(trust.problem, Catch::Contains("kioskctl review"));
}

TEST_CASE("an attestation by a key that is not a trusted reviewer does not count", "[trust]") {
    TrustCase p;
    SECTION("a stranger's key") {
        p.review(p.stranger, "approved", "2026-11-01", "2027-11-01");
    }
    SECTION("the publisher reviewing its own package") {
        p.review(p.publisher, "approved", "2026-11-01", "2027-11-01");
    }
    const PackageTrust trust = p.check();
    CHECK(trust.status == PackageTrustStatus::NotReviewed);
    CHECK_THAT(trust.problem, Catch::Contains("not a trusted reviewer"));
    REQUIRE(trust.reviews.rows.size() == 1);
    CHECK(trust.reviews.rows[0].status == ReviewRowStatus::Untrusted);
    // The publisher key is not a reviewer key just because it signed.
    CHECK(p.check({{p.publisher.public_key()}, {}}).status == PackageTrustStatus::NotReviewed);
}

TEST_CASE("a trusted rejection beside an approval refuses the package", "[trust]") {
    TrustCase p;
    const SecretKey second = generate_key();
    p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
    p.review(second, "rejected", "2026-11-20", "2027-11-20");
    const PackageTrust trust =
        p.check({{p.publisher.public_key()}, {p.reviewer.public_key(), second.public_key()}});
    CHECK(trust.status == PackageTrustStatus::Rejected);
    CHECK(trust.approved_until.empty());
    CHECK_THAT(trust.problem, Catch::Contains("rejected"));
    // Without the rejecting key among the trusted ones, the approval counts.
    CHECK(p.check().trusted());
}

TEST_CASE("an expired approval does not count, even with the manifest agreeing", "[trust]") {
    TrustCase p(review_record("2025-01-01", "2026-01-01"));
    p.review(p.reviewer, "approved", "2025-01-01", "2026-01-01");
    const PackageTrust trust = p.check();
    CHECK(trust.status == PackageTrustStatus::ReviewExpired);
    CHECK_THAT(trust.problem, Catch::Contains("expired on 2026-01-01"));
    CHECK_THAT(trust.problem, Catch::Contains("kioskctl review"));
    CHECK(p.check(p.roots(), "2025-12-31").trusted()); // the same package, a year earlier
}

TEST_CASE("a manifest whose review dates disagree with the attestation is refused", "[trust]") {
    SECTION("the manifest claims a later expiry than the reviewer signed") {
        TrustCase p(review_record("2026-11-01", "2030-11-01"));
        p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
        const PackageTrust trust = p.check();
        CHECK(trust.status == PackageTrustStatus::Disagrees);
        CHECK_THAT(trust.problem, Catch::Contains("expires 2030-11-01"));
        CHECK_THAT(trust.problem, Catch::Contains("expires 2027-11-01"));
    }
    SECTION("another review day") {
        TrustCase p(review_record("2026-10-01", "2027-11-01"));
        p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
        CHECK(p.check().status == PackageTrustStatus::Disagrees);
    }
    SECTION("the dates match only an untrusted key's attestation") {
        TrustCase p(review_record("2026-11-01", "2030-11-01"));
        p.review(p.stranger, "approved", "2026-11-01", "2030-11-01");
        p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
        CHECK(p.check().status == PackageTrustStatus::Disagrees);
    }
    SECTION("of two trusted approvals, the one the manifest names counts") {
        const SecretKey second = generate_key();
        TrustCase p(review_record("2026-11-01", "2027-11-01"));
        p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
        p.review(second, "approved", "2026-12-01", "2028-12-01");
        const PackageTrust trust =
            p.check({{p.publisher.public_key()}, {p.reviewer.public_key(), second.public_key()}});
        CHECK(trust.trusted());
        CHECK(trust.approved_until == "2027-11-01");
    }
}

TEST_CASE("a valid attestation without the manifest's human-readable record is refused",
          "[trust]") {
    TrustCase p("");
    p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
    const PackageTrust trust = p.check();
    CHECK(trust.status == PackageTrustStatus::Disagrees);
    CHECK_THAT(trust.problem, Catch::Contains("no review record"));
}

TEST_CASE("an approval does not make an unsigned or foreign package trusted", "[trust]") {
    SECTION("not signed at all") {
        TrustCase p(review_record("2026-11-01", "2027-11-01"), false);
        p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
        const PackageTrust trust = p.check();
        CHECK(trust.status == PackageTrustStatus::Unsigned);
        CHECK(trust.problem == "not signed");
        CHECK(trust.publisher_key_id.empty());
    }
    SECTION("signed by a publisher this kiosk does not trust") {
        TrustCase p;
        p.review(p.reviewer, "approved", "2026-11-01", "2027-11-01");
        const PackageTrust trust = p.check({{p.stranger.public_key()}, {p.reviewer.public_key()}});
        CHECK(trust.status == PackageTrustStatus::Unsigned);
        CHECK_THAT(trust.problem, Catch::Contains("not trusted here"));
        // The reviews are still judged, for `kioskctl validate` to show.
        REQUIRE(trust.reviews.rows.size() == 1);
        CHECK(trust.reviews.rows[0].status == ReviewRowStatus::Approved);
    }
}

TEST_CASE("a package without a readable manifest is unreadable", "[trust]") {
    TrustCase p;
    TempFolder other;
    other.write("src/main.lua", "-- no manifest\n");
    std::string error;
    const std::string path = other.file("bare.kpkg");
    REQUIRE(write_package(other.file("src"), path, error));
    REQUIRE(sign_package(path, p.publisher, PackageLimits{}, error));
    std::unique_ptr<Package> opened = Package::open(path, PackageLimits{}, error);
    REQUIRE(opened);
    const PackageTrust trust = check_package_trust(*opened, p.roots(), kToday);
    CHECK(trust.status == PackageTrustStatus::Unreadable);
    CHECK_THAT(trust.problem, Catch::Contains("manifest.lua"));
}

TEST_CASE("the trust roots come from the config's key files", "[trust]") {
    TempFolder folder;
    const SecretKey publisher = generate_key(), reviewer = generate_key();
    std::string error;
    REQUIRE(write_public_key(folder.file("pub.pub"), publisher.public_key(), error));
    REQUIRE(write_public_key(folder.file("expert.pub"), reviewer.public_key(), error));
    KioskConfig config;
    config.source_path = folder.file("kiosk.lua");
    config.trusted_keys = {folder.file("pub.pub")};
    config.trusted_reviewers = {folder.file("expert.pub")};
    TrustRoots roots;
    REQUIRE(load_trust_roots(config, roots, error));
    REQUIRE(roots.publishers.size() == 1);
    CHECK(roots.publishers[0].id == publisher.id);
    REQUIRE(roots.reviewers.size() == 1);
    CHECK(roots.reviewers[0].id == reviewer.id);

    config.trusted_reviewers.push_back(folder.file("missing.pub"));
    CHECK_FALSE(load_trust_roots(config, roots, error));
    CHECK_THAT(error, Catch::StartsWith(folder.file("kiosk.lua") +
                                        ": trusted_reviewers: " + folder.file("missing.pub")));
}
