// The admin overlay: opened by a long press in a configured screen corner, then
// a PIN typed on an on-screen keypad (checked against the config's argon2 hash,
// with a lock-out after repeated failures). Unlocked, it shows the software
// version, config file, data folder, statistics, the last sync with the hub,
// the hub content's state, the emergency notices held and refused, and
// loaded content, and offers Exit.
#pragma once

#include "screen_context.h"

#include <string>
#include <vector>

namespace kiosk {

// The sync row: a strings-table key and details that are data.
struct AdminSyncInfo {
    std::string state_key;    // admin_sync_off | _cannot_start | _never | _ok | _failed
    std::string when;         // local "YYYY-MM-DD HH:MM" of the last attempt, or ""
    std::string last_success; // after a failure: local time of the last success, or ""
    int64_t retry_in_s = -1;  // after a failure: seconds until the next try
    std::string problem;      // why it cannot start, or the last error
};

// The hub content row (issue 17): a strings-table key and details that are
// data. No row when state_key is "" (the kiosk takes no content from a hub).
struct AdminContentInfo {
    std::string
        state_key; // admin_hub_content_none | _up_to_date | _downloading | _failed | _expired
    int64_t have = 0, need = 0; // downloading: packages present of the assigned set
    std::string reason;         // failed: the first problem
};

// The emergency notices row (issue 18): what the kiosk holds and what it
// refused, as data lines. No row when `wanted` is false (no notice key).
struct AdminNoticeInfo {
    bool wanted = false;
    std::string problem;              // why notices cannot start, or are not kept in kiosk.db
    std::vector<std::string> held;    // "ID MsgType Severity Status headline", one per notice held
    std::vector<std::string> refused; // "TIME offer source ID: reason", newest first
};

struct AdminInfo {
    std::string version;
    std::string config_file;
    std::string data_dir;
    std::string statistics_state_key;              // admin_statistics_recording | _disk_full | _off
    std::string statistics_problem;                // why nothing is recorded
    int64_t events_stored = 0, events_dropped = 0; // since start
    AdminSyncInfo sync;                            // read live, like the statistics
    AdminContentInfo hub_content;                  // read live, like the sync row
    AdminNoticeInfo notices;                       // read live, like the sync row
    std::string sound_problem;              // why there is no audio device ("" when there is one)
    std::vector<std::string> content_lines; // one line per loaded item
    std::vector<std::string> problem_lines; // content that was refused, and why
};

// The hub content row's text: "已是最新", "正在下载 3/5", "失败：signature", "快照已过期".
std::string hub_content_text(const StringsTable& strings, Language language,
                             const AdminContentInfo& content);

enum class AdminAction { None, Exit };

class AdminOverlay {
public:
    explicit AdminOverlay(std::string pin_hash) : pin_hash_(std::move(pin_hash)) {}

    void open_pin_pad();
    void close();
    bool visible() const { return stage_ != Stage::Closed; }
    bool unlocked() const { return stage_ == Stage::Unlocked; }

    AdminAction draw(ScreenContext& context, const AdminInfo& info);

private:
    enum class Stage { Closed, Pin, Unlocked };
    void draw_pin_pad(ScreenContext& context);
    AdminAction draw_info(ScreenContext& context, const AdminInfo& info);
    void submit_pin(double now_s);

    std::string pin_hash_;
    Stage stage_ = Stage::Closed;
    std::string typed_;
    bool last_attempt_wrong_ = false;
    int failures_ = 0;
    double locked_until_s_ = 0;
};

} // namespace kiosk
