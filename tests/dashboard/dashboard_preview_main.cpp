// dashboard-preview: writes the dashboard pages rendered from the sample data
// (zh and en, a province administrator's and a venue manager's view, an empty
// range, kiosks in each content state, the sign-in page) into a folder, for a browser or headless
// Chromium:
//   dashboard-preview /tmp/dash
//   chromium --headless --no-sandbox --disable-gpu --window-size=1400,2200
//            --screenshot=/tmp/dash/zh.png file:///tmp/dash/zh.html
#include "sample_dashboard.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace kiosk;
using namespace kiosk::dashboard;

namespace {

bool write_page(const std::filesystem::path& path, const std::string& html) {
    std::ofstream file(path, std::ios::binary);
    file << html;
    file.close();
    if (!file) {
        std::fprintf(stderr, "dashboard-preview: cannot write %s\n", path.c_str());
        return false;
    }
    std::printf("%s\n", path.c_str());
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: dashboard-preview FOLDER\n");
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    bool ok = true;
    ok &= write_page(folder / "zh.html", render_dashboard_page(sample_dashboard(Language::Zh)));
    ok &= write_page(folder / "en.html", render_dashboard_page(sample_dashboard(Language::En)));
    ok &= write_page(folder / "manager-zh.html",
                     render_dashboard_page(sample_manager_dashboard(Language::Zh)));
    ok &= write_page(folder / "manager-en.html",
                     render_dashboard_page(sample_manager_dashboard(Language::En)));
    ok &= write_page(folder / "content-zh.html",
                     render_dashboard_page(sample_content_dashboard(Language::Zh)));
    ok &= write_page(folder / "content-en.html",
                     render_dashboard_page(sample_content_dashboard(Language::En)));
    ok &= write_page(folder / "empty-zh.html",
                     render_dashboard_page(sample_empty_dashboard(Language::Zh)));
    ok &= write_page(folder / "login-zh.html",
                     render_login_page(Language::Zh, "用户名或密码不正确。", "sample-csrf"));
    ok &= write_page(folder / "login-en.html", render_login_page(Language::En, "", "sample-csrf"));
    return ok ? 0 : 1;
}
