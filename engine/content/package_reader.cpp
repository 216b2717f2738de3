// Reading packages: opening the SQLite Archive read-only (its rows are judged
// in package_rows.cpp), bounded decompression, the digest and the signature
// check.
#include "content/package.h"
#include "content/package_internal.h"
#include "core/sqlite_statement.h"

#include <sodium.h>
#include <sqlite3.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace kiosk {
namespace {

constexpr const char* kDigestDomain = "kiosk-package-digest-v1\n";
constexpr const char* kSignatureDomain = "kiosk-package-v1";
// Pages (of 64 KiB) a package's connection caches: the way from the root to a
// leaf of sqlar stays cached; a file's own pages are read from the file.
constexpr const char* kPackageCacheSize = "PRAGMA cache_size = 4";

// SQLite URI: percent-encode everything that is not plainly safe.
std::string file_uri(const std::string& path) {
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (std::isalnum(c) || std::strchr("/-_.~", c)) {
            uri += char(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        }
    }
    return uri + "?immutable=1";
}

void put_u64(unsigned char* out, uint64_t value) {
    for (int i = 0; i < 8; ++i)
        out[i] = static_cast<unsigned char>(value >> (8 * i));
}

} // namespace

std::string package_sqlite_problem(sqlite3* db, int code) {
    if (code == SQLITE_NOTADB) return "not a package (not an SQLite database)";
    if (code == SQLITE_CORRUPT) return "damaged (the database is malformed or truncated)";
    return std::string("cannot be read: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
}

bool open_package_database(const std::string& path, sqlite3*& db, std::string& error) {
    const int code = sqlite3_open_v2(file_uri(path).c_str(), &db,
                                     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    if (code == SQLITE_OK) {
        // A package's files are read once each (to verify, then to show), so
        // its page cache is kept to a few of its 64 KiB pages (kPackageCacheSize)
        // instead of SQLite's 2 MB a connection. A file that is no database
        // fails here too: the row scan that follows says why.
        sqlite3_exec(db, kPackageCacheSize, nullptr, nullptr, nullptr);
        return true;
    }
    error = path + ": " + package_sqlite_problem(db, code);
    return false;
}

Package::~Package() {
    if (db_) sqlite3_close(db_);
}

std::unique_ptr<Package> Package::open(const std::string& path, const PackageLimits& limits,
                                       std::string& error) {
    std::unique_ptr<Package> package(new Package());
    package->path_ = path;
    package->limits_ = limits;
    std::vector<PackageRow> rows;
    if (!open_package_database(path, package->db_, error) ||
        !scan_package_rows(package->db_, path, limits, rows, error))
        return nullptr;
    for (PackageRow& row : rows) {
        if (!row.problem.empty()) {
            error = path + ": " + row.problem;
            return nullptr;
        }
        if (row.kind == PackageRowKind::File) package->entries_.push_back(std::move(row.entry));
    }
    return package;
}

const PackageEntry* Package::find(std::string_view name) const {
    auto found =
        std::lower_bound(entries_.begin(), entries_.end(), name,
                         [](const PackageEntry& e, std::string_view n) { return e.name < n; });
    return found != entries_.end() && found->name == name ? &*found : nullptr;
}

std::vector<std::string> Package::list() const {
    std::vector<std::string> names;
    names.reserve(entries_.size());
    for (const PackageEntry& entry : entries_)
        names.push_back(entry.name);
    return names;
}

std::string Package::describe(const std::string& name) const {
    return path_ + ":" + name;
}

bool Package::read(const std::string& name, std::string& bytes, std::string& error) const {
    const PackageEntry* entry = find(name);
    if (!entry) {
        error = describe(name) + ": no such file in the package";
        return false;
    }
    SqliteStatement select(db_, "SELECT data FROM sqlar WHERE name = ?1");
    if (!select.ok()) {
        error = describe(name) + ": " + package_sqlite_problem(db_, sqlite3_errcode(db_));
        return false;
    }
    if (!select.bind_view(1, name).next()) {
        error = describe(name) + ": " +
                package_sqlite_problem(db_, sqlite3_extended_errcode(db_) & 0xFF);
        return false;
    }
    const std::string_view data = select.blob_view(0);
    const int64_t stored = int64_t(data.size());
    bool ok = true;
    if (stored == entry->size) {
        bytes.assign(data);
    } else {
        // zlib data: inflate into exactly the declared size, and not a byte more.
        bytes.assign(size_t(entry->size), '\0');
        z_stream stream{};
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        stream.avail_in = uInt(stored);
        stream.next_out = reinterpret_cast<Bytef*>(bytes.data());
        stream.avail_out = uInt(entry->size);
        int status = inflateInit(&stream);
        if (status == Z_OK) status = inflate(&stream, Z_FINISH);
        if (status == Z_BUF_ERROR && stream.avail_out == 0) {
            error = describe(name) + ": inflates past its declared size of " +
                    std::to_string(entry->size) + " bytes";
            ok = false;
        } else if (status != Z_STREAM_END) {
            error = describe(name) + ": damaged compressed data";
            ok = false;
        } else if (stream.total_out != uLong(entry->size)) {
            error = describe(name) + ": inflates to " + std::to_string(stream.total_out) +
                    " bytes, not its declared " + std::to_string(entry->size);
            ok = false;
        }
        inflateEnd(&stream);
    }
    if (!ok) bytes.clear();
    return ok;
}

bool Package::digest(PackageDigest& out, std::string& error) const {
    std::lock_guard<std::mutex> lock(digest_mutex_);
    if (digest_) {
        out = *digest_;
        return true;
    }
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, out.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kDigestDomain),
                              std::strlen(kDigestDomain));
    std::string bytes;
    for (const PackageEntry& entry : entries_) {
        if (!read(entry.name, bytes, error)) return false;
        unsigned char header[8 + 8 + 8];
        put_u64(header, entry.name.size());
        crypto_generichash_update(&state, header, 8);
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(entry.name.data()),
                                  entry.name.size());
        put_u64(header, uint64_t(entry.mode));
        put_u64(header + 8, uint64_t(entry.size));
        crypto_generichash_update(&state, header, 16);
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()),
                                  bytes.size());
    }
    crypto_generichash_final(&state, out.data(), out.size());
    digest_ = out;
    return true;
}

void Package::use_known_digest(const PackageDigest& known) {
    std::lock_guard<std::mutex> lock(digest_mutex_);
    digest_ = known;
}

std::vector<PackageSignature> Package::signatures() const {
    std::vector<PackageSignature> found;
    // No table: unsigned (the statement does not prepare, and yields no rows).
    SqliteStatement select(db_, "SELECT key_id, signature FROM kiosk_signatures ORDER BY rowid");
    while (select.next())
        found.push_back({select.text(0), std::string(select.blob_view(1))});
    return found;
}

std::vector<PackageReview> Package::reviews() const {
    std::vector<PackageReview> found;
    // No table: not reviewed (the statement does not prepare, and yields no rows).
    SqliteStatement select(db_, "SELECT key_id, verdict, reviewed, expires, note, signature"
                                " FROM kiosk_reviews ORDER BY rowid LIMIT ?1");
    select.bind(1, int64_t(kMaxPackageReviews));
    while (select.next())
        found.push_back({select.text(0), select.text(1), select.text(2), select.text(3),
                         select.text(4), std::string(select.blob_view(5))});
    return found;
}

std::string Package::content_identity() const {
    std::lock_guard lock(digest_mutex_);
    return digest_ ? digest_hex(*digest_) : "";
}

std::string digest_hex(const PackageDigest& digest) {
    char hex[2 * 64 + 1];
    sodium_bin2hex(hex, sizeof hex, digest.data(), digest.size());
    return hex;
}

std::string signed_message(const PackageDigest& digest) {
    return std::string(kSignatureDomain) +
           std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

VerifyResult verify_package(const Package& package, const std::vector<PublicKey>& trusted) {
    VerifyResult result;
    const std::vector<PackageSignature> signatures = package.signatures();
    if (signatures.empty()) {
        result.problem = "not signed";
        return result;
    }
    PackageDigest digest{};
    std::string error;
    if (!package.digest(digest, error)) {
        result.problem = error;
        return result;
    }
    const std::string message = signed_message(digest);
    std::string untrusted, mismatched;
    for (const PackageSignature& signature : signatures) {
        auto key = std::find_if(trusted.begin(), trusted.end(),
                                [&](const PublicKey& k) { return k.id == signature.key_id; });
        if (key == trusted.end()) {
            untrusted = signature.key_id;
            continue;
        }
        if (signature.signature.size() == crypto_sign_BYTES &&
            crypto_sign_verify_detached(
                reinterpret_cast<const unsigned char*>(signature.signature.data()),
                reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                key->key.data()) == 0) {
            result.ok = true;
            result.key_id = key->id;
            return result;
        }
        mismatched = signature.key_id;
    }
    if (!mismatched.empty())
        result.problem = "the signature by key " + mismatched +
                         " does not match the contents (changed after signing?)";
    else
        result.problem = "signed only by key " + untrusted + ", which is not trusted here";
    return result;
}

} // namespace kiosk
