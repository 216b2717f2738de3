// Test helper for engine/script: an exhibit folder written from a main.lua
// string, and an ExhibitHost started on it with small limits (so runaway cases
// end quickly) and no renderer (these tests never draw images).
#pragma once

#include "../core/temp_folder.h"
#include "script/exhibit_host.h"

#include <memory>
#include <string>

namespace kiosk::test {

inline SandboxLimits small_limits() {
    SandboxLimits limits;
    limits.memory_bytes = size_t(16) << 20;
    limits.time_budget_s = 0.025;
    return limits;
}

struct ScriptedExhibit {
    TempFolder folder;
    std::unique_ptr<ExhibitHost> host;

    explicit ScriptedExhibit(const std::string& main_lua, SandboxLimits limits = small_limits()) {
        folder.write("main.lua", main_lua);
        host = std::make_unique<ExhibitHost>(
            ExhibitSource{"scripted", std::make_shared<FolderSource>(folder.path().string()),
                          "main.lua"},
            limits, 7, nullptr);
        host->start(Language::Zh);
    }
    // Runs `frames` update calls of 1/60 s (stops early once failed).
    void update(int frames = 1) {
        for (int i = 0; i < frames && !host->failed(); ++i)
            host->update(1.0 / 60);
    }
};

} // namespace kiosk::test
