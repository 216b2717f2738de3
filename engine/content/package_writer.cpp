// Writing packages (what `kioskctl pack` and `sign` do): the sqlar table as the
// sqlite3 shell creates it, zlib compression only when it saves space, and the
// signature table. The kiosk itself never calls these.
#include "content/package.h"
#include "content/package_internal.h"
#include "core/sqlite_statement.h"

#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <zlib.h>

#include <filesystem>
#include <functional>
#include <optional>

namespace kiosk {
namespace fs = std::filesystem;

namespace {

// The shell's own statement (sqlite3 -A), so the table is exactly the same.
constexpr const char* kCreateSqlar = "CREATE TABLE IF NOT EXISTS sqlar(\n"
                                     "  name TEXT PRIMARY KEY,  -- name of the file\n"
                                     "  mode INT,               -- access permissions\n"
                                     "  mtime INT,              -- last modification time\n"
                                     "  sz INT,                 -- original file size\n"
                                     "  data BLOB               -- compressed content\n"
                                     ")";
constexpr const char* kCreateSignatures =
    "CREATE TABLE IF NOT EXISTS kiosk_signatures(key_id TEXT NOT NULL, signature BLOB NOT NULL)";

bool hidden(const std::string& relative) {
    for (const auto& part : fs::path(relative))
        if (!part.empty() && part.string().front() == '.') return true;
    return false;
}

} // namespace

bool write_package(const std::string& folder, const std::string& output, std::string& error) {
    FolderSource source(folder);
    std::error_code ec;
    if (!fs::is_directory(source.folder(), ec)) {
        error = folder + ": not a folder";
        return false;
    }
    const std::string temporary = output + ".partial";
    fs::remove(temporary, ec);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(temporary.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        error = output + ": cannot create: " + sqlite3_errmsg(db);
        sqlite3_close(db);
        return false;
    }
    // Large pages: a picture is one short chain of pages, which makes the kiosk's
    // verify pass several times faster than with the default 4 KiB.
    bool ok = exec_sql(db, "PRAGMA page_size = 65536", &error) && exec_sql(db, "BEGIN", &error) &&
              exec_sql(db, kCreateSqlar, &error);
    std::optional<SqliteStatement> insert;
    if (ok) {
        insert.emplace(db, "INSERT INTO sqlar(name, mode, mtime, sz, data) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)");
        ok = insert->ok();
        if (!ok) error = insert->error();
    }
    std::string bytes, compressed;
    for (const std::string& name : ok ? source.list() : std::vector<std::string>{}) {
        if (hidden(name)) continue;
        if (!source.read(name, bytes, error)) {
            ok = false;
            break;
        }
        struct stat info {};
        stat(source.describe(name).c_str(), &info);
        uLongf bound = compressBound(uLong(bytes.size()));
        compressed.resize(bound);
        const bool smaller =
            compress(reinterpret_cast<Bytef*>(compressed.data()), &bound,
                     reinterpret_cast<const Bytef*>(bytes.data()), uLong(bytes.size())) == Z_OK &&
            bound < bytes.size();
        const std::string& data = smaller ? compressed : bytes;
        const size_t data_size = smaller ? bound : bytes.size();
        insert->reset();
        insert->bind(1, name).bind(2, int(info.st_mode & 0777) | 0100000);
        insert->bind(3, int64_t(info.st_mtime)).bind(4, int64_t(bytes.size()));
        insert->bind_blob(5, std::string_view(data.data(), data_size));
        if (!insert->run()) {
            error = output + ": " + insert->error();
            ok = false;
            break;
        }
    }
    insert.reset();
    ok = ok && exec_sql(db, "COMMIT", &error);
    sqlite3_close(db);
    if (ok) fs::rename(temporary, output, ec);
    if (ok && ec) {
        error = output + ": cannot write: " + ec.message();
        ok = false;
    }
    if (!ok) fs::remove(temporary, ec);
    return ok;
}

bool sign_package(const std::string& path, const SecretKey& key, const PackageLimits& limits,
                  std::string& error) {
    PackageDigest digest{};
    {
        std::unique_ptr<Package> package = Package::open(path, limits, error);
        if (!package || !package->digest(digest, error)) return false;
    }
    const std::string message = signed_message(digest);
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), key.key.data());
    return update_package(
        path, kCreateSignatures, "sign",
        [&](sqlite3* db, std::string& write_error) {
            SqliteStatement forget(db, "DELETE FROM kiosk_signatures WHERE key_id = ?1");
            SqliteStatement insert(
                db, "INSERT INTO kiosk_signatures(key_id, signature) VALUES (?1, ?2)");
            insert.bind(1, key.id).bind_blob(
                2, std::string_view(reinterpret_cast<const char*>(signature), sizeof signature));
            const bool ok = forget.bind(1, key.id).run() && insert.run();
            if (!ok) write_error = forget.error().empty() ? insert.error() : forget.error();
            return ok;
        },
        error);
}

bool update_package(const std::string& path, const char* create_table, const std::string& what,
                    const std::function<bool(sqlite3*, std::string&)>& write, std::string& error) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr) !=
        SQLITE_OK) {
        error = path + ": cannot open to " + what + ": " + sqlite3_errmsg(db);
        sqlite3_close(db);
        return false;
    }
    bool ok = exec_sql(db, "BEGIN", &error) && exec_sql(db, create_table, &error) &&
              write(db, error) && exec_sql(db, "COMMIT", &error);
    if (!ok) error = path + ": cannot " + what + ": " + error;
    sqlite3_close(db); // an open transaction is rolled back
    return ok;
}

} // namespace kiosk
