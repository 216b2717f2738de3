// What the fuzz targets of tests/fuzz share: a private temp folder per process
// (the only place a target writes), the fuzz signing key, an in-memory file
// source, and the way a target reports a broken invariant. Each target file
// defines LLVMFuzzerTestOneInput; it is linked either with libFuzzer (the
// build-fuzz tree, scripts/fuzz.sh) or with replay_main.cpp, which runs the
// seed corpus and the regression inputs once under CTest.
//
// The fuzz key is derived from a fixed, public seed: anyone can sign with it,
// so it is trusted by the fuzz targets and the corpus maker only, never by a
// kiosk or a hub.
#pragma once

#include "core/file_source.h"
#include "core/signing_keys.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::fuzz {

// The day every target takes as "today", so a run does not depend on the date.
constexpr const char* kFuzzToday = "2026-11-28";

// This process's own folder under the system temp dir, made on first use and
// removed (with everything in it) when the process exits normally.
const std::string& temp_dir();

// Writes `size` bytes to temp_dir()/`name` (replacing it) and returns the path.
std::string write_temp_file(const std::string& name, const uint8_t* data, size_t size);

// The fuzz key pair (see the top of this file); also runs sodium_init().
const SecretKey& fuzz_secret_key();
const PublicKey& fuzz_public_key();

// A folder or package stand-in: named files held in memory.
class MemorySource : public FileSource {
public:
    explicit MemorySource(std::map<std::string, std::string> files, std::string label = "memory")
        : files_(std::move(files)), label_(std::move(label)) {}
    bool read(const std::string& name, std::string& bytes, std::string& error) const override;
    std::vector<std::string> list() const override;
    std::string describe(const std::string& name) const override { return label_ + ":" + name; }
    bool exists(const std::string& name) const override { return files_.count(name) != 0; }

private:
    std::map<std::string, std::string> files_;
    std::string label_;
};

// A broken invariant: prints "fuzz invariant broken: what: detail" and aborts,
// which libFuzzer and the replay runner both report as a crash.
[[noreturn]] void broken(std::string_view what, std::string_view detail = "");

} // namespace kiosk::fuzz
