// Fuzz target: reviewers' attestations (the kiosk_reviews rows of a package)
// as a kiosk and `kioskctl verify` read them: Package::reviews(), then
// check_reviews (review_fields_problem, the signed message, the key, the
// verdict, the expiry). The input is the rows themselves, put into a small
// valid package signed with the fuzz key, so the fuzzer works on the fields
// rather than on SQLite pages (fuzz_package covers the file as a whole).
//
// Input: fields one after another, six to a row (key_id, verdict, reviewed,
// expires, note, signature), at most 40 rows. Each field is a tag byte, a
// 2-byte big-endian length and that many bytes. Tags: 't' text, 'b' blob,
// 'n' NULL (the table is created without constraints, as a hostile package
// may), 'k' the fuzz key's id (its bytes ignored), 's' a valid signature by
// the fuzz key over the row as the kiosk will read it (bytes ignored); any
// other tag is text. A mutated signature almost never verifies: 'k' and 's'
// let the fuzzer reach the verdict and expiry checks.
//
// Checked: at most kMaxPackageReviews rows are read, in order; a row counts
// (Approved or Rejected) exactly when it has no problem; Malformed exactly
// when review_fields_problem says so; an Approved row is well formed, by the
// trusted key, "approved" and not expired; a row signed with 's' by 'k' with
// well-formed fields is never BadSignature or Untrusted; the package is
// approved exactly when a row is Approved and none Rejected, with a problem
// exactly when not, and approved_until is the latest Approved expiry.
#include "fuzz_support.h"

#include "content/package.h"
#include "content/review_attestation.h"
#include "core/sqlite_statement.h"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace kiosk;

namespace {

constexpr size_t kFieldsPerRow = 6;
constexpr size_t kMaxRows = 40; // beyond kMaxPackageReviews, to reach the limit

struct Field {
    char tag = 't';
    std::string bytes;
};

std::vector<std::vector<Field>> read_rows(const uint8_t* data, size_t size) {
    std::vector<std::vector<Field>> rows;
    std::vector<Field> row;
    size_t at = 0;
    while (at + 3 <= size && rows.size() < kMaxRows) {
        Field field;
        field.tag = char(data[at]);
        const size_t length = (size_t(data[at + 1]) << 8) | data[at + 2];
        at += 3;
        const size_t taken = std::min(length, size - at);
        field.bytes.assign(reinterpret_cast<const char*>(data + at), taken);
        at += taken;
        row.push_back(std::move(field));
        if (row.size() == kFieldsPerRow) {
            rows.push_back(std::move(row));
            row.clear();
        }
    }
    return rows;
}

// What Package::reviews() will read back for `field` (NULL reads as "").
std::string as_read(const Field& field) {
    if (field.tag == 'n') return "";
    if (field.tag == 'k') return fuzz::fuzz_secret_key().id;
    return field.bytes;
}

// A package with one file, signed with the fuzz key, made once; its digest.
const std::string& base_package(PackageDigest& digest) {
    static PackageDigest base_digest{};
    static const std::string path = [] {
        const std::string source = fuzz::temp_dir() + "/attestation-source";
        std::filesystem::create_directories(source);
        const uint8_t text[] = "a reviewed exhibit\n";
        fuzz::write_temp_file("attestation-source/notes.txt", text, sizeof text - 1);
        const std::string package = fuzz::temp_dir() + "/attestation-base.kpkg";
        std::string error;
        if (!write_package(source, package, error) ||
            !sign_package(package, fuzz::fuzz_secret_key(), PackageLimits{}, error))
            fuzz::broken("cannot make the base package", error);
        std::unique_ptr<Package> opened = Package::open(package, PackageLimits{}, error);
        if (!opened || !opened->digest(base_digest, error))
            fuzz::broken("cannot read the base package", error);
        return package;
    }();
    digest = base_digest;
    return path;
}

void bind_field(SqliteStatement& insert, int column, const Field& field,
                const std::string& signature) {
    if (field.tag == 'n')
        insert.bind_null(column);
    else if (field.tag == 's')
        insert.bind_blob(column, signature);
    else if (field.tag == 'b')
        insert.bind_blob(column, field.bytes);
    else
        insert.bind(column, as_read(field));
}

// The rows into a copy of the base package; the signatures 's' stands for.
std::string package_with(const std::vector<std::vector<Field>>& rows) {
    PackageDigest digest{};
    const std::string& base = base_package(digest);
    const std::string path = fuzz::temp_dir() + "/attestation.kpkg";
    std::filesystem::copy_file(base, path, std::filesystem::copy_options::overwrite_existing);
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) fuzz::broken("cannot open the copy");
    sqlite3_exec(db,
                 "CREATE TABLE kiosk_reviews(key_id, verdict, reviewed, expires, note, signature)",
                 nullptr, nullptr, nullptr);
    for (const std::vector<Field>& row : rows) {
        PackageReview review{as_read(row[0]), as_read(row[1]), as_read(row[2]),
                             as_read(row[3]), as_read(row[4]), ""};
        const std::string message = review_message(digest, review);
        std::string signature(crypto_sign_BYTES, '\0');
        crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                             reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                             fuzz::fuzz_secret_key().key.data());
        SqliteStatement insert(db, "INSERT INTO kiosk_reviews VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        for (size_t i = 0; i < kFieldsPerRow; ++i)
            bind_field(insert, int(i + 1), row[i], signature);
        if (!insert.run()) fuzz::broken("cannot insert a row", insert.error());
    }
    sqlite3_close(db);
    return path;
}

void check(const std::vector<std::vector<Field>>& rows, const Package& package) {
    const std::vector<PackageReview> read = package.reviews();
    if (read.size() != std::min(rows.size(), kMaxPackageReviews))
        fuzz::broken("reviews() read another number of rows than were stored");
    const ReviewCheck checked = check_reviews(package, {fuzz::fuzz_public_key()}, fuzz::kFuzzToday);
    if (checked.rows.size() != read.size()) fuzz::broken("check_reviews skipped or added a row");
    bool any_approved = false, any_rejected = false;
    std::string latest;
    for (size_t i = 0; i < checked.rows.size(); ++i) {
        const ReviewRowCheck& row = checked.rows[i];
        const bool counts =
            row.status == ReviewRowStatus::Approved || row.status == ReviewRowStatus::Rejected;
        if (counts != row.problem.empty()) fuzz::broken("a row's status and problem disagree");
        const std::string fields_problem = review_fields_problem(row.review);
        if ((row.status == ReviewRowStatus::Malformed) != !fields_problem.empty())
            fuzz::broken("Malformed disagrees with review_fields_problem", fields_problem);
        if (row.review.key_id != read[i].key_id || row.review.note != read[i].note)
            fuzz::broken("a checked row is not the row read");
        if (row.status == ReviewRowStatus::Approved) {
            if (row.review.verdict != "approved" || row.review.expires < fuzz::kFuzzToday ||
                row.review.key_id != fuzz::fuzz_public_key().id)
                fuzz::broken("an approval counted that should not", row.review.expires);
            any_approved = true;
            latest = std::max(latest, row.review.expires);
        }
        any_rejected = any_rejected || row.status == ReviewRowStatus::Rejected;
        const bool signed_by_fuzz_key = rows[i][0].tag == 'k' && rows[i][5].tag == 's';
        if (signed_by_fuzz_key && fields_problem.empty() &&
            (row.status == ReviewRowStatus::BadSignature ||
             row.status == ReviewRowStatus::Untrusted))
            fuzz::broken("a row signed by the trusted key does not verify", row.problem);
    }
    if (checked.approved != (any_approved && !any_rejected))
        fuzz::broken("approved disagrees with the rows");
    if (checked.approved == !checked.problem.empty())
        fuzz::broken("approved and the problem disagree", checked.problem);
    if (checked.approved && checked.approved_until != latest)
        fuzz::broken("approved_until is not the latest approval", checked.approved_until);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::vector<std::vector<Field>> rows = read_rows(data, size);
    const std::string path = package_with(rows);
    std::string error;
    std::unique_ptr<Package> package = Package::open(path, PackageLimits{}, error);
    if (!package) {
        if (error.empty()) fuzz::broken("Package::open refused without a reason");
        return 0;
    }
    check(rows, *package);
    return 0;
}
