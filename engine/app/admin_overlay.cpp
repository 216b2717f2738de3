// AdminOverlay implementation. Five wrong PINs lock the keypad for a minute.
#include "admin_overlay.h"

#include <sodium.h>

#include <algorithm>

namespace kiosk {
namespace {

constexpr int kMaxPinDigits = 12;
constexpr int kFailuresBeforeLock = 5;
constexpr double kLockSeconds = 60;

void begin_modal(Ui& ui, const char* id) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ui.screen_size());
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleVar();
    ImGui::SetWindowFocus();
    ui.draw_list().AddRectFilled(ImVec2(0, 0), ui.screen_size(), theme::kShade);
    // Swallows taps outside the panel so nothing underneath reacts.
    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    ImGui::InvisibleButton("##shade", ui.screen_size());
    ImGui::SetItemAllowOverlap();
}

} // namespace

void AdminOverlay::open_pin_pad() {
    if (stage_ != Stage::Closed) return;
    stage_ = Stage::Pin;
    typed_.clear();
    last_attempt_wrong_ = false;
}

void AdminOverlay::close() {
    stage_ = Stage::Closed;
    sodium_memzero(typed_.data(), typed_.size());
    typed_.clear();
}

void AdminOverlay::submit_pin(double now_s) {
    bool correct = !typed_.empty() &&
                   crypto_pwhash_str_verify(pin_hash_.c_str(), typed_.data(), typed_.size()) == 0;
    sodium_memzero(typed_.data(), typed_.size());
    typed_.clear();
    if (correct) {
        stage_ = Stage::Unlocked;
        failures_ = 0;
        return;
    }
    last_attempt_wrong_ = true;
    if (++failures_ >= kFailuresBeforeLock) {
        failures_ = 0;
        locked_until_s_ = now_s + kLockSeconds;
    }
}

AdminAction AdminOverlay::draw(ScreenContext& context, const AdminInfo& info) {
    if (stage_ == Stage::Closed) return AdminAction::None;
    begin_modal(context.ui, "##admin");
    AdminAction action = AdminAction::None;
    if (stage_ == Stage::Pin)
        draw_pin_pad(context);
    else
        action = draw_info(context, info);
    ImGui::End();
    return action;
}

void AdminOverlay::draw_pin_pad(ScreenContext& context) {
    Ui& ui = context.ui;
    const ImVec2 panel_min(600, 70), panel_max(1320, 1010);
    ui.rect(panel_min, panel_max, theme::kCard, 32);
    const float center = (panel_min.x + panel_max.x) / 2;
    ui.text(FontRole::Button, ImVec2(center, 110), theme::kInk, context.text("admin_enter_pin"),
            Align::Center);

    bool locked = context.time_s < locked_until_s_;
    for (int i = 0; i < kMaxPinDigits && i < int(typed_.size()) + 4; ++i) {
        ImVec2 dot = ui.to_screen(ImVec2(center + (float(i) - 5.5f) * 44, 200));
        if (i < int(typed_.size()))
            ui.draw_list().AddCircleFilled(dot, ui.px(12), theme::kInk);
        else
            ui.draw_list().AddCircle(dot, ui.px(12), theme::kInkSoft, 0, ui.px(2));
    }
    if (locked)
        ui.text(FontRole::Body, ImVec2(center, 232), theme::kDanger, context.text("admin_locked"),
                Align::Center);
    else if (last_attempt_wrong_)
        ui.text(FontRole::Body, ImVec2(center, 232), theme::kDanger,
                context.text("admin_wrong_pin"), Align::Center);

    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"};
    const float key_w = 190, key_h = 118, gap = 22;
    const float left = center - (3 * key_w + 2 * gap) / 2;
    ButtonStyle digit_style;
    digit_style.fill = theme::kKey;
    digit_style.fill_pressed = theme::kKeyPressed;
    digit_style.font = FontRole::Title;
    ButtonStyle command_style;
    command_style.font = FontRole::Button;
    for (int i = 0; i < 12; ++i) {
        ImVec2 min(left + float(i % 3) * (key_w + gap), 300 + float(i / 3) * (key_h + gap));
        std::string key = keys[i];
        std::string id = "##pin_" + key;
        bool is_digit = key != "del" && key != "ok";
        const std::string& label = is_digit       ? key
                                   : key == "del" ? context.text("admin_delete")
                                                  : context.text("admin_ok");
        if (!ui.button(id.c_str(), min, ImVec2(key_w, key_h), label,
                       is_digit ? digit_style : command_style) ||
            locked)
            continue;
        if (is_digit && int(typed_.size()) < kMaxPinDigits) typed_ += key;
        if (key == "del" && !typed_.empty()) typed_.pop_back();
        if (key == "ok") submit_pin(context.time_s);
    }
    ButtonStyle cancel_style;
    cancel_style.fill = theme::kKey;
    cancel_style.fill_pressed = theme::kKeyPressed;
    if (ui.button("##pin_cancel", ImVec2(center - 200, 880), ImVec2(400, 100),
                  context.text("admin_cancel"), cancel_style))
        close();
}

namespace {

// "Last sync failed  2026-11-28 09:30  next try in 40 s  (last success ...)\nERROR".
std::string sync_text(ScreenContext& context, const AdminSyncInfo& sync) {
    std::string text = context.text(sync.state_key);
    if (!sync.when.empty()) text += "  " + sync.when;
    if (sync.retry_in_s >= 0)
        text += "  " + fill_in(context.text("admin_sync_retry"), {{"s", sync.retry_in_s}});
    if (!sync.last_success.empty())
        text += "  (" + context.text("admin_sync_last_success") + " " + sync.last_success + ")";
    if (!sync.problem.empty()) text += "\n" + sync.problem;
    return text;
}

// "2 held: ID Severe Actual 标题 …  Refused 1: TIME forged hub ID: reason".
std::string notices_text(ScreenContext& context, const AdminNoticeInfo& notices) {
    constexpr size_t kShownLines = 2; // the kiosk log has them all
    std::string text =
        fill_in(context.text("admin_notices_held"), {{"n", int64_t(notices.held.size())}});
    for (size_t i = 0; i < notices.held.size() && i < kShownLines; ++i)
        text += "\n" + notices.held[i];
    if (!notices.refused.empty()) {
        text += "\n" + fill_in(context.text("admin_notices_refused"),
                               {{"n", int64_t(notices.refused.size())}});
        for (size_t i = 0; i < notices.refused.size() && i < kShownLines; ++i)
            text += "\n" + notices.refused[i];
    }
    if (!notices.problem.empty()) text += "\n" + notices.problem;
    return text;
}

} // namespace

std::string hub_content_text(const StringsTable& strings, Language language,
                             const AdminContentInfo& content) {
    std::string text = strings.get(content.state_key, language);
    text = fill_in(std::move(text), {{"have", content.have}, {"need", content.need}});
    return fill_in(std::move(text), {{"reason", std::string_view(content.reason)}});
}

AdminAction AdminOverlay::draw_info(ScreenContext& context, const AdminInfo& info) {
    Ui& ui = context.ui;
    const ImVec2 panel_min(260, 90), panel_max(1660, 990);
    ui.rect(panel_min, panel_max, theme::kCard, 32);
    ui.text(FontRole::Title, ImVec2(320, 130), theme::kInk, context.text("admin_title"));

    const float label_x = 320, value_x = 640, wrap = 960;
    float y = 250;
    const auto row = [&](std::string_view label_key, const std::string& value) {
        ui.text(FontRole::Body, ImVec2(label_x, y), theme::kInkSoft, context.text(label_key));
        y += std::max(50.0f, ui.text(FontRole::Body, ImVec2(value_x, y), theme::kInk, value,
                                     Align::Left, wrap)
                                 .y) +
             14;
    };
    row("admin_version", info.version);
    row("admin_config_file", info.config_file);
    row("admin_data_dir", info.data_dir);
    if (!info.statistics_state_key.empty())
        row("admin_statistics",
            context.text(info.statistics_state_key) + "  " +
                (info.statistics_problem.empty()
                     ? fill_in(context.text("admin_statistics_counts"),
                               {{"stored", info.events_stored}, {"dropped", info.events_dropped}})
                     : info.statistics_problem));
    if (!info.sync.state_key.empty()) row("admin_sync", sync_text(context, info.sync));
    if (!info.hub_content.state_key.empty())
        row("admin_hub_content",
            hub_content_text(context.strings, context.language, info.hub_content));
    if (info.notices.wanted) row("admin_notices", notices_text(context, info.notices));
    if (!info.sound_problem.empty())
        row("admin_sound", context.text("admin_sound_no_device") + "  " + info.sound_problem);
    std::string content;
    for (const std::string& line : info.content_lines)
        content += line + "\n";
    row("admin_content", content.empty() ? "-" : content);
    if (!info.problem_lines.empty()) {
        // The panel has room for a few; the kiosk log has them all.
        constexpr size_t kShownProblems = 3;
        std::string problems;
        for (size_t i = 0; i < info.problem_lines.size() && i < kShownProblems; ++i)
            problems += info.problem_lines[i] + "\n";
        if (info.problem_lines.size() > kShownProblems)
            problems += "… +" + std::to_string(info.problem_lines.size() - kShownProblems);
        ImGui::PushClipRect(ui.to_screen(ImVec2(label_x, y)), ui.to_screen(ImVec2(1620, 830)),
                            true);
        ui.text(FontRole::Body, ImVec2(label_x, y), theme::kDanger, problems, Align::Left, 1280);
        ImGui::PopClipRect();
    }

    AdminAction action = AdminAction::None;
    ButtonStyle exit_style;
    exit_style.fill = theme::kDanger;
    exit_style.fill_pressed = theme::kDangerPressed;
    exit_style.ink = theme::kOnDark;
    if (ui.button("##admin_exit", ImVec2(320, 850), ImVec2(420, 100), context.text("admin_exit"),
                  exit_style))
        action = AdminAction::Exit;
    if (ui.button("##admin_close", ImVec2(1180, 850), ImVec2(420, 100),
                  context.text("admin_close")))
        close();
    return action;
}

} // namespace kiosk
