// kioskctl keygen, pack, sign, review, verify and inspect.
#include "commands.h"
#include "content/package.h"
#include "content/package_trust.h"
#include "content/review_attestation.h"
#include "core/civil_time.h"

#include <filesystem>
#include <iostream>

namespace kiosk::ctl {
namespace {

int fail(const std::string& message, int code = 2) {
    std::cerr << "kioskctl: " << message << "\n";
    return code;
}

std::optional<std::vector<PublicKey>> read_trusted(const std::vector<std::string>& files) {
    std::vector<PublicKey> keys;
    for (const std::string& file : files) {
        std::string error;
        std::optional<PublicKey> key = read_public_key(file, error);
        if (!key) {
            fail(error);
            return std::nullopt;
        }
        keys.push_back(*key);
    }
    return keys;
}

std::string format_mode(int mode) {
    if (mode < 0) return "?";
    char text[16];
    std::snprintf(text, sizeof text, "%o", mode);
    return text;
}

const char* kind_label(PackageRowKind kind) {
    switch (kind) {
    case PackageRowKind::File:
        return "file";
    case PackageRowKind::Folder:
        return "folder";
    default:
        return "other";
    }
}

// Every row of sqlar, each refused one marked REFUSED with its reason on the
// next line. Returns how many were refused.
int print_rows(const std::vector<PackageRow>& rows) {
    std::cout << "  rows (kind, mode, size, stored bytes, name)\n";
    int refused = 0;
    int64_t total = 0;
    int files = 0;
    for (const PackageRow& row : rows) {
        std::printf("  %-7s %-6s %6s %10lld %10lld  %s\n", row.problem.empty() ? "" : "REFUSED",
                    kind_label(row.kind), format_mode(row.entry.mode).c_str(),
                    static_cast<long long>(row.entry.size),
                    static_cast<long long>(row.entry.stored), printable(row.entry.name).c_str());
        if (!row.problem.empty()) {
            std::printf("          why: %s\n", printable(row.problem).c_str());
            ++refused;
        } else if (row.kind == PackageRowKind::File) {
            total += row.entry.size;
            ++files;
        }
    }
    std::cout << "    " << files << " files, " << total << " bytes";
    if (refused) std::cout << "; " << refused << " rows REFUSED";
    std::cout << "\n";
    return refused;
}

} // namespace

std::string printable(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (c >= 0x20 && c != 0x7F) {
            out += char(c);
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
            out += escaped;
        }
    }
    return out;
}

void add_package_commands(CLI::App& app, Options& o, Run& chosen) {

    CLI::App* keygen = app.add_subcommand(
        "keygen", "Make a signing key pair: NAME.key (secret, mode 0600) and NAME.pub (public)");
    keygen->add_option("name", o.name, "Path and base name of the key files")->required();
    keygen->add_flag("--force", o.force, "Replace existing key files");
    keygen->callback([&chosen, &o] {
        chosen = [&o] {
            const std::string secret_path = o.name + ".key", public_path = o.name + ".pub";
            std::error_code ec;
            if (!o.force && (std::filesystem::exists(secret_path, ec) ||
                             std::filesystem::exists(public_path, ec)))
                return fail(secret_path + " or " + public_path +
                            " exists already (use --force to replace them)");
            SecretKey key = generate_key();
            std::string error;
            if (!write_secret_key(secret_path, key, error) ||
                !write_public_key(public_path, key.public_key(), error))
                return fail(error);
            std::cout << "key " << key.id << "\n  secret: " << secret_path
                      << " (keep it private)\n  public: " << public_path
                      << " (list it in the kiosk config's trusted_keys)\n";
            return 0;
        };
    });

    CLI::App* pack = app.add_subcommand("pack", "Pack an exhibit or quiz folder into a package");
    pack->add_option("folder", o.folder, "The content folder (with manifest.lua)")
        ->required()
        ->check(CLI::ExistingDirectory);
    pack->add_option("-o,--output", o.output, "The package file to write (.kpkg)")->required();
    pack->add_option("--sign", o.key_file, "Sign it with this secret key file");
    pack->callback([&chosen, &o] {
        chosen = [&o] {
            std::string error;
            std::optional<SecretKey> key;
            if (!o.key_file.empty() && !(key = read_secret_key(o.key_file, error)))
                return fail(error);
            if (!write_package(o.folder, o.output, error)) return fail(error);
            if (key && !sign_package(o.output, *key, PackageLimits{}, error)) return fail(error);
            std::cout << "packed " << o.folder << " into " << o.output;
            if (key) std::cout << ", signed by key " << key->id;
            std::cout << "\n";
            return 0;
        };
    });

    CLI::App* sign = app.add_subcommand("sign", "Add a signature to a package");
    sign->add_option("package", o.package_file, "The package (.kpkg)")
        ->required()
        ->check(CLI::ExistingFile);
    sign->add_option("--key", o.key_file, "The secret key file")->required();
    sign->callback([&chosen, &o] {
        chosen = [&o] {
            std::string error;
            std::optional<SecretKey> key = read_secret_key(o.key_file, error);
            if (!key) return fail(error);
            if (!sign_package(o.package_file, *key, PackageLimits{}, error)) return fail(error);
            std::cout << "signed " << o.package_file << " with key " << key->id << "\n";
            return 0;
        };
    });

    CLI::App* review = app.add_subcommand(
        "review", "Add a reviewer's attestation (approved or rejected, until a date) to a package");
    review->add_option("package", o.package_file, "The package (.kpkg)")
        ->required()
        ->check(CLI::ExistingFile);
    review->add_option("--key", o.key_file, "The reviewer's secret key file")->required();
    review->add_option("--verdict", o.verdict, "approved or rejected")->required();
    review->add_option("--expires", o.expires, "Last day the review holds (YYYY-MM-DD)")
        ->required();
    review->add_option("--reviewed", o.reviewed, "Day of the review (YYYY-MM-DD, default today)");
    review->add_option("--note", o.note, "A short note kept with the review");
    review->callback([&chosen, &o] {
        chosen = [&o] {
            std::string error;
            std::optional<SecretKey> key = read_secret_key(o.key_file, error);
            if (!key) return fail(error);
            PackageReview fields;
            fields.verdict = o.verdict;
            fields.reviewed = o.reviewed.empty() ? machine_local_day_today() : o.reviewed;
            fields.expires = o.expires;
            fields.note = o.note;
            if (!add_review(o.package_file, *key, fields, PackageLimits{}, error))
                return fail(error);
            std::cout << "reviewed " << o.package_file << ": " << fields.verdict << " until "
                      << fields.expires << ", by key " << key->id << "\n";
            return 0;
        };
    });

    CLI::App* verify = app.add_subcommand(
        "verify", "Check a package's signature against trusted public keys (exit 1 when it fails)");
    verify->add_option("package", o.package_file, "The package (.kpkg)")->required();
    verify->add_option("--trusted", o.trusted_files, "Trusted public key files (NAME.pub)")
        ->required();
    verify->add_option("--reviewer", o.reviewer_files,
                       "Trusted reviewers' public key files: also require an unexpired approval");
    verify->callback([&chosen, &o] {
        chosen = [&o] {
            std::optional<std::vector<PublicKey>> trusted = read_trusted(o.trusted_files);
            if (!trusted) return 2;
            std::string error;
            std::unique_ptr<Package> package =
                Package::open(o.package_file, PackageLimits{}, error);
            if (!package) return fail(error, 1);
            VerifyResult result = verify_package(*package, *trusted);
            if (!result.ok) // some problems name the package already ("FILE:name: ...")
                return fail(result.problem.rfind(o.package_file, 0) == 0
                                ? result.problem
                                : o.package_file + ": " + result.problem,
                            1);
            std::cout << o.package_file << ": ok, signed by trusted key " << result.key_id << "\n";
            if (o.reviewer_files.empty()) return 0;
            std::optional<std::vector<PublicKey>> reviewers = read_trusted(o.reviewer_files);
            if (!reviewers) return 2;
            // The venue rule itself, so the manifest's record must agree here too.
            const PackageTrust trust =
                check_package_trust(*package, {*trusted, *reviewers}, machine_local_day_today());
            if (!trust.trusted()) return fail(o.package_file + ": " + trust.problem, 1);
            std::cout << o.package_file << ": ok, approved by a trusted reviewer until "
                      << trust.approved_until << ", as its manifest's review record says\n";
            return 0;
        };
    });

    CLI::App* inspect =
        app.add_subcommand("inspect", "Show every row of a package (refused ones marked), its "
                                      "digest, signatures and manifest");
    inspect->add_option("package", o.package_file, "The package (.kpkg)")->required();
    inspect->callback([&chosen, &o] {
        chosen = [&o] {
            std::string error;
            std::vector<PackageRow> rows;
            if (!read_package_rows(o.package_file, PackageLimits{}, rows, error))
                return fail(error, 1);
            std::cout << o.package_file << "\n";
            if (int refused = print_rows(rows))
                return fail(o.package_file + ": refused: " + std::to_string(refused) +
                                " rows break the package rules (marked REFUSED above); no kiosk "
                                "loads it",
                            1);
            std::unique_ptr<Package> package =
                Package::open(o.package_file, PackageLimits{}, error);
            if (!package) return fail(error, 1);
            PackageDigest digest{};
            if (!package->digest(digest, error)) return fail(error, 1);
            std::cout << "  digest " << digest_hex(digest) << "\n  signatures\n";
            const std::vector<PackageSignature> signatures = package->signatures();
            for (const PackageSignature& signature : signatures)
                std::cout << "    key " << printable(signature.key_id) << "\n";
            if (signatures.empty()) std::cout << "    (none)\n";
            std::cout << "  reviews\n";
            const std::vector<PackageReview> reviews = package->reviews();
            for (const PackageReview& row : reviews)
                std::cout << "    key " << printable(row.key_id) << ": " << printable(row.verdict)
                          << ", reviewed " << printable(row.reviewed) << ", expires "
                          << printable(row.expires)
                          << (row.note.empty() ? "" : ", note: " + printable(row.note)) << "\n";
            if (reviews.empty()) std::cout << "    (none)\n";
            std::string manifest;
            if (package->read("manifest.lua", manifest, error))
                std::cout << "  manifest.lua\n" << manifest;
            else
                std::cout << "  no manifest.lua\n";
            return 0;
        };
    });
}

} // namespace kiosk::ctl
