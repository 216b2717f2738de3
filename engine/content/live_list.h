// The live list (content_dir/live.json): which hub-delivered packages a kiosk
// shows right now, in home-screen order. The content updater (engine/sync)
// writes it to a temporary file, fsyncs and renames it over the old one once
// every package of a new snapshot is downloaded and verified, so a power cut
// leaves the old list or the new one, never a mix; the content scanner
// (exhibit_catalog) reads only the packages it names from content_dir/hub/
// (plus any *.kpkg copied by hand into content_dir itself, as before).
//
//   {"format":"kiosk-live-v1","snapshot_version":17,
//    "packages":[{"id":"pendulum-lab","version":"1.3.0",
//                 "file":"pendulum-lab-1.3.0.kpkg","sha256":"<64 hex>"}]}
//
// `file` is a plain name inside content_dir/hub/ (no '/', no leading '.').
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

constexpr const char* kLiveListName = "live.json";   // in content_dir
constexpr const char* kHubPackagesFolder = "hub";    // content_dir/hub/
constexpr size_t kMaxLivePackages = 200;

struct LivePackage {
    std::string id, version;
    std::string file;   // name inside content_dir/hub/
    std::string sha256; // 64 lowercase hex digits
};

struct LiveList {
    int64_t snapshot_version = 0;
    std::vector<LivePackage> packages; // home-screen order
};

// nullopt and `error` (naming the file and the field) when the file is
// malformed; an absent file is an empty list with version 0 and no error.
std::optional<LiveList> read_live_list(const std::string& content_dir, std::string& error);

// Writes content_dir/live.json by temporary file, fsync and rename (owner-only,
// never through a symbolic link). False and `error` when it cannot.
bool write_live_list(const std::string& content_dir, const LiveList& list, std::string& error);

} // namespace kiosk
