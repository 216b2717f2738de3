// Test helpers for emergency notices on a headless kiosk (issue 18): a hub
// notice key and a USB import folder whose notices.json a test rewrites
// (the kiosk's poller reads it on its own thread), notices built with sane
// defaults, the sample config trusting the key, and stepping the app until
// something shows (a liveness deadline, never a sleep).
#pragma once

#include "app_test_support.h"
#include "sync/notice_test_support.h"

#include <functional>
#include <string>
#include <vector>

namespace kiosk::test {

constexpr int64_t kNoticeNow = 1795829400000; // 2026-11-28T01:30:00Z, the headless clock's start

struct NoticeKit {
    TempFolder folder;
    SecretKey key = generate_key();
    std::string usb = folder.file("usb");
    int64_t version = 0;

    NoticeKit();
    // sample_notice() (an Alert for the kiosk's venue, in force at
    // kNoticeNow) linking the earthquake drill, the emergency-safety quiz
    // pack and an id the catalog does not have.
    sync::Notice alert(const std::string& identifier, sync::NoticeSeverity severity,
                       sync::NoticeStatus status = sync::NoticeStatus::Actual) const;
    sync::SignedDocument sign(const sync::Notice& notice) const;
    // Writes usb/notices.json holding `notices` (a new feed version each time).
    void publish(const std::vector<sync::SignedDocument>& notices);
    // The sample county museum config trusting this key, importing from usb,
    // idling after 10 s.
    KioskConfig config(const std::string& data_name) const;
};

// Steps `app` a frame at a time until `done` (true) or 60 s of real time (false).
bool step_until(KioskApp& app, const std::function<bool()>& done);

} // namespace kiosk::test
