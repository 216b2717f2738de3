// bench-packages: the content-package benchmark. Builds a 50 MB content library
// (signed packages of exhibits whose pictures are incompressible, as real
// photos are) in a temporary folder, then prints, each beside its target:
//  1. signature-verify throughput (open + digest + Ed25519 check, MB/s) against
//     `sha256sum` reading the same package files (target: at least 0.5 of it),
//     and the same with the verify cache warm (open + BLAKE2b of the file +
//     Ed25519 check: content/package_verify_cache.h);
//  2. cold start of `kiosk` headless with that library to its first presented
//     frame (verify + index every package; pictures are not decoded until shown;
//     target 300 ms); the kiosk keeps its data folder between runs, so after the
//     first run its verify cache is warm.
// Usage: build/bin/bench-packages [--kiosk build/bin/kiosk] [--runs 3]
#include "content/package.h"
#include "content/package_verify_cache.h"
#include "content/review_attestation.h"

#include <fcntl.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kPackages = 10;
constexpr size_t kPicturesPerPackage = 5;
constexpr size_t kPictureBytes = 1000 * 1000; // 10 x 5 x 1 MB = 50 MB

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

int run(const std::vector<std::string>& args, const std::string& quiet_to = "/dev/null") {
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (std::string& arg : copy)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, quiet_to.c_str(), O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The library: kPackages signed and reviewed exhibit packages in `work`/content.
bool make_library(const std::string& source_dir, const std::string& work, kiosk::SecretKey& key) {
    std::string error;
    fs::create_directories(work + "/content");
    key = kiosk::generate_key();
    const kiosk::SecretKey reviewer = kiosk::generate_key();
    if (!kiosk::write_public_key(work + "/trusted.pub", key.public_key(), error) ||
        !kiosk::write_public_key(work + "/reviewer.pub", reviewer.public_key(), error))
        return false;
    kiosk::PackageReview approval; // the dates of the manifest's review record below
    approval.verdict = "approved";
    approval.reviewed = "2026-01-01";
    approval.expires = "2999-01-01";
    std::vector<unsigned char> noise(kPictureBytes);
    for (int p = 0; p < kPackages; ++p) {
        const std::string id = "bench-library-" + std::to_string(p);
        const std::string folder = work + "/src/" + id;
        fs::create_directories(folder + "/images");
        fs::copy_file(source_dir + "/exhibits/pendulum-lab/thumbnail.png",
                      folder + "/thumbnail.png", fs::copy_options::overwrite_existing);
        std::ofstream(folder + "/main.lua") << "function exhibit.draw() kiosk.clear(0, 0, 0) end\n";
        std::ofstream(folder + "/manifest.lua")
            << "return { id = '" << id << "', kind = 'exhibit', version = '1.0.0',\n"
            << "  title = { zh = '基准 " << p << "', en = 'Bench " << p << "' },\n"
            << "  summary = { zh = '基准测试', en = 'Benchmark' }, thumbnail = 'thumbnail.png',\n"
            << "  authors = { 'bench' }, license = 'CC0-1.0', min_runtime = '0.1.0',\n"
            << "  review = { reviewer = 'bench', organization = 'bench', reviewed = '2026-01-01',"
            << " expires = '2999-01-01' } }\n";
        for (size_t i = 0; i < kPicturesPerPackage; ++i) {
            randombytes_buf(noise.data(), noise.size());
            std::ofstream(folder + "/images/photo-" + std::to_string(i) + ".png", std::ios::binary)
                .write(reinterpret_cast<const char*>(noise.data()), std::streamsize(noise.size()));
        }
        const std::string package = work + "/content/" + id + ".kpkg";
        if (!kiosk::write_package(folder, package, error) ||
            !kiosk::sign_package(package, key, kiosk::PackageLimits{}, error) ||
            !kiosk::add_review(package, reviewer, approval, kiosk::PackageLimits{}, error)) {
            std::fprintf(stderr, "bench-packages: %s\n", error.c_str());
            return false;
        }
    }
    return true;
}

std::vector<std::string> package_files(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir))
        files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

// Seconds to open and verify every package (with `cache`, when given).
double verify_seconds(const std::vector<std::string>& files, const kiosk::SecretKey& key,
                      kiosk::PackageVerifyCache* cache = nullptr) {
    auto start = Clock::now();
    for (const std::string& file : files) {
        std::string error;
        auto package = kiosk::Package::open(file, kiosk::PackageLimits{}, error);
        if (!package || !kiosk::verify_package_once(*package, {key.public_key()}, cache).ok) {
            std::fprintf(stderr, "bench-packages: %s did not verify\n", file.c_str());
            std::exit(1);
        }
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double sha256sum_seconds(const std::vector<std::string>& files) {
    std::vector<std::string> args = {"sha256sum"};
    args.insert(args.end(), files.begin(), files.end());
    auto start = Clock::now();
    if (run(args) != 0) {
        std::fprintf(stderr, "bench-packages: sha256sum failed\n");
        std::exit(1);
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Milliseconds from spawning `kiosk` to its first presented frame.
double cold_start_ms(const std::string& kiosk, const std::string& source_dir,
                     const std::string& work) {
    const std::string config = work + "/kiosk.lua";
    std::ifstream sample(source_dir + "/kiosk-config/county-museum.lua");
    std::string text((std::istreambuf_iterator<char>(sample)), {});
    auto replace = [&text](const std::string& from, const std::string& to) {
        size_t at = text.find(from);
        if (at != std::string::npos) text.replace(at, from.size(), to);
    };
    replace("\"../build/content\"", "\"" + work + "/content\"");
    replace("\"../build/demo-keys/demo.pub\"", "\"" + work + "/trusted.pub\"");
    replace("\"../build/demo-keys/reviewer.pub\"", "\"" + work + "/reviewer.pub\"");
    replace("\"../build/kiosk-data/county-museum\"", "\"" + work + "/data\"");
    replace("\"../content/strings.lua\"", "\"" + source_dir + "/content/strings.lua\"");
    std::ofstream(config) << text;
    const std::string stats = work + "/frame-stats.txt";
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const long long spawned_ns = (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
    if (run({kiosk, "--config", config, "--headless", "--frames", "1", "--width", "1280",
             "--height", "720", "--frame-stats", stats}) != 0) {
        std::fprintf(stderr, "bench-packages: the kiosk failed to start on the library\n");
        std::exit(1);
    }
    std::ifstream in(stats);
    std::string word;
    long long first_present_ns = 0;
    in >> word >> first_present_ns;
    return double(first_present_ns - spawned_ns) / 1e6;
}

} // namespace

int main(int argc, char** argv) {
    std::string kiosk = "build/bin/kiosk";
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--kiosk"))
            kiosk = argv[i + 1];
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    if (sodium_init() < 0) return 1;
    const std::string source_dir = fs::current_path().string();
    kiosk = fs::absolute(kiosk).string();
    const std::string work = (fs::temp_directory_path() / "kiosk-bench-packages").string();
    fs::remove_all(work);
    kiosk::SecretKey key;
    if (!make_library(source_dir, work, key)) return 1;
    const std::vector<std::string> files = package_files(work + "/content");
    double bytes = 0;
    for (const std::string& file : files)
        bytes += double(fs::file_size(file));

    kiosk::PackageVerifyCache cache(work + "/verify-cache");
    verify_seconds(files, key, &cache); // fills it
    if (std::string error; !cache.save(error)) {
        std::fprintf(stderr, "bench-packages: %s\n", error.c_str());
        return 1;
    }
    std::vector<double> ours, cached, reference, cold;
    for (int r = 0; r < runs; ++r) {
        ours.push_back(verify_seconds(files, key));
        cached.push_back(verify_seconds(files, key, &cache));
        reference.push_back(sha256sum_seconds(files));
        cold.push_back(cold_start_ms(kiosk, source_dir, work));
    }
    const double mb = bytes / 1e6, our_rate = mb / median(ours), sha_rate = mb / median(reference),
                 cached_rate = mb / median(cached);
    std::printf("content library: %d signed packages, %.1f MB, median of %d runs\n", kPackages, mb,
                runs);
    std::printf("verify (open + digest + signature): %7.0f MB/s\n", our_rate);
    std::printf("sha256sum on the same files:        %7.0f MB/s   (ratio %.2f, target >= 0.5)\n",
                sha_rate, our_rate / sha_rate);
    std::printf("verify, cache warm (file hash):     %7.0f MB/s   (%.2fx without the cache)\n",
                cached_rate, cached_rate / our_rate);
    std::printf("kiosk cold start to first frame:    %7.1f ms     (target <= 300 ms, ratio %.2f)\n",
                median(cold), median(cold) / 300);
    fs::remove_all(work);
    return 0;
}
