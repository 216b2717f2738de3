// Where the content updater gets a signed snapshot and package bytes: the hub
// over the transport (GET /api/v1/content/snapshot, package files resumed with
// HTTP Range), or a folder such as a mounted USB stick (snapshot.json in the
// route's envelope, ID-VERSION.kpkg files). A source is only a supplier: the
// updater applies exactly the same checks to whatever it gives (signature,
// rollback, SHA-256, publisher, reviewer), so a stick is trusted no more than
// the network. Every read is bounded by the snapshot's sizes.
#pragma once

#include "content_files.h"
#include "content_snapshot.h"
#include "sync_transport.h"

#include <optional>
#include <string>

namespace kiosk::sync {

constexpr const char* kImportSnapshotName = "snapshot.json";

class ContentSource {
public:
    virtual ~ContentSource() = default;
    // "hub https://..." or "folder /media/usb", for messages and last_import.
    virtual std::string describe() const = 0;
    // The signed snapshot; nullopt with `absent` when the source has none (a
    // 404, a folder without snapshot.json), or with `error` when it failed.
    virtual std::optional<SignedSnapshot> snapshot(bool& absent, std::string& error) = 0;
    // Brings `part` to package.size bytes (continuing from part.size() where
    // the source can). False with `error` ("download: ...") otherwise; what
    // arrived stays in the part file for the next try.
    virtual bool fill(const SnapshotPackage& package, PartFile& part, std::string& error) = 0;
    // Whether failed packages wait for their backoff before the next try
    // (the hub); a folder is read whenever it is looked at.
    virtual bool waits_for_backoff() const { return true; }
};

class HubContentSource final : public ContentSource {
public:
    explicit HubContentSource(SyncTransport& transport) : transport_(transport) {}
    std::string describe() const override { return "hub " + transport_.describe(); }
    std::optional<SignedSnapshot> snapshot(bool& absent, std::string& error) override;
    bool fill(const SnapshotPackage& package, PartFile& part, std::string& error) override;

private:
    SyncTransport& transport_;
};

// Reads `name` inside an import `folder` (a USB stick): never through a
// symbolic link, a regular file only, at most `max_bytes`. nullopt with
// `error` (and `absent` when there is no such file). `stamp`, when given,
// gets "size:mtime" so a caller can tell a changed file.
std::optional<std::string> read_import_file(const std::string& folder, const std::string& name,
                                            int64_t max_bytes, bool& absent, std::string& error,
                                            std::string* stamp = nullptr);

class FolderContentSource final : public ContentSource {
public:
    explicit FolderContentSource(std::string folder) : folder_(std::move(folder)) {}
    std::string describe() const override { return "folder " + folder_; }
    std::optional<SignedSnapshot> snapshot(bool& absent, std::string& error) override;
    bool fill(const SnapshotPackage& package, PartFile& part, std::string& error) override;
    bool waits_for_backoff() const override { return false; }
    const std::string& folder() const { return folder_; }

private:
    std::string folder_;
};

} // namespace kiosk::sync
