// NoticeKit and the stepping helper (see notice_test_support.h).
#include "notice_test_support.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <chrono>
#include <filesystem>

namespace kiosk::test {

NoticeKit::NoticeKit() {
    REQUIRE(sodium_init() >= 0);
    std::filesystem::create_directories(usb);
    std::string error;
    REQUIRE(write_public_key(folder.file("notice.pub"), key.public_key(), error));
}

sync::Notice NoticeKit::alert(const std::string& identifier, sync::NoticeSeverity severity,
                              sync::NoticeStatus status) const {
    sync::Notice notice = sample_notice(identifier, severity);
    notice.status = status;
    notice.content_ids = {"earthquake-drill", "emergency-safety", "flood-escape"};
    return notice;
}

sync::SignedDocument NoticeKit::sign(const sync::Notice& notice) const {
    return signed_notice(notice, key);
}

void NoticeKit::publish(const std::vector<sync::SignedDocument>& notices) {
    sync::NoticeFeed feed;
    feed.version = ++version;
    feed.notices = notices;
    // Written aside and renamed: the poller never reads half a file.
    write_text(usb + "/notices.json.tmp", sync::to_json(feed));
    std::filesystem::rename(usb + "/notices.json.tmp", usb + "/notices.json");
}

KioskConfig NoticeKit::config(const std::string& data_name) const {
    KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", data_name);
    config.venue.id = kNoticeVenue;
    config.trusted_notice_keys = {folder.file("notice.pub")};
    config.content_import_dirs = {usb};
    config.idle_timeout_s = 10;
    return config;
}

bool step_until(KioskApp& app, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        run_frames(app, 1);
    }
    return true;
}

} // namespace kiosk::test
